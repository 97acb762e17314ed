import Foundation
import Geo
import SafeCityCore

/// Reads incidents from CSV text, skipping and counting rows whose date or place cannot be read.
public enum IncidentCSVImport {
    /// How many rejected rows are kept as examples.
    public static let maxReportedRejections = 10

    /// Parses `text` with `format`.
    ///
    /// Bad rows (unreadable date, non-numeric or out-of-range coordinate, 0/0 coordinates, too few
    /// fields) are skipped and counted; the import throws ``IncidentImportError/tooManyRejected(rejected:rows:maxFraction:firstRejections:)``
    /// when more than `maxRejectedFraction` of the data rows (those not filtered out by type) are bad.
    public static func parse(_ text: String, format: IncidentCSVFormat, maxRejectedFraction: Double = 0.05) throws -> IncidentImport {
        let rows = CSVRows.parse(text, delimiter: format.delimiter)
        guard let header = rows.first else { throw IncidentImportError.empty }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ name: String) throws -> Int {
            guard let index = names.firstIndex(of: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw IncidentImportError.missingColumn(name)
            }
            return index
        }
        let timeIndex = try column(format.timeColumn)
        let typeIndex = try format.typeColumn.map(column)
        let coordinateIndices: (Int, Int)
        switch format.coordinates {
        case let .latitudeLongitude(latitude, longitude): coordinateIndices = (try column(latitude), try column(longitude))
        case let .metres(x, y, _): coordinateIndices = (try column(x), try column(y))
        }
        guard let timeZone = TimeZone(identifier: format.timeZoneIdentifier) else {
            throw IncidentImportError.unknownTimeZone(format.timeZoneIdentifier)
        }
        let dates = DateReader(style: format.dateStyle, timeZone: timeZone)
        let filter = format.typeFilter.map { Set($0.map { $0.uppercased() }) }
        let frame: GridFrame? = if case let .metres(_, _, origin) = format.coordinates { GridFrame(origin: origin) } else { nil }
        let neededFields = max(timeIndex, coordinateIndices.0, coordinateIndices.1, typeIndex ?? 0) + 1

        var records: [IncidentRecord] = []
        records.reserveCapacity(rows.count)
        var rejected: [IncidentRejection] = []
        var rejectedCount = 0
        var filteredCount = 0
        func reject(_ line: Int, _ reason: String) {
            rejectedCount += 1
            if rejected.count < maxReportedRejections { rejected.append(IncidentRejection(line: line, reason: reason)) }
        }

        for row in rows.dropFirst() {
            let fields = row.fields
            let type = typeIndex.flatMap { $0 < fields.count ? fields[$0].trimmingCharacters(in: .whitespaces).uppercased() : nil } ?? ""
            if let filter, !filter.contains(type) {
                filteredCount += 1
                continue
            }
            guard fields.count >= neededFields else {
                reject(row.line, "row has \(fields.count) fields, the columns used need \(neededFields)")
                continue
            }
            let timeText = fields[timeIndex].trimmingCharacters(in: .whitespaces)
            guard let time = dates.read(timeText) else {
                reject(row.line, "column \"\(format.timeColumn)\": cannot read date \"\(timeText)\"")
                continue
            }
            let firstText = fields[coordinateIndices.0].trimmingCharacters(in: .whitespaces)
            let secondText = fields[coordinateIndices.1].trimmingCharacters(in: .whitespaces)
            let (firstName, secondName): (String, String) = switch format.coordinates {
            case let .latitudeLongitude(latitude, longitude): (latitude, longitude)
            case let .metres(x, y, _): (x, y)
            }
            guard let first = Double(firstText), first.isFinite else {
                reject(row.line, "column \"\(firstName)\": \"\(firstText)\" is not a number")
                continue
            }
            guard let second = Double(secondText), second.isFinite else {
                reject(row.line, "column \"\(secondName)\": \"\(secondText)\" is not a number")
                continue
            }
            let location: GeoPoint
            if let frame {
                location = frame.point(x: first, y: second)
            } else {
                location = GeoPoint(latitude: first, longitude: second)
                if first == 0 && second == 0 {
                    reject(row.line, "columns \"\(firstName)\"/\"\(secondName)\": 0, 0 means a missing location")
                    continue
                }
            }
            guard location.isValid else {
                reject(row.line, "columns \"\(firstName)\"/\"\(secondName)\": (\(firstText), \(secondText)) is outside latitude −90…90 / longitude −180…180")
                continue
            }
            records.append(IncidentRecord(time: time, location: location, type: type))
        }

        let considered = records.count + rejectedCount
        if considered > 0, Double(rejectedCount) / Double(considered) > maxRejectedFraction {
            throw IncidentImportError.tooManyRejected(rejected: rejectedCount, rows: considered, maxFraction: maxRejectedFraction, firstRejections: rejected)
        }
        records.sort { $0.time < $1.time }
        return IncidentImport(records: records, rejectedCount: rejectedCount, filteredCount: filteredCount, firstRejections: rejected)
    }
}

/// Reads the time column in the format's style and zone.
///
/// Simple numeric patterns (`yyyy MM dd HH hh mm ss SSS a` and literal separators) are read by hand
/// and converted with the zone's offset, cached per local hour — about twenty times faster than
/// `DateFormatter`, which remains the fallback for every other pattern.
private struct DateReader {
    let style: IncidentCSVFormat.DateStyle
    let formatters: [DateFormatter]
    let fastPattern: FastDatePattern?
    let timeZone: TimeZone
    private let offsets = OffsetCache()

    init(style: IncidentCSVFormat.DateStyle, timeZone: TimeZone) {
        self.style = style
        self.timeZone = timeZone
        let patterns: [String] = switch style {
        case .iso8601: ["yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"]
        case let .pattern(pattern): [pattern]
        }
        if case let .pattern(pattern) = style { fastPattern = FastDatePattern(pattern) } else { fastPattern = nil }
        formatters = patterns.map { pattern in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = pattern
            formatter.isLenient = false
            return formatter
        }
    }

    func read(_ text: String) -> Timestamp? {
        guard !text.isEmpty else { return nil }
        if style == .iso8601, let zoned = Timestamp.parse(text) { return zoned }
        if let fastPattern {
            guard let local = fastPattern.localMilliseconds(text) else { return nil }
            return Timestamp(millisecondsSince1970: local - offsets.offsetMilliseconds(localMilliseconds: local, in: timeZone))
        }
        for formatter in formatters {
            if let date = formatter.date(from: text) { return Timestamp(date) }
        }
        return nil
    }
}

/// UTC offsets of a zone by local hour, so each hour's offset is looked up once.
private final class OffsetCache {
    private var byLocalHour: [Int64: Int64] = [:]

    /// The zone's offset in milliseconds for a local wall-clock time (given as if it were UTC).
    func offsetMilliseconds(localMilliseconds local: Int64, in zone: TimeZone) -> Int64 {
        let hour = local >= 0 ? local / 3_600_000 : (local - 3_599_999) / 3_600_000
        if let cached = byLocalHour[hour] { return cached }
        // Two passes find the offset in force at that wall-clock time (the later one in a repeated hour).
        let guess = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local) / 1000))) * 1000
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - guess) / 1000))) * 1000
        byLocalHour[hour] = offset
        return offset
    }
}

/// A date pattern made only of fixed-width numeric fields, `a` (AM/PM) and literal characters.
private struct FastDatePattern {
    enum Token { case year, month, day, hour24, hour12, minute, second, millisecond, amPm, literal(UInt8) }
    let tokens: [Token]

    init?(_ pattern: String) {
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var i = 0
        while i < bytes.count {
            var j = i
            while j < bytes.count && bytes[j] == bytes[i] { j += 1 }
            let run = String(decoding: bytes[i..<j], as: UTF8.self)
            switch run {
            case "yyyy": tokens.append(.year)
            case "MM": tokens.append(.month)
            case "dd": tokens.append(.day)
            case "HH": tokens.append(.hour24)
            case "hh": tokens.append(.hour12)
            case "mm": tokens.append(.minute)
            case "ss": tokens.append(.second)
            case "SSS": tokens.append(.millisecond)
            case "a": tokens.append(.amPm)
            default:
                let isLetter = (bytes[i] >= 65 && bytes[i] <= 90) || (bytes[i] >= 97 && bytes[i] <= 122)
                if isLetter || bytes[i] == UInt8(ascii: "'") { return nil }
                for b in bytes[i..<j] { tokens.append(.literal(b)) }
            }
            i = j
        }
        self.tokens = tokens
    }

    /// Milliseconds since 1970 of the wall-clock time, as if it were UTC; nil when the text does not match or a field is out of range.
    func localMilliseconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var i = 0
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0
        var pm: Bool?
        var twelveHour = false
        func number(_ width: Int) -> Int? {
            guard i + width <= bytes.count else { return nil }
            var value = 0
            for k in i..<(i + width) {
                let d = Int(bytes[k]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value * 10 + d
            }
            i += width
            return value
        }
        for token in tokens {
            switch token {
            case .year: guard let v = number(4) else { return nil }; year = v
            case .month: guard let v = number(2) else { return nil }; month = v
            case .day: guard let v = number(2) else { return nil }; day = v
            case .hour24: guard let v = number(2) else { return nil }; hour = v
            case .hour12: guard let v = number(2) else { return nil }; hour = v; twelveHour = true
            case .minute: guard let v = number(2) else { return nil }; minute = v
            case .second: guard let v = number(2) else { return nil }; second = v
            case .millisecond: guard let v = number(3) else { return nil }; millisecond = v
            case .amPm:
                guard i + 2 <= bytes.count, bytes[i + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
                switch bytes[i] | 0x20 {
                case UInt8(ascii: "a"): pm = false
                case UInt8(ascii: "p"): pm = true
                default: return nil
                }
                i += 2
            case let .literal(b):
                guard i < bytes.count, bytes[i] == b else { return nil }
                i += 1
            }
        }
        guard i == bytes.count else { return nil }
        if twelveHour {
            guard (1...12).contains(hour) else { return nil }
            hour %= 12
            if pm == true { hour += 12 }
        }
        let daysInMonth = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), day >= 1, day <= daysInMonth[month - 1], hour < 24, minute < 60, second < 60 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000 + Int64(second) * 1000 + Int64(millisecond)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
private func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}
