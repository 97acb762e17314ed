import Foundation

/// The rule file as written, every field optional, so that checking can name what is missing.
struct RuleFile: Decodable {
    var allowedLatenessSeconds: Double?
    var cellMetres: Double?
    var rules: [Entry]?

    struct Entry: Decodable {
        var id: String?
        var kind: String?
        var quantity: String?
        var scope: String?
        var above: Double?
        var below: Double?
        var clearAt: Double?
        var forSeconds: Double?
        var risePerMinute: Double?
        var fallPerMinute: Double?
        var windowSeconds: Double?
        var function: String?
        var percentile: Double?
        var intervals: Double?
        var rules: [String]?
        var withinSeconds: Double?
        var radiusMetres: Double?
    }

    func checked() throws(RuleFileError) -> RuleSet {
        let lateness = allowedLatenessSeconds ?? 600
        let cell = cellMetres ?? 500
        guard let entries = rules else {
            throw RuleFileError(index: nil, ruleID: nil, field: "rules", reason: "missing; the file needs a list of rules")
        }
        var built: [Rule] = []
        built.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            built.append(try entry.rule(index: index))
        }
        let set = RuleSet(unchecked: built, allowedLatenessSeconds: lateness, cellMetres: cell)
        try RuleFile.checkSet(set)
        return set
    }

    /// Checks what spans rules: settings, unique ids, composite references, and each rule's numbers.
    static func checkSet(_ set: RuleSet) throws(RuleFileError) {
        guard set.allowedLatenessSeconds.isFinite, set.allowedLatenessSeconds >= 0 else {
            throw RuleFileError(index: nil, ruleID: nil, field: "allowedLatenessSeconds", reason: "must be 0 or more, got \(format(set.allowedLatenessSeconds))")
        }
        guard set.cellMetres.isFinite, set.cellMetres > 0 else {
            throw RuleFileError(index: nil, ruleID: nil, field: "cellMetres", reason: "must be greater than 0, got \(format(set.cellMetres))")
        }
        var firstIndex: [String: Int] = [:]
        for (index, rule) in set.rules.enumerated() {
            if let earlier = firstIndex[rule.id] {
                throw RuleFileError(index: index, ruleID: rule.id, field: "id", reason: "duplicate of rules[\(earlier)]")
            }
            firstIndex[rule.id] = index
            try checkNumbers(rule, index: index)
        }
        for (index, rule) in set.rules.enumerated() {
            guard case let .composite(a, b, _, _) = rule.kind else { continue }
            for other in [a, b] {
                let fail = { (reason: String) in RuleFileError(index: index, ruleID: rule.id, field: "rules", reason: reason) }
                if other == rule.id { throw fail("a composite cannot reference itself") }
                guard let at = firstIndex[other] else { throw fail("unknown rule \"\(other)\"") }
                if case .composite = set.rules[at].kind {
                    throw fail("\"\(other)\" is a composite; composites combine threshold, rate, aggregate or absence rules")
                }
            }
            if a == b { throw RuleFileError(index: index, ruleID: rule.id, field: "rules", reason: "must name two different rules") }
        }
    }

    private static func checkNumbers(_ rule: Rule, index: Int) throws(RuleFileError) {
        func fail(_ field: String, _ reason: String) -> RuleFileError {
            RuleFileError(index: index, ruleID: rule.id, field: field, reason: reason)
        }
        func positive(_ value: Double, _ field: String) throws(RuleFileError) {
            guard value.isFinite, value > 0 else { throw fail(field, "must be greater than 0, got \(format(value))") }
        }
        func condition(_ c: RuleCondition, limitName: String) throws(RuleFileError) {
            guard c.limit.isFinite else { throw fail(limitName, "must be a finite number") }
            guard c.clearAt.isFinite else { throw fail("clearAt", "must be a finite number") }
            switch c.side {
            case .above where c.clearAt > c.limit:
                throw fail("clearAt", "hysteresis: clearAt must be at or below \(limitName) (\(format(c.limit))), got \(format(c.clearAt))")
            case .below where c.clearAt < c.limit:
                throw fail("clearAt", "hysteresis: clearAt must be at or above \(limitName) (\(format(c.limit))), got \(format(c.clearAt))")
            default: break
            }
        }
        if rule.id.isEmpty { throw fail("id", "must not be empty") }
        switch rule.kind {
        case let .threshold(_, c, forSeconds):
            try condition(c, limitName: c.side.rawValue)
            guard forSeconds.isFinite, forSeconds >= 0 else { throw fail("forSeconds", "must be 0 or more, got \(format(forSeconds))") }
        case let .rateOfChange(_, direction, c, windowSeconds):
            try condition(c, limitName: direction == .rise ? "risePerMinute" : "fallPerMinute")
            try positive(windowSeconds, "windowSeconds")
        case let .aggregate(_, function, windowSeconds, c, _):
            try condition(c, limitName: c.side.rawValue)
            try positive(windowSeconds, "windowSeconds")
            if case let .percentile(p) = function, !(p.isFinite && (0...100).contains(p)) {
                throw fail("percentile", "must be within 0–100, got \(format(p))")
            }
        case let .absence(_, intervals):
            try positive(intervals, "intervals")
        case let .composite(_, _, withinSeconds, radiusMetres):
            guard withinSeconds.isFinite, withinSeconds >= 0 else { throw fail("withinSeconds", "must be 0 or more, got \(format(withinSeconds))") }
            try positive(radiusMetres, "radiusMetres")
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Turns a decoder's complaint into one naming the rule index and field.
    static func describe(_ error: DecodingError) -> RuleFileError {
        let (path, reason): ([CodingKey], String) = switch error {
        case let .typeMismatch(type, context): (context.codingPath, "expected \(typeName(type))")
        case let .valueNotFound(type, context): (context.codingPath, "expected \(typeName(type)), got null")
        case let .keyNotFound(key, context): (context.codingPath + [key], "missing")
        case let .dataCorrupted(context): (context.codingPath, "not a valid rule file: \(context.debugDescription)")
        @unknown default: ([], "not a valid rule file")
        }
        var index: Int?
        var fields: [String] = []
        for (position, key) in path.enumerated() {
            if position == 1, let value = key.intValue, path.first?.stringValue == "rules" { index = value; continue }
            if position == 0, key.stringValue == "rules", path.count > 1 { continue }
            fields.append(key.intValue.map { "[\($0)]" } ?? key.stringValue)
        }
        return RuleFileError(index: index, ruleID: nil, field: fields.isEmpty ? "file" : fields.joined(separator: "."), reason: reason)
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type: "a number"
        case is String.Type: "a string"
        case is [String].Type: "a list of strings"
        default: "\(type)"
        }
    }
}

extension RuleFile.Entry {
    func rule(index: Int) throws(RuleFileError) -> Rule {
        func fail(_ field: String, _ reason: String) -> RuleFileError {
            RuleFileError(index: index, ruleID: id, field: field, reason: reason)
        }
        guard let id else { throw fail("id", "missing") }
        guard let kind else { throw fail("kind", "missing; expected threshold, rate, aggregate, absence or composite") }
        func quantity() throws(RuleFileError) -> Quantity {
            guard let name = self.quantity else { throw fail("quantity", "missing") }
            let q = Quantity(name)
            guard Quantity.known[q] != nil else {
                let known = Quantity.known.keys.map(\.name).sorted().joined(separator: ", ")
                throw fail("quantity", "unknown quantity \"\(name)\"; expected one of \(known)")
            }
            return q
        }
        func sided() throws(RuleFileError) -> RuleCondition {
            switch (above, below) {
            case let (limit?, nil): return RuleCondition(side: .above, limit: limit, clearAt: clearAt)
            case let (nil, limit?): return RuleCondition(side: .below, limit: limit, clearAt: clearAt)
            case (nil, nil): throw fail("above", "missing; a \(kind) rule needs above or below")
            case (_?, _?): throw fail("below", "give above or below, not both")
            }
        }
        func required(_ value: Double?, _ field: String) throws(RuleFileError) -> Double {
            guard let value else { throw fail(field, "missing") }
            return value
        }
        if scope != nil, kind != "aggregate" {
            throw fail("scope", "only aggregate rules take a scope; \(kind) rules are per sensor")
        }
        let ruleKind: RuleKind
        switch kind {
        case "threshold":
            ruleKind = .threshold(quantity: try quantity(), condition: try sided(), forSeconds: forSeconds ?? 0)
        case "rate":
            let direction: RateDirection
            let limit: Double
            switch (risePerMinute, fallPerMinute) {
            case let (rise?, nil): (direction, limit) = (.rise, rise)
            case let (nil, fall?): (direction, limit) = (.fall, fall)
            case (nil, nil): throw fail("risePerMinute", "missing; a rate rule needs risePerMinute or fallPerMinute")
            case (_?, _?): throw fail("fallPerMinute", "give risePerMinute or fallPerMinute, not both")
            }
            ruleKind = .rateOfChange(quantity: try quantity(), direction: direction,
                                     condition: RuleCondition(side: .above, limit: limit, clearAt: clearAt),
                                     windowSeconds: try required(windowSeconds, "windowSeconds"))
        case "aggregate":
            let q = try quantity()
            guard let name = function else { throw fail("function", "missing; expected count, sum, mean, min, max, p95 or percentile") }
            let function: AggregateFunction
            switch name {
            case "count": function = .count
            case "sum": function = .sum
            case "mean": function = .mean
            case "min": function = .min
            case "max": function = .max
            case "percentile": function = .percentile(try required(percentile, "percentile"))
            default:
                guard name.hasPrefix("p"), let p = Double(name.dropFirst()) else {
                    throw fail("function", "unknown function \"\(name)\"; expected count, sum, mean, min, max, pNN (e.g. p95) or percentile")
                }
                function = .percentile(p)
            }
            let ruleScope: RuleScope
            switch scope {
            case nil, "sensor": ruleScope = .sensor
            case "area": ruleScope = .area
            case let other?: throw fail("scope", "unknown scope \"\(other)\"; expected sensor or area")
            }
            ruleKind = .aggregate(quantity: q, function: function, windowSeconds: try required(windowSeconds, "windowSeconds"),
                                  condition: try sided(), scope: ruleScope)
        case "absence":
            ruleKind = .absence(quantity: try quantity(), intervals: try required(intervals, "intervals"))
        case "composite":
            guard let names = rules else { throw fail("rules", "missing; a composite names two rule ids") }
            guard names.count == 2 else { throw fail("rules", "must name exactly two rule ids, got \(names.count)") }
            ruleKind = .composite(a: names[0], b: names[1], withinSeconds: try required(withinSeconds, "withinSeconds"),
                                  radiusMetres: try required(radiusMetres, "radiusMetres"))
        default:
            throw fail("kind", "unknown kind \"\(kind)\"; expected threshold, rate, aggregate, absence or composite")
        }
        return Rule(id: id, kind: ruleKind)
    }
}
