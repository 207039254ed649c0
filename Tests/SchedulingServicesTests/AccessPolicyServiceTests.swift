import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("AccessPolicyService")
struct AccessPolicyServiceTests {
    /// Books referral 0 into `date`'s first slot and records a DNA on the day.
    func dna(_ f: OutpatientFixture, on date: String, slot k: Int = 0) async throws -> AppointmentDetails {
        let a = try await f.book(0, f.slot(date, k))
        f.advance(to: date)
        return try await f.harness.services.outpatients.appointments.recordOutcome(id: a.id, outcome: "dna", by: f.clinician)
    }

    @Test("a first DNA nullifies the clock and proposes one rebooking; rebooking restarts the clock; a second DNA proposes discharge")
    func standardPolicy() async throws {
        let f = try await OutpatientFixture()
        let first = try await dna(f, on: "2026-11-24")
        let decision = try #require(first.accessDecision)
        #expect(decision.proposal == .rebook && decision.clockNullified && decision.dnaCount == 1)
        var referral = try await f.referral(0)
        #expect(referral.clock.status == .nullified && referral.status == .open)
        #expect(try await f.messages(.init(kind: .dnaRebook)).count == 1)

        // Rebooking the next day restarts the clock from that day.
        let second = try await dna(f, on: "2026-12-01")
        referral = try await f.referral(0)
        #expect(referral.clock.restarts == 1 && referral.clock.start == LocalDate(iso: "2026-11-24"))
        let proposal = try #require(second.accessDecision)
        #expect(proposal.proposal == .discharge && proposal.dnaCount == 2)
        #expect(try await f.harness.services.outpatients.accessPolicy.pending(by: f.booker).map(\.decision.id) == [decision.id, proposal.id])

        // A booking coordinator cannot decide; a team leader confirms the proposal.
        await #expect(throws: ServiceError.self) {
            _ = try await f.harness.services.outpatients.accessPolicy.resolve(id: proposal.id, ResolutionInput(action: "discharge"), by: f.booker)
        }
        let f2 = try await f.harness.services.outpatients.accessPolicy.resolve(id: proposal.id, ResolutionInput(action: "discharge"), by: f.leader)
        #expect(f2.resolution?.action == .discharge && f2.resolution?.overridden == false)
        referral = try await f.referral(0)
        #expect(referral.status == .removed && referral.removal?.reason == .dischargedAfterDNA)
        let letters = try await f.messages(.init(kind: .discharge))
        #expect(Set(letters.map(\.recipient)) == [.patient, .referrer])
        let gp = try #require(letters.first { $0.recipient == .referrer })
        #expect(gp.body.contains("Dear Dr Gray, A81001") && gp.body.contains("did not attend 2 Cardiology appointments"))
        let audit = try await f.harness.services.shared.audit.recent(limit: 1, by: TestHarness.system)[0]
        #expect(audit.action == "access-decision.confirm" && audit.detail == "referral=\(referral.id) proposal=discharge action=discharge")
        // Resolved once only.
        do {
            _ = try await f.harness.services.outpatients.accessPolicy.resolve(id: proposal.id, ResolutionInput(action: "rebook", note: "x"), by: f.clinician)
            Issue.record("expected a conflict")
        } catch ServiceError.conflict(let code, _) {
            #expect(code == "decision.resolved")
        }
    }

    @Test("only a clinician overrides, and only with a note; the override is audited")
    func override() async throws {
        let f = try await OutpatientFixture()
        _ = try await dna(f, on: "2026-11-24")
        let second = try await dna(f, on: "2026-12-01")
        let id = try #require(second.accessDecision?.id)
        await #expect(throws: ServiceError.forbidden("only a clinician may override the access policy or decide a clinical review.")) {
            _ = try await f.harness.services.outpatients.accessPolicy.resolve(id: id, ResolutionInput(action: "rebook", note: "carer's illness"), by: f.leader)
        }
        do {
            _ = try await f.harness.services.outpatients.accessPolicy.resolve(id: id, ResolutionInput(action: "rebook", note: "  "), by: f.clinician)
            Issue.record("expected a conflict")
        } catch ServiceError.conflict(let code, _) {
            #expect(code == "decision.noteRequired")
        }
        let resolved = try await f.harness.services.outpatients.accessPolicy.resolve(
            id: id, ResolutionInput(action: "rebook", note: "Missed because of a hospital admission."), by: f.clinician)
        #expect(resolved.resolution?.overridden == true && resolved.resolution?.note == "Missed because of a hospital admission.")
        #expect(try await f.referral(0).status == .open)
        let audit = try await f.harness.services.shared.audit.recent(limit: 1, by: TestHarness.system)[0]
        #expect(audit.action == "access-decision.override")
        #expect(try await f.messages(.init(kind: .discharge)).isEmpty)
    }

    @Test("a child's second DNA goes to clinical review, not discharge; a configured policy applies")
    func childAndConfiguredPolicy() async throws {
        let f = try await OutpatientFixture(birthDate: "2015-03-01")
        _ = try await dna(f, on: "2026-11-24")
        let second = try await dna(f, on: "2026-12-01")
        #expect(second.accessDecision?.proposal == .clinicalReview)
        // Clinical review needs a clinician, and either choice is not an override.
        await #expect(throws: ServiceError.self) {
            _ = try await f.harness.services.outpatients.accessPolicy.resolve(id: second.accessDecision!.id, ResolutionInput(action: "discharge"), by: f.leader)
        }
        let r = try await f.harness.services.outpatients.accessPolicy.resolve(id: second.accessDecision!.id, ResolutionInput(action: "rebook"), by: f.clinician)
        #expect(r.resolution?.overridden == false)

        // A trust that discharges after one DNA and does not nullify.
        let strict = AccessPolicy(nullifyClockOnFirstDNA: false, dischargeAfterDNAs: 1, clinicalReviewUnderAge: nil, clinicalReviewPriorities: [])
        #expect(try await f.harness.services.outpatients.accessPolicy.setPolicy(strict, by: f.leader) == strict)
        #expect(try await f.harness.services.outpatients.accessPolicy.policy(by: f.booker) == strict)
        let third = try await dna(f, on: "2026-12-08")
        #expect(third.accessDecision?.proposal == .discharge && third.accessDecision?.clockNullified == false)
        // Invalid policies are refused with the fields named; only team leaders may set it.
        do {
            _ = try await f.harness.services.outpatients.accessPolicy.setPolicy(AccessPolicy(dischargeAfterDNAs: 0, clinicalReviewUnderAge: 40), by: f.leader)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["dischargeAfterDNAs", "clinicalReviewUnderAge"])
        }
        await #expect(throws: ServiceError.self) { _ = try await f.harness.services.outpatients.accessPolicy.setPolicy(.standard, by: f.clinician) }
    }

    @Test("removing a referral cancels its bookings and writes to the patient and the referrer")
    func removal() async throws {
        let f = try await OutpatientFixture()
        let a = try await f.book(0, f.slot("2026-12-08"), transport: true)
        _ = try await f.harness.services.outpatients.referrals.remove(id: f.referrals[0].id, reason: "treated-elsewhere", by: f.booker)
        let details = try await f.harness.services.outpatients.appointments.details(id: a.id, by: f.booker)
        #expect(details.appointment.status == .cancelledByHospital && details.journeyRequest?.status == .cancelled)
        #expect(try await f.slotStatus(f.slot("2026-12-08")) == .free)
        let letters = try await f.messages(.init(kind: .removal))
        #expect(Set(letters.map(\.recipient)) == [.patient, .referrer])
        #expect(letters.allSatisfy { $0.body.contains("treated elsewhere") })
        #expect(try await f.messages(.init(status: .queued, kind: .reminder)).isEmpty)
    }
}

@Suite("NotificationService")
struct NotificationServiceTests {
    struct FailingSender: MessageSender {
        struct Down: Error {}
        func deliver(_ message: OutboxMessage) async throws { throw Down() }
    }

    @Test("dispatch sends what is due to files, leaves reminders for later, and retries failures up to the limit")
    func dispatch() async throws {
        let f = try await OutpatientFixture()
        let a = try await f.book(0, f.slot("2026-12-08"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kairos-outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let service = f.harness.services.shared.notifications
        #expect(try await service.dispatchDue(through: FailingSender()) == .init(sent: 0, retrying: 2, failed: 0))
        #expect(try await service.dispatchDue(through: FailingSender()) == .init(sent: 0, retrying: 2, failed: 0))
        let report = try await service.dispatchDue(through: FileMessageSender(directory: folder))
        #expect(report == .init(sent: 2, retrying: 0, failed: 0))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count == 2 && files.contains { $0.hasSuffix(".html") } && files.contains { $0.hasSuffix(".txt") })
        let letter = try #require(try await f.messages(.init(channel: .letter, appointmentID: a.id)).first)
        #expect(letter.status == .sent && letter.attempts == 3)
        let html = try String(contentsOf: folder.appendingPathComponent("\(letter.id).html"), encoding: .utf8)
        #expect(html.contains("@page { size: A4") && html.contains("Tuesday 8 December 2026"))
        // Reminders wait until their day; then they go.
        #expect(try await f.messages(.init(status: .queued, kind: .reminder)).count == 2)
        f.advance(to: "2026-12-01")
        #expect(try await service.dispatchDue(through: FileMessageSender(directory: folder)).sent == 1)
        // A sender that stays down: failed after three attempts.
        f.advance(to: "2026-12-06")
        for _ in 0..<2 { _ = try await service.dispatchDue(through: FailingSender()) }
        #expect(try await service.dispatchDue(through: FailingSender()) == .init(sent: 0, retrying: 0, failed: 1))
        #expect(try await service.summary(by: f.booker).contains(OutboxCount(status: .failed, channel: .sms, count: 1)))
    }

    @Test("a message is queued unwritten, previewed as it reads today, and written when it is sent, from the records as they are then; what was sent is stored")
    func writtenWhenSent() async throws {
        let f = try await OutpatientFixture()
        let a = try await f.book(0, f.slot("2026-12-08"))
        let store = f.harness.services.shared.environment.store
        let stored = { @Sendable (id: Appointment.ID) in
            try await store.read { try await $0.outbox.messages(.init(appointmentID: id), limit: 50, offset: 0) }
        }
        let queued = try await stored(a.id)
        #expect(queued.count == 4 && queued.allSatisfy { !$0.isWritten && $0.status == .queued })
        // Read through the service, a queued message shows what it would say now.
        let preview = try #require(try await f.messages(.init(channel: .letter, appointmentID: a.id)).first)
        #expect(preview.isWritten && preview.body.contains("Tuesday 8 December 2026") && preview.body.contains("the outpatient booking office"))
        // The booking office's number changes before the letter goes: the letter tells the new one.
        let service = f.harness.services.shared.notifications
        var settings = MessagingSettings.standard
        settings.bookingPhone = "0113 222 2222"
        _ = try await service.setSettings(settings, by: f.leader)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kairos-outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try await service.dispatchDue(through: FileMessageSender(directory: folder)) == .init(sent: 2, retrying: 0, failed: 0))
        let sentLetter = try #require(try await stored(a.id).first { $0.channel == .letter })
        #expect(sentLetter.status == .sent && sentLetter.body.contains("0113 222 2222"))
        let file = try String(contentsOf: folder.appendingPathComponent("\(sentLetter.id).html"), encoding: .utf8)
        #expect(file == LetterPage.html(sentLetter))
        // Reminders withdrawn with the appointment are never written.
        _ = try await f.harness.services.outpatients.appointments.cancel(id: a.id, .init(initiatedBy: "patient", reason: "patient-request"), by: f.booker)
        let reminders = try await stored(a.id).filter { $0.kind == .reminder }
        #expect(reminders.count == 2 && reminders.allSatisfy { $0.status == .cancelled && !$0.isWritten })
    }

    @Test("templates can be replaced, are checked before they are stored, and render the next message")
    func templates() async throws {
        let f = try await OutpatientFixture()
        let service = f.harness.services.shared.notifications
        do {
            try await service.setTemplate(key: "confirmation.fax", .init(subject: "{{#x}}", body: ""), by: f.leader)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.code) == ["template.unknown", "field.length", "template.syntax"])
        }
        try await service.setTemplate(key: "confirmation.sms", .init(subject: "Booked", body: "Seen on {{appointment.shortDate}} & {{appointment.time}}."),
                                      by: f.leader)
        var settings = MessagingSettings.standard
        settings.bookingPhone = "0113 000 0000"
        settings.reminders = ReminderPolicy(reminders: [.init(channel: .phone, daysBefore: 1)], sendAt: LocalTime(hour: 10, minute: 0)!)
        _ = try await service.setSettings(settings, by: f.leader)
        let a = try await f.book(0, f.slot("2026-12-08"))
        let sms = try #require(try await f.messages(.init(channel: .sms, appointmentID: a.id)).first)
        #expect(sms.body == "Seen on Tue 8 Dec & 1:30pm.")
        let task = try #require(try await f.messages(.init(channel: .phone, appointmentID: a.id)).first)
        #expect(task.kind == .reminder && task.body.contains("07700 900123"))
        let done = try await service.completeTask(id: task.id, status: "sent", by: f.booker)
        #expect(done.status == .sent)
        do {
            _ = try await service.completeTask(id: sms.id, status: "sent", by: f.booker)
            Issue.record("expected a conflict")
        } catch ServiceError.conflict(let code, _) {
            #expect(code == "message.notTask")
        }
        // A second change takes effect at once (parsed templates and decoded settings are cached by their text).
        try await service.setTemplate(key: "confirmation.sms", .init(subject: "Booked", body: "Now {{appointment.shortDate}}."), by: f.leader)
        settings.bookingPhone = "0113 111 1111"
        _ = try await service.setSettings(settings, by: f.leader)
        let b = try await f.book(1, f.slot("2026-12-15"))
        #expect(try await f.messages(.init(channel: .sms, appointmentID: b.id)).first?.body == "Now Tue 15 Dec.")
        #expect(try await f.messages(.init(channel: .letter, appointmentID: b.id)).first?.body.contains("0113 111 1111") == true)
        var bad = settings
        bad.reminders = ReminderPolicy(reminders: [.init(channel: .letter, daysBefore: 90)], sendAt: LocalTime(hour: 10, minute: 0)!)
        do {
            _ = try await service.setSettings(bad, by: f.leader)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["reminders.reminders[0].channel", "reminders.reminders[0].daysBefore"])
        }
    }
}
