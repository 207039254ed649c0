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
        let urgent = try await f.harness.services.outpatients.referrals.create(
            ReferralInput(patientID: f.referrals[1].patientID.rawValue, specialtyID: "spc_cardio", referrer: "Dr Gray", priority: "urgent", received: "2026-11-20"),
            by: f.booker)
        let routine = try await f.book(0, f.slot("2026-12-08", 0))
        let pressing = try await f.harness.services.outpatients.bookings.book(BookingInput(referralID: urgent.id.rawValue, slotID: f.slot("2026-12-08", 1), shortNoticeAgreed: true), by: f.booker)
        let before = try await f.referral(0)
        let input = SessionCancellationInput(clinicianIDs: ["cln_1"], from: "2026-12-08", reason: "industrial-action")
        let preview = try await f.harness.services.outpatients.sessions.cancel(input, by: f.leader)
        #expect(!preview.committed && preview.slotsCancelled == 3 && preview.shortfall == 0)
        #expect(preview.affected.map(\.appointmentID) == [pressing.id, routine.id])
        #expect(preview.affected.map(\.priority) == [.urgent, .routine])
        #expect(try await f.slotStatus(f.slot("2026-12-08", 0)) == .booked)
        #expect(try await f.messages(.init(kind: .cancellation)).isEmpty)

        var commit = input
        commit.commit = true
        let done = try await f.harness.services.outpatients.sessions.cancel(commit, by: f.leader)
        #expect(done.committed && done.affected == preview.affected)
        for k in 0..<3 { #expect(try await f.slotStatus(f.slot("2026-12-08", k)) == .cancelled) }
        let cancelled = try await f.harness.services.outpatients.appointments.details(id: routine.id, by: f.booker)
        #expect(cancelled.appointment.status == .cancelledByHospital && cancelled.appointment.cancellation?.reason == .industrialAction)
        #expect(try await f.referral(0) == before)
        let letters = try await f.messages(.init(channel: .letter, kind: .cancellation))
        #expect(Set(letters.compactMap(\.appointmentID)) == [routine.id, pressing.id])
        #expect(letters.allSatisfy { $0.body.contains("because of industrial action") && $0.body.contains("You keep your place") })
        let audit = try #require(try await f.harness.services.shared.audit.recent(limit: 5, by: TestHarness.system).first { $0.action == "sessions.cancel" })
        #expect(audit.entityID == "cln_1" && audit.detail == "from=2026-12-08 through=2026-12-08 reason=industrial-action slots=3 appointments=2")
        // Cancelled slots are no longer offered or bookable.
        let offers = try await f.harness.services.outpatients.bookings.offers(referralID: f.referrals[0].id, .init(count: 50), by: f.booker)
        #expect(!offers.contains { $0.date == LocalDate(iso: "2026-12-08") })
        // Cancelling the same day again finds nothing left.
        #expect(try await f.harness.services.outpatients.sessions.cancel(commit, by: f.leader).slotsCancelled == 0)
    }

    @Test("when every later session goes too, the displaced patients are a capacity shortfall")
    func shortfall() async throws {
        let f = try await OutpatientFixture(patients: 2)
        _ = try await f.book(0, f.slot("2026-12-08", 0))
        _ = try await f.book(1, f.slot("2026-12-08", 1))
        let result = try await f.harness.services.outpatients.sessions.cancel(
            SessionCancellationInput(clinicianIDs: ["cln_1"], from: "2026-11-23", through: "2027-01-31", reason: "clinician-unavailable"), by: f.leader)
        #expect(result.shortfall == 2 && result.affected.allSatisfy { !$0.capacityBeforeDue })
        // One session only (a later template-only cancellation) leaves capacity elsewhere.
        let one = try await f.harness.services.outpatients.sessions.cancel(
            SessionCancellationInput(clinicianIDs: ["cln_1"], from: "2026-12-08", templateID: f.templateID.rawValue, reason: "clinic-cancelled"), by: f.leader)
        #expect(one.shortfall == 0 && one.slotsCancelled == 3)
    }

    @Test("bad input is named field by field; only team leaders cancel sessions")
    func validation() async throws {
        let f = try await OutpatientFixture(patients: 1)
        do {
            _ = try await f.harness.services.outpatients.sessions.cancel(
                SessionCancellationInput(clinicianIDs: [], from: "2026-11-01", through: "2026-10-01", reason: "patient-request"), by: f.leader)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["clinicianIDs", "through", "from", "reason"])
        }
        do {
            _ = try await f.harness.services.outpatients.sessions.cancel(
                SessionCancellationInput(clinicianIDs: ["cln_9"], from: "2026-12-01", reason: "clinic-cancelled"), by: f.leader)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.code) == ["clinician.unknown"])
        }
        await #expect(throws: ServiceError.self) {
            _ = try await f.harness.services.outpatients.sessions.cancel(
                SessionCancellationInput(clinicianIDs: ["cln_1"], from: "2026-12-01", reason: "clinic-cancelled", commit: true), by: f.booker)
        }
    }
}

/// Delivers nothing anywhere, successfully: marks due messages sent.
struct NullSender: MessageSender {
    func deliver(_ message: OutboxMessage) async throws {}
}

@Suite("Strike rebooking")
struct StrikeRebookingTests {
    /// Routine referral 0 booked on 8 December at 13:30, an urgent referral (due 4 December) at 14:00.
    static func strike(_ f: OutpatientFixture) async throws -> (urgent: Referral, routine: Appointment, pressing: Appointment) {
        let urgent = try await f.harness.services.outpatients.referrals.create(
            ReferralInput(patientID: f.referrals[1].patientID.rawValue, specialtyID: "spc_cardio", referrer: "Dr Gray", priority: "urgent", received: "2026-11-20"),
            by: f.booker)
        let routine = try await f.book(0, f.slot("2026-12-08", 0))
        let pressing = try await f.harness.services.outpatients.bookings.book(BookingInput(referralID: urgent.id.rawValue, slotID: f.slot("2026-12-08", 1), shortNoticeAgreed: true), by: f.booker)
        return (urgent, routine, pressing)
    }

    static func input(_ rebook: RebookingInput, commit: Bool = false) -> SessionCancellationInput {
        SessionCancellationInput(clinicianIDs: ["cln_1"], from: "2026-12-08", reason: "industrial-action", commit: commit, rebook: rebook)
    }

    @Test("the displaced are rebooked most urgent first after the notice; the commit moves them and writes a change letter to each")
    func rebook() async throws {
        let f = try await OutpatientFixture(patients: 2)
        let (urgent, routine, pressing) = try await Self.strike(f)
        let preview = try await f.harness.services.outpatients.sessions.cancel(Self.input(.init(minimumNoticeDays: 7)), by: f.leader)
        let plan = try #require(preview.rebooking)
        #expect(plan.from == LocalDate(iso: "2026-11-29") && plan.through == LocalDate(iso: "2027-01-23"))
        #expect(plan.moves.map(\.appointmentID) == [pressing.id, routine.id])
        #expect(plan.moves.map { $0.toSlotID?.rawValue } == [f.slot("2026-12-01", 0), f.slot("2026-12-01", 1)])
        #expect(plan.unplaced.isEmpty && plan.bumped == 0 && preview.shortfall == 0)
        #expect(try f.harness.count("appointments") == 2)

        let done = try await f.harness.services.outpatients.sessions.cancel(Self.input(.init(minimumNoticeDays: 7), commit: true), by: f.leader)
        let moves = try #require(done.rebooking?.moves)
        #expect(moves.map { $0.toSlotID } == plan.moves.map { $0.toSlotID })
        let moved = try await f.harness.services.outpatients.appointments.details(id: try #require(moves[0].newAppointmentID), by: f.booker)
        #expect(moved.appointment.referralID == urgent.id && moved.appointment.replacesID == pressing.id && moved.slot.status == .booked)
        let old = try await f.harness.services.outpatients.appointments.details(id: pressing.id, by: f.booker)
        #expect(old.appointment.status == .cancelledByHospital && old.appointment.cancellation?.reason == .industrialAction)
        #expect(try await f.slotStatus(f.slot("2026-12-08", 0)) == .cancelled)
        // One change letter each, no cancellation letter: they already have their new date.
        #expect(try await f.messages(.init(channel: .letter, kind: .change)).count == 2)
        #expect(try await f.messages(.init(kind: .cancellation)).isEmpty)
        let audit = try #require(try await f.harness.services.shared.audit.recent(limit: 20, by: TestHarness.system).first { $0.action == "sessions.cancel" })
        #expect(audit.detail == "from=2026-12-08 through=2026-12-08 reason=industrial-action slots=3 appointments=2 rebooked=2 bumped=0 extraSlots=0")
    }

    @Test("transport and an interpreter follow a rebooked appointment: flagged in the preview, carried to the new booking, the journey request moved")
    func needsFollow() async throws {
        let f = try await OutpatientFixture(patients: 2)
        let booked = try await f.harness.services.outpatients.bookings.book(
            BookingInput(referralID: f.referrals[0].id.rawValue, slotID: f.slot("2026-12-08", 0), interpreterLanguage: "Polish", needsTransport: true, shortNoticeAgreed: true), by: f.booker)
        let preview = try await f.harness.services.outpatients.sessions.cancel(Self.input(.init(minimumNoticeDays: 7)), by: f.leader)
        let flagged = try #require(preview.affected.first { $0.appointmentID == booked.id })
        #expect(flagged.needsTransport && flagged.interpreterLanguage == "Polish")
        let done = try await f.harness.services.outpatients.sessions.cancel(Self.input(.init(minimumNoticeDays: 7), commit: true), by: f.leader)
        let newID = try #require(done.rebooking?.moves.first { $0.appointmentID == booked.id }?.newAppointmentID)
        let moved = try await f.harness.services.outpatients.appointments.details(id: newID, by: f.booker)
        #expect(moved.appointment.needsTransport && moved.appointment.interpreterLanguage == "Polish")
        #expect(moved.journeyRequest?.status == .requested && moved.journeyRequest?.date == moved.slot.date)
        let old = try await f.harness.services.outpatients.appointments.details(id: booked.id, by: f.booker)
        #expect(old.journeyRequest?.status == .cancelled)
    }

    @Test("an urgent patient with no slot by their due day takes a routine patient's not-yet-notified booking; that patient is rebooked; never a notified one unless allowed")
    func bump() async throws {
        let f = try await OutpatientFixture(patients: 3)
        let (urgent, _, pressing) = try await Self.strike(f)
        let early = try await f.book(1, f.slot("2026-12-01", 0))
        _ = try await f.book(2, f.slot("2026-12-01", 1))
        // Existing bookings stay put: the urgent patient is late.
        let pinned = try await f.harness.services.outpatients.sessions.cancel(Self.input(.init(moveBooked: "none")), by: f.leader)
        #expect(pinned.rebooking?.moves.first?.toSlotID?.rawValue == f.slot("2026-12-15", 0))
        #expect(pinned.rebooking?.moves.first?.afterDue == true && pinned.shortfall == 1)
        // Not-notified bookings may move: the urgent patient takes the least urgent, earliest one.
        let plan = try #require(try await f.harness.services.outpatients.sessions.cancel(Self.input(.init()), by: f.leader).rebooking)
        #expect(plan.bumped == 1)
        let first = try #require(plan.moves.first)
        #expect(first.appointmentID == pressing.id && first.referralID == urgent.id && first.toSlotID?.rawValue == f.slot("2026-12-01", 0) && !first.afterDue)
        let bumped = try #require(plan.moves.first { $0.bumped })
        #expect(bumped.appointmentID == early.id && bumped.toSlotID?.rawValue == f.slot("2026-12-15", 0))
        // Once the confirmations have gone out, those bookings are pinned again...
        _ = try await f.harness.services.shared.notifications.dispatchDue(through: NullSender())
        let notified = try await f.harness.services.outpatients.sessions.cancel(Self.input(.init()), by: f.leader)
        #expect(notified.rebooking?.bumped == 0 && notified.shortfall == 1)
        // ...unless all may move; the commit carries it out.
        let done = try await f.harness.services.outpatients.sessions.cancel(Self.input(.init(moveBooked: "all"), commit: true), by: f.leader)
        #expect(done.rebooking?.bumped == 1 && done.shortfall == 0)
        let moved = try #require(done.rebooking?.moves.first { $0.bumped })
        let replaced = try await f.harness.services.outpatients.appointments.details(id: early.id, by: f.booker)
        #expect(replaced.appointment.status == .cancelledByHospital && replaced.appointment.cancellation?.reason == .rescheduled)
        let now = try await f.harness.services.outpatients.appointments.details(id: try #require(moved.newAppointmentID), by: f.booker)
        #expect(now.slot.id.rawValue == f.slot("2026-12-15", 0) && now.appointment.replacesID == early.id)
        #expect(try await f.messages(.init(channel: .letter, kind: .change, appointmentID: now.appointment.id)).count == 1)
    }

    @Test("short-notice clinics add capacity; clashes and bad options are named field by field")
    func extraSessions() async throws {
        let f = try await OutpatientFixture(patients: 2)
        let (_, _, pressing) = try await Self.strike(f)
        // A Thursday clinic on 3 December adds two slots (the urgent patient still gets the earlier Tuesday one).
        let extra = ExtraSessionInput(clinicianID: "cln_1", locationID: "loc_1", date: "2026-12-03", start: "09:00",
                                      slots: [.init(minutes: 20, type: "urgent"), .init(minutes: 20, type: "new")])
        let plan = try #require(try await f.harness.services.outpatients.sessions.cancel(Self.input(.init(extraSessions: [extra], moveBooked: "none")), by: f.leader).rebooking)
        #expect(plan.extraSlots == 2)
        #expect(plan.moves.first { $0.appointmentID == pressing.id }?.toDate == LocalDate(iso: "2026-12-01"))
        let done = try await f.harness.services.outpatients.sessions.cancel(Self.input(.init(extraSessions: [extra], moveBooked: "none"), commit: true), by: f.leader)
        #expect(done.rebooking?.extraSlots == 2)
        let added = try await f.harness.services.outpatients.clinics.slots(from: LocalDate(iso: "2026-12-03")!, through: LocalDate(iso: "2026-12-03")!, by: f.booker)
        #expect(added.map(\.start.description) == ["09:00", "09:20"] && added.allSatisfy { $0.templateID == nil })

        let clash = ExtraSessionInput(clinicianID: "cln_1", locationID: "loc_1", date: "2026-12-15", start: "14:00", slots: [.init(minutes: 30)])
        await #expect(throws: ServiceError.invalid([.init(path: "rebook.extraSessions[0].start", code: "session.clash",
                                                          message: "rebook.extraSessions[0] overlaps clinician cln_1's slot at 14:00 on 2026-12-15.")])) {
            _ = try await f.harness.services.outpatients.sessions.cancel(SessionCancellationInput(clinicianIDs: ["cln_1"], from: "2026-12-22", reason: "industrial-action",
                                                                                      rebook: .init(extraSessions: [clash])), by: f.leader)
        }
        do {
            let bad = RebookingInput(minimumNoticeDays: 99, through: "2026-01-01",
                                     extraSessions: [.init(clinicianID: "cln_9", date: "2027-06-01", start: "9am", slots: [.init(minutes: 2, type: "odd")])],
                                     moveBooked: "some")
            _ = try await f.harness.services.outpatients.sessions.cancel(Self.input(bad), by: f.leader)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["rebook.minimumNoticeDays", "rebook.through", "rebook.moveBooked", "rebook.extraSessions[0].locationID",
                                           "rebook.extraSessions[0].date", "rebook.extraSessions[0].start", "rebook.extraSessions[0].slots[0].minutes",
                                           "rebook.extraSessions[0].slots[0].type"])
        }
    }
}
