/// Why a rule file was refused, naming the rule and the field.
///
/// Its description reads like `rules[3] "pm25-high": clearAt: must be below above (35.5), got 40`.
public struct RuleFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Position of the rule in `rules`, nil for a file-level problem.
    public var index: Int?
    /// The rule's id when it has one.
    public var ruleID: String?
    /// The field at fault, e.g. `windowSeconds`.
    public var field: String
    public var reason: String

    public init(index: Int?, ruleID: String?, field: String, reason: String) {
        self.index = index
        self.ruleID = ruleID
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var where_ = ""
        if let index { where_ = "rules[\(index)]" }
        if let ruleID { where_ += where_.isEmpty ? "\"\(ruleID)\"" : " \"\(ruleID)\"" }
        return where_.isEmpty ? "\(field): \(reason)" : "\(where_): \(field): \(reason)"
    }
}
