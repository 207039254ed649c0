import ArgumentParser
import Foundation
import SchedulingDomain
import SchedulingServices

/// `kairos bench transport`: a generated Greater Manchester transport day
/// (``GeneratedTransportDay``) planned as the transport service plans one, the plan checked by
/// the engine's checker and in domain terms. The last line is one JSON object for scripts.
struct TransportBenchCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "transport",
        abstract: "Generate a patient transport day around Greater Manchester, plan it and check the plan twice.",
        discussion: "The generator is described in docs/transport.md. The last line printed is one JSON object: requests, planned, "
            + "unplannableAlone (journeys no vehicle could carry even on an empty day), cost, seconds, checked (the engine's checker "
            + "and the domain check both passed), rideLimitKept; with --replan-at also replanSeconds, frozenMoved, rescues, rescued, reassigned, pickupsMoved and replanChecked.")

    @Option(help: "Journeys to generate.")
    var requests: Int = 600

    @Option(help: "Vehicle shifts to generate.")
    var vehicles: Int = 50

    @Option(help: "Time limit of the plan in seconds.")
    var timeLimit: Double = 30

    @Option(help: "An iteration limit instead of the time limit (reproducible bit for bit).")
    var iterations: Int?

    @Option(help: "Seed of the generator and of the solver.")
    var seed: UInt64 = 1

    @Option(help: "Then break down the busiest vehicles at this time (HH:MM) and re-plan from the plan.")
    var replanAt: String?

    @Option(help: "How many vehicles break down at --replan-at.")
    var breakdowns: Int = 1

    @Option(help: "Time limit of the re-plan in seconds (with --iterations: a tenth of them instead).")
    var replanSeconds: Double = 1

    @Flag(help: "Offer journeys to third-party providers priced against the fleet's driving (taxis at £35, a private ambulance at £95/£145, daily limits).")
    var providers = false

    @Option(help: "With --providers: what the fleet's driving costs per km, in pence.")
    var fleetPencePerKm: Int = 100

    func validate() throws {
        try GeneratedDARPBenchCommand.validateDay(requests: requests, vehicles: vehicles, timeLimit: timeLimit, iterations: iterations)
        if let replanAt, LocalTime(iso: replanAt) == nil { throw ValidationError("--replan-at must be a time as HH:MM.") }
        guard (1...vehicles).contains(breakdowns) else { throw ValidationError("--breakdowns must be between 1 and the number of vehicles.") }
        guard replanSeconds > 0 else { throw ValidationError("--replan-seconds must be positive.") }
        guard (1...10_000).contains(fleetPencePerKm) else { throw ValidationError("--fleet-pence-per-km must be between 1 and 10000.") }
    }

    /// The figures printed as the last line.
    struct Summary: Codable, Equatable {
        var requests: Int
        var planned: Int
        var unplannableAlone: Int
        var cost: Int
        var seconds: Double
        var checked: Bool
        var rideLimitKept: Bool
        /// With `--replan-at`: the re-plan's time, the stops begun before it that it moved, the
        /// patients on board the broken-down vehicles and how many it collects, both checks.
        var replanSeconds: Double?
        var frozenMoved: Int?
        var rescues: Int?
        var rescued: Int?
        var reassigned: Int?
        var pickupsMoved: Int?
        var replanChecked: Bool?
        /// With `--providers`: journeys given to providers and what they cost, in pence.
        var thirdParty: Int?
        var thirdPartySpendPence: Int?
    }

    /// The `count` vehicles with the most stops from `time` on break down then; the day is re-planned.
    func replan(_ day: TransportDay, _ plan: TransportPlan, at time: LocalTime, into summary: inout Summary, _ environment: CLIEnvironment) throws {
        let from = time.minuteOfDay * 60
        let busiest = plan.runs.sorted { a, b in
            (a.stops.filter { $0.start >= from }.count, b.shiftID) > (b.stops.filter { $0.start >= from }.count, a.shiftID)
        }.prefix(breakdowns).map(\.shiftID)
        let started = ContinuousClock.now
        let limit: Duration? = iterations == nil ? .milliseconds(Int64(replanSeconds * 1000)) : nil
        let result = try TransportDayPlanning().replan(day, plan: plan, at: time, broken: Set(busiest), timeLimit: limit,
                                                       iterations: iterations.map { max(1, $0 / 10) }, seed: seed,
                                                       providers: providers ? GeneratedTransportDay.providers(journeys: requests) : [], fleetPencePerKm: fleetPencePerKm)
        let seconds = BenchmarkRunner.seconds(ContinuousClock.now - started)
        for violation in result.engineViolations.prefix(10) { environment.output("re-plan engine check: \(violation)") }
        for violation in result.domainViolations.prefix(10) { environment.output("re-plan domain check: \(violation)") }
        environment.output(String(format: "breakdown of %d vehicle%@ at %@: re-planned in %.2f s, ", busiest.count, busiest.count == 1 ? "" : "s",
                                  time.iso, seconds)
            + "\(result.plan.plannedCount) planned, \(result.rescued) of \(result.rescues) on board collected, \(result.frozenMoved) begun stops moved, "
            + "\(result.reassigned) journeys on another vehicle, \(result.pickupsMoved) pickups moved > 15 min, "
            + (result.checked ? "checked" : "\(result.engineViolations.count + result.domainViolations.count) violations")
            + (providers ? "; \(result.thirdParty.count) by third parties" : "") + "; left out: " + Self.reasons(result.plan))
        summary.replanSeconds = (seconds * 1000).rounded() / 1000
        summary.frozenMoved = result.frozenMoved
        summary.rescues = result.rescues
        summary.rescued = result.rescued
        summary.reassigned = result.reassigned
        summary.pickupsMoved = result.pickupsMoved
        summary.replanChecked = result.checked
    }

    /// The journeys left out, counted by reason (`none` if none).
    static func reasons(_ plan: TransportPlan) -> String {
        var counts: [String: Int] = [:]
        for item in plan.unplanned { counts[item.code, default: 0] += 1 }
        return counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }

    func run(in environment: CLIEnvironment) async throws {
        let date = LocalDate(year: 2026, month: 12, day: 8)!
        let day = GeneratedTransportDay.day(date: date, journeys: requests, shifts: vehicles, seed: seed)
        environment.output("kairos bench transport: \(requests) journeys, \(vehicles) vehicle shifts, seed \(seed), "
            + (iterations.map { "\($0) iterations" } ?? "\(timeLimit) s"))
        let started = ContinuousClock.now
        let limit: Duration? = iterations == nil ? .milliseconds(Int64(timeLimit * 1000)) : nil
        let result = try TransportDayPlanning().plan(day, timeLimit: limit, iterations: iterations, seed: seed,
                                                     providers: providers ? GeneratedTransportDay.providers(journeys: requests) : [], fleetPencePerKm: fleetPencePerKm)
        let seconds = BenchmarkRunner.seconds(ContinuousClock.now - started)
        for violation in result.engineViolations.prefix(10) { environment.output("engine check: \(violation)") }
        for violation in result.domainViolations.prefix(10) { environment.output("domain check: \(violation)") }
        environment.output("planned \(result.plan.plannedCount) of \(requests) on \(result.plan.runs.count) vehicles, "
            + "\(result.plan.metres / 1000) km, \(result.iterations) iterations in \(String(format: "%.2f", seconds)) s; "
            + "left out: " + Self.reasons(result.plan))
        let k = result.kpis
        environment.output("indicators: \(k.arrivalsOnTime) of \(k.arrivals) arrivals in time, \(k.arrivalsTooEarly) too early, "
            + "\(k.meanMinutesBeforeAppointment) min before the appointment on average; \(k.onBoardWithinHour) of \(k.planned) on board "
            + "60 min or less (mean \(k.meanMinutesOnBoard), longest \(k.longestMinutesOnBoard)); collection wait mean "
            + "\(k.meanCollectionWaitMinutes) min, longest \(k.longestCollectionWaitMinutes); \(k.vehiclesUsed) vehicles out \(k.vehicleHours) h "
            + "of \(k.shiftHours) shift hours (\((k.utilisation * 1000).rounded() / 10) %), \(k.journeysPerVehicleHour) journeys per vehicle-hour")
        var summary = Summary(requests: requests, planned: result.plan.plannedCount, unplannableAlone: result.unplannableAlone, cost: result.cost,
                              seconds: (seconds * 1000).rounded() / 1000, checked: result.checked, rideLimitKept: result.rideLimitKept)
        if providers {
            summary.thirdParty = result.thirdParty.count
            summary.thirdPartySpendPence = result.thirdParty.reduce(0) { $0 + $1.pricePence }
            environment.output("third party: \(result.thirdParty.count) journey\(result.thirdParty.count == 1 ? "" : "s"), £\(summary.thirdPartySpendPence! / 100)")
        }
        if let replanAt, let time = LocalTime(iso: replanAt) { try replan(day, result.plan, at: time, into: &summary, environment) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        environment.output(String(decoding: try encoder.encode(summary), as: UTF8.self))
        if !result.checked {
            throw CLIFailure(message: "the plan breaks \(result.engineViolations.count + result.domainViolations.count) rules.", exitCode: 1)
        }
        if summary.replanChecked == false || (summary.frozenMoved ?? 0) > 0 {
            throw CLIFailure(message: "the re-plan breaks rules (see the checks above) or moved \(summary.frozenMoved ?? 0) stops begun before it.",
                             exitCode: 1)
        }
    }
}
