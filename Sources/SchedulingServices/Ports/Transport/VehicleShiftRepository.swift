import Foundation
import SchedulingDomain

/// Stores vehicle shifts: a vehicle with its crew for a day (PT-02).
public protocol VehicleShiftRepository: Sendable {
    /// Adds a shift.
    func insert(_ shift: VehicleShift) async throws
    /// The shifts of a day, by start then id.
    func shifts(on date: LocalDate) async throws -> [VehicleShift]
}
