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
        let first = try await harness.services.demo.load(seed: 5, patientCount: 20)
        let second = try await harness.services.demo.load(seed: 5, patientCount: 20)
        #expect(first.inserted && !second.inserted)
        #expect(first.logins == second.logins)
        #expect(try harness.count("users") == 10)
        #expect(try harness.count("patients") == 20)
        let login = first.logins.first { $0.role == .bookingCoordinator }!
        _ = try await harness.services.accounts.login(username: login.username, password: login.password, requestID: nil)
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
            _ = try await harness.services.demo.load(seed: 5, patientCount: 3)
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
