import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("PatientService")
struct PatientServiceTests {
    func booker(_ harness: TestHarness) async throws -> Caller {
        let (user, _) = try await harness.user("bea", role: .bookingCoordinator)
        return Caller(principal: Principal(user: user), requestID: "req-1", reason: "booking call")
    }

    @Test("registering normalises the postcode and audits the creation")
    func register() async throws {
        let harness = try TestHarness()
        let patient = try await harness.services.shared.patients.register(TestHarness.patientInput(), by: try await booker(harness))
        #expect(patient.address.postcode == "M13 9WL")
        #expect(patient.nhsNumber.digits == "9990000018")
        let last = try await harness.services.shared.audit.recent(limit: 1, by: TestHarness.system)[0]
        #expect(last.action == "patient.create" && last.entityID == patient.id.rawValue)
    }

    @Test("every invalid field is reported at once, by path, with no patient details, and nothing is stored")
    func invalid() async throws {
        let harness = try TestHarness()
        var input = TestHarness.patientInput(nhsNumber: "9990000017")
        input.givenName = ""
        input.birthDate = "17/05/1970"
        input.sex = "robot"
        input.address?.postcode = "NOPE"
        input.address?.latitude = nil
        do {
            _ = try await harness.services.shared.patients.register(input, by: try await booker(harness))
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["nhsNumber", "givenName", "birthDate", "sex", "address.coordinates", "address.postcode"])
            #expect(!issues.contains { $0.message.contains("9990000017") || $0.message.contains("Patient") })
        }
        #expect(try harness.count("patients") == 0)
    }

    @Test("a duplicate NHS number is a conflict")
    func duplicate() async throws {
        let harness = try TestHarness()
        let caller = try await booker(harness)
        _ = try await harness.services.shared.patients.register(TestHarness.patientInput(), by: caller)
        await #expect(throws: ServiceError.conflict(code: "nhsNumber.taken", message: "nhsNumber is already registered to another patient.")) {
            try await harness.services.shared.patients.register(TestHarness.patientInput(), by: caller)
        }
        #expect(try harness.count("patients") == 1)
    }

    @Test("reads and searches are audited with who, why and the request")
    func auditedReads() async throws {
        let harness = try TestHarness()
        let caller = try await booker(harness)
        let patient = try await harness.services.shared.patients.register(TestHarness.patientInput(), by: caller)
        _ = try await harness.services.shared.patients.patient(id: patient.id, by: caller)
        let found = try await harness.services.shared.patients.patient(nhsNumber: "999 000 0018", by: caller)
        #expect(found?.id == patient.id)
        let entries = try await harness.services.shared.audit.recent(limit: 2, by: TestHarness.system)
        #expect(entries.map(\.action) == ["patient.search", "patient.read"])
        #expect(entries.allSatisfy { $0.actorID == caller.principal.actorID && $0.reason == "booking call" && $0.requestID == "req-1" })
    }

    @Test("carers and crew may not read patient records")
    func forbidden() async throws {
        let harness = try TestHarness()
        let patient = try await harness.services.shared.patients.register(TestHarness.patientInput(), by: try await booker(harness))
        for role in [Role.carer, .crew] {
            let (user, _) = try await harness.user("u-\(role.rawValue)", role: role)
            await #expect(throws: ServiceError.self) {
                try await harness.services.shared.patients.patient(id: patient.id, by: Caller(principal: Principal(user: user)))
            }
        }
    }
}
