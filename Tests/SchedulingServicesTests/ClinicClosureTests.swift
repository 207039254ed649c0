import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("Clinic closures and bank holidays")
struct ClinicClosureTests {
    /// A cardiology clinic on Fridays (09:00, two new-patient slots) from 2026-11-01, slots
    /// generated for 60 days from Sunday 2026-11-22, and a booker, a team leader and two patients.
    func setUp() async throws -> (TestHarness, booker: Caller, lead: Caller, referrals: [Referral]) {
        let (harness, booker, referrals) = try await BookingServiceTests().setUp(patients: 2)
        let lead = Caller(principal: Principal(user: try await harness.user("lena", role: .teamLeader).user))
        _ = try await harness.services.outpatients.clinics.createTemplate(
            ClinicTemplateInput(clinicianID: "cln_1", locationID: "loc_1", weekday: 5, start: "09:00",
                                slots: [.init(minutes: 30, type: "new"), .init(minutes: 30, type: "new")], effectiveFrom: "2026-11-01"),
            by: lead)
        _ = try await harness.services.outpatients.clinics.generateSlots(days: 60, by: lead)
        return (harness, booker, lead, referrals)
    }

    func fridays(_ harness: TestHarness) async throws -> [String] {
        let slots = try await harness.services.shared.environment.store.read {
            try await $0.clinics.slots(from: LocalDate(iso: "2026-11-22")!, through: LocalDate(iso: "2027-01-31")!, specialtyID: nil, status: nil)
        }
        return Array(Set(slots.filter { $0.date.isoWeekday == 5 && $0.status != .cancelled }.map(\.date.iso))).sorted()
    }

    @Test("no slots are generated on Fri 25 Dec or Fri 1 Jan")
    func noSlotsOnBankHolidays() async throws {
        let (harness, _, _, _) = try await setUp()
        #expect(try await fridays(harness) == ["2026-11-27", "2026-12-04", "2026-12-11", "2026-12-18", "2027-01-08", "2027-01-15"])
    }

    @Test("closing a day with bookings: a preview changes nothing; the commit stores the day, cancels its sessions and bookings with letters, and nothing is offered, booked or generated on it again")
    func closeDayWithBookings() async throws {
        let (harness, booker, lead, referrals) = try await setUp()
        let services = harness.services.outpatients
        let templates = try await harness.services.shared.environment.store.read { try await $0.clinics.templates() }
        let friday = try #require(templates.first { $0.weekday == 5 }).id
        let booked = try await services.bookings.book(BookingInput(referralID: referrals[0].id.rawValue, slotID: "\(friday)_2026-12-18_0", shortNoticeAgreed: true), by: booker)
        let input = ClinicClosureInput(date: "2026-12-18", name: "Staff training day")
        let preview = try await services.closures.close(input, by: lead)
        #expect(!preview.committed && preview.cancellation.slotsCancelled == 2 && preview.cancellation.affected.map(\.appointmentID) == [booked.id])
        #expect(try harness.count("clinic_closures") == 0)
        #expect(try await fridays(harness).contains("2026-12-18"))

        var commit = input
        commit.commit = true
        let done = try await services.closures.close(commit, by: lead)
        #expect(done.committed && done.cancellation.slotsCancelled == 2)
        #expect(try harness.count("clinic_closures") == 1)
        #expect(try !(await fridays(harness)).contains("2026-12-18"))
        let cancelled = try await services.appointments.details(id: booked.id, by: booker).appointment
        #expect(cancelled.status == .cancelledByHospital && cancelled.cancellation?.reason == .clinicCancelled)
        #expect(try harness.count("outbox_messages", where: "appointment_id = '\(booked.id)' AND kind = 'cancellation'") >= 1)
        let audit = try await harness.services.shared.audit.recent(limit: 3, by: TestHarness.system).map(\.action)
        #expect(audit.contains("clinics.close") && audit.contains("sessions.cancel"))
        // Generating again adds nothing on the closed day; offers never name it.
        _ = try await services.clinics.generateSlots(days: 60, by: lead)
        #expect(try !(await fridays(harness)).contains("2026-12-18"))
        let offers = try await services.bookings.offers(referralID: referrals[0].id, .init(count: 50), by: booker)
        #expect(!offers.contains { $0.date.iso == "2026-12-18" || $0.date.iso == "2026-12-25" })
        // Listed with the bank holidays.
        let listed = try await services.closures.closedDays(from: LocalDate(iso: "2026-12-01")!, through: LocalDate(iso: "2027-01-05")!, by: booker)
        #expect(listed.map { "\($0.date.iso) \($0.kind.rawValue) \($0.name)" } == [
            "2026-12-18 trust Staff training day", "2026-12-25 bank-holiday Christmas Day",
            "2026-12-28 bank-holiday Boxing Day (substitute day)", "2027-01-01 bank-holiday New Year's Day",
        ])
    }

    @Test("a free slot left on a closed day (generated before it closed) cannot be booked")
    func leftoverSlotRefused() async throws {
        let (harness, booker, _, referrals) = try await setUp()
        let templates = try await harness.services.shared.environment.store.read { try await $0.clinics.templates() }
        let friday = try #require(templates.first { $0.weekday == 5 })
        // A slot on Christmas Day as an older version would have generated it.
        try await harness.services.shared.environment.store.write { session in
            _ = try await session.clinics.insertNew(friday.slots(on: LocalDate(iso: "2026-12-25")!))
        }
        await #expect(throws: ServiceError.conflict(code: "clinic.closed", message: "Clinics are closed on Friday 25 December 2026 (Christmas Day); choose another day.")) {
            try await harness.services.outpatients.bookings.book(BookingInput(referralID: referrals[0].id.rawValue, slotID: "\(friday.id)_2026-12-25_0", shortNoticeAgreed: true), by: booker)
        }
        #expect(try harness.count("appointments") == 0)
    }

    @Test("bad closures are refused, each in words, and nothing changes")
    func refusals() async throws {
        let (harness, booker, lead, _) = try await setUp()
        let closures = harness.services.outpatients.closures
        await #expect(throws: ServiceError.conflict(code: "closure.bankHoliday", message: "Friday 25 December 2026 is a bank holiday (Christmas Day); clinics are already closed.")) {
            try await closures.close(.init(date: "2026-12-25", name: "Christmas", commit: true), by: lead)
        }
        do {
            _ = try await closures.close(.init(date: "2026-11-01", name: " "), by: lead)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["name", "date"])
        }
        await #expect(throws: ServiceError.forbidden("Your role may not close clinics.")) {
            try await closures.close(.init(date: "2026-12-24", name: "Christmas Eve", commit: true), by: booker)
        }
        _ = try await closures.close(.init(date: "2026-12-24", name: "Christmas Eve", commit: true), by: lead)
        await #expect(throws: ServiceError.conflict(code: "closure.exists", message: "Thursday 24 December 2026 is already closed (Christmas Eve).")) {
            try await closures.close(.init(date: "2026-12-24", name: "Again", commit: true), by: lead)
        }
        #expect(try harness.count("clinic_closures") == 1)
        try await closures.reopen("2026-12-24", by: lead)
        #expect(try harness.count("clinic_closures") == 0)
        await #expect(throws: ServiceError.notFound(entity: "Closure day", id: "2026-12-24")) { try await closures.reopen("2026-12-24", by: lead) }
    }
}
