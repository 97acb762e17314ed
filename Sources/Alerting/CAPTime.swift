import Foundation
import SafeCityCore

/// A CAP 1.2 date-time: an instant plus the numeric UTC offset it was written with.
///
/// - Note: CAP 1.2 requires `YYYY-MM-DDThh:mm:ss±hh:mm`: no `Z`, no fractional seconds.
public struct CAPTime: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The instant, whole seconds.
    public var timestamp: Timestamp
    /// The offset from UTC in minutes that the text carries.
    public var offsetMinutes: Int

    /// An instant truncated to whole seconds, written with `offsetMinutes`.
    public init(_ timestamp: Timestamp, offsetMinutes: Int = 0) {
        let ms = timestamp.millisecondsSince1970
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        self.timestamp = Timestamp(millisecondsSince1970: seconds * 1000)
        self.offsetMinutes = offsetMinutes
    }

    /// Parses strict CAP 1.2 text; nil when it breaks the pattern.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 25 else { return nil }
        let digits: Set<Int> = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24]
        for (i, byte) in bytes.enumerated() where digits.contains(i) {
            guard byte >= 48, byte <= 57 else { return nil }
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[22] == UInt8(ascii: ":"),
              bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"),
              let instant = Timestamp.parseRFC3339(text)
        else { return nil }
        let hours = Int(bytes[20] - 48) * 10 + Int(bytes[21] - 48)
        let minutes = Int(bytes[23] - 48) * 10 + Int(bytes[24] - 48)
        self.timestamp = instant
        self.offsetMinutes = (hours * 60 + minutes) * (bytes[19] == UInt8(ascii: "-") ? -1 : 1)
    }

    /// The CAP text, e.g. `2026-11-25T10:00:00-05:00`.
    public var description: String {
        let local = timestamp.millisecondsSince1970 / 1000 + Int64(offsetMinutes) * 60
        var tmValue = tm()
        var time = time_t(local)
        gmtime_r(&time, &tmValue)
        let magnitude = abs(offsetMinutes)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(Int(tmValue.tm_year) + 1900)
        return String(repeating: "0", count: max(0, 4 - year.count)) + "\(year)-\(two(Int(tmValue.tm_mon) + 1))-\(two(Int(tmValue.tm_mday)))T\(two(Int(tmValue.tm_hour))):"
            + "\(two(Int(tmValue.tm_min))):\(two(Int(tmValue.tm_sec)))\(offsetMinutes < 0 ? "-" : "+")\(two(magnitude / 60)):\(two(magnitude % 60))"
    }

    public static func < (lhs: CAPTime, rhs: CAPTime) -> Bool { lhs.timestamp < rhs.timestamp }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = CAPTime(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a CAP date-time such as 2026-11-25T10:00:00+00:00, got \"\(text)\"")
        }
        self = time
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
