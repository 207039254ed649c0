import Foundation
import SchedulingDomain
import SchedulingServices
import Testing

@Suite("Transport day planning")
struct TransportDayPlanningTests {
    static let date = LocalDate(year: 2026, month: 12, day: 8)!

    @Test("the generated Greater Manchester day is the same for a seed and differs between seeds")
    func generator() {
        let a = GeneratedTransportDay.day(date: Self.date, journeys: 50, shifts: 6, seed: 3)
        #expect(a == GeneratedTransportDay.day(date: Self.date, journeys: 50, shifts: 6, seed: 3))
        #expect(a != GeneratedTransportDay.day(date: Self.date, journeys: 50, shifts: 6, seed: 4))
        #expect(a.validate().isEmpty && a.journeys.count == 50 && a.shifts.count == 6)
        #expect(Set(a.journeys.map(\.mobility)).count == MobilityCategory.allCases.count || a.journeys.count < 20)
        #expect(a.shifts.allSatisfy { $0.restBreak != nil && $0.end > $0.start })
    }

    @Test("a generated day is planned and passes both checks")
    func plan() throws {
        let day = GeneratedTransportDay.day(date: Self.date, journeys: 60, shifts: 6, seed: 2)
        let result = try TransportDayPlanning().plan(day, timeLimit: nil, iterations: 100, seed: 2)
        #expect(result.checked, "\(result.engineViolations) \(result.domainViolations)")
        #expect(result.rideLimitKept)
        #expect(result.plan.plannedCount + result.plan.unplanned.count == 60 && result.plan.plannedCount > 30)
        #expect(result.plan.unplanned.allSatisfy { !$0.explanation.isEmpty })
    }

    @Test("a day that breaks rules is refused whole, every issue named, before planning")
    func refused() {
        var day = GeneratedTransportDay.day(date: Self.date, journeys: 3, shifts: 1, seed: 1)
        day.shifts[0].end = LocalTime(iso: "05:00")!
        day.journeys[2].escorts = 9
        day.standards.maxOnVehicleMinutes = 0
        #expect(throws: ServiceError.self) { try TransportDayPlanning().plan(day, timeLimit: nil, iterations: 1) }
        do {
            _ = try TransportDayPlanning().plan(day, timeLimit: nil, iterations: 1)
        } catch {
            guard case .invalid(let issues) = error else { Issue.record("\(error)"); return }
            #expect(issues.map(\.path) == ["standards.maxOnVehicleMinutes", "journeys[2].escorts", "shifts[0].end", "shifts[0].restBreak"])
        }
    }

    @Test("a re-plan after a breakdown keeps begun work, passes both checks, and refuses a shift not on the day")
    func replan() throws {
        let day = GeneratedTransportDay.day(date: Self.date, journeys: 60, shifts: 6, seed: 5)
        let planning = TransportDayPlanning()
        let morning = try planning.plan(day, timeLimit: nil, iterations: 100, seed: 5).plan
        let busiest = try #require(morning.runs.max { $0.stops.count < $1.stops.count }?.shiftID)
        let result = try planning.replan(day, plan: morning, at: LocalTime(iso: "11:00")!, broken: [busiest], timeLimit: nil, iterations: 20)
        #expect(result.checked && result.frozenMoved == 0, "\(result.engineViolations) \(result.domainViolations)")
        #expect(result.rescued <= result.rescues)
        do {
            _ = try planning.replan(day, plan: morning, at: LocalTime(iso: "11:00")!, broken: ["shf_none"], timeLimit: nil, iterations: 1)
            Issue.record("an unknown shift was accepted")
        } catch {
            guard case .invalid(let issues) = error else { Issue.record("\(error)"); return }
            #expect(issues.map(\.path) == ["broken"] && issues[0].message.contains("shf_none"))
        }
    }
}
