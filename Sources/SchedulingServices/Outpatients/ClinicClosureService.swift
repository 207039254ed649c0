import Foundation
import SchedulingDomain

extension ClosedDays {
    /// Bank holidays and the trust's closure days as stored.
    static func current(in session: any StoreSession) async throws -> ClosedDays {
        ClosedDays(trustClosures: Dictionary(try await session.closures.all().map { ($0.date, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }
}

extension StoreSession {
    /// Why clinics are closed on `date` (a bank holiday's or the trust's closure's name), or nil
    /// when they are open: one indexed lookup, for the booking path.
    func closedReason(on date: LocalDate) async throws -> String? {
        if let holiday = BankHolidays.name(on: date) { return holiday }
        return try await closures.find(date: date)?.name
    }

    /// Free slots from `first` through `last` on the days clinics are open: a free slot left on a
    /// bank holiday or a closure day (generated before the day was closed) is never offered,
    /// allocated or used for rebooking.
    func openFreeSlots(from first: LocalDate, through last: LocalDate, specialtyID: Specialty.ID?) async throws -> [Slot] {
        let closed = try await ClosedDays.current(in: self)
        return try await clinics.slots(from: first, through: last, specialtyID: specialtyID, status: .free).filter { !closed.isClosed($0.date) }
    }
}

/// A closure day as it arrives from JSON or a form.
public struct ClinicClosureInput: Codable, Sendable, Equatable {
    /// The day (YYYY-MM-DD), today or later.
    public var date: String?
    /// What it is ("Staff training day"), 1–100 characters.
    public var name: String?
    /// false (the default): preview what closing the day cancels; true: close it.
    public var commit: Bool?
    /// Rebook the patients booked that day (as a session cancellation does); absent: they go back on their lists.
    public var rebook: RebookingInput?

    /// Creates input.
    public init(date: String? = nil, name: String? = nil, commit: Bool? = nil, rebook: RebookingInput? = nil) {
        self.date = date
        self.name = name
        self.commit = commit
        self.rebook = rebook
    }
}

/// A day clinics are closed, as listed.
public struct ClosedDay: Codable, Sendable, Equatable {
    /// Whose closure it is.
    public enum Kind: String, Codable, Sendable {
        case bankHoliday = "bank-holiday"
        case trust
    }

    public var date: LocalDate
    public var name: String
    public var kind: Kind
}

/// What closing a day does or did.
public struct ClinicClosureOutcome: Codable, Sendable, Equatable {
    /// The day.
    public var date: LocalDate
    /// Its name.
    public var name: String
    /// Whether the day was closed (false: a preview).
    public var committed: Bool
    /// The sessions that day, cancelled or to be cancelled, and the bookings they displace.
    public var cancellation: SessionCancellation
}

/// The days outpatient clinics are closed (OP-02): the bank holidays of England and Wales and the
/// trust's own closure days. Closing a day cancels its sessions through the session-cancellation
/// flow (preview first; the booked patients are cancelled with letters, or rebooked), in the same
/// transaction that stores the day; slots are never generated, offered or allocated on a closed day.
public struct ClinicClosureService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Bank holidays and closure days from `first` through `last`, by date.
    public func closedDays(from first: LocalDate, through last: LocalDate, by caller: Caller) async throws -> [ClosedDay] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read clinic closures")
        guard first <= last, first.days(until: last) <= 3 * 366 else {
            throw ServiceError.invalid([.init(path: "to", code: "range.length", message: "The last day must be on or after the first, at most three years on.")])
        }
        let closures = try await env.store.read { try await $0.closures.all() }.filter { $0.date >= first && $0.date <= last }
        var days = closures.map { ClosedDay(date: $0.date, name: $0.name, kind: .trust) }
        for year in first.year...last.year {
            days += BankHolidays.holidays(in: year).filter { $0.date >= first && $0.date <= last }.map { ClosedDay(date: $0.date, name: $0.name, kind: .bankHoliday) }
        }
        return days.sorted { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
    }

    /// Previews or closes a day: every session that day is cancelled as a session cancellation
    /// for "clinic cancelled" would, and the day is stored so that no slot is generated on it again.
    public func close(_ input: ClinicClosureInput, by caller: Caller) async throws -> ClinicClosureOutcome {
        try caller.require(anyOf: Role.clinicEditors, to: "close clinics")
        var c = ValidationCollector()
        let date = c.requireDate(input.date, at: "date")
        let name = c.requireText(input.name, at: "name", maxLength: 100)
        let today = env.today
        if let date, date < today { c.add("date", "date.past", "The day must be today or later.") }
        guard let date, let name, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        if let holiday = BankHolidays.name(on: date) {
            throw ServiceError.conflict(code: "closure.bankHoliday", message: "\(LetterText.long(date)) is a bank holiday (\(holiday)); clinics are already closed.")
        }
        let commit = input.commit ?? false, now = env.clock.now()
        let (clinicians, existing) = try await env.store.read { session in
            let slots = try await session.clinics.slots(from: date, through: date, specialtyID: nil, status: nil).filter { $0.status != .cancelled }
            return (Set(slots.map(\.clinicianID.rawValue)).sorted(), try await session.closures.find(date: date))
        }
        if let existing {
            throw ServiceError.conflict(code: "closure.exists", message: "\(LetterText.long(date)) is already closed (\(existing.name)).")
        }
        let store: @Sendable (any StoreSession) async throws -> Void = { session in
            try await session.closures.insert(ClinicClosure(date: date, name: name, createdBy: caller.principal.actorID, createdAt: now))
            try await AuditTrail.record(.init(action: "clinics.close", entityType: "closure", entityID: date.iso, detail: "sessions-cancelled=\(!clinicians.isEmpty)"),
                                        by: caller, at: now, in: session)
        }
        let cancellation: SessionCancellation
        do {
            if clinicians.isEmpty {
                if commit { try await env.store.write(store) }
                cancellation = SessionCancellation(committed: commit, slotsCancelled: 0, affected: [], shortfall: 0, rebooking: nil)
            } else {
                cancellation = try await SessionCancellationService(env).cancel(
                    .init(clinicianIDs: clinicians, from: date.iso, through: date.iso, reason: Appointment.CancellationReason.clinicCancelled.rawValue,
                          commit: commit, rebook: input.rebook),
                    by: caller, alsoOnCommit: store)
            }
        } catch StoreError.uniqueViolation(let constraint) where constraint.hasPrefix("clinic_closures") {
            throw ServiceError.conflict(code: "closure.exists", message: "\(LetterText.long(date)) is already closed.")
        }
        return ClinicClosureOutcome(date: date, name: name, committed: commit, cancellation: cancellation)
    }

    /// Reopens a closed day (not a bank holiday). Sessions cancelled when it closed stay
    /// cancelled; generating slots adds none on it either (their ids are taken): add short-notice
    /// sessions to open clinics that day.
    public func reopen(_ dateText: String, by caller: Caller) async throws {
        try caller.require(anyOf: Role.clinicEditors, to: "reopen clinics")
        guard let date = LocalDate(iso: dateText) else {
            throw ServiceError.invalid([.init(path: "date", code: "field.date", message: "The day must be a date, YYYY-MM-DD.")])
        }
        let now = env.clock.now()
        try await env.store.write { session in
            guard try await session.closures.delete(date: date) else { throw ServiceError.notFound(entity: "Closure day", id: date.iso) }
            try await AuditTrail.record(.init(action: "clinics.reopen", entityType: "closure", entityID: date.iso), by: caller, at: now, in: session)
        }
    }
}
