import Foundation

extension BacktestResult {
    /// A standalone SVG chart of mean hit rate against coverage, one line per method, with the random-ranking diagonal.
    public func svg() -> String {
        let width = 640.0, height = 420.0
        let left = 64.0, right = 180.0, top = 36.0, bottom = 56.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxCoverage = niceCeiling(coverages.max() ?? 0.1)
        let maxRate = niceCeiling(max(rows.map(\.meanHitRate).max() ?? 0, maxCoverage, 0.05))
        func px(_ coverage: Double) -> Double { left + coverage / maxCoverage * plotWidth }
        func py(_ rate: Double) -> Double { top + plotHeight - min(rate, maxRate) / maxRate * plotHeight }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

        var s = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <title>Backtest: hit rate against coverage</title>
        <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="white"/>
        <text x="\(f(left))" y="20" font-size="14">Hit rate against share of area flagged (\(scoredSteps) steps)</text>

        """
        // Axes with ticks and grid lines.
        for i in 0...5 {
            let c = maxCoverage * Double(i) / 5
            let r = maxRate * Double(i) / 5
            s += "<line x1=\"\(f(px(c)))\" y1=\"\(f(top))\" x2=\"\(f(px(c)))\" y2=\"\(f(top + plotHeight))\" stroke=\"#eeeeee\"/>\n"
            s += "<line x1=\"\(f(left))\" y1=\"\(f(py(r)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py(r)))\" stroke=\"#eeeeee\"/>\n"
            s += "<text x=\"\(f(px(c)))\" y=\"\(f(top + plotHeight + 18))\" text-anchor=\"middle\">\(percentLabel(c))</text>\n"
            s += "<text x=\"\(f(left - 8))\" y=\"\(f(py(r) + 4))\" text-anchor=\"end\">\(percentLabel(r))</text>\n"
        }
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(top + plotHeight))\" stroke=\"black\"/>\n"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\" stroke=\"black\"/>\n"
        s += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 14))\" text-anchor=\"middle\">coverage (share of cells flagged)</text>\n"
        s += "<text x=\"16\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f(top + plotHeight / 2)))\">hit rate</text>\n"
        // Random ranking: hit rate equals coverage.
        let diagonalEnd = min(maxCoverage, maxRate)
        s += "<line class=\"random\" x1=\"\(f(px(0)))\" y1=\"\(f(py(0)))\" x2=\"\(f(px(diagonalEnd)))\" y2=\"\(f(py(diagonalEnd)))\" stroke=\"#888888\" stroke-dasharray=\"5 4\"/>\n"

        var legendY = top + 8
        for (index, method) in methods.enumerated() {
            let colour = palette[index % palette.count]
            let points = [(0.0, 0.0)] + coverages.sorted().compactMap { c in row(method: method, coverage: c).map { (c, $0.meanHitRate) } }
            let path = points.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ")
            s += "<polyline class=\"method\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(path)\"/>\n"
            for point in points.dropFirst() {
                s += "<circle cx=\"\(f(px(point.0)))\" cy=\"\(f(py(point.1)))\" r=\"3\" fill=\"\(colour)\"/>\n"
            }
            s += "<rect x=\"\(f(width - right + 16))\" y=\"\(f(legendY - 9))\" width=\"12\" height=\"12\" fill=\"\(colour)\"/>\n"
            s += "<text x=\"\(f(width - right + 34))\" y=\"\(f(legendY + 1))\">\(xmlEscaped(method))</text>\n"
            legendY += 20
        }
        s += "<line x1=\"\(f(width - right + 16))\" y1=\"\(f(legendY - 3))\" x2=\"\(f(width - right + 28))\" y2=\"\(f(legendY - 3))\" stroke=\"#888888\" stroke-dasharray=\"5 4\"/>\n"
        s += "<text x=\"\(f(width - right + 34))\" y=\"\(f(legendY + 1))\">random ranking</text>\n"
        s += "</svg>\n"
        return s
    }
}

private func niceCeiling(_ value: Double) -> Double {
    guard value > 0 else { return 0.1 }
    for step in [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0] where value <= step + 1e-12 { return step }
    return (value * 10).rounded(.up) / 10
}

private func percentLabel(_ fraction: Double) -> String {
    let value = fraction * 100
    return abs(value - value.rounded()) < 1e-9 ? "\(Int(value.rounded()))%" : String(format: "%.1f%%", value)
}

func xmlEscaped(_ text: String) -> String {
    var out = ""
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default: out.append(character)
        }
    }
    return out
}
