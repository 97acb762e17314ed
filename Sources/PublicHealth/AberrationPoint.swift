import Foundation

/// One judged period: its count, the threshold (nil where the method gives none, R's `NA`) and
/// whether it alarms (nil where undecided).
public struct AberrationPoint: Equatable, Sendable, Codable {
    /// 1-based period index into the series.
    public var t: Int
    /// Observed count.
    public var observed: Int
    /// The count above which the period alarms; nil where R reports `NA`.
    public var upperbound: Double?
    /// Whether the period alarms; nil where R reports `NA`.
    public var alarm: Bool?

    /// Creates a point.
    public init(t: Int, observed: Int, upperbound: Double?, alarm: Bool?) {
        self.t = t
        self.observed = observed
        self.upperbound = upperbound
        self.alarm = alarm
    }

    /// CSV in the golden files' format: a quoted header `"t","observed","upperbound","alarm"`,
    /// numbers to 15 significant digits as R's `write.csv`, alarm 0/1, `NA` where none.
    public static func csv(_ points: [AberrationPoint]) -> String {
        var out = "\"t\",\"observed\",\"upperbound\",\"alarm\"\n"
        for p in points {
            let bound = p.upperbound.map(formatR) ?? "NA"
            let alarm = p.alarm.map { $0 ? "1" : "0" } ?? "NA"
            out += "\(p.t),\(p.observed),\(bound),\(alarm)\n"
        }
        return out
    }

    /// R prints doubles with up to 15 significant digits and no trailing zeros.
    static func formatR(_ value: Double) -> String {
        if value.isNaN { return "NA" }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        if value == 0 { return "0" }
        return String(format: "%.15g", value)
    }
}
