import Foundation
import SchedulingDomain

/// An offer of dates as it arrives from JSON or a form.
public struct OfferRecordInput: Codable, Sendable, Equatable {
    /// The slots offered: two or more free slots suiting the referral.
    public var slotIDs: [String]?
    /// `phone` (default), `letter`, `online` or `in-person`.
    public var channel: String?

    /// Creates input.
    public init(slotIDs: [String]? = nil, channel: String? = nil) {
        self.slotIDs = slotIDs
        self.channel = channel
    }
}

/// Offers of dates and the patients' answers (OP-04): recorded so that a declined reasonable
/// offer (two dates, three weeks' notice) can be told from an unreasonable one.
public struct OfferService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Records the dates offered for an open referral; audited.
    public func record(referralID: Referral.ID, _ input: OfferRecordInput, by caller: Caller) async throws -> OfferRecord {
        try caller.require(anyOf: Role.patientEditors, to: "record offers")
        var c = ValidationCollector()
        let ids = (input.slotIDs ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if ids.count < 2 { c.add("slotIDs", "offer.dates", "An offer names at least two slots.") }
        if ids.count > 10 { c.add("slotIDs", "offer.dates", "An offer names at most ten slots.") }
        if Set(ids).count != ids.count { c.add("slotIDs", "offer.duplicate", "Each slot is offered once.") }
        let channel = c.requireChoice(input.channel ?? "phone", OfferRecord.Channel.self, at: "channel")
        guard let channel, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let today = env.today, now = env.clock.now(), id = OfferRecord.ID(env.ids.make(prefix: "off"))
        return try await env.store.write { session in
            guard let referral = try await session.referrals.find(id: referralID) else { throw ServiceError.notFound(entity: "Referral", id: referralID.rawValue) }
            guard referral.status == .open else {
                throw ServiceError.conflict(code: "referral.notOpen", message: "referral \(referralID) is \(referral.status.rawValue), not open.")
            }
            var slots: [Slot] = []
            var issues: [ValidationIssue] = []
            for (k, slotID) in ids.enumerated() {
                guard let slot = try await session.clinics.slot(id: .init(slotID)) else {
                    issues.append(.init(path: "slotIDs[\(k)]", code: "slot.unknown", message: "Slot \(k + 1) of the offer is not a slot.")); continue
                }
                if slot.status != .free || slot.date < today || slot.specialtyID != referral.specialtyID || !slot.type.acceptsFirstAppointment(referral.priority) {
                    issues.append(.init(path: "slotIDs[\(k)]", code: "slot.unsuitable", message: "Slot \(k + 1) of the offer is not a free slot this referral can take."))
                }
                slots.append(slot)
            }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            let offer = OfferRecord(id: id, referralID: referralID, slotIDs: slots.map(\.id), dates: slots.map(\.date), channel: channel, offeredOn: today,
                                    offeredBy: caller.principal.actorID, offeredAt: now)
            try await session.offerRecords.insert(offer)
            try await AuditTrail.record(.init(action: "offer.record", entityType: "referral", entityID: referralID.rawValue,
                                              detail: "offer=\(id) slots=\(slots.count) reasonable=\(offer.isReasonable)"), by: caller, at: now, in: session)
            return offer
        }
    }

    /// Records the patient's answer to a pending offer; audited.
    public func resolve(id: OfferRecord.ID, outcome text: String?, by caller: Caller) async throws -> OfferRecord {
        try caller.require(anyOf: Role.patientEditors, to: "record offers")
        var c = ValidationCollector()
        let outcome = c.requireChoice(text, OfferRecord.Outcome.self, at: "outcome")
        if outcome == .pending { c.add("outcome", "field.enum", "The answer must be accepted or declined.") }
        guard let outcome, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let now = env.clock.now()
        return try await env.store.write { session in
            guard var offer = try await session.offerRecords.find(id: id) else { throw ServiceError.notFound(entity: "Offer", id: id.rawValue) }
            guard offer.outcome == .pending else {
                throw ServiceError.conflict(code: "offer.answered", message: "This offer was already \(offer.outcome.rawValue).")
            }
            offer.outcome = outcome
            offer.outcomeAt = now
            try await session.offerRecords.update(offer)
            try await AuditTrail.record(.init(action: "offer.\(outcome.rawValue)", entityType: "referral", entityID: offer.referralID.rawValue,
                                              detail: "offer=\(id) reasonable=\(offer.isReasonable)"), by: caller, at: now, in: session)
            return offer
        }
    }

    /// The pathway an offer was made on, or nil for no such offer.
    public func referral(ofOffer id: OfferRecord.ID, by caller: Caller) async throws -> Referral.ID? {
        try caller.require(anyOf: Role.outpatientStaff, to: "read offers")
        return try await env.store.read { session in try await session.offerRecords.find(id: id)?.referralID }
    }

    /// A pathway's offers, newest first.
    public func offers(referralID: Referral.ID, by caller: Caller) async throws -> [OfferRecord] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read offers")
        return try await env.store.read { session in try await session.offerRecords.offers(referralID: referralID) }
    }
}

/// Notes on pathways (PAS basics): written by outpatient staff, never changed, audited (the audit
/// records that a note was written, never its text).
public struct PathwayNoteService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Adds a note to a pathway.
    public func add(referralID: Referral.ID, text: String?, by caller: Caller) async throws -> PathwayNote {
        try caller.require(anyOf: Role.outpatientStaff, to: "write pathway notes")
        var c = ValidationCollector()
        guard let text = c.optionalText(text, at: "text", maxLength: 2000, multiline: true) else {
            if c.issues.isEmpty { c.add("text", "field.required", "Write the note before saving it.") }
            throw ServiceError.invalid(c.issues)
        }
        let now = env.clock.now(), id = PathwayNote.ID(env.ids.make(prefix: "note"))
        return try await env.store.write { session in
            guard try await session.referrals.find(id: referralID) != nil else { throw ServiceError.notFound(entity: "Referral", id: referralID.rawValue) }
            let note = PathwayNote(id: id, referralID: referralID, text: text, authorID: caller.principal.actorID, authorName: caller.principal.displayName,
                                   writtenAt: now)
            try await session.pathwayNotes.insert(note)
            try await AuditTrail.record(.init(action: "referral.note", entityType: "referral", entityID: referralID.rawValue, detail: "note=\(id)"),
                                        by: caller, at: now, in: session)
            return note
        }
    }

    /// A pathway's notes, newest first.
    public func notes(referralID: Referral.ID, by caller: Caller) async throws -> [PathwayNote] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read pathway notes")
        return try await env.store.read { session in try await session.pathwayNotes.notes(referralID: referralID) }
    }
}
