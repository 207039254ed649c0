import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import SchedulingWeb

/// The FHIR R4 interface over a small demo trust. (`.ci/fhir_test.py` checks the same resources with
/// an independent FHIR client and its R4 models.)
@Suite("FHIR R4 interface")
struct FHIRTests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func entries(_ bundle: [String: Any]) -> [[String: Any]] {
        (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
    }

    static func send(_ client: any TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method, token: String, body: [String: Any]) async throws -> TestResponse {
        let data = try JSONSerialization.data(withJSONObject: body)
        return try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(token)", .contentType: "application/fhir+json"],
                                        body: ByteBuffer(bytes: data))
    }

    @Test("metadata is public; patients are found by NHS number; schedules and slots searched; errors are OperationOutcomes")
    func readAndSearch() async throws {
        let kit = try await OutpatientPagesTests.demoKit()
        let (_, token) = try await kit.harness.user("fhir-reader", role: .clinician)
        let patient = DemoOrganisation(seed: 11, patientCount: 60).patients[3]
        try await kit.run { client in
            let metadata = try await client.json("/fhir/metadata", token: nil)
            #expect(metadata.status == .ok && metadata.headers[.contentType] == FHIRController.mediaType)
            #expect(try Self.json(metadata)["fhirVersion"] as? String == "4.0.1")

            let found = try Self.json(try await client.json("/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|\(patient.nhsNumber.digits)", token: token))
            #expect(found["resourceType"] as? String == "Bundle" && found["total"] as? Int == 1)
            #expect(Self.entries(found).first?["id"] as? String == patient.id.rawValue)
            let read = try Self.json(try await client.json("/fhir/Patient/\(patient.id)", token: token))
            #expect((read["identifier"] as? [[String: Any]])?.first?["value"] as? String == patient.nhsNumber.digits)
            // The hospital number is a second identifier, under the trust's own system.
            #expect((read["identifier"] as? [[String: Any]])?.last?["system"] as? String == FHIRController.hospitalNumberSystem
                    && (read["identifier"] as? [[String: Any]])?.last?["value"] as? String == patient.hospitalNumber)
            #expect(read["gender"] as? String == (patient.sex == .female ? "female" : "male") && read["birthDate"] as? String == patient.birthDate.iso)
            let none = try Self.json(try await client.json("/fhir/Patient?identifier=9990000000", token: token))
            #expect(none["total"] as? Int == 0 || none["resourceType"] as? String == "OperationOutcome")
            let wrongSystem = try await client.json("/fhir/Patient?identifier=urn:other|\(patient.nhsNumber.digits)", token: token)
            let wrongOutcome = try Self.json(wrongSystem)
            #expect(wrongSystem.status == .unprocessableContent && wrongOutcome["resourceType"] as? String == "OperationOutcome")

            let schedules = Self.entries(try Self.json(try await client.json("/fhir/Schedule?service-type=320", token: token)))
            #expect(!schedules.isEmpty && schedules.allSatisfy { ($0["id"] as? String)?.hasPrefix("cln_320_") == true })
            let schedule = try #require(schedules.first?["id"] as? String)

            let slots = Self.entries(try Self.json(try await client.json(
                "/fhir/Slot?status=free&schedule=Schedule/\(schedule)&start=ge2026-11-23&start=lt2026-12-31&_count=5", token: token)))
            #expect(!slots.isEmpty && slots.count <= 5)
            for slot in slots {
                #expect(slot["status"] as? String == "free")
                #expect((slot["schedule"] as? [String: Any])?["reference"] as? String == "Schedule/\(schedule)")
                let start = try #require(slot["start"] as? String)
                #expect(start >= "2026-11-23" && start < "2026-12-31" && start.hasSuffix("Z"))
            }
            let oneDay = Self.entries(try Self.json(try await client.json("/fhir/Slot?start=2026-11-24&_count=1000", token: token)))
            #expect(oneDay.allSatisfy { ($0["start"] as? String)?.hasPrefix("2026-11-24") == true })
            let slotRead = try await client.json("/fhir/Slot/\(try #require(slots.first?["id"] as? String))", token: token)
            #expect(slotRead.status == .ok)

            let missing = try await client.json("/fhir/Slot/nope", token: token)
            let missingOutcome = try Self.json(missing)
            #expect(missing.status == .notFound && missingOutcome["resourceType"] as? String == "OperationOutcome")
            let bad = try await client.json("/fhir/Slot?colour=blue&start=soon&status=maybe", token: token)
            #expect(bad.status == .unprocessableContent)
            let diagnostics = ((try Self.json(bad))["issue"] as? [[String: Any]])?.first?["diagnostics"] as? String ?? ""
            #expect(diagnostics.contains("colour") && diagnostics.contains("start"))
            #expect(try await client.json("/fhir/Appointment", token: token).status == .unprocessableContent)  // patient is required
        }
    }

    @Test("an external booking system (e-RS) finds only the free slots published for it, reads no held-back slot and no patient")
    func externalBooking() async throws {
        let kit = try await OutpatientPagesTests.demoKit()
        let (_, token) = try await kit.harness.user("e-rs-client", role: .externalBooking)
        let today = kit.services.shared.environment.today
        let all = try await kit.services.outpatients.clinics.slots(from: today, through: today.adding(days: 27), by: TestHarness.system)
        let published = Set(all.filter { $0.published && $0.status == .free }.map(\.id.rawValue))
        let heldBack = try #require(all.first { !$0.published && $0.status == .free }, "the demo holds some slots back")
        let booked = try #require(all.first { $0.published && $0.status == .booked }, "the demo has booked published slots")
        #expect(!published.isEmpty)
        try await kit.run { client in
            let found = Self.entries(try Self.json(try await client.json("/fhir/Slot?start=ge\(today.iso)&start=lt\(today.adding(days: 28).iso)&_count=1000", token: token)))
            let ids = Set(found.compactMap { $0["id"] as? String })
            #expect(!ids.isEmpty && ids.isSubset(of: published), "only free, published slots")
            #expect(found.allSatisfy { $0["status"] as? String == "free" })
            // Asking for busy slots finds none; a held-back slot does not exist for it.
            let busy = try Self.json(try await client.json("/fhir/Slot?status=busy&start=ge\(today.iso)", token: token))
            #expect(busy["total"] as? Int == 0)
            #expect(try await client.json("/fhir/Slot/\(heldBack.id)", token: token).status == .notFound)
            #expect(try await client.json("/fhir/Slot/\(try #require(ids.first))", token: token).status == .ok)
            #expect(!ids.contains(booked.id.rawValue))
            // No patient, appointment, pathway or page.
            let patient = DemoOrganisation(seed: 11, patientCount: 60).patients[0]
            #expect(try await client.json("/fhir/Patient/\(patient.id)", token: token).status == .forbidden)
            #expect(try await client.json("/fhir/Appointment?patient=Patient/\(patient.id)", token: token).status == .forbidden)
            #expect(try await client.json("/api/v1/tracking-list", token: token).status == .forbidden)
        }
        // Outpatient staff still see every slot, held back or booked.
        let staff = try await kit.services.outpatients.clinics.slots(from: today, through: today.adding(days: 27), by: TestHarness.system)
        #expect(staff.contains { $0.id == heldBack.id } && staff.contains { $0.id == booked.id })
    }

    /// Two waiting patients of one specialty, each with that one open referral and no appointment,
    /// who could both take one free new-patient slot.
    static func rivals(_ kit: WebTestKit) async throws -> (Referral, Referral, Slot.ID) {
        let system = TestHarness.system, services = kit.services
        var bySpecialty: [Specialty.ID: [Referral]] = [:]
        for entry in try await services.outpatients.referrals.trackingList(by: system).entries {
            let r = try await services.outpatients.referrals.referral(id: entry.referralID, by: system)
            let sameSpecialty = try await services.outpatients.referrals.referrals(patientID: r.patientID, by: system).filter { $0.specialtyID == r.specialtyID }
            guard sameSpecialty.count == 1, r.availability.weekdays.isEmpty, r.availability.from == nil,
                try await services.outpatients.appointments.history(referralID: r.id, by: system).isEmpty
            else { continue }
            if let first = bySpecialty[r.specialtyID]?.first,
                let slot = try await services.outpatients.bookings.offers(referralID: first.id, .init(count: 50), by: system).first(where: { $0.type == .new })
            {
                return (first, r, slot.id)
            }
            bySpecialty[r.specialtyID, default: []].append(r)
        }
        throw ServiceError.notFound(entity: "two rival referrals", id: "")
    }

    @Test("book with POST /fhir/Appointment (201), the same slot again is 409, then cancel by updating the status")
    func bookAndCancel() async throws {
        let kit = try WebTestKit()
        _ = try await kit.services.shared.demo.load(seed: 11, patientCount: 300)
        let (_, token) = try await kit.harness.user("fhir-booker", role: .bookingCoordinator)
        let (_, clinicianToken) = try await kit.harness.user("fhir-clinician", role: .clinician)
        let (referral, other, slotID) = try await Self.rivals(kit)
        @Sendable func booking(_ r: Referral, basedOn: Bool = true) -> [String: Any] {
            var body: [String: Any] = [
                "resourceType": "Appointment", "status": "booked", "slot": [["reference": "Slot/\(slotID)"]],
                "participant": [["actor": ["reference": "Patient/\(r.patientID)"], "status": "accepted"]],
            ]
            if basedOn { body["basedOn"] = [["reference": "ServiceRequest/\(r.id)"]] }
            return body
        }
        try await kit.run { client in
            #expect(try await Self.send(client, "/fhir/Appointment", .post, token: clinicianToken, body: booking(referral)).status == .forbidden)
            let wrongType = try await Self.send(client, "/fhir/Appointment", .post, token: token, body: ["resourceType": "Patient"])
            #expect(wrongType.status == .badRequest)
            let noSlot = try await Self.send(client, "/fhir/Appointment", .post, token: token, body: ["resourceType": "Appointment", "status": "booked"])
            #expect(noSlot.status == .unprocessableContent)
            var mismatched = booking(referral)
            mismatched["basedOn"] = [["reference": "ServiceRequest/\(other.id)"]]
            #expect(try await Self.send(client, "/fhir/Appointment", .post, token: token, body: mismatched).status == .unprocessableContent)

            let created = try await Self.send(client, "/fhir/Appointment", .post, token: token, body: booking(referral))
            #expect(created.status == .created)
            let appointment = try Self.json(created)
            let id = try #require(appointment["id"] as? String)
            #expect(created.headers[.location] == "/fhir/Appointment/\(id)")
            #expect(appointment["status"] as? String == "booked")
            #expect((appointment["basedOn"] as? [[String: Any]])?.first?["reference"] as? String == "ServiceRequest/\(referral.id)")
            #expect(try kit.harness.count("outbox_messages", where: "appointment_id = '\(id)' AND kind = 'confirmation'") > 0)

            let again = try await Self.send(client, "/fhir/Appointment", .post, token: token, body: booking(other, basedOn: false))
            #expect(again.status == .conflict)
            let outcome = try Self.json(again)
            #expect(outcome["resourceType"] as? String == "OperationOutcome")
            #expect((outcome["issue"] as? [[String: Any]])?.first?["code"] as? String == "conflict")

            let search = Self.entries(try Self.json(try await client.json("/fhir/Appointment?patient=Patient/\(referral.patientID)&status=booked", token: token)))
            #expect(search.contains { $0["id"] as? String == id })

            var change = appointment
            change["start"] = "2030-01-01T09:00:00Z"
            change["status"] = "fulfilled"
            #expect(try await Self.send(client, "/fhir/Appointment/\(id)", .put, token: token, body: change).status == .unprocessableContent)
            var cancel = appointment
            cancel["status"] = "cancelled"
            cancel["cancelationReason"] = ["coding": [["system": FHIRController.cancellationSystem, "code": "patient-unwell"]]]
            let cancelled = try await Self.send(client, "/fhir/Appointment/\(id)", .put, token: token, body: cancel)
            #expect(cancelled.status == .ok)
            #expect(try Self.json(cancelled)["status"] as? String == "cancelled")
            let details = try await kit.services.outpatients.appointments.details(id: .init(id), by: TestHarness.system)
            #expect(details.appointment.status == .cancelledByPatient && details.appointment.cancellation?.reason == .patientUnwell)
            #expect(details.slot.status == .free)
            // Without basedOn, the patient's open referral in the slot's specialty is used.
            let byPatient = try await Self.send(client, "/fhir/Appointment", .post, token: token, body: booking(other, basedOn: false))
            #expect(byPatient.status == .created)
            #expect(((try Self.json(byPatient))["basedOn"] as? [[String: Any]])?.first?["reference"] as? String == "ServiceRequest/\(other.id)")
        }
    }
}
