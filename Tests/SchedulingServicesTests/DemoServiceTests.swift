import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("Demo organisation")
struct DemoServiceTests {
    @Test("generation is deterministic for a seed and differs between seeds")
    func deterministic() {
        let seed = announceSeed(20_260_101)
        #expect(DemoOrganisation(seed: seed) == DemoOrganisation(seed: seed))
        #expect(DemoOrganisation(seed: seed) != DemoOrganisation(seed: seed + 1))
    }

    @Test("demo data is realistic and safe: valid test-range NHS numbers, valid records, a login per role")
    func safe() throws {
        let demo = DemoOrganisation(seed: 99, patientCount: 300)
        #expect(demo.patients.count == 300)
        #expect(Set(demo.patients.map(\.nhsNumber)).count == 300)
        let today = LocalDate(iso: "2026-11-22")!
        for patient in demo.patients {
            #expect(patient.nhsNumber.isTestRange)
            _ = try NHSNumber(patient.nhsNumber.digits)
            #expect(patient.validate(today: today).isEmpty, "\(patient.id)")
        }
        #expect(Set(demo.logins.map(\.role)) == Set(Role.allCases))
        #expect(demo.locations.allSatisfy { $0.address.validate(requireCoordinates: true).isEmpty })
        #expect(demo.clinicians.allSatisfy { c in demo.specialties.contains { $0.id == c.specialtyID } })
    }

    @Test("loading twice does not duplicate data and returns the same logins")
    func idempotent() async throws {
        let harness = try TestHarness()
        let first = try await harness.services.shared.demo.load(seed: 5, patientCount: 20)
        let second = try await harness.services.shared.demo.load(seed: 5, patientCount: 20)
        #expect(first.inserted && !second.inserted)
        #expect(first.logins == second.logins)
        #expect(try harness.count("users") == Role.allCases.count)
        #expect(try harness.count("patients") == 20)
        let login = first.logins.first { $0.role == .bookingCoordinator }!
        _ = try await harness.services.shared.accounts.login(username: login.username, password: login.password, requestID: nil)
    }
}

@Suite("Demo organisation conflicts")
struct DemoConflictTests {
    @Test("loading into a database whose users clash is refused with a clear message and changes nothing")
    func clash() async throws {
        let harness = try TestHarness()
        try await harness.user("admin", role: .admin)
        let auditBefore = try harness.count("audit_log")
        do {
            _ = try await harness.services.shared.demo.load(seed: 5, patientCount: 3)
            Issue.record("expected a conflict")
        } catch ServiceError.conflict(let code, _) {
            #expect(code == "demo.conflict")
        }
        #expect(try harness.count("users") == 1)
        #expect(try harness.count("patients") == 0)
        #expect(try harness.count("specialties") == 0)
        #expect(try harness.count("audit_log") == auditBefore)
    }
}

@Suite("Demo outpatients")
struct DemoOutpatientsTests {
    static let today = LocalDate(iso: "2026-11-22")!

    @Test("the outpatient side is deterministic for a seed and a day")
    func deterministic() {
        let seed = announceSeed(31)
        let organisation = DemoOrganisation(seed: seed, patientCount: 200)
        let now = FixedClock().now()
        let a = DemoOutpatients(seed: seed, today: Self.today, organisation: organisation, referralCount: 240, bookedAt: now)
        let b = DemoOutpatients(seed: seed, today: Self.today, organisation: organisation, referralCount: 240, bookedAt: now)
        let same = a == b, otherDay = a == DemoOutpatients(seed: seed, today: Self.today.adding(days: 1), organisation: organisation, referralCount: 240, bookedAt: now)
        #expect(same)  // (compared as Bools: a failure would otherwise print all the data)
        #expect(!otherDay)
    }

    @Test("every generated booking fits its slot and no slot is held twice")
    func consistent() throws {
        let seed = announceSeed(20_260_101)
        let organisation = DemoOrganisation(seed: seed, patientCount: 500)
        let data = DemoOutpatients(seed: seed, today: Self.today, organisation: organisation, referralCount: 600, bookedAt: FixedClock().now())
        #expect(data.templates.allSatisfy { $0.validate().isEmpty })
        #expect(data.referrals.allSatisfy { $0.validate(today: Self.today).isEmpty })
        let slots = Dictionary(uniqueKeysWithValues: data.slots.map { ($0.id, $0) })
        let referrals = Dictionary(uniqueKeysWithValues: data.referrals.map { ($0.id, $0) })
        let all = data.past.map(\.appointment) + data.booked
        #expect(Set(all.map(\.slotID)).count == all.count)
        #expect(Set(all.map(\.referralID)).count == all.count)
        for appointment in all {
            let slot = try #require(slots[appointment.slotID]), referral = try #require(referrals[appointment.referralID])
            #expect(slot.status == .booked && slot.specialtyID == referral.specialtyID)
            #expect(slot.type.acceptsFirstAppointment(referral.priority))
            #expect(referral.received < slot.date && referral.availability.allows(slot.date))
        }
        #expect(data.past.allSatisfy { slots[$0.appointment.slotID]!.date < Self.today && [.attended, .dna].contains($0.appointment.status) })
        #expect(data.booked.allSatisfy { slots[$0.slotID]!.date >= Self.today && $0.status == .booked })
        #expect(data.slots.filter { $0.status == .booked }.count == all.count)
    }

    @Test("serve --demo gives a living waiting list: breaches, bookings, DNAs with decisions and free slots")
    func living() async throws {
        let harness = try TestHarness()
        _ = try await harness.services.shared.demo.load(seed: 20_260_101, patientCount: 400)
        #expect(try harness.count("referrals") == 800)
        #expect(try harness.count("clinic_templates") > 40)
        let list = try await harness.services.outpatients.referrals.trackingList(by: TestHarness.system)
        #expect(list.entries.contains { $0.breached })
        #expect(list.entries.contains { !$0.breached })
        #expect(Set(list.entries.map(\.priority)).isSuperset(of: [.routine, .urgent]))
        let today = harness.services.shared.environment.today
        let ahead = try await harness.services.outpatients.clinics.slots(from: today, through: today.adding(days: 83), by: TestHarness.system)
        #expect(ahead.contains { $0.status == .free } && ahead.contains { $0.status == .booked })
        let (attended, dna, booked) = try (harness.count("appointments", where: "status = 'attended'"),
                                           harness.count("appointments", where: "status = 'dna'"), harness.count("appointments", where: "status = 'booked'"))
        #expect(attended > 0 && dna > 0 && booked > 0)
        #expect(try harness.count("access_decisions") == dna)
        let plan = try await harness.services.outpatients.allocation.allocate(.init(), by: TestHarness.system)
        #expect(!plan.proposals.isEmpty)
        // Transport under two contracts: journeys to Northway and Southmoor under theirs, the rest under the trust's,
        // those made from outpatient bookings too.
        let contracts = try await harness.services.transport.bookings.contracts(by: TestHarness.system)
        #expect(contracts.map(\.id) == ["main", "northway-southmoor", "renal-dialysis"])
        // The renal contract in a cluster of its own, with its own vehicles and journeys.
        #expect(try await harness.services.transport.bookings.clusters(by: TestHarness.system).map(\.id) == ["main", "renal"])
        #expect(try await harness.services.transport.bookings.vehicles(by: TestHarness.system).filter { $0.cluster == "renal" }.count == 6)
        #expect(try harness.count("transport_journeys", where: "contract_id = 'renal-dialysis'") > 40)
        let under = try harness.count("transport_journeys", where: "contract_id = 'northway-southmoor'")
        let all = try harness.count("transport_journeys")
        #expect(under > 0 && under < all)
        let linked = try harness.count("transport_journeys", where: "contract_id IS NOT NULL AND appointment_id IS NOT NULL")
        #expect(linked > 0)
        #expect(try linked == harness.count("transport_journeys", where: "appointment_id IN (SELECT a.id FROM appointments a JOIN slots s ON s.id = a.slot_id WHERE s.location_id IN ('loc_ngh', 'loc_smh'))"))
    }
}
