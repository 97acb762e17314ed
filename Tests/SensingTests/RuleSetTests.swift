import Foundation
import Testing
@testable import Sensing

@Suite struct RuleSetTests {
    static let exampleURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/rules/city-rules.json")

    @Test func exampleCityRulesLoad() throws {
        let set = try RuleSet.load(json: Data(contentsOf: Self.exampleURL))
        #expect(set.allowedLatenessSeconds == 600)
        #expect(set.cellMetres == 500)
        let quantities = Set(set.rules.compactMap(\.quantity))
        #expect(quantities == [.pm25, .nitrogenDioxide, .noise, .waterLevel, .trafficFlow, .gunshot])
        let kinds = Set(set.rules.map { rule -> String in
            switch rule.kind {
            case .threshold: "threshold"
            case .rateOfChange: "rate"
            case .aggregate: "aggregate"
            case .absence: "absence"
            case .composite: "composite"
            }
        })
        #expect(kinds == ["threshold", "rate", "aggregate", "absence", "composite"])
        let p95 = try #require(set.rules.first { $0.id == "pm25-area-p95" })
        #expect(p95.kind == .aggregate(quantity: .pm25, function: .percentile(95), windowSeconds: 3600,
                                       condition: RuleCondition(side: .above, limit: 35.4, clearAt: 30), scope: .area))
    }

    @Test func yamlTakesTheSameKeysAsJSON() throws {
        let yaml = """
        allowedLatenessSeconds: 300
        rules:
          - id: pm25-high
            kind: threshold
            quantity: pm25
            above: 35.5
            clearAt: 30
            forSeconds: 600
          - id: traffic-drop
            kind: rate
            quantity: traffic_flow
            fallPerMinute: 40
            windowSeconds: 600
          - id: shots
            kind: aggregate
            scope: area
            quantity: gunshot
            function: percentile
            percentile: 99.5
            windowSeconds: 120
            above: 2
          - id: both
            kind: composite
            rules: [pm25-high, shots]
            withinSeconds: 60
            radiusMetres: 400
        """
        let json = """
        {"allowedLatenessSeconds": 300, "rules": [
          {"id": "pm25-high", "kind": "threshold", "quantity": "pm25", "above": 35.5, "clearAt": 30, "forSeconds": 600},
          {"id": "traffic-drop", "kind": "rate", "quantity": "traffic_flow", "fallPerMinute": 40, "windowSeconds": 600},
          {"id": "shots", "kind": "aggregate", "scope": "area", "quantity": "gunshot", "function": "percentile", "percentile": 99.5,
           "windowSeconds": 120, "above": 2},
          {"id": "both", "kind": "composite", "rules": ["pm25-high", "shots"], "withinSeconds": 60, "radiusMetres": 400}]}
        """
        let fromYAML = try RuleSet.load(yaml: yaml)
        #expect(fromYAML == (try RuleSet.load(json: Data(json.utf8))))
        #expect(fromYAML.cellMetres == 500)
        #expect(fromYAML.rules[1].kind == .rateOfChange(quantity: .trafficFlow, direction: .fall,
                                                        condition: RuleCondition(side: .above, limit: 40), windowSeconds: 600))
    }

    /// Wraps rule objects in a file and returns the load error's text.
    private func failure(_ rules: String, settings: String = "") -> String? {
        let text = "{\(settings)\"rules\": [\(rules)]}"
        do {
            _ = try RuleSet.load(json: Data(text.utf8))
            return nil
        } catch {
            return error.description
        }
    }

    private let good = #"{"id": "a", "kind": "threshold", "quantity": "pm25", "above": 50}"#

    @Test func rejectsUnknownKindAndQuantity() throws {
        #expect(failure(#"{"id": "x", "kind": "thresh", "quantity": "pm25", "above": 1}"#)
            == #"rules[0] "x": kind: unknown kind "thresh"; expected threshold, rate, aggregate, absence or composite"#)
        let quantity = try #require(failure(good + "," + #"{"id": "x", "kind": "threshold", "quantity": "pm2.5", "above": 1}"#))
        #expect(quantity.hasPrefix(#"rules[1] "x": quantity: unknown quantity "pm2.5"; expected one of "#))
        #expect(quantity.contains("water_level"))
    }

    @Test func rejectsMissingFields() {
        #expect(failure(good + "," + #"{"kind": "threshold", "quantity": "pm25", "above": 1}"#) == "rules[1]: id: missing")
        #expect(failure(#"{"id": "x", "quantity": "pm25", "above": 1}"#)
            == #"rules[0] "x": kind: missing; expected threshold, rate, aggregate, absence or composite"#)
        #expect(failure(#"{"id": "x", "kind": "threshold", "above": 1}"#) == #"rules[0] "x": quantity: missing"#)
        #expect(failure(#"{"id": "x", "kind": "threshold", "quantity": "pm25"}"#)
            == #"rules[0] "x": above: missing; a threshold rule needs above or below"#)
        #expect(failure(#"{"id": "x", "kind": "rate", "quantity": "no2", "risePerMinute": 1}"#) == #"rules[0] "x": windowSeconds: missing"#)
        #expect(failure(#"{"id": "x", "kind": "rate", "quantity": "no2", "windowSeconds": 60}"#)
            == #"rules[0] "x": risePerMinute: missing; a rate rule needs risePerMinute or fallPerMinute"#)
        #expect(failure(#"{"id": "x", "kind": "absence", "quantity": "no2"}"#) == #"rules[0] "x": intervals: missing"#)
        #expect(failure(#"{"id": "x", "kind": "aggregate", "quantity": "noise", "windowSeconds": 60, "above": 1}"#)
            == #"rules[0] "x": function: missing; expected count, sum, mean, min, max, p95 or percentile"#)
        #expect(failure("") == nil)
        #expect(throws: RuleFileError(index: nil, ruleID: nil, field: "rules", reason: "missing; the file needs a list of rules")) {
            try RuleSet.load(json: Data("{}".utf8))
        }
    }

    @Test func rejectsWrongTypesWithTheirPath() {
        #expect(failure(#"{"id": "x", "kind": "threshold", "quantity": "pm25", "above": "high"}"#) == "rules[0]: above: expected a number")
    }

    @Test func rejectsNonPositiveWindowsAndBadNumbers() {
        #expect(failure(#"{"id": "x", "kind": "aggregate", "quantity": "noise", "function": "max", "windowSeconds": 0, "above": 1}"#)
            == #"rules[0] "x": windowSeconds: must be greater than 0, got 0"#)
        #expect(failure(#"{"id": "x", "kind": "rate", "quantity": "no2", "risePerMinute": 1, "windowSeconds": -5}"#)
            == #"rules[0] "x": windowSeconds: must be greater than 0, got -5"#)
        #expect(failure(#"{"id": "x", "kind": "absence", "quantity": "no2", "intervals": 0}"#)
            == #"rules[0] "x": intervals: must be greater than 0, got 0"#)
        #expect(failure(#"{"id": "x", "kind": "threshold", "quantity": "no2", "above": 1, "forSeconds": -1}"#)
            == #"rules[0] "x": forSeconds: must be 0 or more, got -1"#)
        #expect(failure(good, settings: #""cellMetres": 0, "#) == "cellMetres: must be greater than 0, got 0")
    }

    @Test func rejectsPercentilesOutside0To100() {
        #expect(failure(#"{"id": "x", "kind": "aggregate", "quantity": "noise", "function": "p120", "windowSeconds": 60, "above": 1}"#)
            == #"rules[0] "x": percentile: must be within 0–100, got 120"#)
        #expect(failure(#"{"id": "x", "kind": "aggregate", "quantity": "noise", "function": "percentile", "percentile": -0.5, "windowSeconds": 60, "above": 1}"#)
            == #"rules[0] "x": percentile: must be within 0–100, got -0.5"#)
        #expect(failure(#"{"id": "x", "kind": "aggregate", "quantity": "noise", "function": "median", "windowSeconds": 60, "above": 1}"#)
            == #"rules[0] "x": function: unknown function "median"; expected count, sum, mean, min, max, pNN (e.g. p95) or percentile"#)
    }

    @Test func rejectsHysteresisOnTheWrongSide() {
        let rules = [good, good.replacingOccurrences(of: #""a""#, with: #""b""#), good.replacingOccurrences(of: #""a""#, with: #""c""#),
                     #"{"id": "pm25-high", "kind": "threshold", "quantity": "pm25", "above": 35.5, "clearAt": 40}"#]
        #expect(failure(rules.joined(separator: ","))
            == #"rules[3] "pm25-high": clearAt: hysteresis: clearAt must be at or below above (35.5), got 40"#)
        #expect(failure(#"{"id": "low", "kind": "threshold", "quantity": "traffic_flow", "below": 100, "clearAt": 50}"#)
            == #"rules[0] "low": clearAt: hysteresis: clearAt must be at or above below (100), got 50"#)
        #expect(failure(#"{"id": "x", "kind": "threshold", "quantity": "pm25", "above": 1, "below": 0}"#)
            == #"rules[0] "x": below: give above or below, not both"#)
        #expect(failure(#"{"id": "x", "kind": "threshold", "scope": "area", "quantity": "pm25", "above": 1}"#)
            == #"rules[0] "x": scope: only aggregate rules take a scope; threshold rules are per sensor"#)
    }

    @Test func rejectsBadCompositesAndDuplicateIDs() {
        func composite(_ names: String) -> String {
            #"{"id": "c", "kind": "composite", "rules": \#(names), "withinSeconds": 60, "radiusMetres": 100}"#
        }
        #expect(failure(good + "," + composite(#"["a", "nope"]"#)) == #"rules[1] "c": rules: unknown rule "nope""#)
        #expect(failure(good + "," + composite(#"["a", "c"]"#)) == #"rules[1] "c": rules: a composite cannot reference itself"#)
        #expect(failure(good + "," + composite(#"["a", "a"]"#)) == #"rules[1] "c": rules: must name two different rules"#)
        #expect(failure(good + "," + composite(#"["a"]"#)) == #"rules[1] "c": rules: must name exactly two rule ids, got 1"#)
        let nested = #"{"id": "d", "kind": "composite", "rules": ["a", "c"], "withinSeconds": 60, "radiusMetres": 100}"#
        let other = good.replacingOccurrences(of: #""a""#, with: #""b""#)
        #expect(failure([good, other, composite(#"["a", "b"]"#), nested].joined(separator: ","))
            == #"rules[3] "d": rules: "c" is a composite; composites combine threshold, rate, aggregate or absence rules"#)
        #expect(failure(good + "," + good) == #"rules[1] "a": id: duplicate of rules[0]"#)
    }

    @Test func rejectsMalformedFiles() throws {
        let message = try #require(failure("{,"))
        #expect(message.hasPrefix("file: "))
        #expect(throws: RuleFileError.self) { try RuleSet.load(yaml: "rules: [ {id: a") }
    }
}
