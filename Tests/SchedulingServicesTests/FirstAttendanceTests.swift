import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

/// Issue 16, item 5: a two-week-wait patient who attended the first appointment has met the
/// target; the pathway stays on the list with its 18-week clock and is offered no more first
/// appointments.
@Suite("First attendance")
struct FirstAttendanceTests {
    @Test("once seen, a two-week wait is due by its RTT breach date, shows when it was seen, and gets no more first appointments")
    func seenTwoWeekWait() async throws {
        let f = try await OutpatientFixture(patients: 1)
        let patientID = f.referrals[0].patientID.rawValue
        let urgent = try await f.harness.services.outpatients.referrals.create(
            ReferralInput(patientID: patientID, specialtyID: "spc_cardio", referrer: "Dr Gray, A81001", priority: "cancer-2ww", received: "2026-11-20"),
            by: f.booker)
        let list = { try await f.harness.services.outpatients.referrals.trackingList(by: f.booker).entries.first { $0.referralID == urgent.id } }
        let before = try #require(try await list())
        #expect(before.dueBy == LocalDate(iso: "2026-12-04") && before.seenOn == nil, "due 14 days after it was received")

        let first = try await f.harness.services.outpatients.bookings.book(
            BookingInput(referralID: urgent.id.rawValue, slotID: f.slot("2026-11-24", 2), shortNoticeAgreed: true), by: f.booker)
        f.advance(to: "2026-11-24")
        _ = try await f.harness.services.outpatients.appointments.recordOutcome(id: first.id, outcome: "attended", by: f.clinician)

        let after = try #require(try await list(), "still on the list: the 18-week clock runs on")
        #expect(after.seenOn == LocalDate(iso: "2026-11-24"))
        #expect(after.dueBy == after.breachDate && after.dueBy == urgent.clock.breachDate)

        do {
            _ = try await f.harness.services.outpatients.bookings.offers(referralID: urgent.id, .init(), by: f.booker)
            Issue.record("expected no more first appointments to be offered")
        } catch ServiceError.conflict(let code, let message) {
            #expect(code == "referral.seen" && message.contains("2026-11-24"))
        }
        do {
            _ = try await f.harness.services.outpatients.bookings.book(
                BookingInput(referralID: urgent.id.rawValue, slotID: f.slot("2026-12-01", 2), shortNoticeAgreed: true), by: f.booker)
            Issue.record("expected no second first appointment")
        } catch ServiceError.conflict(let code, _) {
            #expect(code == "referral.seen")
        }
        // The routine pathway that was never seen is offered slots as before.
        #expect(try await !f.harness.services.outpatients.bookings.offers(referralID: f.referrals[0].id, .init(), by: f.booker).isEmpty)
    }
}
