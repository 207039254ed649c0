import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("SessionCancellationService")
struct SessionCancellationServiceTests {
    @Test("a preview lists the displaced bookings, most urgent first, and changes nothing; the commit cancels slots and bookings and writes to each patient")
    func previewAndCommit() async throws {
        let f = try await OutpatientFixture(patients: 2)
        let urgent = try await f.harness.services.referrals.create(
            ReferralInput(patientID: f.referrals[1].patientID.rawValue, specialtyID: "spc_cardio", referrer: "Dr Gray", priority: "urgent", received: "2026-11-20"),
            by: f.booker)
        let routine = try await f.book(0, f.slot("2026-12-08", 0))
        let pressing = try await f.harness.services.bookings.book(BookingInput(referralID: urgent.id.rawValue, slotID: f.slot("2026-12-08", 1)), by: f.booker)
        let before = try await f.referral(0)
        let input = SessionCancellationInput(clinicianIDs: ["cln_1"], from: "2026-12-08", reason: "industrial-action")
        let preview = try await f.harness.services.sessions.cancel(input, by: f.leader)
        #expect(!preview.committed && preview.slotsCancelled == 3 && preview.shortfall == 0)
        #expect(preview.affected.map(\.appointmentID) == [pressing.id, routine.id])
        #expect(preview.affected.map(\.priority) == [.urgent, .routine])
        #expect(try await f.slotStatus(f.slot("2026-12-08", 0)) == .booked)
        #expect(try await f.messages(.init(kind: .cancellation)).isEmpty)

        var commit = input
        commit.commit = true
        let done = try await f.harness.services.sessions.cancel(commit, by: f.leader)
        #expect(done.committed && done.affected == preview.affected)
        for k in 0..<3 { #expect(try await f.slotStatus(f.slot("2026-12-08", k)) == .cancelled) }
        let cancelled = try await f.harness.services.appointments.details(id: routine.id, by: f.booker)
        #expect(cancelled.appointment.status == .cancelledByHospital && cancelled.appointment.cancellation?.reason == .industrialAction)
        #expect(try await f.referral(0) == before)
        let letters = try await f.messages(.init(channel: .letter, kind: .cancellation))
        #expect(Set(letters.compactMap(\.appointmentID)) == [routine.id, pressing.id])
        #expect(letters.allSatisfy { $0.body.contains("because of industrial action") && $0.body.contains("You keep your place") })
        let audit = try #require(try await f.harness.services.audit.recent(limit: 5, by: TestHarness.system).first { $0.action == "sessions.cancel" })
        #expect(audit.entityID == "cln_1" && audit.detail == "from=2026-12-08 through=2026-12-08 reason=industrial-action slots=3 appointments=2")
        // Cancelled slots are no longer offered or bookable.
        let offers = try await f.harness.services.bookings.offers(referralID: f.referrals[0].id, .init(count: 50), by: f.booker)
        #expect(!offers.contains { $0.date == LocalDate(iso: "2026-12-08") })
        // Cancelling the same day again finds nothing left.
        #expect(try await f.harness.services.sessions.cancel(commit, by: f.leader).slotsCancelled == 0)
    }

    @Test("when every later session goes too, the displaced patients are a capacity shortfall")
    func shortfall() async throws {
        let f = try await OutpatientFixture(patients: 2)
        _ = try await f.book(0, f.slot("2026-12-08", 0))
        _ = try await f.book(1, f.slot("2026-12-08", 1))
        let result = try await f.harness.services.sessions.cancel(
            SessionCancellationInput(clinicianIDs: ["cln_1"], from: "2026-11-23", through: "2027-01-31", reason: "clinician-unavailable"), by: f.leader)
        #expect(result.shortfall == 2 && result.affected.allSatisfy { !$0.capacityBeforeDue })
        // One session only (a later template-only cancellation) leaves capacity elsewhere.
        let one = try await f.harness.services.sessions.cancel(
            SessionCancellationInput(clinicianIDs: ["cln_1"], from: "2026-12-08", templateID: f.templateID.rawValue, reason: "clinic-cancelled"), by: f.leader)
        #expect(one.shortfall == 0 && one.slotsCancelled == 3)
    }

    @Test("bad input is named field by field; only team leaders cancel sessions")
    func validation() async throws {
        let f = try await OutpatientFixture(patients: 1)
        do {
            _ = try await f.harness.services.sessions.cancel(
                SessionCancellationInput(clinicianIDs: [], from: "2026-11-01", through: "2026-10-01", reason: "patient-request"), by: f.leader)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["clinicianIDs", "through", "from", "reason"])
        }
        do {
            _ = try await f.harness.services.sessions.cancel(
                SessionCancellationInput(clinicianIDs: ["cln_9"], from: "2026-12-01", reason: "clinic-cancelled"), by: f.leader)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.code) == ["clinician.unknown"])
        }
        await #expect(throws: ServiceError.self) {
            _ = try await f.harness.services.sessions.cancel(
                SessionCancellationInput(clinicianIDs: ["cln_1"], from: "2026-12-01", reason: "clinic-cancelled", commit: true), by: f.booker)
        }
    }
}
