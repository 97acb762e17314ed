import Foundation

/// An instant in UTC with millisecond precision, the only time type events carry.
///
/// Millisecond precision keeps the hash chain deterministic: a timestamp encodes to the
/// same bytes on every platform and after every round trip through storage or JSON.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    /// Truncates a `Date` to whole milliseconds.
    public init(_ date: Date) {
        self.millisecondsSince1970 = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The same instant as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

    /// This instant moved by a number of milliseconds.
    public func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: millisecondsSince1970 + milliseconds)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }
}

extension Timestamp: CustomStringConvertible {
    /// ISO 8601 with milliseconds, e.g. `2026-11-25T10:00:00.000Z`.
    public var description: String { Timestamp.format(self) }

    /// Formats as ISO 8601 UTC with milliseconds.
    public static func format(_ t: Timestamp) -> String {
        let ms = t.millisecondsSince1970
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = ms - seconds * 1000
        var tmValue = tm()
        var time = time_t(seconds)
        gmtime_r(&time, &tmValue)
        let year = Int(tmValue.tm_year) + 1900
        guard (0...9999).contains(year) else {
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, Int(tmValue.tm_mon) + 1, Int(tmValue.tm_mday),
                          Int(tmValue.tm_hour), Int(tmValue.tm_min), Int(tmValue.tm_sec), Int(millis))
        }
        // Written digit by digit: this runs for every event the API and the stream serve.
        var out = [UInt8]()
        out.reserveCapacity(24)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4)
        out.append(UInt8(ascii: "-"))
        digits(Int(tmValue.tm_mon) + 1, 2)
        out.append(UInt8(ascii: "-"))
        digits(Int(tmValue.tm_mday), 2)
        out.append(UInt8(ascii: "T"))
        digits(Int(tmValue.tm_hour), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(tmValue.tm_min), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(tmValue.tm_sec), 2)
        out.append(UInt8(ascii: "."))
        digits(Int(millis), 3)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses ISO 8601 (`Z` or ±hh:mm offset, optional fractional seconds); nil when malformed.
    public static func parse(_ text: String) -> Timestamp? {
        if let fast = parseRFC3339(text) { return fast }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return Timestamp(date) }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return Timestamp(date) }
        return nil
    }
}

extension Timestamp: Codable {
    /// Decodes an ISO 8601 string or a number of milliseconds since 1970.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let ms = try? container.decode(Int64.self) {
            self.init(millisecondsSince1970: ms)
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an ISO 8601 date-time, got \"\(text)\"")
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
