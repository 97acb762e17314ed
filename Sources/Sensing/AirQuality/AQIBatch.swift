/// Text-in, text-out AQI calculations for the command line: CSV rows of concentrations or of hourly
/// PM2.5 series become CSV rows of AQI results.
///
/// Both functions are pure; the CLI only reads a file and prints the string. Lines are counted from 1
/// including any header and blank lines, so an error's line number is the one an editor shows.
public enum AQIBatch {
    /// The header ``cases(csv:)`` writes.
    public static let casesHeader = "pollutant,concentration,truncated,aqi,category"
    /// The header ``nowcast(csv:)`` writes.
    public static let nowcastHeader = "nowcast,nowcast_truncated,aqi"

    /// Reads `pollutant,concentration` rows and writes `pollutant,concentration,truncated,aqi,category`.
    ///
    /// The pollutant is one of ``AQIPollutant``'s raw values: `pm25`, `pm10` (24-hour, µg/m³),
    /// `o3_8h`, `o3_1h`, `co_8h` (ppm), `so2_1h`, `so2_24h`, `no2_1h` (ppb). A header line starting
    /// with `pollutant` is optional; blank lines are skipped. Where EPA's table gives no AQI (e.g.
    /// `o3_1h` below 0.125 ppm) the row is written with `aqi` and `category` empty. Concentrations
    /// above the table's top give an AQI above 500 in the Hazardous category ("Beyond the AQI").
    /// - Throws: ``AQIError/badLine(line:reason:)`` for an unknown pollutant, a concentration that is
    ///   not a number or is negative, or a line without exactly two fields.
    public static func cases(csv: String) throws(AQIError) -> String {
        var out = [casesHeader]
        for (number, fields) in rows(csv, isHeader: { $0.first?.lowercased() == "pollutant" }) {
            guard fields.count == 2 else {
                throw .badLine(line: number, reason: "expected 2 fields (pollutant,concentration), found \(fields.count)")
            }
            guard let pollutant = AQIPollutant(rawValue: fields[0].lowercased()) else {
                throw .badLine(line: number, reason: AQIError.unknownPollutant(fields[0]).description)
            }
            let concentration: DecimalConcentration
            do { concentration = try DecimalConcentration(parsing: fields[1]) } catch {
                throw .badLine(line: number, reason: error.description)
            }
            do {
                let r = try AQICalculator.aqi(pollutant, concentration)
                out.append("\(pollutant.rawValue),\(concentration),\(r.truncated),\(r.aqi),\(r.category.name)")
            } catch {
                guard case let .notDefined(_, truncated, _) = error else { throw .badLine(line: number, reason: error.description) }
                out.append("\(pollutant.rawValue),\(concentration),\(truncated),,")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Reads rows of 12 hourly PM2.5 values (µg/m³, most recent first, empty for a missing hour) and
    /// writes `nowcast,nowcast_truncated,aqi` per row, the NowCast rounded to 3 decimals.
    ///
    /// A first line whose fields all start with a letter is a header and is skipped; blank lines are
    /// skipped. When the NowCast is undefined (fewer than 2 of the 3 most recent hours) the row is
    /// `,,`.
    /// - Throws: ``AQIError/badLine(line:reason:)`` for a row without 12 fields, or a value that is not
    ///   a number or is negative.
    public static func nowcast(csv: String) throws(AQIError) -> String {
        var out = [nowcastHeader]
        for (number, fields) in rows(csv, isHeader: { $0.allSatisfy { $0.first?.isLetter == true } }) {
            guard fields.count == 12 else {
                throw .badLine(line: number, reason: "expected 12 hourly values, found \(fields.count)")
            }
            var hours: [DecimalConcentration?] = []
            for (column, field) in fields.enumerated() {
                if field.isEmpty { hours.append(nil); continue }
                do { hours.append(try DecimalConcentration(parsing: field)) } catch {
                    throw .badLine(line: number, reason: "hour \(column + 1): \(error.description)")
                }
            }
            let result: NowCastResult?
            do { result = try NowCast.compute(.pm25, hourlyMostRecentFirst: hours) } catch {
                throw .badLine(line: number, reason: error.description)
            }
            guard let result else { out.append(",,"); continue }
            let rounded = DecimalConcentration(mantissa: Int64((result.concentration * 1000).rounded()), scale: 3)
            out.append("\(rounded),\(result.truncated),\(result.aqi.map { String($0.aqi) } ?? "")")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func lines(_ text: String) -> [Substring] {
        // "\r\n" is one Character in Swift, so split on any newline Character rather than on "\n".
        var all = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if all.last?.isEmpty == true { all.removeLast() }
        return all
    }

    static func split(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { field in
            var f = String(field).trimmingSpaces
            if f.count >= 2, f.first == "\"", f.last == "\"" { f = f.dropFirst().dropLast() }
            return String(f)
        }
    }

    /// The non-blank rows with their 1-based line numbers, without a first row that `isHeader` recognises.
    private static func rows(_ csv: String, isHeader: ([String]) -> Bool) -> [(number: Int, fields: [String])] {
        var rows: [(number: Int, fields: [String])] = []
        var first = true
        for (offset, line) in lines(csv).enumerated() {
            let fields = split(line)
            if fields.count == 1 && fields[0].isEmpty { continue }
            defer { first = false }
            if first && isHeader(fields) { continue }
            rows.append((offset + 1, fields))
        }
        return rows
    }
}
