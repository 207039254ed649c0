import SchedulingDomain

/// The waiting list's shape as an SVG bar chart (OP-12): one bar per week waited, the weeks past
/// the 18-week standard in a warning colour, a dashed line at 18 weeks, axes with ticks every
/// 4 weeks, and a text alternative for screen readers. Deterministic, so it has a golden file.
enum WaitingListChart {
    static func svg(_ shape: WaitingListShape, title: String) -> String {
        let width = 720, height = 320, left = 56, right = 28, top = 40, bottom = 44
        let plotW = width - left - right, plotH = height - top - bottom
        let n = shape.counts.count
        let peak = max(1, shape.counts.max() ?? 1)
        // A "nice" axis top: 1, 2 or 5 times a power of ten, at least the peak.
        var step = 1
        while step * 10 < peak { step *= 10 }
        let top10 = [1, 2, 5, 10].map { $0 * step }.first { $0 >= peak } ?? peak
        // Gridlines at whole numbers: every unit up to 5, otherwise 4 or 5 equal steps.
        let intervals = top10 <= 5 ? top10 : (top10 % 4 == 0 ? 4 : 5)
        let barW = Double(plotW) / Double(n)
        func x(_ week: Int) -> Double { Double(left) + Double(week) * barW }
        func y(_ count: Int) -> Double { Double(top) + Double(plotH) * (1 - Double(count) / Double(top10)) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let total = shape.counts.reduce(0, +)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, sans-serif" font-size="12">
            <title id="chart-title">\(escape(title))</title>
            <desc id="chart-desc">\(total) open pathways by whole weeks waited; \(shape.over18Weeks) waiting more than 18 weeks; the last bar is \(shape.cap) weeks or more.</desc>
            <text x="\(left)" y="22" font-size="15" font-weight="600">\(escape(title))</text>
            <g stroke="#d0d5dd" stroke-width="1">\n
            """
        for k in 0...intervals {
            let value = top10 * k / intervals
            out += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(f(y(value)))\" y2=\"\(f(y(value)))\"/>\n"
        }
        out += "</g>\n<g fill=\"#475467\" text-anchor=\"end\">\n"
        for k in 0...intervals {
            let value = top10 * k / intervals
            out += "<text x=\"\(left - 6)\" y=\"\(f(y(value) + 4))\">\(value)</text>\n"
        }
        out += "</g>\n<g>\n"
        for (week, count) in shape.counts.enumerated() where count > 0 {
            let colour = week >= 18 ? "#d92d20" : "#1570ef"
            let label = week == shape.cap ? "\(shape.cap)+ weeks" : "\(week) week\(week == 1 ? "" : "s")"
            out += "<rect x=\"\(f(x(week) + 1))\" y=\"\(f(y(count)))\" width=\"\(f(max(1, barW - 2)))\" height=\"\(f(Double(top + plotH) - y(count)))\" fill=\"\(colour)\"><title>\(label): \(count)</title></rect>\n"
        }
        out += "</g>\n"
        let standard = x(18)
        out += "<line x1=\"\(f(standard))\" x2=\"\(f(standard))\" y1=\"\(top)\" y2=\"\(top + plotH)\" stroke=\"#101828\" stroke-dasharray=\"4 3\"/>\n"
        out += "<text x=\"\(f(standard + 4))\" y=\"\(top + 12)\" fill=\"#101828\">18 weeks</text>\n"
        out += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(top + plotH)\" y2=\"\(top + plotH)\" stroke=\"#101828\"/>\n"
        out += "<g fill=\"#475467\" text-anchor=\"middle\">\n"
        for week in stride(from: 0, through: shape.cap, by: 4) {
            out += "<text x=\"\(f(x(week) + barW / 2))\" y=\"\(top + plotH + 16)\">\(week == shape.cap ? "\(week)+" : "\(week)")</text>\n"
        }
        out += "</g>\n<text x=\"\(left + plotW / 2)\" y=\"\(height - 6)\" text-anchor=\"middle\" fill=\"#101828\">Weeks waited</text>\n</svg>\n"
        return out
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
