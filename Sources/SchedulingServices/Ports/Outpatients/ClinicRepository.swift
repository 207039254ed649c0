import Foundation
import SchedulingDomain

/// Stores clinic templates and slots.
public protocol ClinicRepository: Sendable {
    /// Adds a template; throws ``StoreError/foreignKeyViolation`` for an unknown clinician, specialty or location.
    func insert(_ template: ClinicTemplate) async throws
    /// All templates, in id order.
    func templates() async throws -> [ClinicTemplate]
    /// One template.
    func template(id: ClinicTemplate.ID) async throws -> ClinicTemplate?
    /// Replaces a template's slots and end date.
    func update(_ template: ClinicTemplate) async throws
    /// Adds the slots not stored yet (by id); a slot clashing with another of the same clinician
    /// at the same start throws ``StoreError/uniqueViolation(constraint:)`` (`slots.clinician_id, slots.date, slots.start_minute`).
    /// Returns how many were added.
    func insertNew(_ slots: [Slot]) async throws -> Int
    /// Slots from `first` through `last`, optionally of one specialty and status, by date, start, clinician.
    func slots(from first: LocalDate, through last: LocalDate, specialtyID: Specialty.ID?, status: Slot.Status?) async throws -> [Slot]
    /// The slot with this id.
    func slot(id: Slot.ID) async throws -> Slot?
    /// Sets a slot's status.
    func setStatus(_ status: Slot.Status, slotID: Slot.ID) async throws
}
