import SafeCityCore

/// A regular series of case counts (weekly or daily), optionally with the date of each period.
///
/// - Note: Index `i` (0-based) of `observed` is period `t = i + 1` in R's 1-based numbering, which
///   is what ``AberrationPoint/t`` and ``AberrationControl/range`` use.
public struct CountSeries: Equatable, Sendable {
    /// Case counts, one per period, oldest first; all ≥ 0.
    public let observed: [Int]
    /// The date each period starts, when known; same length as `observed`, equally spaced.
    public let dates: [CivilDate]?
    /// Periods per year: 52 for weekly, 365 for daily, 12 for monthly.
    public let periodsPerYear: Int

    /// Creates a series, checking counts and date spacing.
    public init(observed: [Int], dates: [CivilDate]? = nil, periodsPerYear: Int = 52) throws(HealthInputError) {
        guard [12, 52, 365].contains(periodsPerYear) else {
            throw .invalidControl(field: "periodsPerYear", reason: "\(periodsPerYear) is not 12, 52 or 365")
        }
        for (i, value) in observed.enumerated() where value < 0 {
            throw .invalidControl(field: "observed[\(i)] (t = \(i + 1))", reason: "count \(value) is negative; counts must be 0 or more")
        }
        if let dates {
            guard dates.count == observed.count else {
                throw .invalidControl(field: "dates", reason: "\(dates.count) dates for \(observed.count) counts")
            }
            try CountSeries.checkSpacing(dates, periodsPerYear: periodsPerYear)
        }
        self.observed = observed
        self.dates = dates
        self.periodsPerYear = periodsPerYear
    }

    /// Number of periods.
    public var count: Int { observed.count }

    /// Parses the fixture formats: a header then `t,observed,year,week` or `t,observed,date`
    /// rows (quotes optional), `t` counting 1, 2, 3, … without gaps.
    public static func parseCSV(_ text: String, periodsPerYear: Int = 52) throws(HealthInputError) -> CountSeries {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        guard let headerLine = lines.first else { throw .malformedLine(line: 1, reason: "empty input; expected a header") }
        let header = fields(headerLine).map { $0.lowercased() }
        let dated: Bool
        if header == ["t", "observed", "date"] {
            dated = true
        } else if header == ["t", "observed", "year", "week"] || header == ["t", "observed"] {
            dated = false
        } else {
            throw .malformedLine(line: 1, reason: "header must be t,observed,date or t,observed,year,week; found \(header.joined(separator: ","))")
        }
        var observed: [Int] = []
        var dates: [CivilDate] = []
        var previousYearWeek: (Int, Int)?
        for (i, raw) in lines.dropFirst().enumerated() {
            let lineNumber = i + 2
            let cols = fields(raw)
            guard cols.count == header.count else {
                throw .malformedLine(line: lineNumber, reason: "expected \(header.count) fields, found \(cols.count)")
            }
            guard let t = Int(cols[0]) else { throw .malformedLine(line: lineNumber, reason: "t \"\(cols[0])\" is not a whole number") }
            guard t == observed.count + 1 else {
                throw .gap(line: lineNumber, reason: "t is \(t) but \(observed.count + 1) was expected (no gaps or repeats allowed)")
            }
            observed.append(try count(cols[1], line: lineNumber))
            if dated {
                guard let date = CivilDate(iso: cols[2]) else {
                    throw .malformedLine(line: lineNumber, reason: "date \"\(cols[2])\" is not a YYYY-MM-DD date")
                }
                if let previous = dates.last {
                    let step = date.daysSinceEpoch - previous.daysSinceEpoch
                    if let expected = dayStep(periodsPerYear), step != expected {
                        throw .gap(line: lineNumber, reason: "date \(date) is \(step) days after \(previous); expected \(expected)")
                    }
                }
                dates.append(date)
            } else if header.count == 4 {
                guard let year = Int(cols[2]), let week = Int(cols[3]), week >= 1, week <= periodsPerYear + 1 else {
                    throw .malformedLine(line: lineNumber, reason: "year \"\(cols[2])\" / week \"\(cols[3])\" are not a valid year and period")
                }
                if let (py, pw) = previousYearWeek, !((year == py && week == pw + 1) || (year == py + 1 && week == 1)) {
                    throw .gap(line: lineNumber, reason: "year \(year) week \(week) does not follow year \(py) week \(pw)")
                }
                previousYearWeek = (year, week)
            }
        }
        guard !observed.isEmpty else { throw .malformedLine(line: 2, reason: "no data rows after the header") }
        return try CountSeries(observed: observed, dates: dated ? dates : nil, periodsPerYear: periodsPerYear)
    }

    private static func count(_ text: Substring, line: Int) throws(HealthInputError) -> Int {
        if let v = Int(text) {
            if v < 0 { throw .negativeCount(line: line, value: v) }
            return v
        }
        // R writes whole doubles without a decimal point, but accept "12.0" and reject "12.5".
        if let d = Double(text), d.isFinite, d == d.rounded(), abs(d) < 1e15 {
            if d < 0 { throw .negativeCount(line: line, value: Int(d)) }
            return Int(d)
        }
        throw .nonIntegerCount(line: line, text: String(text))
    }

    private static func fields(_ line: Substring) -> [Substring] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { field in
            var f = field.drop(while: { $0 == " " })
            while f.last == " " { f = f.dropLast() }
            if f.count >= 2, f.first == "\"", f.last == "\"" { f = f.dropFirst().dropLast() }
            return f
        }
    }

    static func dayStep(_ periodsPerYear: Int) -> Int? {
        switch periodsPerYear {
        case 52: 7
        case 365: 1
        default: nil  // months vary in length
        }
    }

    private static func checkSpacing(_ dates: [CivilDate], periodsPerYear: Int) throws(HealthInputError) {
        guard let expected = dayStep(periodsPerYear) else { return }
        for i in dates.indices.dropFirst() {
            let step = dates[i].daysSinceEpoch - dates[i - 1].daysSinceEpoch
            if step != expected {
                throw .gap(line: i + 2, reason: "date \(dates[i]) is \(step) days after \(dates[i - 1]); expected \(expected)")
            }
        }
    }
}
