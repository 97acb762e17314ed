/// Bad input to the public-health engines; every message is one line naming the field or line.
public enum HealthInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A CSV line could not be read; `line` is 1-based and counts the header.
    case malformedLine(line: Int, reason: String)
    /// A count is negative.
    case negativeCount(line: Int, value: Int)
    /// A count is not a whole number.
    case nonIntegerCount(line: Int, text: String)
    /// The series skips a week (index or date); `line` is where the gap shows.
    case gap(line: Int, reason: String)
    /// The series is too short for the method; `unit` is the plural period name ("weeks").
    case tooShort(method: String, needed: Int, available: Int, unit: String)
    /// A control setting is out of range.
    case invalidControl(field: String, reason: String)
    /// Spatial input is inconsistent.
    case invalidScanInput(reason: String)

    public var description: String {
        switch self {
        case let .malformedLine(line, reason):
            "line \(line): \(reason)"
        case let .negativeCount(line, value):
            "line \(line): observed count \(value) is negative; counts must be 0 or more"
        case let .nonIntegerCount(line, text):
            "line \(line): observed count \"\(text)\" is not a whole number"
        case let .gap(line, reason):
            "line \(line): \(reason)"
        case let .tooShort(method, needed, available, unit):
            "\(method) needs \(needed) \(unit) before the first judged \(unit.hasSuffix("s") ? String(unit.dropLast()) : unit); the series has \(available)"
        case let .invalidControl(field, reason):
            "control \(field): \(reason)"
        case let .invalidScanInput(reason):
            "scan input: \(reason)"
        }
    }
}
