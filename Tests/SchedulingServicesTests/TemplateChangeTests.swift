import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("Clinic template changes (OP-10)")
struct TemplateChangeTests {
    @Test("an end date: the preview lists the bookings in the sessions that go and changes nothing; the commit cancels them and returns the patients to the list")
    func endDate() async throws {
        let f = try await OutpatientFixture(patients: 2)
        let later = try await f.book(0, f.slot("2026-12-08"))
        let kept = try await f.book(1, f.slot("2026-12-01"))
        let clinics = f.harness.services.outpatients.clinics
        let before = try (f.harness.count("appointments", where: "status = 'booked'"), f.harness.count("outbox_messages"), f.harness.count("audit_log"))

        let preview = try await clinics.changeTemplate(id: f.templateID, .init(effectiveTo: "2026-12-07"), by: f.leader)
        #expect(!preview.committed && preview.template.effectiveTo == LocalDate(iso: "2026-12-07"))
        #expect(preview.slotsCancelled == 6 * 3)  // the Tuesdays from 8 December to 12 January
        #expect(preview.affected.map(\.appointmentID) == [later.id])
        #expect(try (f.harness.count("appointments", where: "status = 'booked'"), f.harness.count("outbox_messages"), f.harness.count("audit_log")) == before)
        #expect(try await f.slotStatus(f.slot("2026-12-08")) == .booked)

        let done = try await clinics.changeTemplate(id: f.templateID, .init(effectiveTo: "2026-12-07", reason: "clinician-unavailable", commit: true), by: f.leader)
        #expect(done.committed && done.affected.map(\.appointmentID) == [later.id])
        let cancelled = try await f.harness.services.outpatients.appointments.details(id: later.id, by: f.booker)
        #expect(cancelled.appointment.status == .cancelledByHospital && cancelled.appointment.cancellation?.reason == .clinicianUnavailable)
        #expect(try await f.slotStatus(f.slot("2026-12-08")) == .cancelled)
        #expect(try await f.slotStatus(f.slot("2027-01-12", 2)) == .cancelled)
        #expect(try await f.slotStatus(f.slot("2026-12-01")) == .booked)
        #expect(try await f.harness.services.outpatients.appointments.details(id: kept.id, by: f.booker).appointment.status == .booked)
        // Back on the list with its priority and clock.
        let referral = try await f.referral(0)
        #expect(referral.status == .open && referral.clock.status == .running && referral.clock.start == LocalDate(iso: "2026-09-01"))
        let list = try await f.harness.services.outpatients.referrals.trackingList(by: f.booker)
        #expect(list.entries.contains { $0.referralID == referral.id && $0.priority == .routine })
        #expect(try await f.messages(.init(kind: .cancellation, appointmentID: later.id)).contains { $0.channel == .letter })
        #expect(try f.harness.count("audit_log", where: "action = 'template.change'") == 1)
        // Generating slots again respects the end date.
        #expect(try await clinics.generateSlots(days: 84, by: f.leader) == 0)
        #expect(try await clinics.slots(from: LocalDate(iso: "2026-12-08")!, through: LocalDate(iso: "2027-02-28")!, status: .free, by: f.booker).isEmpty)
    }

    @Test("fewer slots a session: the later slots of every future session go, the template keeps the first ones")
    func fewerSlots() async throws {
        let f = try await OutpatientFixture(patients: 1)
        let booked = try await f.book(0, f.slot("2026-12-15", 1))
        let clinics = f.harness.services.outpatients.clinics
        let change = try await clinics.changeTemplate(id: f.templateID, .init(slotCount: 1, commit: true), by: f.leader)
        #expect(change.template.slots.count == 1 && change.slotsCancelled == 8 * 2)
        #expect(change.affected.map(\.appointmentID) == [booked.id])
        #expect(try await f.slotStatus(f.slot("2026-12-15", 0)) == .free)
        #expect(try await f.slotStatus(f.slot("2026-12-15", 1)) == .cancelled)
        let stored = try await f.harness.services.shared.environment.store.read { try await $0.clinics.template(id: f.templateID) }
        #expect(stored?.slots.count == 1)
    }

    @Test("bad changes are refused naming the field, and only team leaders and admins may change templates")
    func refused() async throws {
        let f = try await OutpatientFixture(patients: 0)
        let clinics = f.harness.services.outpatients.clinics
        for (input, path) in [(TemplateChangeInput(), "effectiveTo"), (TemplateChangeInput(effectiveTo: "2026-11-01"), "effectiveTo"),
                              (TemplateChangeInput(effectiveTo: "soon"), "effectiveTo"), (TemplateChangeInput(slotCount: 4), "slotCount"),
                              (TemplateChangeInput(slotCount: 0), "slotCount"), (TemplateChangeInput(slotCount: 1, reason: "patient-request"), "reason")] {
            do {
                _ = try await clinics.changeTemplate(id: f.templateID, input, by: f.leader)
                Issue.record("expected invalid input for \(input)")
            } catch ServiceError.invalid(let issues) {
                #expect(issues.map(\.path).contains(path), "\(issues)")
            }
        }
        await #expect(throws: ServiceError.notFound(entity: "Clinic template", id: "tpl_none")) {
            _ = try await clinics.changeTemplate(id: "tpl_none", .init(slotCount: 1), by: f.leader)
        }
        await #expect(throws: ServiceError.self) { _ = try await clinics.changeTemplate(id: f.templateID, .init(slotCount: 1), by: f.booker) }
    }
}
