import Foundation

/// A transport indicator over days as an SVG chart (PT-08): one group of bars per day, one bar
/// per series (planned and recorded, or income and spend), a "nice" axis, a legend, a value in
/// each bar's tooltip and a text alternative. Days with no value draw no bar. Deterministic.
enum TransportKPIChart {
    struct Series {
        var name: String
        var colour: String
        var values: [Double?]
    }

    /// `format` writes an axis or bar value ("92%", "£1,240"); the axis reaches `fixedTop`, or
    /// the highest value rounded up but at least `leastTop` (so £0 days still read £0, £25, … £100).
    static func svg(id: String, title: String, days: [String], series: [Series], format: (Double) -> String, fixedTop: Double? = nil,
                    leastTop: Double = 1) -> String
    {
        let width = 720, height = 260, left = 64, right = 16, top = 48, bottom = 40
        let plotW = Double(width - left - right), plotH = Double(height - top - bottom)
        let peak = max(leastTop, series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        let axisTop = fixedTop ?? nice(peak)
        let groupW = plotW / Double(max(1, days.count))
        // Bars at most 36 px wide, each day's group centred in its slot.
        let barW = min(36, max(1, (groupW - 4) / Double(max(1, series.count))))
        let inset = (groupW - barW * Double(series.count)) / 2
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        func y(_ v: Double) -> Double { Double(top) + plotH * (1 - min(v, axisTop) / axisTop) }
        var described: [String] = []
        for s in series {
            let shown = zip(days, s.values).compactMap { day, v in v.map { "\(day) \(format($0))" } }
            described.append("\(s.name): " + (shown.isEmpty ? "none" : shown.joined(separator: ", ")))
        }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" class="chart" role="img" aria-labelledby="\(id)-title \(id)-desc" font-family="system-ui, sans-serif" font-size="12" id="\(id)">
            <title id="\(id)-title">\(escape(title))</title>
            <desc id="\(id)-desc">\(escape(described.joined(separator: "; ")))</desc>
            <text x="\(left)" y="20" font-size="15" font-weight="600">\(escape(title))</text>\n
            """
        var legendX = Double(left)
        for s in series {
            out += "<rect x=\"\(f(legendX))\" y=\"30\" width=\"10\" height=\"10\" fill=\"\(s.colour)\"/><text x=\"\(f(legendX + 14))\" y=\"39\">\(escape(s.name))</text>\n"
            legendX += 24 + Double(s.name.count) * 6.5
        }
        out += "<g stroke=\"#d0d5dd\" stroke-width=\"1\">\n"
        for k in 0...4 { out += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(f(y(axisTop * Double(k) / 4)))\" y2=\"\(f(y(axisTop * Double(k) / 4)))\"/>\n" }
        out += "</g>\n<g fill=\"#475467\" text-anchor=\"end\">\n"
        for k in 0...4 { out += "<text x=\"\(left - 6)\" y=\"\(f(y(axisTop * Double(k) / 4) + 4))\">\(escape(format(axisTop * Double(k) / 4)))</text>\n" }
        out += "</g>\n<g>\n"
        for (d, day) in days.enumerated() {
            for (k, s) in series.enumerated() {
                guard d < s.values.count, let v = s.values[d] else { continue }
                let x = Double(left) + Double(d) * groupW + inset + Double(k) * barW
                out += "<rect x=\"\(f(x))\" y=\"\(f(y(v)))\" width=\"\(f(max(1, barW - 1)))\" height=\"\(f(Double(top) + plotH - y(v)))\" fill=\"\(s.colour)\"><title>\(escape("\(day), \(s.name): \(format(v))"))</title></rect>\n"
            }
        }
        out += "</g>\n<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(f(Double(top) + plotH))\" y2=\"\(f(Double(top) + plotH))\" stroke=\"#101828\"/>\n"
        // Day labels: every one that fits (about 60 px apart).
        let every = max(1, Int((60 / groupW).rounded(.up)))
        out += "<g fill=\"#475467\" text-anchor=\"middle\">\n"
        for (d, day) in days.enumerated() where d % every == 0 {
            out += "<text x=\"\(f(Double(left) + (Double(d) + 0.5) * groupW))\" y=\"\(f(Double(top) + plotH + 16))\">\(escape(day))</text>\n"
        }
        return out + "</g>\n</svg>\n"
    }

    /// 1, 2 or 5 times a power of ten, at least `peak`.
    static func nice(_ peak: Double) -> Double {
        var step = 1.0
        while step * 10 < peak { step *= 10 }
        while step > peak * 10 && step > 1e-6 { step /= 10 }
        return [1.0, 2, 5, 10].map { $0 * step }.first { $0 >= peak } ?? peak
    }

    static func escape(_ text: String) -> String { WaitingListChart.escape(text) }
}
