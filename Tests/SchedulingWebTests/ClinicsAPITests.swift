import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import SchedulingWeb

@Suite("Clinics API")
struct ClinicsAPITests {
    struct Added: Decodable { var added: Int }
    struct SlotView: Decodable { var date: String; var start: String; var type: String; var status: String }

    @Test("a team leader adds a template and generates slots; anyone on the office side lists them; bad queries are 422")
    func clinics() async throws {
        let kit = try WebTestKit()
        let (_, leader) = try await kit.harness.user("tess", role: .teamLeader)
        let (_, booker) = try await kit.harness.user("bea", role: .bookingCoordinator)
        try await kit.harness.services.shared.environment.store.write { session in
            try await session.organisation.insert(Specialty(id: "spc_cardio", code: "320", name: "Cardiology"))
            try await session.organisation.insert(Clinician(id: "cln_1", name: "Dr One", grade: "Consultant", specialtyID: "spc_cardio"))
            try await session.organisation.insert(ClinicLocation(id: "loc_1", name: "Outpatients A",
                                                                 address: Address(lines: ["1 Hospital Road"], town: "Leeds", postcode: "LS1 3EX", coordinates: nil)))
        }
        let template = #"{"clinicianID": "cln_1", "locationID": "loc_1", "weekday": 2, "start": "13:30", "effectiveFrom": "2026-11-01", "slots": [{"minutes": 30, "type": "new"}, {"minutes": 30, "type": "urgent", "published": false}]}"#
        try await kit.run { client in
            let forbidden = try await client.json("/api/v1/clinic-templates", .post, token: booker, body: template)
            #expect(forbidden.status == .forbidden)
            let created = try await client.json("/api/v1/clinic-templates", .post, token: leader, body: template)
            #expect(created.status == .created)
            let generated = try await client.json("/api/v1/slots/generation", .post, token: leader, body: #"{"days": 14}"#)
            #expect(try generated.decode(Added.self).added == 4)
            let again = try await client.json("/api/v1/slots/generation", .post, token: leader, body: "{}")
            #expect(try again.decode(Added.self).added == 12 * 2 - 4)
            let listed = try await client.json("/api/v1/slots?from=2026-11-22&through=2026-11-30&specialtyId=spc_cardio&status=free", token: booker)
            #expect(listed.status == .ok)
            #expect(try listed.decode([SlotView].self).map { "\($0.date) \($0.start) \($0.type)" } == [
                "2026-11-24 13:30 new", "2026-11-24 14:00 urgent"])
            let bad = try await client.json("/api/v1/slots?from=2026-13-01&status=lost", token: booker)
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.decode(Problem.self).issues?.map(\.path) == ["from", "through", "status"])
            // Booking: the first request for the slot wins (201), the second gets 409.
            let patient = try await kit.harness.services.shared.patients.register(TestHarness.patientInput(), by: TestHarness.system)
            let referral = try await kit.harness.services.outpatients.referrals.create(
                ReferralInput(patientID: patient.id.rawValue, specialtyID: "spc_cardio", referrer: "A81001", priority: "routine", received: "2026-10-01"),
                by: TestHarness.system)
            let slotID = try await kit.harness.services.shared.environment.store.read { try await $0.clinics.templates()[0].id.rawValue } + "_2026-11-24_0"
            let offered = try await client.json("/api/v1/referrals/\(referral.id)/offers?count=1&weekdays=2", token: booker)
            #expect(try offered.decode([SlotView].self).map { "\($0.date) \($0.start)" } == ["2026-11-24 13:30"])
            let badOffer = try await client.json("/api/v1/referrals/\(referral.id)/offers?count=x&weekdays=a&notBefore=soon", token: booker)
            #expect(try badOffer.decode(Problem.self).issues?.map(\.path) == ["count", "weekdays", "notBefore"])
            // A routine referral's slot less than three weeks away: only with the patient's agreement, recorded.
            let unagreed = try await client.json("/api/v1/bookings", .post, token: booker,
                                                 body: #"{"referralID": "\#(referral.id)", "slotID": "\#(slotID)", "channel": "online"}"#)
            #expect(unagreed.status == .unprocessableContent && unagreed.text.contains("shortNoticeAgreed"))
            #expect(try kit.harness.count("appointments") == 0)
            let booking = #"{"referralID": "\#(referral.id)", "slotID": "\#(slotID)", "channel": "online", "needsTransport": true, "shortNoticeAgreed": true}"#
            let booked = try await client.json("/api/v1/bookings", .post, token: booker, body: booking)
            #expect(booked.status == .created)
            let taken = try await client.json("/api/v1/bookings", .post, token: booker, body: booking)
            #expect(taken.status == .conflict)
            #expect(!taken.text.contains("9990000018"))
            let invalid = try await client.json("/api/v1/clinic-templates", .post, token: leader,
                                                body: #"{"clinicianID": "cln_1", "locationID": "loc_1", "weekday": 0, "start": "13:30", "effectiveFrom": "2026-11-01", "slots": []}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(try invalid.decode(Problem.self).issues?.map(\.code) == ["weekday.range", "slots.empty"])

            // A template change: the preview lists the booking in the removed slot; the commit cancels it.
            let templateID = slotID.replacingOccurrences(of: "_2026-11-24_0", with: "")
            struct Change: Decodable { struct Affected: Decodable { var appointmentID: String }; var committed: Bool; var slotsCancelled: Int; var affected: [Affected] }
            let preview = try await client.json("/api/v1/clinic-templates/\(templateID)/change", .post, token: leader, body: #"{"effectiveTo": "2026-11-23"}"#)
            #expect(preview.status == .ok)
            let previewed = try preview.decode(Change.self)
            #expect(!previewed.committed && previewed.affected.count == 1 && previewed.slotsCancelled == 24)
            #expect(try await client.json("/api/v1/clinic-templates/\(templateID)/change", .post, token: booker, body: "{}").status == .forbidden)
            let empty = try await client.json("/api/v1/clinic-templates/\(templateID)/change", .post, token: leader, body: "{}")
            #expect(try empty.decode(Problem.self).issues?.map(\.path) == ["effectiveTo"])
            #expect(try await client.json("/api/v1/clinic-templates/tpl_x/change", .post, token: leader, body: #"{"slotCount": 1}"#).status == .notFound)
            let done = try await client.json("/api/v1/clinic-templates/\(templateID)/change", .post, token: leader,
                                             body: #"{"effectiveTo": "2026-11-23", "commit": true}"#)
            #expect(try done.decode(Change.self).committed)
            #expect(try kit.harness.count("appointments", where: "status = 'cancelled-by-hospital'") == 1)
        }
    }
}
