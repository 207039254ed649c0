import Foundation
import SchedulingDomain

/// A decision's resolution as it arrives from JSON or a form.
public struct ResolutionInput: Codable, Sendable, Equatable {
    /// `rebook` or `discharge`.
    public var action: String?
    /// The clinical reason; required to override the proposal.
    public var note: String?

    /// Creates input.
    public init(action: String? = nil, note: String? = nil) {
        self.action = action
        self.note = note
    }
}

/// A pending access decision with what a reviewer needs to decide (ids only).
public struct PendingDecision: Codable, Sendable, Equatable {
    public var decision: AccessDecision
    public var referral: Referral
}

/// The access policy (OP-07): its rules, the decisions it proposes after DNAs, and their
/// resolution by a clinician. Every step is audited.
public struct AccessPolicyService: Sendable {
    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// The settings key.
    static let key = "outpatients.access-policy"

    /// Who may confirm a proposal: clinicians and team leaders.
    public static let confirmers: Set<Role> = [.admin, .teamLeader, .clinician]
    /// Who may override a proposal or decide a clinical review: clinicians.
    static let overriders: Set<Role> = [.admin, .clinician]

    /// The trust's policy (the standard one until a team leader changes it).
    public func policy(by caller: Caller) async throws -> AccessPolicy {
        try caller.require(anyOf: Role.outpatientStaff, to: "read the access policy")
        return try await env.store.read { session in try await Self.load(session) }
    }

    /// Replaces the policy; team leaders and administrators only; audited with the new values.
    public func setPolicy(_ policy: AccessPolicy, by caller: Caller) async throws -> AccessPolicy {
        try caller.require(anyOf: Role.clinicEditors, to: "change the access policy")
        let issues = policy.validate()
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        let now = env.clock.now()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(policy), as: UTF8.self)
        return try await env.store.write { session in
            try await session.settings.set(text, for: Self.key)
            try await AuditTrail.record(.init(action: "access-policy.set", entityType: "setting", entityID: Self.key, detail: text),
                                        by: caller, at: now, in: session)
            return policy
        }
    }

    /// Decisions awaiting a clinician, oldest first.
    public func pending(by caller: Caller) async throws -> [PendingDecision] {
        try caller.require(anyOf: Role.outpatientStaff, to: "read access decisions")
        return try await env.store.read { session in
            var out: [PendingDecision] = []
            for d in try await session.accessDecisions.pending() {
                guard let referral = try await session.referrals.find(id: d.referralID) else { continue }
                out.append(.init(decision: d, referral: referral))
            }
            return out
        }
    }

    /// Resolves a pending decision. Confirming the proposal needs a clinician or team leader;
    /// overriding it, or deciding a clinical review, needs a clinician, and an override needs a
    /// note. A discharge takes the pathway off the list (reason `discharged-after-dna`),
    /// cancels its booked appointments and queues letters to the patient and the referrer.
    public func resolve(id: AccessDecision.ID, _ input: ResolutionInput, by caller: Caller) async throws -> AccessDecision {
        try caller.require(anyOf: Self.confirmers, to: "resolve access decisions")
        var c = ValidationCollector()
        let action = c.requireChoice(input.action, AccessDecision.Action.self, at: "action")
        let note = c.optionalText(input.note, at: "note", maxLength: 1000, multiline: true)
        guard let action, c.issues.isEmpty else { throw ServiceError.invalid(c.issues) }
        let today = env.today, now = env.clock.now(), env = env
        return try await env.store.write { session in
            guard var decision = try await session.accessDecisions.find(id: id) else { throw ServiceError.notFound(entity: "AccessDecision", id: id.rawValue) }
            let decidesClinically = decision.isPending && (decision.proposal == .clinicalReview || action != decision.proposal)
            if decidesClinically, let role = caller.principal.role, !Self.overriders.contains(role) {
                throw ServiceError.forbidden("only a clinician may override the access policy or decide a clinical review.")
            }
            try AppointmentService.apply { () throws(DomainRuleBroken) in try decision.resolve(action, note: note, by: caller.principal.actorID, at: now) }
            try await session.accessDecisions.update(decision)
            if action == .discharge {
                guard var referral = try await session.referrals.find(id: decision.referralID) else {
                    throw ServiceError.notFound(entity: "Referral", id: decision.referralID.rawValue)
                }
                try AppointmentService.apply { () throws(DomainRuleBroken) in try referral.remove(reason: .dischargedAfterDNA, on: today) }
                try await session.referrals.update(referral)
                let outbox = try await Outbox.open(session, env)
                try await AppointmentService.cancelBookings(of: referral.id, caller: caller, at: now, outbox: outbox, in: session)
                try await outbox.discharged(referral)
            }
            let r = decision.resolution!
            try await AuditTrail.record(
                .init(action: r.overridden ? "access-decision.override" : "access-decision.confirm", entityType: "access-decision",
                      entityID: id.rawValue, detail: "referral=\(decision.referralID) proposal=\(decision.proposal.rawValue) action=\(action.rawValue)"),
                by: caller, at: now, in: session)
            return decision
        }
    }

    // MARK: Shared

    static func load(_ session: any StoreSession) async throws -> AccessPolicy {
        guard let text = try await session.settings.value(for: key) else { return .standard }
        return (try? JSONDecoder().decode(AccessPolicy.self, from: Data(text.utf8))) ?? .standard
    }

    /// Applies the policy after a DNA recorded on `appointment`: counts the pathway's DNAs,
    /// nullifies its clock when the policy says so, and stores the proposed decision; a
    /// rebooking proposal queues the letter inviting the patient to rebook.
    static func applyPolicy(after appointment: Appointment, slot: Slot, id: AccessDecision.ID, at now: Date, env: ServiceEnvironment,
                            in session: any StoreSession) async throws -> AccessDecision
    {
        let policy = try await load(session)
        guard var referral = try await session.referrals.find(id: appointment.referralID) else {
            throw ServiceError.notFound(entity: "Referral", id: appointment.referralID.rawValue)
        }
        guard let patient = try await session.patients.find(id: appointment.patientID) else {
            throw ServiceError.notFound(entity: "Patient", id: appointment.patientID.rawValue)
        }
        let history = try await session.appointments.appointments(referralID: referral.id)
        let dnas = history.filter { $0.status == .dna }.count
        let first = !history.contains { $0.status == .attended && $0.id != appointment.id }
        let outcome = policy.decide(dnaCount: dnas, firstAppointment: first, clockRunning: referral.clock.status == .running,
                                    patientAge: patient.age(on: slot.date), priority: referral.priority)
        if outcome.nullifyClock, referral.status == .open {
            try AppointmentService.apply { () throws(DomainRuleBroken) in try referral.clock.nullify(on: max(slot.date, referral.clock.start)) }
            try await session.referrals.update(referral)
        }
        let decision = AccessDecision(id: id, referralID: referral.id, appointmentID: appointment.id, dnaCount: dnas, proposal: outcome.proposal,
                                      clockNullified: outcome.nullifyClock && referral.status == .open, createdAt: now)
        try await session.accessDecisions.insert(decision)
        if outcome.proposal == .rebook, referral.status == .open { try await Outbox.open(session, env).dnaRebook(appointment) }
        return decision
    }
}
