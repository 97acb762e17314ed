extension Rule {
    /// One line an operator reads: what the rule watches and when it fires and clears.
    public var summary: String {
        func limit(_ condition: RuleCondition, unit: String) -> String {
            let band = condition.clearAt == condition.limit ? "" : ", clears at \(Self.number(condition.clearAt))\(unit)"
            return "\(condition.side.rawValue) \(Self.number(condition.limit))\(unit)\(band)"
        }
        switch kind {
        case let .threshold(quantity, condition, forSeconds):
            let unit = quantity.canonicalUnit.map { " " + $0 } ?? ""
            return "\(quantity) \(limit(condition, unit: unit))" + (forSeconds > 0 ? " for \(Self.number(forSeconds)) s" : "")
        case let .rateOfChange(quantity, direction, condition, windowSeconds):
            let unit = quantity.canonicalUnit.map { " " + $0 } ?? ""
            return "\(quantity) \(direction.rawValue) per minute over \(Self.number(windowSeconds)) s \(limit(condition, unit: unit + "/min"))"
        case let .aggregate(quantity, function, windowSeconds, condition, scope):
            let unit = quantity.canonicalUnit.map { " " + $0 } ?? ""
            let name = switch function {
            case .count: "count"
            case .sum: "sum"
            case .mean: "mean"
            case .min: "min"
            case .max: "max"
            case let .percentile(p): "p\(Self.number(p))"
            }
            return "\(name) of \(quantity) per \(scope.rawValue) over \(Self.number(windowSeconds)) s \(limit(condition, unit: unit))"
        case let .absence(quantity, intervals):
            return "no \(quantity) reading for \(Self.number(intervals)) report intervals"
        case let .composite(a, b, withinSeconds, radiusMetres):
            return "\(a) and \(b) within \(Self.number(withinSeconds)) s and \(Self.number(radiusMetres)) m"
        }
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension Rule {
    /// The limit a threshold or aggregate rule compares with (not a rate's, which is per minute), for drawing it on a chart.
    public var valueLimit: RuleCondition? {
        switch kind {
        case let .threshold(_, condition, _): condition
        case let .aggregate(_, _, _, condition, _): condition
        case .rateOfChange, .absence, .composite: nil
        }
    }
}
