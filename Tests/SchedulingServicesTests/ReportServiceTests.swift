import Foundation
import Testing
import SchedulingDomain
import SchedulingServices
import SchedulingTestSupport

@Suite("ReportService")
struct ReportServiceTests {
    @Test("18-week performance, shape, breaches by specialty, slot utilisation and DNA rate")
    func waitingList() async throws {
        let f = try await OutpatientFixture(patients: 3)
        let patient = f.referrals[0].patientID.rawValue
        _ = try await f.harness.services.outpatients.referrals.create(
            ReferralInput(patientID: patient, specialtyID: "spc_cardio", referrer: "Dr Gray", priority: "routine", received: "2026-06-01"), by: f.booker)
        let seen = try await f.book(0, f.slot("2026-11-24", 0))
        let missed = try await f.book(1, f.slot("2026-12-01", 0))
        f.advance(to: "2026-12-02")
        _ = try await f.harness.services.outpatients.appointments.recordOutcome(id: seen.id, outcome: "attended", by: f.clinician)
        _ = try await f.harness.services.outpatients.appointments.recordOutcome(id: missed.id, outcome: "dna", by: f.clinician)
        let report = try await f.harness.services.outpatients.reports.waitingList(days: 28, by: f.booker)
        #expect(report.asOf == LocalDate(iso: "2026-12-02") && report.waiting == 4 && report.breached == 1)
        #expect(report.withinStandard == 0.75)
        // 2026-06-01 to 2026-12-02 is 184 days: 26 weeks; the DNA nullified one clock (0 weeks); the others waited 13 weeks.
        #expect(report.shape.counts[26] == 1 && report.shape.counts[13] == 2 && report.shape.counts[0] == 1 && report.shape.over18Weeks == 1)
        let line = try #require(report.bySpecialty.first)
        #expect(report.bySpecialty.count == 1 && line.specialtyID == "spc_cardio" && line.name == "Cardiology")
        #expect(line.waiting == 4 && line.breached == 1 && line.withinStandard == 0.75 && line.longestWeeks == 26)
        let u = report.utilisation
        #expect(u.from == LocalDate(iso: "2026-11-04") && u.through == LocalDate(iso: "2026-12-01"))
        #expect(u.slots == 6 && u.booked == 2 && u.rate == 2.0 / 6.0 && u.cancelled == 0)
        #expect(report.attendance.attended == 1 && report.attendance.dna == 1 && report.attendance.dnaRate == 0.5 && report.attendance.unrecorded == 0)
    }

    @Test("the what-if projection measures capacity and referrals when not given, and adds extra capacity")
    func projection() async throws {
        let f = try await OutpatientFixture(patients: 3)
        let measured = try await f.harness.services.outpatients.reports.projection(.init(weeks: 4), by: f.booker)
        // Capacity is pathways completed (clocks stopped) a week over the past four weeks: none yet.
        #expect(measured.assumptions.capacityPerWeek == 0)
        // Three routine referrals received on 2026-09-01: within the past 12 weeks.
        #expect(measured.assumptions.referralsPerWeek == 0 && measured.assumptions.urgentShare == 0)
        #expect(measured.startWaiting == 3 && measured.series.first?.starting == LocalDate(iso: "2026-11-23"))
        let extra = try await f.harness.services.outpatients.reports.projection(.init(weeks: 4, extraPerWeek: 1, capacityPerWeek: 0, referralsPerWeek: 5), by: f.booker)
        #expect(extra.assumptions.capacityPerWeek == 0 && extra.assumptions.extraPerWeek == 1)
        #expect(extra.series.map(\.waiting) == [7, 11, 15, 19])
        await #expect(throws: ServiceError.invalid([.init(path: "weeks", code: "field.range", message: "weeks must be 1 to 104.")])) {
            _ = try await f.harness.services.outpatients.reports.projection(.init(weeks: 200), by: f.booker)
        }
        await #expect(throws: ServiceError.invalid([.init(path: "specialtyId", code: "specialty.unknown", message: "specialtyId spc_x is not a specialty.")])) {
            _ = try await f.harness.services.outpatients.reports.waitingList(specialtyID: "spc_x", by: f.booker)
        }
    }

    @Test("the projection starts from the report's own count of patients past 18 weeks, and capacity counts completed pathways")
    func consistentCounts() async throws {
        let kit = try TestHarness()
        _ = try await kit.services.shared.demo.load(seed: 5, patientCount: 300)
        let reports = kit.services.outpatients.reports
        let report = try await reports.waitingList(by: TestHarness.system)
        let check = try await reports.projectionCheck(.init(weeks: 26), by: TestHarness.system)
        #expect(check.projection.startOver18Weeks == report.breached)
        #expect(check.projection.startWaiting == report.waiting)
        let today = kit.services.shared.environment.today
        let stopped = try await kit.services.shared.environment.store.read {
            try await $0.referrals.stoppedCount(from: today.adding(days: -28), through: today.adding(days: -1), specialtyID: nil)
        }
        #expect(check.projection.assumptions.capacityPerWeek == Int((Double(stopped) / 4).rounded()))
        #expect(check.simulation.count == 26 && check.largestGap >= 0)
    }
}
