import Foundation
import SchedulingDomain
import SchedulingServices

/// The transport board's pictures as server-rendered SVG (PT-03, PT-09): vehicles as rows on a
/// timeline, and the routes on a map drawn from coordinates (no tiles). Deterministic, so they
/// have golden files; each has a text alternative.
enum TransportCharts {
    /// One vehicle's row: its name, shift hours, and its run if it has one.
    struct Row {
        var label: String
        var shift: ClosedRange<Int>
        var run: TransportPlan.Run?
        /// Seconds the crew may work on past the shift's end (overtime).
        var overtime = 0
    }

    /// What a stop's tooltip says (the patient's name, the time, pickup or drop-off).
    typealias Describe = (TransportPlan.Stop) -> String

    static let palette = ["#1570ef", "#d92d20", "#039855", "#7a5af8", "#dc6803", "#0e9384", "#c11574", "#475467", "#6172f3", "#b54708"]

    /// Vehicles as rows on the day's hours: the shift in grey, the run as a bar from departure to
    /// return, pickups ▲ and drop-offs ▼ at their times, the crew's break in amber.
    static func timeline(_ rows: [Row], describe: Describe, title: String) -> String {
        let left = 150, right = 16, top = 34, rowH = 22, width = 1100
        let height = top + rowH * max(1, rows.count) + 26
        let first = (rows.map(\.shift.lowerBound).min() ?? 6 * 3600) / 3600 * 3600
        let last = ((rows.map { $0.shift.upperBound + $0.overtime }.max() ?? 20 * 3600) + 3599) / 3600 * 3600
        let span = Double(max(3600, last - first)), plotW = Double(width - left - right)
        func x(_ s: Int) -> String { String(format: "%.1f", Double(left) + Double(s - first) / span * plotW) }
        func w(_ a: Int, _ b: Int) -> String { String(format: "%.1f", max(1, Double(b - a) / span * plotW)) }
        let stops = rows.reduce(0) { $0 + ($1.run?.stops.count ?? 0) }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" class="chart" role="img" aria-labelledby="tl-title tl-desc" font-family="system-ui, sans-serif" font-size="11">
            <title id="tl-title">\(escape(title))</title>
            <desc id="tl-desc">\(rows.count) vehicles; \(rows.filter { $0.run != nil }.count) have work; \(stops) stops.</desc>\n
            """
        out += "<g fill=\"#475467\" text-anchor=\"middle\">\n"
        for hour in stride(from: first, through: last, by: 3600) {
            out += "<line x1=\"\(x(hour))\" x2=\"\(x(hour))\" y1=\"\(top - 6)\" y2=\"\(height - 24)\" stroke=\"#e4e7ec\"/>"
            out += "<text x=\"\(x(hour))\" y=\"\(top - 10)\">\(String(format: "%02d:00", hour / 3600))</text>\n"
        }
        out += "</g>\n"
        for (k, row) in rows.enumerated() {
            let y = top + k * rowH
            out += "<g><text x=\"\(left - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" fill=\"#101828\">\(escape(row.label))</text>"
            out += "<rect x=\"\(x(row.shift.lowerBound))\" y=\"\(y + 4)\" width=\"\(w(row.shift.lowerBound, row.shift.upperBound))\" height=\"14\" fill=\"#f2f4f7\"/>"
            if row.overtime > 0 {
                let end = row.shift.upperBound
                out += "<rect x=\"\(x(end))\" y=\"\(y + 4)\" width=\"\(w(end, end + row.overtime))\" height=\"14\" fill=\"none\" stroke=\"#98a2b3\" stroke-dasharray=\"3 2\"><title>Overtime allowed until \(clock(end + row.overtime))</title></rect>"
            }
            if let run = row.run {
                let colour = palette[k % palette.count]
                out += "<rect x=\"\(x(run.departure))\" y=\"\(y + 8)\" width=\"\(w(run.departure, run.back))\" height=\"6\" fill=\"\(colour)\" opacity=\"0.35\"/>"
                if let start = run.breakStart {
                    out += "<rect x=\"\(x(start))\" y=\"\(y + 4)\" width=\"\(w(start, start + 1800))\" height=\"14\" fill=\"#fdb022\"><title>Break from \(clock(start))</title></rect>"
                }
                for stop in run.stops {
                    let cx = x(stop.start), pickup = stop.kind == .pickup
                    let points = pickup ? "\(cx),\(y + 5) \(shift(cx, -4)),\(y + 13) \(shift(cx, 4)),\(y + 13)" : "\(cx),\(y + 17) \(shift(cx, -4)),\(y + 9) \(shift(cx, 4)),\(y + 9)"
                    out += "<polygon points=\"\(points)\" fill=\"\(pickup ? colour : "#101828")\"><title>\(escape(describe(stop)))</title></polygon>"
                }
            }
            out += "</g>\n"
        }
        let dashed = rows.contains { $0.overtime > 0 } ? "  dashed: overtime allowed" : ""
        out += "<text x=\"\(left)\" y=\"\(height - 6)\" fill=\"#475467\">▲ pickup  ▼ drop-off  ■ break (amber)  grey: shift hours\(dashed)</text>\n</svg>\n"
        return out
    }

    /// The routes on a map: each vehicle's run as a line from its base through its stops and back,
    /// bases as squares (named, where `baseNames` knows them), stops as dots (`numbered`: with
    /// their numbers in the run, from 1); positions in Web Mercator, north up, so that a trust's
    /// `tiles` (256-pixel tiles at the zoom nearest the map's scale) lie exactly beneath them;
    /// without tiles nothing is fetched.
    static func map(_ runs: [(label: String, base: Coordinates, places: [Coordinates])], title: String, numbered: Bool = false,
                    baseNames: [Coordinates: String] = [:], tiles: MapTiles? = nil) -> String
    {
        let width = 720, height = 560, pad = 24.0
        let all = runs.flatMap { [$0.base] + $0.places }
        guard !all.isEmpty else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) 60\" class=\"chart\" role=\"img\" aria-label=\"\(escape(title)): no routes\"><text x=\"10\" y=\"30\">No routes to draw.</text></svg>\n"
        }
        // World pixels at zoom 0 (a 256-pixel square), then one scale that fits every place.
        let world = all.map(Self.mercator)
        let minX = world.map(\.x).min()!, maxX = world.map(\.x).max()!, minY = world.map(\.y).min()!, maxY = world.map(\.y).max()!
        let scale = min((Double(width) - 2 * pad) / max(1e-6, maxX - minX), (Double(height) - 2 * pad) / max(1e-6, maxY - minY), 256 * 65_536)
        // Centred in the frame.
        let left = (Double(width) - (maxX - minX) * scale) / 2 - minX * scale, top = (Double(height) - (maxY - minY) * scale) / 2 - minY * scale
        func p(_ c: Coordinates) -> String {
            let w = mercator(c)
            return String(format: "%.1f,%.1f", left + w.x * scale, top + w.y * scale)
        }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" class="chart" role="img" aria-labelledby="map-title map-desc" font-family="system-ui, sans-serif" font-size="11">
            <title id="map-title">\(escape(title))</title>
            <desc id="map-desc">\(runs.count) routes drawn from their stops' coordinates, north up.</desc>
            <rect width="\(width)" height="\(height)" fill="#f9fafb"/>\n
            """
        if let tiles { out += tileLayer(tiles, scale: scale, left: left, top: top, width: width, height: height) }
        for (k, run) in runs.enumerated() {
            let colour = palette[k % palette.count]
            let line = ([run.base] + run.places + [run.base]).map(p).joined(separator: " ")
            out += "<g><title>\(escape(run.label))</title><polyline points=\"\(line)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" opacity=\"0.8\"/>"
            var labelled: [String: [Int]] = [:]
            for (k, place) in run.places.enumerated() {
                let xy = p(place).split(separator: ",")
                out += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"\(numbered ? 4 : 2.5)\" fill=\"\(colour)\"/>"
                labelled[p(place), default: []].append(k + 1)
            }
            // One label per place, naming every stop there ("3, 7").
            if numbered {
                for (xy, numbers) in labelled.sorted(by: { $0.value[0] < $1.value[0] }) {
                    let at = xy.split(separator: ",")
                    out += "<text x=\"\(shift(String(at[0]), 6))\" y=\"\(shift(String(at[1]), -6))\" font-size=\"12\" fill=\"#101828\">\(numbers.map(String.init).joined(separator: ", "))</text>"
                }
            }
            out += "</g>\n"
        }
        for base in Set(runs.map(\.base)).sorted(by: { ($0.latitude, $0.longitude) < ($1.latitude, $1.longitude) }) {
            let xy = p(base).split(separator: ",").compactMap { Double($0) }
            let name = escape(baseNames[base] ?? "Base")
            func f(_ v: Double) -> String { String(format: "%.1f", v) }
            out += "<rect x=\"\(f(xy[0] - 4.5))\" y=\"\(f(xy[1] - 4.5))\" width=\"9\" height=\"9\" fill=\"#101828\"><title>\(name)</title></rect>"
            if baseNames[base] != nil {
                // Left of the square near the right edge, right of it elsewhere.
                let right = xy[0] > Double(width) - 120
                out += "<text x=\"\(f(right ? xy[0] - 8 : xy[0] + 8))\" y=\"\(f(xy[1] + 4))\" text-anchor=\"\(right ? "end" : "start")\" font-size=\"12\" fill=\"#101828\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\(name)</text>"
            }
            out += "\n"
        }
        if let tiles {
            out += "<text x=\"\(width - 4)\" y=\"\(height - 4)\" text-anchor=\"end\" font-size=\"10\" fill=\"#475467\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\(escape(tiles.attribution))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// A place in Web Mercator world pixels at zoom 0 (0…256 each way, y down).
    static func mercator(_ c: Coordinates) -> (x: Double, y: Double) {
        let lat = max(-85.05, min(85.05, c.latitude)) * .pi / 180
        return ((c.longitude + 180) / 360 * 256, (1 - log(tan(lat) + 1 / cos(lat)) / .pi) / 2 * 256)
    }

    /// The tiles under a map drawn at `scale` (pixels per zoom-0 world pixel) and offset by
    /// `left`, `top`: at the zoom whose tiles are nearest that scale (181 to 362 pixels a tile), at most 64 of them.
    static func tileLayer(_ tiles: MapTiles, scale: Double, left: Double, top: Double, width: Int, height: Int) -> String {
        let zoom = max(0, min(19, Int(log2(scale).rounded())))
        let n = 1 << zoom, size = scale * 256 / Double(n)
        let x0 = max(0, Int(((0 - left) / size).rounded(.down))), x1 = min(n - 1, Int(((Double(width) - left) / size).rounded(.down)))
        let y0 = max(0, Int(((0 - top) / size).rounded(.down))), y1 = min(n - 1, Int(((Double(height) - top) / size).rounded(.down)))
        guard x1 >= x0, y1 >= y0, (x1 - x0 + 1) * (y1 - y0 + 1) <= 64 else { return "" }
        var out = "<g class=\"tiles\" opacity=\"0.6\">"
        for y in y0...y1 {
            for x in x0...x1 {
                out += String(format: "<image x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" ", left + Double(x) * size, top + Double(y) * size, size + 0.5, size + 0.5)
                    + "href=\"\(escape(tiles.tile(z: zoom, x: x, y: y)))\" preserveAspectRatio=\"none\"/>"
            }
        }
        return out + "</g>\n"
    }

    static func shift(_ x: String, _ by: Double) -> String { String(format: "%.1f", (Double(x) ?? 0) + by) }

    /// Seconds after midnight as "14:30".
    static func clock(_ seconds: Int) -> String { String(format: "%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60) }

    static func escape(_ text: String) -> String { WaitingListChart.escape(text) }
}
