/// Why a concentration, a series or a batch line could not be turned into an AQI.
public enum AQIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a decimal number.
    case notANumber(String)
    /// The value is below zero.
    case negative(String)
    /// The value has more digits than 64 bits hold exactly.
    case tooPrecise(String)
    /// The pollutant name is not one of ``AQIPollutant``'s raw values.
    case unknownPollutant(String)
    /// EPA's breakpoint table gives no AQI for this averaging period at this concentration
    /// (1-hour ozone below 0.125 ppm, 8-hour ozone above 0.200 ppm, 1-hour SO2 above 304 ppb,
    /// 24-hour SO2 below 305 ppb).
    case notDefined(pollutant: AQIPollutant, truncated: DecimalConcentration, reason: String)
    /// A series has the wrong number of hours for the calculation asked for.
    case wrongHourCount(expected: String, found: Int)
    /// A pollutant was given to a calculation that does not apply to it (e.g. a NowCast for CO).
    case unsupported(pollutant: AQIPollutant, calculation: String)
    /// A batch line was refused; `line` counts from 1 and includes any header.
    case badLine(line: Int, reason: String)
    /// A grid cell size was zero, negative or not finite.
    case invalidCellSize(Double)

    public var description: String {
        switch self {
        case let .notANumber(text): "\"\(text)\" is not a number"
        case let .negative(text): "\(text) is negative; a concentration is never below zero"
        case let .tooPrecise(text): "\(text) has more digits than can be held exactly"
        case let .unknownPollutant(name):
            "unknown pollutant \"\(name)\"; expected one of \(AQIPollutant.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .notDefined(pollutant, truncated, reason): "\(pollutant.rawValue) \(truncated) \(pollutant.unit) has no AQI: \(reason)"
        case let .wrongHourCount(expected, found): "expected \(expected) hourly values, found \(found)"
        case let .unsupported(pollutant, calculation): "\(calculation) is not defined for \(pollutant.rawValue)"
        case let .badLine(line, reason): "line \(line): \(reason)"
        case let .invalidCellSize(size): "cell size \(size) m must be a positive finite number of metres"
        }
    }
}
