import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("ReferralService")
struct ReferralServiceTests {
    /// A harness with a booking coordinator, one patient and two specialties (today is 2026-11-22).
    func setUp() async throws -> (TestHarness, Caller, Patient) {
        let harness = try TestHarness()
        let (user, _) = try await harness.user("bea", role: .bookingCoordinator)
        let caller = Caller(principal: Principal(user: user), requestID: "req-1", reason: "waiting list validation")
        let patient = try await harness.services.shared.patients.register(TestHarness.patientInput(), by: caller)
        try await harness.services.shared.environment.store.write { session in
            try await session.organisation.insert(Specialty(id: "spc_cardio", code: "320", name: "Cardiology"))
            try await session.organisation.insert(Specialty(id: "spc_derm", code: "330", name: "Dermatology"))
        }
        return (harness, caller, patient)
    }

    func input(_ patient: Patient, _ priority: String = "routine", received: String = "2026-06-01", specialty: String = "spc_cardio") -> ReferralInput {
        ReferralInput(patientID: patient.id.rawValue, specialtyID: specialty, referrer: "A81001", priority: priority, received: received)
    }

    @Test("a referral joins its list with a running clock; the creation is audited with ids only")
    func create() async throws {
        let (harness, caller, patient) = try await setUp()
        let referral = try await harness.services.outpatients.referrals.create(input(patient), by: caller)
        #expect(referral.status == .open && referral.clock.status == .running && referral.clock.start.iso == "2026-06-01")
        let stored = try await harness.services.outpatients.referrals.referral(id: referral.id, by: caller)
        #expect(stored == referral)
        let audit = try await harness.services.shared.audit.recent(limit: 3, by: TestHarness.system)
        #expect(audit.map(\.action) == ["referral.read", "referral.create", "patient.create"])
        #expect(audit[1].detail == "patient=\(patient.id) priority=routine")
    }

    @Test("every invalid field is named at once and nothing is stored; unknown patient and specialty are fields too")
    func invalid() async throws {
        let (harness, caller, patient) = try await setUp()
        do {
            _ = try await harness.services.outpatients.referrals.create(
                ReferralInput(patientID: patient.id.rawValue, specialtyID: "spc_cardio", referrer: "", priority: "soon", received: "01/06/2026"), by: caller)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["referrer", "priority", "received"])
            #expect(issues[1].message == "priority must be one of: \(ClinicalPriority.allowedValues).")
        }
        do {
            _ = try await harness.services.outpatients.referrals.create(input(patient, received: "2026-12-01"), by: caller)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.code) == ["received.future"])
        }
        do {
            _ = try await harness.services.outpatients.referrals.create(
                ReferralInput(patientID: "pat_nobody", specialtyID: "spc_none", referrer: "A81001", priority: "urgent", received: "2026-11-01"), by: caller)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.code) == ["patient.unknown", "specialty.unknown"])
        }
        #expect(try harness.count("referrals") == 0)
    }

    @Test("the tracking list orders by priority then due date, with weeks waited and breaches as of today")
    func trackingList() async throws {
        let (harness, caller, patient) = try await setUp()
        let old = try await harness.services.outpatients.referrals.create(input(patient, received: "2026-06-01"), by: caller)
        let recent = try await harness.services.outpatients.referrals.create(input(patient, received: "2026-11-01"), by: caller)
        let cancer = try await harness.services.outpatients.referrals.create(input(patient, "cancer-2ww", received: "2026-11-20", specialty: "spc_derm"), by: caller)
        let list = try await harness.services.outpatients.referrals.trackingList(by: caller)
        #expect(list.entries.map(\.referralID) == [cancer.id, old.id, recent.id])
        let first = try #require(list.entries.first { $0.referralID == old.id })
        #expect(first.weeksWaited == 24 && first.breached && first.breachDate.iso == "2026-10-05")
        #expect(list.entries[0].dueBy.iso == "2026-12-04")
        let derm = try await harness.services.outpatients.referrals.trackingList(.init(specialtyID: "spc_derm"), by: caller)
        #expect(derm.entries.map(\.referralID) == [cancer.id])
        let breached = try await harness.services.outpatients.referrals.trackingList(.init(breachedOnly: true), by: caller)
        #expect(breached.entries.map(\.referralID) == [old.id])
    }

    @Test("removal takes the pathway off the list with an audited reason; a second removal is a conflict")
    func removal() async throws {
        let (harness, caller, patient) = try await setUp()
        let referral = try await harness.services.outpatients.referrals.create(input(patient), by: caller)
        await #expect(throws: ServiceError.self) { try await harness.services.outpatients.referrals.remove(id: referral.id, reason: "bored", by: caller) }
        let removed = try await harness.services.outpatients.referrals.remove(id: referral.id, reason: "treated-elsewhere", by: caller)
        #expect(removed.status == .removed && removed.clock.status == .stopped && removed.removal?.reason == .treatedElsewhere)
        #expect(try await harness.services.outpatients.referrals.trackingList(by: caller).entries.isEmpty)
        let audit = try await harness.services.shared.audit.recent(limit: 1, by: TestHarness.system)[0]
        #expect(audit.action == "referral.remove" && audit.detail == "reason=treated-elsewhere")
        do {
            _ = try await harness.services.outpatients.referrals.remove(id: referral.id, reason: "duplicate", by: caller)
            Issue.record("expected a conflict")
        } catch ServiceError.conflict(let code, _) {
            #expect(code == "referral.notOpen")
        }
        await #expect(throws: ServiceError.notFound(entity: "Referral", id: "ref_none")) {
            try await harness.services.outpatients.referrals.remove(id: "ref_none", reason: "duplicate", by: caller)
        }
    }

    @Test("clinicians read the list but cannot add to it")
    func roles() async throws {
        let (harness, caller, patient) = try await setUp()
        _ = try await harness.services.outpatients.referrals.create(input(patient), by: caller)
        let (doctor, _) = try await harness.user("doc", role: .clinician)
        let clinician = Caller(principal: Principal(user: doctor), requestID: "req-2")
        #expect(try await harness.services.outpatients.referrals.trackingList(by: clinician).entries.count == 1)
        await #expect(throws: ServiceError.self) { try await harness.services.outpatients.referrals.create(input(patient), by: clinician) }
    }
}

@Suite("e-Referral booking reference (UBRN)")
struct UBRNTests {
    @Test("a UBRN is twelve digits, typed with spaces or dashes, shown in fours")
    func parsing() {
        #expect(UBRN("0001 2345 6789")?.digits == "000123456789")
        #expect(UBRN("000-1234-56789")?.formatted == "0001 2345 6789")
        #expect(UBRN("00012345678") == nil && UBRN("0001234567890") == nil && UBRN("00012345678X") == nil && UBRN("") == nil)
    }

    @Test("a referral keeps its UBRN; a malformed one is named, a second referral with the same one is a conflict, and it finds its referral")
    func onReferrals() async throws {
        let suite = ReferralServiceTests()
        let (harness, caller, patient) = try await suite.setUp()
        let referrals = harness.services.outpatients.referrals
        var input = suite.input(patient)
        input.ubrn = "0001 2345 6789"
        let referral = try await referrals.create(input, by: caller)
        #expect(referral.ubrn?.digits == "000123456789")
        #expect(try await referrals.referral(id: referral.id, by: caller).ubrn == referral.ubrn)
        // Found by the reference as a patient quotes it, audited without it.
        #expect(try await referrals.find(ubrn: "0001-2345-6789", by: caller)?.id == referral.id)
        #expect(try await referrals.find(ubrn: "9999 9999 9999", by: caller) == nil)
        #expect(try harness.count("audit_log", where: "action = 'referral.lookup' AND detail NOT LIKE '%0001%'") == 2)
        let before = try harness.count("referrals")
        input.specialtyID = "spc_derm"
        await #expect(throws: ServiceError.conflict(code: "ubrn.taken", message: "This UBRN is already on another referral.")) {
            _ = try await referrals.create(input, by: caller)
        }
        input.ubrn = "0001 2345"
        do {
            _ = try await referrals.create(input, by: caller)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["ubrn"] && issues[0].message == "The UBRN (e-Referral booking reference) has 12 digits.")
        }
        #expect(try harness.count("referrals") == before)
        // A referral without one is as before.
        input.ubrn = nil
        #expect(try await referrals.create(input, by: caller).ubrn == nil)
    }
}
