import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import SchedulingWeb

@Suite("Appointments API")
struct AppointmentsAPITests {
    struct Details: Decodable {
        struct A: Decodable { var id: String; var status: String; var replacesID: String? }
        struct S: Decodable { var id: String; var status: String }
        struct J: Decodable { var status: String; var arriveBy: String }
        struct D: Decodable { var id: String; var proposal: String; var clockNullified: Bool }
        var appointment: A
        var slot: S
        var journeyRequest: J?
        var accessDecision: D?
    }
    struct Message: Decodable { var id: String; var kind: String; var channel: String; var status: String; var recipient: String }
    struct Decision: Decodable { struct R: Decodable { var action: String; var overridden: Bool }; var resolution: R? }

    /// A Tuesday clinic, a booking team, a team leader, a clinician and one routine referral.
    func setUp(_ kit: WebTestKit) async throws -> (booker: String, leader: String, clinician: String, referral: Referral, slot: @Sendable (String) -> String) {
        let (_, leader) = try await kit.harness.user("tess", role: .teamLeader)
        let (_, booker) = try await kit.harness.user("bea", role: .bookingCoordinator)
        let (_, clinician) = try await kit.harness.user("dr.cole", role: .clinician)
        try await kit.harness.services.shared.environment.store.write { session in
            try await session.organisation.insert(Specialty(id: "spc_cardio", code: "320", name: "Cardiology"))
            try await session.organisation.insert(Clinician(id: "cln_1", name: "Dr One", grade: "Consultant", specialtyID: "spc_cardio"))
            try await session.organisation.insert(ClinicLocation(id: "loc_1", name: "Outpatients A",
                                                                 address: Address(lines: ["1 Hospital Road"], town: "Leeds", postcode: "LS1 3EX", coordinates: nil)))
        }
        let template = try await kit.harness.services.outpatients.clinics.createTemplate(
            ClinicTemplateInput(clinicianID: "cln_1", locationID: "loc_1", weekday: 2, start: "13:30",
                                slots: [.init(minutes: 30, type: "new"), .init(minutes: 30, type: "new")], effectiveFrom: "2026-11-01"),
            by: TestHarness.system)
        _ = try await kit.harness.services.outpatients.clinics.generateSlots(days: 56, by: TestHarness.system)
        let patient = try await kit.harness.services.shared.patients.register(TestHarness.patientInput(), by: TestHarness.system)
        let referral = try await kit.harness.services.outpatients.referrals.create(
            ReferralInput(patientID: patient.id.rawValue, specialtyID: "spc_cardio", referrer: "A81001", priority: "routine", received: "2026-10-01"),
            by: TestHarness.system)
        let id = template.id.rawValue
        return (booker, leader, clinician, referral, { "\(id)_\($0)" })
    }

    @Test("change, cancel, attendance and the access decision through the API; letters are listed and print as pages")
    func lifecycle() async throws {
        let kit = try WebTestKit()
        let (booker, leader, clinician, referral, slot) = try await setUp(kit)
        try await kit.run { client in
            let booked = try await client.json("/api/v1/bookings", .post, token: booker,
                                               body: #"{"referralID": "\#(referral.id)", "slotID": "\#(slot("2026-12-08_0"))", "needsTransport": true, "shortNoticeAgreed": true}"#)
            #expect(booked.status == .created)
            let first = try booked.decode(Appointment.self)

            // Change to another slot: 201 with the new appointment; the old is cancelled.
            let changed = try await client.json("/api/v1/appointments/\(first.id)/change", .post, token: booker,
                                                body: #"{"slotID": "\#(slot("2026-12-15_1"))", "initiatedBy": "hospital"}"#)
            #expect(changed.status == .created)
            let moved = try changed.decode(Details.self)
            #expect(moved.appointment.replacesID == first.id.rawValue && moved.journeyRequest?.arriveBy == "13:45")
            #expect(changed.headers[.location] == "/api/v1/appointments/\(moved.appointment.id)")
            let old = try await client.json("/api/v1/appointments/\(first.id)", token: booker)
            #expect(try old.decode(Details.self).appointment.status == "cancelled-by-hospital")
            let history = try await client.json("/api/v1/referrals/\(referral.id)/appointments", token: booker)
            #expect(try history.decode([Details].self).map(\.appointment.status) == ["cancelled-by-hospital", "booked"])

            // Bad input: each field named; a second change of the cancelled one is a conflict.
            let bad = try await client.json("/api/v1/appointments/\(moved.appointment.id)/cancellation", .post, token: booker,
                                            body: #"{"initiatedBy": "gp", "reason": "bored"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.decode(Problem.self).issues?.map(\.path) == ["initiatedBy", "reason"])
            let stale = try await client.json("/api/v1/appointments/\(first.id)/change", .post, token: booker,
                                              body: #"{"slotID": "\#(slot("2026-12-22_0"))", "initiatedBy": "patient"}"#)
            #expect(stale.status == .conflict)
            #expect(try await client.json("/api/v1/appointments/apt_none", token: booker).status == .notFound)

            // Transport sees the moved journey only.
            let journeys = try await client.json("/api/v1/journey-requests?from=2026-12-01&to=2026-12-31", token: booker)
            #expect(try journeys.decode([JourneyRequest].self).map(\.appointmentID.rawValue) == [moved.appointment.id])
            #expect(try await client.json("/api/v1/journey-requests?from=2026-12-01", token: booker).status == .unprocessableContent)

            // The day comes; the patient does not attend; the clinician records it.
            let target = LondonCalendar().instant(of: LocalDateTime(iso: "2026-12-15T17:00")!)
            kit.harness.clock.advance(by: target.timeIntervalSince(kit.harness.clock.now()))
            let dna = try await client.json("/api/v1/appointments/\(moved.appointment.id)/outcome", .post, token: clinician, body: #"{"outcome": "dna"}"#)
            #expect(dna.status == .ok)
            let decision = try #require(try dna.decode(Details.self).accessDecision)
            #expect(decision.proposal == "rebook" && decision.clockNullified)
            let pending = try await client.json("/api/v1/access-decisions", token: booker)
            #expect(pending.text.contains(decision.id))
            let forbidden = try await client.json("/api/v1/access-decisions/\(decision.id)/resolution", .post, token: booker, body: #"{"action": "rebook"}"#)
            #expect(forbidden.status == .forbidden)
            let leaderOverride = try await client.json("/api/v1/access-decisions/\(decision.id)/resolution", .post, token: leader, body: #"{"action": "discharge"}"#)
            #expect(leaderOverride.status == .forbidden)
            let resolved = try await client.json("/api/v1/access-decisions/\(decision.id)/resolution", .post, token: clinician,
                                                 body: #"{"action": "rebook"}"#)
            #expect(try resolved.decode(Decision.self).resolution?.overridden == false)

            // The outbox: confirmation, change and DNA letters, no patient details in errors.
            let letters = try await client.json("/api/v1/messages?channel=letter", token: booker)
            let kinds = try letters.decode([Message].self).map(\.kind)
            #expect(Set(kinds) == ["confirmation", "change", "dna-rebook"])
            let badFilter = try await client.json("/api/v1/messages?channel=pigeon&limit=0", token: booker)
            #expect(try badFilter.decode(Problem.self).issues?.map(\.path) == ["channel", "limit"])
            let summary = try await client.json("/api/v1/messages/summary", token: booker)
            #expect(summary.status == .ok && summary.text.contains("\"letter\""))
            let letterID = try letters.decode([Message].self).first { $0.kind == "change" }!.id
            let session = try await kit.session(role: .bookingCoordinator, username: "printer")
            let page = try await client.page("/letters/\(letterID)", cookie: session.cookie)
            #expect(page.status == .ok && page.text.contains("@page { size: A4") && page.text.contains("Tuesday 15 December 2026"))
            // The letter's own styles and print button are allowed by their hashes, and nothing else inline.
            let policy = try #require(page.headers[.contentSecurityPolicy])
            let style = try #require(page.text.range(of: "<style>").flatMap { start in
                page.text.range(of: "</style>", range: start.upperBound..<page.text.endIndex).map { String(page.text[start.upperBound..<$0.lowerBound]) }
            })
            let hash = Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
            #expect(policy.contains("style-src 'self' 'sha256-\(hash)'") && !policy.contains("unsafe-inline"))
            #expect(page.text.contains("<button type=\"button\" id=\"print\">Print this letter</button>"))
            // A letterhead, the patient's NHS number and date of birth, and a short reference, never an internal id.
            #expect(page.text.contains("class=\"letterhead\"") && page.text.contains("<dt>NHS number</dt><dd>999 000 0018</dd>"))
            #expect(page.text.range(of: #"<dt>Reference</dt><dd>[A-Z2-9]{4}-[A-Z2-9]{4}</dd>"#, options: .regularExpression) != nil)
            #expect(!page.text.contains("apt_"))
            let sms = try await client.json("/api/v1/messages?channel=sms&limit=1", token: booker).decode([Message].self)[0]
            #expect(try await client.page("/letters/\(sms.id)", cookie: session.cookie).status == .notFound)
        }
    }

    @Test("the access policy, messaging settings and templates are read by the office and set by team leaders")
    func settings() async throws {
        let kit = try WebTestKit()
        let (booker, leader, _, _, _) = try await setUp(kit)
        try await kit.run { client in
            let policy = try await client.json("/api/v1/access-policy", token: booker)
            #expect(try policy.decode(AccessPolicy.self) == .standard)
            let strict = #"{"nullifyClockOnFirstDNA": true, "dischargeAfterDNAs": 3, "clinicalReviewUnderAge": 16, "clinicalReviewPriorities": ["cancer-2ww"]}"#
            #expect(try await client.json("/api/v1/access-policy", .put, token: booker, body: strict).status == .forbidden)
            let set = try await client.json("/api/v1/access-policy", .put, token: leader, body: strict)
            #expect(try set.decode(AccessPolicy.self).dischargeAfterDNAs == 3)
            let invalid = try await client.json("/api/v1/access-policy", .put, token: leader,
                                                body: #"{"nullifyClockOnFirstDNA": true, "dischargeAfterDNAs": 9, "clinicalReviewPriorities": []}"#)
            #expect(try invalid.decode(Problem.self).issues?.map(\.path) == ["dischargeAfterDNAs"])

            let settings = #"{"bookingPhone": "0113 000 0000", "preparation": {"default": "Bring your glasses."}, "reminders": {"reminders": [{"channel": "email", "daysBefore": 3}], "sendAt": "08:30"}}"#
            let stored = try await client.json("/api/v1/messaging-settings", .put, token: leader, body: settings)
            #expect(stored.status == .ok)
            #expect(try await client.json("/api/v1/messaging-settings", token: booker).decode(MessagingSettings.self).bookingPhone == "0113 000 0000")

            let template = #"{"subject": "Booked", "body": "See you {{appointment.shortDate}}."}"#
            #expect(try await client.json("/api/v1/message-templates/confirmation.sms", .put, token: leader, body: template).status == .ok)
            let read = try await client.json("/api/v1/message-templates/confirmation.sms", token: booker)
            #expect(try read.decode(MessageTemplates.Template.self).body == "See you {{appointment.shortDate}}.")
            let broken = try await client.json("/api/v1/message-templates/confirmation.sms", .put, token: leader, body: #"{"subject": "x", "body": "{{#open}}"}"#)
            #expect(try broken.decode(Problem.self).issues?.map(\.code) == ["template.syntax"])
            #expect(try await client.json("/api/v1/message-templates/nothing.here", token: booker).status == .notFound)
        }
    }

    @Test("session cancellation: a preview, then the commit; bad input is 422, booking staff get 403")
    func sessionCancellation() async throws {
        let kit = try WebTestKit()
        let (booker, leader, _, referral, slot) = try await setUp(kit)
        try await kit.run { client in
            let booked = try await client.json("/api/v1/bookings", .post, token: booker,
                                               body: #"{"referralID": "\#(referral.id)", "slotID": "\#(slot("2026-12-08_0"))", "shortNoticeAgreed": true}"#)
            #expect(booked.status == .created)
            let body = #"{"clinicianIDs": ["cln_1"], "from": "2026-12-08", "reason": "clinician-unavailable"}"#
            #expect(try await client.json("/api/v1/session-cancellations", .post, token: booker, body: body).status == .forbidden)
            let preview = try await client.json("/api/v1/session-cancellations", .post, token: leader, body: body)
            #expect(preview.status == .ok && preview.text.contains(referral.id.rawValue))
            #expect(!preview.text.contains("9990000018"))
            let commit = try await client.json("/api/v1/session-cancellations", .post, token: leader,
                                               body: #"{"clinicianIDs": ["cln_1"], "from": "2026-12-08", "reason": "clinician-unavailable", "commit": true}"#)
            #expect(commit.text.contains(#""committed":true"#) && commit.text.contains(#""slotsCancelled":2"#))
            let bad = try await client.json("/api/v1/session-cancellations", .post, token: leader, body: #"{"from": "soon", "reason": "bored"}"#)
            #expect(try bad.decode(Problem.self).issues?.map(\.path) == ["clinicianIDs", "from", "through", "reason"])
        }
    }

    @Test("auto-allocation: a preview, then the commit of that plan; bad input is 422, clinicians get 403")
    func allocation() async throws {
        struct Plan: Decodable {
            struct P: Decodable { var referralID: String; var slotID: String; var appointmentID: String? }
            var planID: String
            var committed: Bool
            var proposals: [P]
        }
        let kit = try WebTestKit()
        let (booker, _, clinician, referral, slot) = try await setUp(kit)
        try await kit.run { client in
            let preview = try await client.json("/api/v1/allocations", .post, token: booker, body: #"{"minimumNoticeDays": 7}"#)
            #expect(preview.status == .ok)
            let plan = try preview.decode(Plan.self)
            #expect(!plan.committed && plan.proposals.map(\.slotID) == [slot("2026-12-01_0")] && plan.proposals.first?.referralID == referral.id.rawValue)
            #expect(!preview.text.contains("9990000018"))
            #expect(try await client.json("/api/v1/allocations", .post, token: clinician, body: "{}").status == .forbidden)
            let bad = try await client.json("/api/v1/allocations", .post, token: booker, body: #"{"from": "someday", "commit": true}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.decode(Problem.self).issues?.map(\.path) == ["from", "planID"])
            let commit = try await client.json("/api/v1/allocations", .post, token: booker,
                                               body: #"{"minimumNoticeDays": 7, "commit": true, "planID": "\#(plan.planID)"}"#)
            let done = try commit.decode(Plan.self)
            #expect(done.committed && done.proposals.first?.appointmentID != nil)
            let stale = try await client.json("/api/v1/allocations", .post, token: booker,
                                              body: #"{"minimumNoticeDays": 7, "commit": true, "planID": "\#(plan.planID)"}"#)
            #expect(stale.status == .conflict)
        }
    }

    @Test("a large auto-allocation preview runs as a solve job: 202 with the job, whose result is the plan that can then be committed")
    func allocationAsJob() async throws {
        let kit = try WebTestKit()
        let (booker, _, _, referral, _) = try await setUp(kit)
        var environment = kit.services.shared.environment
        environment.allocationJobThreshold = 0
        let services = KairosServices(environment: environment)
        let router = buildRouter(services: services, pages: try await PageRenderer.load(), metrics: kit.metrics)
        let workers = SolveJobWorkers(environment, jobs: services.shared.jobs, poll: .milliseconds(10), tick: .milliseconds(20))
        try await Application(router: router).test(.router) { client in
            let started = try await client.json("/api/v1/allocations", .post, token: booker, body: #"{"minimumNoticeDays": 7}"#)
            #expect(started.status == .accepted)
            let location = try #require(started.headers[.location])
            try await runService(workers) {
                try await client.json(location, token: booker).text.contains("\"status\":\"succeeded\"")
            }
            let job = try #require(try JSONSerialization.jsonObject(with: Data(try await client.json(location, token: booker).text.utf8)) as? [String: Any])
            let plan = try #require(job["result"] as? [String: Any])
            let planID = try #require(plan["planID"] as? String)
            #expect((plan["proposals"] as? [[String: Any]])?.first?["referralID"] as? String == referral.id.rawValue)
            let commit = try await client.json("/api/v1/allocations", .post, token: booker,
                                               body: #"{"minimumNoticeDays": 7, "commit": true, "planID": "\#(planID)"}"#)
            #expect(commit.status == .ok && commit.text.contains("\"committed\":true"))
        }
    }
}
