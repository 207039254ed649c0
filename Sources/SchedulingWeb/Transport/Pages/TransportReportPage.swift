import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The contract's indicators (PT-08) for the transport office and managers: charts over days of
/// arrivals in time and time on board (planned against recorded), money (income against
/// third-party spend) and the fleet's use, a table per day, and for a single day each journey
/// planned against actual (PT-07).
extension TransportPagesController {
    func reportPage(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        var reader = QueryReader(request.uri.queryParameters)
        let today = shared.environment.today
        var from = reader.date("from") ?? today.adding(days: -12), to = reader.date("to") ?? today.adding(days: 1)
        let clusters = try await transport.bookings.clusters(by: caller)
        let asked = reader.text("cluster"), chosen = clusters.first { $0.id == TransportCluster.code(asked) }
        if chosen == nil { reader.add(.init(path: "cluster", code: "cluster.unknown", message: "No cluster has the code \(asked ?? ""); showing the first.")) }
        let cluster = chosen ?? clusters[0]
        var data: [String: Any] = Self.clusterChoice(cluster, among: clusters)
        var issues: [ValidationIssue] = []
        do { try reader.finish() } catch ServiceError.invalid(let found) { issues = found }
        let found: (contracts: [TransportContract], days: [TransportDayReport])
        do { found = try await transport.reports.reports(from: from, to: to, cluster: cluster.id, by: caller) } catch ServiceError.invalid(let more) {
            issues += more
            (from, to) = (today.adding(days: -12), today.adding(days: 1))
            found = try await transport.reports.reports(from: from, to: to, cluster: cluster.id, by: caller)
        }
        if !issues.isEmpty { data.merge(PageRenderer.formProblem(.invalid(issues)).data) { $1 } }
        let days = found.days
        let labels = days.map { LetterTextShort.day($0.date) }
        func share(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : (Double(part) / Double(whole) * 1_000).rounded() / 10 }
        let percent: (Double) -> String = { String(format: "%.0f%%", $0) }
        let pounds: (Double) -> String = { "£" + Self.grouped(Int($0.rounded())) }
        data["charts"] = [
            TransportKPIChart.svg(id: "chart-arrivals", title: "Arrivals in time for the appointment", days: labels, series: [
                .init(name: "Planned", colour: "#84adff", values: days.map { $0.planned.flatMap { share($0.arrivalsOnTime, $0.arrivals) } }),
                .init(name: "Recorded", colour: "#1570ef", values: days.map { share($0.actuals.arrivalsOnTime, $0.actuals.arrivals) }),
            ], format: percent, fixedTop: 100),
            TransportKPIChart.svg(id: "chart-onboard", title: "On board within the contract's limit", days: labels, series: [
                .init(name: "Planned (an hour)", colour: "#84adff", values: days.map { $0.planned.flatMap { share($0.onBoardWithinHour, $0.planned) } }),
                .init(name: "Recorded", colour: "#1570ef", values: days.map { share($0.actuals.ridesWithinLimit, $0.actuals.rides) }),
            ], format: percent, fixedTop: 100),
            TransportKPIChart.svg(id: "chart-money", title: "Income and third-party spend", days: labels, series: [
                .init(name: "Income", colour: "#12b76a", values: days.map { Double($0.money.incomePence + $0.money.ecjIncomePence) / 100 }),
                .init(name: "Third-party spend", colour: "#f79009", values: days.map { Double($0.money.thirdPartySpendPence) / 100 }),
            ], format: pounds, leastTop: 100),
            TransportKPIChart.svg(id: "chart-fleet", title: "Vehicle hours used of the shifts' hours", days: labels, series: [
                .init(name: "Planned", colour: "#7a5af8", values: days.map { $0.planned.map { $0.utilisation * 100 } }),
            ], format: percent, fixedTop: 100),
        ].map { ["svg": $0] }
        data["days"] = days.map { d -> [String: Any] in
            let p = d.planned, a = d.actuals, m = d.money
            return [
                "date": d.date.iso, "day": Display.day(d.date), "plan": d.planVersion.map { "Version \($0)" } ?? "None",
                "planned": p.map { "\($0.planned) of \($0.journeys)" } ?? "—",
                "arrivals": p.map { "\($0.arrivalsOnTime) of \($0.arrivals) planned" } ?? "—",
                "arrivalsActual": a.arrivals == 0 ? "—" : "\(a.arrivalsOnTime) of \(a.arrivals) (\(a.arrivalsTooEarly) too early)",
                "onBoard": a.rides == 0 ? "—" : "\(a.ridesWithinLimit) of \(a.rides); mean \(a.meanMinutesOnBoard) min",
                "waits": a.collections == 0 ? "—" : "mean \(a.meanCollectionWaitMinutes) min, longest \(a.longestCollectionWaitMinutes) min",
                "perHour": p.map { "\($0.journeysPerVehicleHour)" } ?? "—",
                "done": "\(a.delivered) delivered, \(a.aborted) aborted, \(a.cancelled) cancelled",
                "thirdParty": m.thirdPartyJourneys == 0 ? "None" : "\(m.thirdPartyJourneys), \(Self.pounds(m.thirdPartySpendPence))",
                "ecj": m.ecjJourneys == 0 ? "None" : "\(m.ecjJourneys), \(Self.pounds(m.ecjIncomePence))",
                "income": Self.pounds(m.incomePence + m.ecjIncomePence),
            ]
        }
        if days.count == 1, let only = days.first {
            let journeys = try await transport.bookings.journeys(on: only.date, by: caller)
            let patients = try await transport.bookings.patients(of: journeys, by: caller)
            let byID = Dictionary(journeys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            func clock(_ s: Int?) -> String { s.map(TransportCharts.clock) ?? "—" }
            data["lines"] = only.lines.compactMap { line -> [String: Any]? in
                guard let j = byID[line.journeyID] else { return nil }
                var row = Self.journeyRow(j, patients)
                row["pickup"] = "\(clock(line.plannedPickup)) / \(clock(line.actualPickup))"
                row["delivery"] = "\(clock(line.plannedDelivery)) / \(clock(line.actualDelivery))"
                row["onBoard"] = "\(line.plannedMinutesOnBoard.map { "\($0) min" } ?? "—") / \(line.actualMinutesOnBoard.map { "\($0) min" } ?? "—")"
                return row
            }
            data["single"] = true
        }
        data["contract"] = found.contracts.count == 1 ? found.contracts[0].name : "all contracts"
        data["byContract"] = Self.contractRows(found.contracts, days: days)
        data["hasContracts"] = found.contracts.count > 1
        data["from"] = from.iso
        data["to"] = to.iso
        data["span"] = from == to ? Display.day(from) : "\(Display.day(from)) to \(Display.day(to))"
        return try pages.page("transport/reports", title: "Transport indicators", data, context: context)
    }

    /// Each contract's figures over the days (PT-08 per contract): journeys, what the crews
    /// recorded, third parties, ECJs and income.
    static func contractRows(_ contracts: [TransportContract], days: [TransportDayReport]) -> [[String: Any]] {
        contracts.map { contract in
            let parts = days.compactMap { $0.contracts.first { $0.contractID == contract.id } }
            func sum(_ f: (TransportDayReport.ContractPart) -> Int) -> Int { parts.reduce(0) { $0 + f($1) } }
            let arrivals = sum(\.actuals.arrivals), onTime = sum(\.actuals.arrivalsOnTime), early = sum(\.actuals.arrivalsTooEarly)
            let rides = sum(\.actuals.rides), within = sum(\.actuals.ridesWithinLimit)
            let thirdParty = sum(\.money.thirdPartyJourneys), ecj = sum(\.money.ecjJourneys)
            return [
                "name": contract.name, "commissioner": contract.commissioner ?? "", "hasCommissioner": contract.commissioner != nil, "journeys": "\(sum(\.journeys))",
                "done": "\(sum(\.actuals.delivered)) delivered, \(sum(\.actuals.aborted)) aborted, \(sum(\.actuals.cancelled)) cancelled",
                "arrivalsActual": arrivals == 0 ? "—" : "\(onTime) of \(arrivals) (\(early) too early)",
                "onBoard": rides == 0 ? "—" : "\(within) of \(rides)",
                "thirdParty": thirdParty == 0 ? "None" : "\(thirdParty), \(Self.pounds(sum(\.money.thirdPartySpendPence)))",
                "ecj": ecj == 0 ? "None" : "\(ecj), \(Self.pounds(sum(\.money.ecjIncomePence)))",
                "income": Self.pounds(sum(\.money.incomePence) + sum(\.money.ecjIncomePence)),
            ]
        }
    }

    /// "12,345".
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

/// Short day labels for charts: "Mon 7 Dec".
enum LetterTextShort {
    static func day(_ date: LocalDate) -> String {
        let full = Display.day(date)  // "Mon 7 Dec 2026"
        return full.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
