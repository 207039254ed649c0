import Foundation
import SchedulingDomain

/// A day the trust closes its outpatient clinics (besides bank holidays).
public struct ClinicClosure: Codable, Sendable, Equatable {
    /// The day.
    public var date: LocalDate
    /// What it is ("Staff training day").
    public var name: String
    /// Who added it.
    public var createdBy: String
    /// When.
    public var createdAt: Date

    /// Creates a closure.
    public init(date: LocalDate, name: String, createdBy: String, createdAt: Date) {
        self.date = date
        self.name = name
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// Stores the trust's clinic closure days.
public protocol ClinicClosureRepository: Sendable {
    /// Adds a closure; throws ``StoreError/uniqueViolation(constraint:)`` (`clinic_closures.date`) for a day already closed.
    func insert(_ closure: ClinicClosure) async throws
    /// Removes the closure on `date`; whether there was one.
    func delete(date: LocalDate) async throws -> Bool
    /// Every closure, by date.
    func all() async throws -> [ClinicClosure]
    /// The closure on `date`, if the trust closed it.
    func find(date: LocalDate) async throws -> ClinicClosure?
}
