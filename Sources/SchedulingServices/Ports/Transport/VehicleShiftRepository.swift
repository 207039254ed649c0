import Foundation
import SchedulingDomain

/// Stores vehicle shifts: a vehicle with its crew for a day (PT-02).
public protocol VehicleShiftRepository: Sendable {
    /// Adds a shift.
    func insert(_ shift: VehicleShift) async throws
    /// Changes a shift's hours and break to `shift`'s (the rest of it stays as it was).
    func updateHours(_ shift: VehicleShift) async throws
    /// The shift with this id.
    func find(id: VehicleShift.ID) async throws -> VehicleShift?
    /// The shifts of a day, by start then id.
    func shifts(on date: LocalDate) async throws -> [VehicleShift]
    /// Names the crew members (user accounts) who work a shift, replacing any named before.
    func setCrew(_ members: [UserAccount.ID], of shift: VehicleShift.ID) async throws
    /// The crew members of a shift, by id.
    func crew(of shift: VehicleShift.ID) async throws -> [UserAccount.ID]
    /// The crew members of every shift of a day that names them, each by id.
    func crews(on date: LocalDate) async throws -> [VehicleShift.ID: [UserAccount.ID]]
    /// The shifts a crew member works on a day, by start then id.
    func shifts(crewMember: UserAccount.ID, on date: LocalDate) async throws -> [VehicleShift]
}
