import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("Patient search and scoping")
struct PatientSearchTests {
    /// Four patients; Ann Smith (the second) is booked into a cardiology clinic with transport,
    /// so she has a journey requested.
    func setUp() async throws -> (TestHarness, Caller, [Patient]) {
        let (harness, caller, _) = try await BookingServiceTests().setUp(patients: 0)
        let people: [(String, String, String, String)] = [
            ("John", "Smith", "1950-03-14", "LS1 3EX"), ("Ann", "Smith", "1962-07-01", "LS6 2AB"),
            ("Ann", "Smithson", "1950-03-14", "M13 9WL"), ("Priya", "O'Neill", "1988-12-30", "LS1 4AP"),
        ]
        var patients: [Patient] = []
        for (k, person) in people.enumerated() {
            var input = TestHarness.patientInput(nhsNumber: NHSNumberTestRange.number(k))
            input.givenName = person.0
            input.familyName = person.1
            input.birthDate = person.2
            input.address?.postcode = person.3
            patients.append(try await harness.services.shared.patients.register(input, by: caller))
        }
        let referral = try await harness.services.outpatients.referrals.create(
            ReferralInput(patientID: patients[1].id.rawValue, specialtyID: "spc_cardio", referrer: "A81001", priority: "routine", received: "2026-09-01"),
            by: caller)
        let templateID = try await harness.services.shared.environment.store.read { try await $0.clinics.templates()[0].id }
        _ = try await harness.services.outpatients.bookings.book(
            BookingInput(referralID: referral.id.rawValue, slotID: "\(templateID)_2026-11-24_0", needsTransport: true, shortNoticeAgreed: true), by: caller)
        return (harness, caller, patients)
    }

    func names(_ found: [Patient]) -> [String] { found.map { "\($0.givenName) \($0.familyName)" } }

    func caller(_ harness: TestHarness, _ role: Role) async throws -> Caller {
        Caller(principal: Principal(user: try await harness.user("u-\(role.rawValue)", role: role).user))
    }

    @Test("by family name, given and family, 'family, given', date of birth in either form, and postcode start")
    func criteria() async throws {
        let (harness, caller, _) = try await setUp()
        let search = harness.services.shared.patients
        #expect(names(try await search.search(.init(query: "smith"), by: caller)) == ["Ann Smith", "John Smith", "Ann Smithson"])
        #expect(names(try await search.search(.init(query: "Ann Smith"), by: caller)) == ["Ann Smith", "Ann Smithson"])
        #expect(names(try await search.search(.init(query: "Smith, J"), by: caller)) == ["John Smith"])
        #expect(names(try await search.search(.init(query: "o'neill"), by: caller)) == ["Priya O'Neill"])
        #expect(names(try await search.search(.init(birthDate: "14/03/1950"), by: caller)) == ["John Smith", "Ann Smithson"])
        #expect(names(try await search.search(.init(query: "Smith", birthDate: "1950-03-14"), by: caller)) == ["John Smith", "Ann Smithson"])
        #expect(names(try await search.search(.init(postcode: "ls1"), by: caller)) == ["Priya O'Neill", "John Smith"])
        #expect(names(try await search.search(.init(postcode: "LS1 3E"), by: caller)) == ["John Smith"])
        #expect(names(try await search.search(.init(query: "999-000-0018"), by: caller)) == ["John Smith"])
        // LIKE's own wildcards are taken literally.
        #expect(try await search.search(.init(query: "%%"), by: caller).isEmpty)
        #expect(try await search.search(.init(query: "S_ith"), by: caller).isEmpty)
        // Audited with the kinds of criteria and the count, never what was typed.
        let last = try await harness.services.shared.audit.recent(limit: 1, by: TestHarness.system)[0]
        #expect(last.action == "patient.search" && last.detail == "by=name result=0")
    }

    @Test("bad criteria are refused in words, by field")
    func invalid() async throws {
        let (harness, caller, _) = try await setUp()
        let search = harness.services.shared.patients
        func issues(_ input: PatientSearchInput) async -> [ValidationIssue] {
            do { _ = try await search.search(input, by: caller); return [] } catch ServiceError.invalid(let issues) { return issues } catch { return [] }
        }
        #expect(await issues(.init()).map(\.path) == ["query"])
        #expect(await issues(.init(query: "  ")).first?.message == "Type a name or an NHS number, or give a date of birth or a postcode.")
        #expect(await issues(.init(query: "S")).first?.message == "Type at least the first two letters of the family name.")
        #expect(await issues(.init(query: "999 000 0017")).map(\.path) == ["query"])
        #expect(await issues(.init(birthDate: "31/02/1950")).first?.message == "Date of birth must be a date such as 14/03/1950.")
        #expect(await issues(.init(query: "Smith", birthDate: "yesterday", postcode: "L$")).map(\.path) == ["birthDate", "postcode"])
    }

    @Test("the transport office finds and reads only patients with a journey; home-care roles none")
    func scoping() async throws {
        let (harness, _, patients) = try await setUp()
        let service = harness.services.shared.patients
        for role in [Role.transportPlanner, .transportManager] {
            let planner = try await caller(harness, role)
            #expect(names(try await service.search(.init(query: "Smith"), by: planner)) == ["Ann Smith"], "\(role)")
            #expect(try await service.search(.init(query: patients[0].nhsNumber.digits), by: planner).isEmpty)
            #expect(try await service.patient(nhsNumber: patients[0].nhsNumber.digits, by: planner) == nil)
            #expect(try await service.patient(nhsNumber: patients[1].nhsNumber.digits, by: planner)?.id == patients[1].id)
            #expect(try await service.patient(id: patients[1].id, by: planner).id == patients[1].id)
            await #expect(throws: ServiceError.notFound(entity: "Patient", id: patients[0].id.rawValue)) {
                try await service.patient(id: patients[0].id, by: planner)
            }
            #expect(try await service.journeys(of: patients[1].id, by: planner).count == 1)
            // Outpatient records stay out of reach.
            await #expect(throws: ServiceError.self) { try await harness.services.outpatients.referrals.referrals(patientID: patients[1].id, by: planner) }
        }
        for role in [Role.scheduler, .careManager, .carer, .crew] {
            let other = try await caller(harness, role)
            await #expect(throws: ServiceError.forbidden("Your role may not search patient records.")) {
                try await service.search(.init(query: "Smith"), by: other)
            }
            await #expect(throws: ServiceError.forbidden("Your role may not read patient records.")) {
                try await service.patient(id: patients[1].id, by: other)
            }
        }
        // Outpatient staff see everyone.
        let clinician = try await caller(harness, .clinician)
        #expect(try await service.search(.init(query: "Smith"), by: clinician).count == 3)
    }
}

@Suite("Patient banner details")
struct PatientDetailsTests {
    @Test("the hospital number, GP, interpreter, alerts and reasonable adjustments are kept, checked and searched")
    func details() async throws {
        let (harness, caller, _) = try await BookingServiceTests().setUp(patients: 0)
        let patients = harness.services.shared.patients
        var input = TestHarness.patientInput(nhsNumber: NHSNumberTestRange.number(0))
        input.hospitalNumber = " rm1234567 "
        input.gpPractice = "Irwell Medical Practice (Y90001)"
        input.interpreterLanguage = "Polish"
        input.alerts = ["Lives alone"]
        input.reasonableAdjustments = ["Step-free access", "Large print letters"]
        let patient = try await patients.register(input, by: caller)
        #expect(patient.hospitalNumber == "RM1234567" && patient.interpreterLanguage == "Polish")
        let stored = try await patients.patient(id: patient.id, by: caller)
        #expect(stored == patient && stored.reasonableAdjustments == ["Step-free access", "Large print letters"] && stored.alerts == ["Lives alone"])
        // Found by hospital number in any case, audited by kind only.
        #expect(try await patients.search(.init(query: "rm1234567"), by: caller).map(\.id) == [patient.id])
        #expect(try await patients.search(.init(query: "RM7654321"), by: caller).isEmpty)
        #expect(try harness.count("audit_log", where: "action = 'patient.search' AND detail LIKE 'by=hospitalNumber%' AND detail NOT LIKE '%RM%'") == 2)
        // A second patient with the same hospital number is a conflict; a malformed one and a blank alert are named.
        var second = TestHarness.patientInput(nhsNumber: NHSNumberTestRange.number(1))
        second.hospitalNumber = "RM1234567"
        await #expect(throws: ServiceError.conflict(code: "hospitalNumber.taken", message: "This hospital number is already another patient's.")) {
            _ = try await patients.register(second, by: caller)
        }
        second.hospitalNumber = "R-1"
        second.alerts = [" "]
        do {
            _ = try await patients.register(second, by: caller)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["hospitalNumber", "alerts[0]"])
        }
        #expect(try harness.count("patients") == 1)
        // Digits alone that are not an NHS number are a hospital number; ten digits are an NHS number.
        #expect(try await patients.search(.init(query: "12345678"), by: caller).isEmpty)
        await #expect(throws: ServiceError.self) { _ = try await patients.search(.init(query: "1234567890"), by: caller) }
    }
}
