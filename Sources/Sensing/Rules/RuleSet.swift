import Foundation
import Yams

/// A checked set of stream rules with the engine settings they share, loaded from JSON or YAML.
///
/// The file format (JSON shown; YAML takes the same keys):
/// ```json
/// {
///   "allowedLatenessSeconds": 600,
///   "cellMetres": 500,
///   "rules": [
///     {"id": "pm25-high", "kind": "threshold", "quantity": "pm25", "above": 35.5, "clearAt": 30, "forSeconds": 900},
///     {"id": "no2-rising", "kind": "rate", "quantity": "no2", "risePerMinute": 2, "windowSeconds": 600},
///     {"id": "noise-area", "kind": "aggregate", "scope": "area", "quantity": "noise", "function": "p95",
///      "windowSeconds": 300, "above": 85, "clearAt": 80},
///     {"id": "pm25-silent", "kind": "absence", "quantity": "pm25", "intervals": 3},
///     {"id": "smoke-jam", "kind": "composite", "rules": ["pm25-high", "noise-area"], "withinSeconds": 600, "radiusMetres": 800}
///   ]
/// }
/// ```
/// - `threshold`: `above` or `below`, optional `clearAt` (hysteresis), optional `forSeconds` (default 0).
/// - `rate`: `risePerMinute` or `fallPerMinute` (a positive amount), `windowSeconds`, optional `clearAt`.
/// - `aggregate`: `function` (`count`, `sum`, `mean`, `min`, `max`, `pNN` such as `p95`, or `percentile` with
///   a `percentile` field), `windowSeconds`, `above` or `below`, optional `clearAt`, `scope` `sensor` (default)
///   or `area`.
/// - `absence`: `intervals`, the number of the sensor's report intervals without a reading.
/// - `composite`: `rules` (two ids of non-composite rules), `withinSeconds`, `radiusMetres`.
public struct RuleSet: Sendable, Hashable {
    public var rules: [Rule]
    /// How far behind the newest observation of its series an observation may arrive and still count.
    public var allowedLatenessSeconds: Double
    /// Side of the square grid cells area rules aggregate over.
    public var cellMetres: Double

    /// Creates a rule set from rules already built in code; checks them as a file would be.
    public init(rules: [Rule], allowedLatenessSeconds: Double = 600, cellMetres: Double = 500) throws(RuleFileError) {
        self.rules = rules
        self.allowedLatenessSeconds = allowedLatenessSeconds
        self.cellMetres = cellMetres
        try RuleFile.checkSet(self)
    }

    init(unchecked rules: [Rule], allowedLatenessSeconds: Double, cellMetres: Double) {
        self.rules = rules
        self.allowedLatenessSeconds = allowedLatenessSeconds
        self.cellMetres = cellMetres
    }

    /// Loads and checks a JSON rule file.
    public static func load(json: Data) throws(RuleFileError) -> RuleSet {
        let file: RuleFile
        do {
            file = try JSONDecoder().decode(RuleFile.self, from: json)
        } catch let error as DecodingError {
            throw RuleFile.describe(error)
        } catch {
            throw RuleFileError(index: nil, ruleID: nil, field: "file", reason: "not valid JSON: \(error)")
        }
        return try file.checked()
    }

    /// Loads and checks a YAML rule file with the same keys as the JSON one.
    public static func load(yaml: String) throws(RuleFileError) -> RuleSet {
        let file: RuleFile
        do {
            file = try YAMLDecoder().decode(RuleFile.self, from: yaml)
        } catch let error as DecodingError {
            throw RuleFile.describe(error)
        } catch {
            throw RuleFileError(index: nil, ruleID: nil, field: "file", reason: "not valid YAML: \(error)")
        }
        return try file.checked()
    }
}
