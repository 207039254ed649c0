import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

/// A booking team, a Tuesday cardiology clinic (13:30 new, 14:00 new, 14:30 cancer-2ww) for the
/// coming eight weeks, and routine referrals; today is Sunday 2026-11-22, 10:00 UTC.
struct OutpatientFixture {
    let harness: TestHarness
    let booker: Caller
    let leader: Caller
    let clinician: Caller
    let referrals: [Referral]
    let templateID: ClinicTemplate.ID

    init(patients: Int = 2, birthDate: String = "1970-05-17", clinicAt: Coordinates? = nil) async throws {
        harness = try TestHarness()
        let (b, _) = try await harness.user("bea", role: .bookingCoordinator)
        let (l, _) = try await harness.user("tess", role: .teamLeader)
        let (c, _) = try await harness.user("dr.cole", role: .clinician)
        booker = Caller(principal: Principal(user: b))
        leader = Caller(principal: Principal(user: l))
        clinician = Caller(principal: Principal(user: c))
        try await harness.services.shared.environment.store.write { session in
            try await session.organisation.setOrganisation(Organisation(code: "RXX", name: "Kairos Teaching Hospitals"))
            try await session.organisation.insert(Specialty(id: "spc_cardio", code: "320", name: "Cardiology"))
            try await session.organisation.insert(Clinician(id: "cln_1", name: "Dr One", grade: "Consultant", specialtyID: "spc_cardio"))
            try await session.organisation.insert(ClinicLocation(id: "loc_1", name: "Outpatients A",
                                                                 address: Address(lines: ["1 Hospital Road"], town: "Leeds", postcode: "LS1 3EX", coordinates: clinicAt)))
        }
        let template = try await harness.services.outpatients.clinics.createTemplate(
            ClinicTemplateInput(clinicianID: "cln_1", locationID: "loc_1", weekday: 2, start: "13:30",
                                slots: [.init(minutes: 30, type: "new"), .init(minutes: 30, type: "new"), .init(minutes: 30, type: "cancer-2ww")],
                                effectiveFrom: "2026-11-01"),
            by: leader)
        templateID = template.id
        _ = try await harness.services.outpatients.clinics.generateSlots(days: 56, by: leader)
        var made: [Referral] = []
        for k in 0..<patients {
            var input = TestHarness.patientInput(nhsNumber: NHSNumberTestRange.number(k))
            input.birthDate = birthDate
            let patient = try await harness.services.shared.patients.register(input, by: booker)
            made.append(try await harness.services.outpatients.referrals.create(
                ReferralInput(patientID: patient.id.rawValue, specialtyID: "spc_cardio", referrer: "Dr Gray, A81001", priority: "routine",
                              received: "2026-09-01"),
                by: booker))
        }
        referrals = made
    }

    func slot(_ date: String, _ k: Int = 0) -> String { "\(templateID)_\(date)_\(k)" }

    func book(_ referral: Int, _ slotID: String, transport: Bool = false) async throws -> Appointment {
        try await harness.services.outpatients.bookings.book(
            BookingInput(referralID: referrals[referral].id.rawValue, slotID: slotID, needsTransport: transport, shortNoticeAgreed: true), by: booker)
    }

    func referral(_ k: Int) async throws -> Referral {
        try await harness.services.shared.environment.store.read { try await $0.referrals.find(id: referrals[k].id)! }
    }

    func slotStatus(_ id: String) async throws -> Slot.Status? {
        try await harness.services.shared.environment.store.read { try await $0.clinics.slot(id: .init(id))?.status }
    }

    func messages(_ filter: OutboxFilter = .init()) async throws -> [OutboxMessage] {
        try await harness.services.shared.notifications.messages(filter, limit: 500, by: booker)
    }

    /// Moves the clock to 18:00 UTC on `date`.
    func advance(to date: String) {
        let target = LondonCalendar().instant(of: LocalDateTime(iso: "\(date)T18:00")!)
        harness.clock.advance(by: target.timeIntervalSince(harness.clock.now()))
    }
}

@Suite("AppointmentService")
struct AppointmentServiceTests {
    @Test("booking queues a confirmation letter and text, and reminders that are still ahead")
    func confirmation() async throws {
        let f = try await OutpatientFixture()
        let a = try await f.book(0, f.slot("2026-12-08"))
        let queued = try await f.messages(.init(appointmentID: a.id)).sorted { $0.dueAt < $1.dueAt }
        #expect(queued.map(\.kind).filter { $0 == .confirmation }.count == 2)
        #expect(Set(queued.filter { $0.kind == .confirmation }.map(\.channel)) == [.letter, .sms])
        let reminders = queued.filter { $0.kind == .reminder }
        // Seven and two days before, at 09:00 London.
        let calendar = LondonCalendar()
        #expect(reminders.map { calendar.localDateTime(at: $0.dueAt).iso } == ["2026-12-01T09:00", "2026-12-06T09:00"])
        let letter = try #require(queued.first { $0.channel == .letter })
        #expect(letter.subject == "Your Cardiology appointment on Tuesday 8 December 2026")
        #expect(letter.body.contains("1:30pm") && letter.body.contains("Outpatients A, 1 Hospital Road, Leeds, LS1 3EX"))
        #expect(letter.body.contains("Please bring a list of the medicines you take"))
        let sms = try #require(queued.first { $0.channel == .sms && $0.kind == .confirmation })
        #expect(sms.body.hasPrefix("Kairos Teaching Hospitals: your Cardiology appointment is Tue 8 Dec at 1:30pm"))
        // A booking two days ahead gets no reminder in the past.
        let soon = try await f.book(1, f.slot("2026-11-24"))
        #expect(try await f.messages(.init(kind: .reminder, appointmentID: soon.id)).isEmpty)
    }

    @Test("eight pathways racing for one slot: one is booked with its messages and audit entry, the others are told the slot is taken and leave nothing")
    func race() async throws {
        let f = try await OutpatientFixture(patients: 8)
        let slotID = f.slot("2026-12-08")
        let outcomes = await withTaskGroup(of: String.self) { group in
            for k in 0..<8 {
                group.addTask {
                    do {
                        _ = try await f.book(k, slotID)
                        return "booked"
                    } catch ServiceError.conflict(let code, _) {
                        return code
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.sorted() == ["booked"] + Array(repeating: "slot.taken", count: 7))
        let store = f.harness.services.shared.environment.store
        let holders = try await store.read { try await $0.appointments.holding(slotIDs: [.init(slotID)]) }
        let status = try await f.slotStatus(slotID)
        #expect(holders.count == 1 && status == .booked)
        let messages = try await store.read { try await $0.outbox.messages(.init(), limit: 100, offset: 0) }
        #expect(!messages.isEmpty && messages.allSatisfy { $0.appointmentID == holders[0].id })
        let audited = try await store.read { try await $0.audit.entries(after: 0, limit: 1000) }.filter { $0.action == "appointment.book" }
        #expect(audited.map(\.entityID) == [holders[0].id.rawValue])
    }

    @Test("a hospital cancellation frees the slot, cancels transport, withdraws reminders, keeps the patient's place, and is audited")
    func hospitalCancellation() async throws {
        let f = try await OutpatientFixture()
        let before = try await f.referral(0)
        let a = try await f.book(0, f.slot("2026-12-08"), transport: true)
        let cancelled = try await f.harness.services.outpatients.appointments.cancel(
            id: a.id, CancellationInput(initiatedBy: "hospital", reason: "clinician-unavailable"), by: f.booker)
        #expect(cancelled.appointment.status == .cancelledByHospital)
        #expect(cancelled.appointment.cancellation?.reason == .clinicianUnavailable)
        #expect(cancelled.journeyRequest?.status == .cancelled)
        #expect(try await f.slotStatus(f.slot("2026-12-08")) == .free)
        let after = try await f.referral(0)
        #expect(after == before)
        let messages = try await f.messages(.init(appointmentID: a.id))
        #expect(messages.filter { $0.kind == .reminder }.allSatisfy { $0.status == .cancelled })
        let letter = try #require(messages.first { $0.kind == .cancellation && $0.channel == .letter })
        #expect(letter.body.contains("You keep your place on the waiting list"))
        let audit = try await f.harness.services.shared.audit.recent(limit: 1, by: TestHarness.system)[0]
        #expect(audit.action == "appointment.cancel" && audit.detail == "by=hospital reason=clinician-unavailable slot=\(f.slot("2026-12-08"))")
        // Twice: a conflict.
        await #expect(throws: ServiceError.conflict(code: "appointment.notBooked",
                                                    message: "appointment \(a.id) is cancelled-by-hospital; only a booked appointment can be cancelled.")) {
            _ = try await f.harness.services.outpatients.appointments.cancel(id: a.id, CancellationInput(initiatedBy: "patient", reason: "patient-request"), by: f.booker)
        }
        // The freed slot can be booked again.
        _ = try await f.book(1, f.slot("2026-12-08"))
    }

    @Test("cancellation input is checked field by field")
    func cancellationInput() async throws {
        let f = try await OutpatientFixture()
        let a = try await f.book(0, f.slot("2026-12-08"))
        do {
            _ = try await f.harness.services.outpatients.appointments.cancel(id: a.id, CancellationInput(initiatedBy: "gp", reason: nil), by: f.booker)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["initiatedBy", "reason"])
        }
        // A hospital's reason under the patient's request, and the other way round, are refused.
        for (initiator, reason) in [("patient", "clinician-unavailable"), ("hospital", "patient-unwell")] {
            do {
                _ = try await f.harness.services.outpatients.appointments.cancel(id: a.id, CancellationInput(initiatedBy: initiator, reason: reason), by: f.booker)
                Issue.record("expected \(reason) to be refused for the \(initiator)")
            } catch ServiceError.invalid(let issues) {
                #expect(issues.map(\.code) == ["reason.initiator"] && issues[0].message.contains("use one of"))
            }
        }
        await #expect(throws: ServiceError.self) {
            _ = try await f.harness.services.outpatients.appointments.cancel(id: a.id, CancellationInput(initiatedBy: "patient", reason: "patient-request"),
                                                                 by: f.clinician)
        }
        #expect(try await f.slotStatus(f.slot("2026-12-08")) == .booked)
    }

    @Test("changing an appointment moves it, its transport and its reminders in one step; a taken slot changes nothing")
    func change() async throws {
        let f = try await OutpatientFixture()
        let a = try await f.book(0, f.slot("2026-12-08"), transport: true)
        let taken = try await f.book(1, f.slot("2026-12-15"))
        do {
            _ = try await f.harness.services.outpatients.appointments.change(id: a.id, ChangeInput(slotID: taken.slotID.rawValue, initiatedBy: "patient"), by: f.booker)
            Issue.record("expected a conflict")
        } catch ServiceError.conflict(let code, _) {
            #expect(code == "slot.taken")
        }
        let unchanged = try await f.harness.services.outpatients.appointments.details(id: a.id, by: f.booker)
        #expect(unchanged.appointment.status == .booked && unchanged.journeyRequest?.status == .requested)

        let moved = try await f.harness.services.outpatients.appointments.change(
            id: a.id, ChangeInput(slotID: f.slot("2026-12-15", 1), initiatedBy: "patient"), by: f.booker)
        #expect(moved.appointment.replacesID == a.id && moved.appointment.status == .booked && moved.appointment.needsTransport)
        #expect(moved.journeyRequest?.date == LocalDate(iso: "2026-12-15") && moved.journeyRequest?.arriveBy == LocalTime(iso: "13:45"))
        #expect(moved.journeyRequest?.returnAfter == LocalTime(iso: "14:30"))
        let old = try await f.harness.services.outpatients.appointments.details(id: a.id, by: f.booker)
        #expect(old.appointment.status == .cancelledByPatient && old.appointment.cancellation?.reason == .rescheduled)
        #expect(old.journeyRequest?.status == .cancelled)
        #expect(try await f.slotStatus(f.slot("2026-12-08")) == .free)
        #expect(try await f.slotStatus(f.slot("2026-12-15", 1)) == .booked)
        let change = try #require(try await f.messages(.init(channel: .letter, kind: .change, appointmentID: moved.appointment.id)).first)
        #expect(change.body.contains("Tuesday 8 December 2026 at 1:30pm has moved"))
        #expect(try await f.messages(.init(status: .queued, kind: .reminder, appointmentID: a.id)).isEmpty)
        #expect(try await f.messages(.init(status: .queued, kind: .reminder, appointmentID: moved.appointment.id)).count == 2)
        let requests = try await f.harness.services.outpatients.appointments.journeyRequests(
            from: LocalDate(iso: "2026-12-01")!, through: LocalDate(iso: "2026-12-31")!, by: f.booker)
        #expect(requests.map(\.appointmentID) == [moved.appointment.id])
        let history = try await f.harness.services.outpatients.appointments.history(referralID: f.referrals[0].id, by: f.booker)
        #expect(history.map(\.appointment.id) == [a.id, moved.appointment.id])
    }

    @Test("attendance is recorded once, on or after the day")
    func outcome() async throws {
        let f = try await OutpatientFixture()
        let a = try await f.book(0, f.slot("2026-11-24"))
        await #expect(throws: ServiceError.self) {
            _ = try await f.harness.services.outpatients.appointments.recordOutcome(id: a.id, outcome: "attended", by: f.clinician)
        }
        f.advance(to: "2026-11-24")
        let done = try await f.harness.services.outpatients.appointments.recordOutcome(id: a.id, outcome: "attended", by: f.clinician)
        #expect(done.appointment.status == .attended && done.accessDecision == nil)
        do {
            _ = try await f.harness.services.outpatients.appointments.recordOutcome(id: a.id, outcome: "dna", by: f.clinician)
            Issue.record("expected a conflict")
        } catch ServiceError.conflict(let code, _) {
            #expect(code == "appointment.notBooked")
        }
        do {
            _ = try await f.harness.services.outpatients.appointments.recordOutcome(id: a.id, outcome: "late", by: f.clinician)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["outcome"])
        }
    }
}
