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
private struct DateReader {
    let style: IncidentCSVFormat.DateStyle
    let formatters: [DateFormatter]

    init(style: IncidentCSVFormat.DateStyle, timeZone: TimeZone) {
        self.style = style
        let patterns: [String] = switch style {
        case .iso8601: ["yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"]
        case let .pattern(pattern): [pattern]
        }
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
        for formatter in formatters {
            if let date = formatter.date(from: text) { return Timestamp(date) }
        }
        return nil
    }
}
