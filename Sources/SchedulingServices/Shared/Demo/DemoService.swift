import Foundation
import SchedulingDomain

/// Loads the demo organisation into an empty store, once (`kairos serve --demo`).
public struct DemoService: Sendable {
    /// Settings key recording the seed that was loaded.
    public static let seedKey = "demo.seed"
    /// The seed used when none is given.
    public static let defaultSeed: UInt64 = 20_260_101

    /// What loading did.
    public struct Outcome: Sendable {
        /// Whether data was inserted now (false: it was already there).
        public var inserted: Bool
        /// The seed whose data is in the store.
        public var seed: UInt64
        /// The demo logins, to print at start-up.
        public var logins: [DemoOrganisation.Login]
    }

    private let env: ServiceEnvironment

    /// Creates the service.
    public init(_ environment: ServiceEnvironment) { env = environment }

    /// Inserts the demo organisation for `seed` unless a demo is already loaded, in which case the
    /// store is left as it is and the loaded demo's logins are returned.
    /// Outpatient referrals are two per patient on average: many patients wait in more than one specialty.
    public func load(seed: UInt64 = DemoService.defaultSeed, patientCount: Int = 2_500) async throws -> Outcome {
        if let existing = try await env.store.read({ try await $0.settings.value(for: DemoService.seedKey) }),
            let loadedSeed = UInt64(existing)
        {
            let demo = DemoOrganisation(seed: loadedSeed, patientCount: 0)
            return Outcome(inserted: false, seed: loadedSeed, logins: demo.logins)
        }
        let demo = DemoOrganisation(seed: seed, patientCount: patientCount)
        let outpatients = patientCount == 0 ? nil
            : DemoOutpatients(seed: seed, today: env.today, organisation: demo, referralCount: patientCount * 2, bookedAt: env.clock.now())
        var hashes: [String] = []  // slow: outside the transaction
        for login in demo.logins { hashes.append(try await env.passwordHasher.hash(login.password)) }
        let now = env.clock.now()
        let caller = Caller(principal: .system("demo"), reason: "demo data")
        let conflict = (code: "demo.conflict",
                        message: "This database already holds data that clashes with the demo organisation; load the demo into a new database (--database PATH).")
        let inserted: Bool
        do {
            inserted = try await insert(demo, outpatients, hashes: hashes, seed: seed, at: now, by: caller)
        } catch {
            throw ServiceError.mapUnique(error, [
                "users.username": conflict, "patients.nhs_number": conflict, "specialties.code": conflict,
                "clinic_locations.name": conflict, "specialties.id": conflict, "users.id": conflict, "patients.id": conflict,
                "clinicians.id": conflict, "clinic_locations.id": conflict,
            ])
        }
        return Outcome(inserted: inserted, seed: seed, logins: demo.logins)
    }

    private func insert(_ demo: DemoOrganisation, _ outpatients: DemoOutpatients?, hashes: [String], seed: UInt64, at now: Date, by caller: Caller) async throws -> Bool {
        try await env.store.write { session -> Bool in
            // Re-check inside the transaction: two servers starting at once load it only once.
            if try await session.settings.value(for: DemoService.seedKey) != nil { return false }
            try await session.organisation.setOrganisation(demo.organisation)
            // The booking office's number for letters and texts (Ofcom's range for drama, never a real line).
            var messaging = MessagingSettings.standard
            messaging.bookingPhone = "0161 496 0000"
            try await session.settings.set(try NotificationService.json(messaging), for: MessagingSettings.key)
            for specialty in demo.specialties { try await session.organisation.insert(specialty) }
            for location in demo.locations { try await session.organisation.insert(location) }
            for clinician in demo.clinicians { try await session.organisation.insert(clinician) }
            for (login, hash) in zip(demo.logins, hashes) {
                let user = UserAccount(
                    id: login.id, username: login.username, displayName: login.displayName, role: login.role,
                    passwordChangeRequired: false, createdAt: now)
                try await session.users.insert(user, passwordHash: hash)
            }
            for patient in demo.patients { try await session.patients.insert(patient) }
            if !demo.patients.isEmpty { try await DemoTransport.insertContracts(in: session) }
            if let outpatients { try await insert(outpatients, at: now, in: session) }
            if !demo.patients.isEmpty {
                let transport = DemoTransport(seed: seed, tomorrow: env.today.adding(days: 1), patients: demo.patients, sites: demo.locations)
                try await transport.insert(crewMember: demo.logins.first { $0.role == .crew }?.id, in: session)
            }
            try await session.settings.set(String(seed), for: DemoService.seedKey)
            try await AuditTrail.record(
                .init(action: "demo.load", entityType: "organisation", entityID: demo.organisation.code,
                      detail: "seed=\(seed) users=\(demo.logins.count) patients=\(demo.patients.count) referrals=\(outpatients?.referrals.count ?? 0) "
                        + "slots=\(outpatients?.slots.count ?? 0) appointments=\((outpatients?.past.count ?? 0) + (outpatients?.booked.count ?? 0))"),
                by: caller, at: now, in: session)
            return true
        }
    }

    /// Clinics, slots, the waiting list, past appointments with their outcomes (a DNA applies the
    /// access policy as it would live) and the bookings to come with their transport requests.
    private func insert(_ data: DemoOutpatients, at now: Date, in session: any StoreSession) async throws {
        for template in data.templates { try await session.clinics.insert(template) }
        _ = try await session.clinics.insertNew(data.slots)
        let slots = Dictionary(uniqueKeysWithValues: data.slots.map { ($0.id, $0) })
        let completing = Dictionary(uniqueKeysWithValues: data.past.filter(\.completesPathway).map { ($0.appointment.referralID, slots[$0.appointment.slotID]!.date) })
        for var referral in data.referrals {
            if let day = completing[referral.id] {
                try referral.complete(on: day, reason: (referral.id.rawValue.last?.wholeNumberValue ?? 0) % 3 != 0 ? .firstDefinitiveTreatment : .decisionNotToTreat)
            }
            try await session.referrals.insert(referral)
        }
        for (k, held) in data.past.enumerated() {
            try await session.appointments.insert(held.appointment)
            if held.appointment.status == .dna {
                _ = try await AccessPolicyService.applyPolicy(after: held.appointment, slot: slots[held.appointment.slotID]!,
                                                              id: .init(String(format: "acd_demo_%05d", k + 1)), at: now, env: env, in: session)
            }
        }
        for (k, appointment) in data.booked.enumerated() {
            try await session.appointments.insert(appointment)
            if appointment.needsTransport {
                let request = JourneyRequest.forAppointment(appointment, in: slots[appointment.slotID]!, id: .init(String(format: "jrq_demo_%05d", k + 1)), at: now)
                try await session.journeyRequests.insert(request)
                try await TransportJourneyLink.create(for: request, ids: env.ids, in: session)
            }
        }
    }
}
