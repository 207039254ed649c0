import SchedulingDomain

/// The what-if projection beside its check as an SVG line chart: patients waiting and those over
/// 18 weeks, week by week, from the projection (solid) and the mean of the simulations (dashed),
/// with axes, a legend and a text alternative. Inline in the page (presentation attributes only).
enum ProjectionChart {
    static func svg(_ projection: BacklogProjection, simulation: [BacklogSimulation.Week]) -> String {
        let width = 720, height = 300, left = 56, right = 20, top = 44, bottom = 40
        let plotW = width - left - right, plotH = height - top - bottom
        let weeks = projection.series.count
        let values = [projection.startWaiting] + projection.series.map(\.waiting) + simulation.map(\.waiting)
        let peak = max(1, values.max() ?? 1)
        var step = 1
        while step * 10 < peak { step *= 10 }
        let axisTop = [1, 2, 5, 10].map { $0 * step }.first { $0 >= peak } ?? peak
        func x(_ week: Int) -> Double { Double(left) + Double(plotW) * Double(week) / Double(max(1, weeks)) }
        func y(_ v: Int) -> Double { Double(top) + Double(plotH) * (1 - Double(v) / Double(axisTop)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        func line(_ points: [(Int, Int)], colour: String, dashed: Bool) -> String {
            let d = points.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
            return "<polyline points=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>\n"
        }
        let last = projection.series.last
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="projection-title projection-desc" font-family="system-ui, sans-serif" font-size="12" class="chart">
            <title id="projection-title">Projected waiting list, week by week</title>
            <desc id="projection-desc">Projection: \(projection.startWaiting) waiting now, \(last?.waiting ?? projection.startWaiting) after \(weeks) weeks, \(last?.over18Weeks ?? projection.startOver18Weeks) of them over 18 weeks. Simulation check: \(simulation.last?.waiting ?? 0) waiting, \(simulation.last?.over18Weeks ?? 0) over 18 weeks.</desc>
            <text x="\(left)" y="18" font-size="14" font-weight="600">Projected waiting list, week by week</text>
            <g font-size="11"><line x1="\(left)" x2="\(left + 24)" y1="32" y2="32" stroke="#1570ef" stroke-width="2"/><text x="\(left + 28)" y="36">waiting</text>
            <line x1="\(left + 90)" x2="\(left + 114)" y1="32" y2="32" stroke="#d92d20" stroke-width="2"/><text x="\(left + 118)" y="36">over 18 weeks</text>
            <line x1="\(left + 220)" x2="\(left + 244)" y1="32" y2="32" stroke="#475467" stroke-width="2" stroke-dasharray="6 4"/><text x="\(left + 248)" y="36">simulation check (dashed)</text></g>
            <g stroke="#d0d5dd" stroke-width="1">\n
            """
        for k in 0...4 {
            out += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(f(y(axisTop * k / 4)))\" y2=\"\(f(y(axisTop * k / 4)))\"/>\n"
        }
        out += "</g>\n<g fill=\"#475467\" text-anchor=\"end\">\n"
        for k in 0...4 { out += "<text x=\"\(left - 6)\" y=\"\(f(y(axisTop * k / 4) + 4))\">\(axisTop * k / 4)</text>\n" }
        out += "</g>\n<g fill=\"#475467\" text-anchor=\"middle\">\n"
        for week in stride(from: 0, through: weeks, by: weeks > 26 ? 8 : 4) {
            out += "<text x=\"\(f(x(week)))\" y=\"\(top + plotH + 16)\">\(week)</text>\n"
        }
        out += "</g>\n<text x=\"\(left + plotW / 2)\" y=\"\(height - 4)\" text-anchor=\"middle\">Weeks from now</text>\n"
        out += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(top + plotH)\" y2=\"\(top + plotH)\" stroke=\"#101828\"/>\n"
        out += line([(0, projection.startWaiting)] + projection.series.map { ($0.week, $0.waiting) }, colour: "#1570ef", dashed: false)
        out += line([(0, projection.startOver18Weeks)] + projection.series.map { ($0.week, $0.over18Weeks) }, colour: "#d92d20", dashed: false)
        out += line([(0, projection.startWaiting)] + simulation.map { ($0.week, $0.waiting) }, colour: "#1570ef", dashed: true)
        out += line([(0, projection.startOver18Weeks)] + simulation.map { ($0.week, $0.over18Weeks) }, colour: "#d92d20", dashed: true)
        out += "</svg>\n"
        return out
    }
}
