import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport
@testable import SchedulingWeb

@Suite("Referrals API")
struct ReferralsAPITests {
    struct ReferralView: Decodable {
        struct Inner: Decodable { var id: String; var status: String }
        var referral: Inner
        var breachDate: String
        var weeksWaited: Int
        var cancerSeenBy: String?
    }

    struct ListView: Decodable {
        struct Entry: Decodable { var referralID: String; var weeksWaited: Int; var breached: Bool }
        var count: Int
        var withinStandard: Double
        var entries: [Entry]
    }

    /// A kit with a booking coordinator's token, one patient and one specialty.
    func setUp() async throws -> (WebTestKit, String, Patient) {
        let kit = try WebTestKit()
        let (user, token) = try await kit.harness.user("booker", role: .bookingCoordinator)
        let patient = try await kit.harness.services.shared.patients.register(TestHarness.patientInput(), by: Caller(principal: Principal(user: user)))
        try await kit.harness.services.shared.environment.store.write { session in
            try await session.organisation.insert(Specialty(id: "spc_cardio", code: "320", name: "Cardiology"))
        }
        return (kit, token, patient)
    }

    @Test("CSV import (201, all or nothing, 422 by row) and the tracking list as a CSV download")
    func csv() async throws {
        let (kit, token, patient) = try await setUp()
        try await kit.run { client in
            let good = "nhs_number,specialty_code,referrer,priority,received\n\(patient.nhsNumber.digits),320,Dr Gray,urgent,2026-11-20\n"
            let created = try await client.execute(uri: "/api/v1/referrals/import", method: .post,
                                                   headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: good))
            #expect(created.status == .created)
            #expect(created.text.contains(#""created":1"#))
            let bad = "nhs_number,specialty_code,referrer,priority,received\n\(patient.nhsNumber.digits),320,Dr Gray,urgent,2026-11-20\n\(patient.nhsNumber.digits),999,Dr Gray,urgent,yesterday\n"
            let refused = try await client.execute(uri: "/api/v1/referrals/import", method: .post,
                                                   headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: bad))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("rows[2].specialty_code") && refused.text.contains("rows[2].received"))
            #expect(try kit.harness.count("referrals") == 1)

            let export = try await client.json("/api/v1/tracking-list.csv?breached=false", token: token)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(export.text.hasPrefix("referral_id,nhs_number,") && export.text.contains(patient.nhsNumber.digits))
            #expect(try await client.json("/api/v1/tracking-list.csv?priority=soon", token: token).status == .unprocessableContent)
            let session = try await kit.session(role: .teamLeader)
            let page = try await client.page("/outpatients/tracking-list?specialtyId=&priority=urgent&minWeeks=", cookie: session.cookie)
            #expect(page.status == .ok && page.text.contains("/outpatients/tracking-list.csv?"))
            let download = try await client.page("/outpatients/tracking-list.csv?priority=urgent", cookie: session.cookie)
            #expect(download.status == .ok && download.text.contains(",urgent,"))
        }
    }

    @Test("create (201, Location), read, list with filters, remove; bad input is 422 naming each field and stores nothing")
    func lifecycle() async throws {
        let (kit, token, patient) = try await setUp()
        try await kit.run { client in
            let body = #"{"patientID": "\#(patient.id)", "specialtyID": "spc_cardio", "referrer": "A81001", "priority": "routine", "received": "2026-06-01"}"#
            let created = try await client.json("/api/v1/referrals", .post, token: token, body: body)
            #expect(created.status == .created)
            let view = try created.decode(ReferralView.self)
            #expect(created.headers[.location] == "/api/v1/referrals/\(view.referral.id)")
            #expect(view.breachDate == "2026-10-05" && view.weeksWaited == 24 && view.cancerSeenBy == nil)
            let cancer = #"{"patientID": "\#(patient.id)", "specialtyID": "spc_cardio", "referrer": "A81001", "priority": "cancer-2ww", "received": "2026-11-20"}"#
            let second = try await client.json("/api/v1/referrals", .post, token: token, body: cancer).decode(ReferralView.self)
            #expect(second.cancerSeenBy == "2026-12-04")
            let read = try await client.json("/api/v1/referrals/\(view.referral.id)", token: token)
            #expect(read.status == .ok)

            let list = try await client.json("/api/v1/tracking-list", token: token).decode(ListView.self)
            #expect(list.entries.map(\.referralID) == [second.referral.id, view.referral.id])
            #expect(list.count == 2 && list.withinStandard == 0.5)
            let breached = try await client.json("/api/v1/tracking-list?breached=true&minWeeks=20&specialtyId=spc_cardio", token: token).decode(ListView.self)
            #expect(breached.entries.map(\.referralID) == [view.referral.id])
            let bad = try await client.json("/api/v1/tracking-list?priority=soon&minWeeks=-1&breached=maybe", token: token)
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.decode(Problem.self).issues?.map(\.path) == ["priority", "minWeeks", "breached"])

            let before = try kit.harness.count("referrals")
            let invalid = try await client.json("/api/v1/referrals", .post, token: token,
                                                body: #"{"patientID": "pat_none", "specialtyID": "spc_cardio", "referrer": "A81001", "priority": "soon"}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(try invalid.decode(Problem.self).issues?.map(\.path) == ["priority", "received"])
            #expect(try kit.harness.count("referrals") == before)

            let removed = try await client.json("/api/v1/referrals/\(view.referral.id)/removal", .post, token: token, body: #"{"reason": "treated-elsewhere"}"#)
            #expect(removed.status == .ok)
            #expect(try removed.decode(ReferralView.self).referral.status == "removed")
            let again = try await client.json("/api/v1/referrals/\(view.referral.id)/removal", .post, token: token, body: #"{"reason": "duplicate"}"#)
            #expect(again.status == .conflict)
            let missing = try await client.json("/api/v1/referrals/ref_none", token: token)
            #expect(missing.status == .notFound)
            #expect(!missing.text.contains("Test") && !again.text.contains("9990000018"))
        }
    }

    @Test("a clinician reads the list but may not create referrals (403)")
    func access() async throws {
        let (kit, _, patient) = try await setUp()
        let (_, doctor) = try await kit.harness.user("doc", role: .clinician)
        try await kit.run { client in
            let read = try await client.json("/api/v1/tracking-list", token: doctor)
            #expect(read.status == .ok)
            let body = #"{"patientID": "\#(patient.id)", "specialtyID": "spc_cardio", "referrer": "A81001", "priority": "routine", "received": "2026-06-01"}"#
            let create = try await client.json("/api/v1/referrals", .post, token: doctor, body: body)
            #expect(create.status == .forbidden)
            let anonymous = try await client.json("/api/v1/tracking-list", token: nil)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
