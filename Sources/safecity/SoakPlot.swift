import Foundation

/// The soak test's picture: resident memory and p50/p99 append latency against time, one panel each.
enum SoakPlot {
    static func svg(samples: [SoakSample], summary: SoakSummary) -> String {
        let width = 760.0, panel = 220.0, left = 64.0, right = 20.0, top = 40.0, gap = 60.0
        let minutes = samples.map { $0.seconds / 60 }
        let maxX = max(minutes.max() ?? 1, 0.1)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(top + 2 * panel + gap + 50))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(left)" y="22" font-size="15">Soak: \(Int(summary.rate)) events/s on one node (\(summary.database)), \(samples.count) samples</text>

            """
        func panelSVG(y0: Double, title: String, unit: String, series: [(String, String, [Double])]) -> String {
            let maxY = max(series.flatMap(\.2).max() ?? 1, 1e-6) * 1.1
            let plotWidth = width - left - right
            var out = "<text x=\"\(left)\" y=\"\(y0 - 8)\">\(title)</text>\n"
            out += "<rect x=\"\(left)\" y=\"\(y0)\" width=\"\(plotWidth)\" height=\"\(panel)\" fill=\"none\" stroke=\"#999\"/>\n"
            for tick in 0...4 {
                let value = maxY * Double(tick) / 4, y = y0 + panel - panel * Double(tick) / 4
                out += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(String(format: "%.1f", value))</text>\n"
                out += "<line x1=\"\(left)\" x2=\"\(left + plotWidth)\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#eee\"/>\n"
            }
            out += "<text x=\"14\" y=\"\(y0 + panel / 2)\" transform=\"rotate(-90 14 \(y0 + panel / 2))\" text-anchor=\"middle\">\(unit)</text>\n"
            for (index, (name, colour, values)) in series.enumerated() {
                let points = zip(minutes, values).map { x, v in
                    String(format: "%.1f,%.1f", left + plotWidth * x / maxX, y0 + panel - panel * v / maxY)
                }.joined(separator: " ")
                out += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
                out += "<text x=\"\(left + plotWidth - 150)\" y=\"\(y0 + 16 + 16 * Double(index))\" fill=\"\(colour)\">\(name)</text>\n"
            }
            return out
        }
        svg += panelSVG(y0: top + 20, title: String(format: "Resident memory (trend over the second half: %+.2f MiB/min)", summary.memorySlopeMebibytesPerMinute),
                        unit: "MiB", series: [("resident", "#1f77b4", samples.map(\.residentMebibytes))])
        svg += panelSVG(y0: top + 20 + panel + gap, title: String(format: "Append latency per window (p99 first third %.1f ms, last third %.1f ms)",
                                                                    summary.p99FirstThird, summary.p99LastThird),
                        unit: "ms", series: [("p99", "#d62728", samples.map(\.p99Milliseconds)), ("p50", "#2ca02c", samples.map(\.p50Milliseconds))])
        svg += "<text x=\"\(left)\" y=\"\(top + 2 * panel + gap + 40)\" text-anchor=\"start\">minutes since start (0 to \(String(format: "%.1f", maxX)))</text>\n</svg>\n"
        return svg
    }
}
