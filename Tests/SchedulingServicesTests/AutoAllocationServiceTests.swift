import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("AutoAllocationService")
struct AutoAllocationServiceTests {
    /// Five routine referrals (the first already booked), an urgent one and a routine one whose
    /// patient can only come on Mondays.
    static func fixture() async throws -> (OutpatientFixture, urgent: Referral, mondays: Referral) {
        let f = try await OutpatientFixture(patients: 5)
        _ = try await f.book(0, f.slot("2026-11-24", 0))
        let urgent = try await f.harness.services.outpatients.referrals.create(
            ReferralInput(patientID: f.referrals[4].patientID.rawValue, specialtyID: "spc_cardio", referrer: "Dr Gray", priority: "urgent", received: "2026-11-20"),
            by: f.booker)
        let mondays = try await f.harness.services.outpatients.referrals.create(
            ReferralInput(patientID: f.referrals[3].patientID.rawValue, specialtyID: "spc_cardio", referrer: "Dr Gray", priority: "routine",
                          received: "2026-06-01", availableWeekdays: [1]),
            by: f.booker)
        return (f, urgent, mondays)
    }

    @Test("the preview places the most urgent first, then the longest waits, each in the earliest suitable slot after the notice, and books nothing")
    func preview() async throws {
        let (f, urgent, mondays) = try await Self.fixture()
        let plan = try await f.harness.services.outpatients.allocation.allocate(.init(minimumNoticeDays: 7), by: f.booker)
        #expect(!plan.committed && plan.from == LocalDate(iso: "2026-11-29") && plan.through == LocalDate(iso: "2027-02-20"))
        #expect(plan.waiting == 6)
        // Urgent first (a new slot: cancer slots are for suspected cancer), then the routine ones by clock start, then id.
        #expect(plan.proposals.map(\.referralID) == [urgent.id] + f.referrals[1...4].map(\.id))
        #expect(plan.proposals.map(\.slotID.rawValue)
            == [f.slot("2026-12-01", 0), f.slot("2026-12-01", 1), f.slot("2026-12-08", 0), f.slot("2026-12-08", 1), f.slot("2026-12-15", 0)])
        #expect(plan.proposals.allSatisfy { $0.slotType == .new && !$0.afterDue })
        #expect(plan.unplaced.map(\.referralID) == [mondays.id])
        #expect(plan.unplaced.first?.reason == .notAvailable)
        #expect(plan.unplaced.first?.detail == "14 free slots of a suitable type, none on a day the patient can attend.")
        #expect(try f.harness.count("appointments") == 1)
        // The same state gives the same plan.
        #expect(try await f.harness.services.outpatients.allocation.allocate(.init(minimumNoticeDays: 7), by: f.booker).planID == plan.planID)
    }

    @Test("with too few slots, the less urgent are left with the capacity reason")
    func capacity() async throws {
        let (f, urgent, _) = try await Self.fixture()
        let plan = try await f.harness.services.outpatients.allocation.allocate(.init(through: "2026-12-01", minimumNoticeDays: 7), by: f.booker)
        #expect(plan.proposals.map(\.referralID) == [urgent.id, f.referrals[1].id])
        let left = plan.unplaced.filter { $0.reason == .capacity }
        #expect(left.map(\.referralID) == f.referrals[2...4].map(\.id))
        #expect(left.first?.detail == "more urgent or longer-waiting patients took all 2 suitable slots.")
    }

    @Test("committing the previewed plan books it, queues the confirmations and audits; a stale plan books nothing")
    func commit() async throws {
        let (f, _, _) = try await Self.fixture()
        let plan = try await f.harness.services.outpatients.allocation.allocate(.init(minimumNoticeDays: 7), by: f.booker)
        // Someone books one of the proposed slots by hand in between: the plan is stale.
        _ = try await f.book(2, f.slot("2026-12-22", 0))
        await #expect(throws: ServiceError.conflict(code: "plan.stale", message: "the waiting list or the free slots changed since plan \(plan.planID) was previewed; nothing was booked. Preview again.")) {
            _ = try await f.harness.services.outpatients.allocation.allocate(.init(minimumNoticeDays: 7, commit: true, planID: plan.planID), by: f.booker)
        }
        #expect(try f.harness.count("appointments") == 2)
        let fresh = try await f.harness.services.outpatients.allocation.allocate(.init(minimumNoticeDays: 7), by: f.booker)
        let done = try await f.harness.services.outpatients.allocation.allocate(.init(minimumNoticeDays: 7, commit: true, planID: fresh.planID), by: f.booker)
        #expect(done.committed && done.proposals.count == 4 && done.proposals.allSatisfy { $0.appointmentID != nil })
        for p in done.proposals {
            let details = try await f.harness.services.outpatients.appointments.details(id: p.appointmentID!, by: f.booker)
            #expect(details.appointment.channel == .autoAllocation && details.slot.id == p.slotID && details.slot.status == .booked)
            #expect(try await f.messages(.init(kind: .confirmation, appointmentID: p.appointmentID)).count == 2)
        }
        let audit = try await f.harness.services.shared.audit.recent(limit: 10, by: TestHarness.system)
        let entry = try #require(audit.first { $0.action == "allocation.commit" })
        #expect(entry.entityID == fresh.planID)
        #expect(entry.detail == "from=2026-11-29 through=2027-02-20 booked=4 unplaced=1")
        // Everyone placeable is now booked: the next preview proposes nothing.
        #expect(try await f.harness.services.outpatients.allocation.allocate(.init(minimumNoticeDays: 7), by: f.booker).proposals.isEmpty)
    }

    @Test("recorded availability: a patient away until a date is placed after it; offers keep to it too")
    func availableFrom() async throws {
        let f = try await OutpatientFixture(patients: 2)
        _ = try await f.harness.services.outpatients.referrals.setAvailability(id: f.referrals[0].id, .init(availableFrom: "2026-12-20"), by: f.booker)
        let plan = try await f.harness.services.outpatients.allocation.allocate(.init(minimumNoticeDays: 0), by: f.booker)
        #expect(plan.proposals.first { $0.referralID == f.referrals[0].id }?.date == LocalDate(iso: "2026-12-22"))
        #expect(plan.proposals.first { $0.referralID == f.referrals[1].id }?.date == LocalDate(iso: "2026-11-24"))
        let offers = try await f.harness.services.outpatients.bookings.offers(referralID: f.referrals[0].id, .init(count: 3), by: f.booker)
        #expect(offers.first?.date == LocalDate(iso: "2026-12-22"))
        let stored = try await f.referral(0)
        #expect(stored.availability == Referral.Availability(weekdays: [], from: LocalDate(iso: "2026-12-20")))
    }

    @Test("bad input is named field by field and changes nothing")
    func badInput() async throws {
        let (f, _, _) = try await Self.fixture()
        do {
            _ = try await f.harness.services.outpatients.allocation.allocate(
                .init(specialtyIDs: ["spc_cardio"], from: "2026-11-23", through: "2026-11-01", minimumNoticeDays: 7, commit: true), by: f.booker)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["from", "through", "planID"])
            #expect(issues[0].message == "The first day must be on or after Sunday 29 November 2026 (today plus 7 days' notice).")
        }
        await #expect(throws: ServiceError.invalid([.init(path: "minimumNoticeDays", code: "field.range", message: "Minimum notice must be 0 to 90 days.")])) {
            _ = try await f.harness.services.outpatients.allocation.allocate(.init(minimumNoticeDays: 91), by: f.booker)
        }
        await #expect(throws: ServiceError.invalid([.init(path: "specialtyIDs", code: "specialty.unknown", message: "specialtyIDs: spc_nope not a specialty.")])) {
            _ = try await f.harness.services.outpatients.allocation.allocate(.init(specialtyIDs: ["spc_nope"]), by: f.booker)
        }
        do {
            _ = try await f.harness.services.outpatients.referrals.setAvailability(id: f.referrals[1].id, .init(availableWeekdays: [0, 3], availableFrom: "soon"), by: f.booker)
            Issue.record("expected invalid input")
        } catch ServiceError.invalid(let issues) {
            #expect(issues.map(\.path) == ["availableFrom", "availableWeekdays"])
        }
        await #expect(throws: ServiceError.self) {
            _ = try await f.harness.services.outpatients.allocation.allocate(.init(), by: f.clinician)
        }
        #expect(try f.harness.count("appointments") == 1)
    }
}
