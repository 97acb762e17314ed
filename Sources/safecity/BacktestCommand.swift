import ArgumentParser
import Forecasting
import Foundation
import Geo
import SafeCityCore

/// `safecity backtest`: rolling-origin evaluation of the place-based forecast methods on any incident
/// CSV: hit rate, PAI and PEI at each coverage, as a table (and JSON and an SVG plot on request).
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest place-based forecasts on an incident CSV: hit rate, PAI and PEI by coverage.",
        discussion: """
            Every origin from --test-from to --test-to (one per --step-hours) is forecast from the incidents before \
            it and scored against the incidents of the next step. Methods: naive (counts of the last 28 days), kde \
            (space-time kernel density), prospective (Bowers et al. 2004), etas (self-exciting point process, Mohler \
            et al. 2011, fitted by EM once on the incidents before --train-until). With a type column, only \
            victim-reported types are kept unless --types says otherwise (`--types all` keeps every row).
            Example (the Chicago sample): safecity backtest --data chicago_sample.csv --time-col Date --lat-col Latitude \
            --lon-col Longitude --type-col "Primary Type" --date-format "MM/dd/yyyy hh:mm:ss a" --time-zone America/Chicago \
            --test-from 2016-10-01 --test-to 2017-01-01
            """)

    @Option(help: "Incident CSV file with a header line.") var data: String
    @Option(name: .customLong("time-col"), help: "Column of the incident time.") var timeColumn: String
    @Option(name: .customLong("lat-col"), help: "Column of the latitude (decimal degrees).") var latitudeColumn: String?
    @Option(name: .customLong("lon-col"), help: "Column of the longitude (decimal degrees).") var longitudeColumn: String?
    @Option(name: .customLong("x-col"), help: "Column of the easting in metres (with --y-col and --origin).") var xColumn: String?
    @Option(name: .customLong("y-col"), help: "Column of the northing in metres.") var yColumn: String?
    @Option(help: "LAT,LON of the metre frame's origin, for --x-col/--y-col.") var origin: String?
    @Option(name: .customLong("type-col"), help: "Column of the incident type.") var typeColumn: String?
    @Option(help: "Types to keep, comma-separated, or `all` (default with a type column: victim-reported types).") var types: String?
    @Option(name: .customLong("date-format"), help: "Date pattern, e.g. \"MM/dd/yyyy hh:mm:ss a\" (default ISO 8601).") var dateFormat: String?
    @Option(name: .customLong("time-zone"), help: "IANA time zone of local times in the file and of the dates below.") var timeZone: String = "UTC"
    @Option(name: .customLong("train-until"), help: "ETAS is fitted on incidents before this date (default: --test-from).") var trainUntil: String?
    @Option(name: .customLong("test-from"), help: "First forecast origin, YYYY-MM-DD or ISO 8601.") var testFrom: String
    @Option(name: .customLong("test-to"), help: "End of the test period (exclusive).") var testTo: String
    @Option(name: .customLong("step-hours"), help: "Hours between origins, and the horizon scored (24: a day; 8: a shift).") var stepHours: Double = 24
    @Option(name: .customLong("cell"), help: "Grid cell size in metres.") var cellMetres: Double = 150
    @Option(help: "Methods, comma-separated: naive, kde, prospective, etas.") var methods: String = "naive,kde,prospective,etas"
    @Option(help: "Coverages in percent of the area, comma-separated.") var coverage: String = "1,5,10"
    @Option(name: .customLong("max-rejected"), help: "Fail when more than this fraction of rows is unreadable.") var maxRejected: Double = 0.05
    @Option(help: "Also write the result as JSON to this file.") var json: String?
    @Option(help: "Also write the hit-rate-by-coverage plot as SVG to this file.") var svg: String?

    func run() async throws {
        let format = try csvFormat()
        let coverages = try parseList(coverage, "--coverage") { Double($0).flatMap { $0 > 0 && $0 <= 100 ? $0 / 100 : nil } }
        let from = try date(testFrom, "--test-from"), to = try date(testTo, "--test-to")
        guard from < to else { throw CLIError("--test-from must be before --test-to") }
        let fitEnd = try trainUntil.map { try date($0, "--train-until") } ?? from
        guard fitEnd <= from else { throw CLIError("--train-until must not be after --test-from (the fit would see the test period)") }
        guard stepHours > 0, stepHours <= 24 * 31 else { throw CLIError("--step-hours must be within 0–744") }
        guard cellMetres >= 10, cellMetres <= 10_000 else { throw CLIError("--cell must be within 10–10,000 metres") }
        let names = try parseList(methods, "--methods") { Self.methodNames.contains($0) ? $0 : nil }

        guard let text = try? String(contentsOfFile: data, encoding: .utf8) else { throw CLIError("cannot read \(data) as UTF-8 text") }
        let progress = ProgressReporter(label: "backtest")
        let imported: IncidentImport
        do { imported = try IncidentCSVImport.parse(text, format: format, maxRejectedFraction: maxRejected) } catch {
            throw CLIError("\(data): \(error)")
        }
        progress.message("\(imported.records.count) incidents read, \(imported.filteredCount) of other types left out, \(imported.rejectedCount) rows rejected"
            + (imported.firstRejections.isEmpty ? "" : " (e.g. \(imported.firstRejections.prefix(3).map(\.description).joined(separator: "; ")))"))
        guard let grid = ForecastGrid(records: imported.records, cellMetres: cellMetres) else { throw CLIError("\(data): no incidents to forecast from") }
        guard grid.cellCount <= 4_000_000 else { throw CLIError("the grid would have \(grid.cellCount) cells: use a larger --cell") }
        let before = imported.records.filter { $0.time < fitEnd }
        guard !before.isEmpty else { throw CLIError("no incidents before \(fitEnd): nothing to train on") }

        var chosen: [any ForecastMethod] = []
        for name in names {
            switch name {
            case "naive": chosen.append(NaiveForecast())
            case "kde": chosen.append(KernelDensityForecast())
            case "prospective": chosen.append(ProspectiveHotspot())
            default:
                progress.message("fitting the self-exciting model on \(before.count) incidents before \(fitEnd)")
                let fit = SelfExcitingModel().fit(history: before, grid: grid, end: fitEnd)
                let p = fit.parameters
                progress.message(String(format: "ETAS fit: θ %.3f, ω %.3f/day, σ %.0f m, %d EM rounds%@", p.theta, p.omegaPerDay, p.sigmaMetres,
                                        fit.iterations, fit.converged ? "" : " (not converged)"))
                chosen.append(FittedSelfExcitingForecast(fit: fit, horizonDays: stepHours / 24, name: "etas"))
            }
        }
        progress.message("\(grid.columns)×\(grid.rows) cells of \(Int(cellMetres)) m; origins every \(stepHours) h from \(from) to \(to)")
        let result = Backtest.run(records: imported.records, grid: grid, methods: chosen, testFrom: from, testTo: to,
                                  stepSeconds: Int64(stepHours * 3_600), coverages: coverages) { done, total in
            progress.update(done: Int64(done), total: Int64(total))
        }
        progress.finish()
        guard result.scoredSteps > 0 else { throw CLIError("no incidents fell in the test period \(from) – \(to): nothing to score") }
        print(result.table())
        if let json { try write(try result.json(), to: json) }
        if let svg { try write(result.svg(), to: svg) }
    }

    static let methodNames: Set<String> = ["naive", "kde", "prospective", "etas"]

    private func csvFormat() throws -> IncidentCSVFormat {
        let coordinates: IncidentCSVFormat.Coordinates
        switch (latitudeColumn, longitudeColumn, xColumn, yColumn) {
        case let (lat?, lon?, nil, nil):
            coordinates = .latitudeLongitude(latitude: lat, longitude: lon)
        case let (nil, nil, x?, y?):
            guard let origin, let point = try? GeoPoint(parsing: origin, field: "--origin") else { throw CLIError("--x-col and --y-col need --origin LAT,LON") }
            coordinates = .metres(x: x, y: y, origin: point)
        default:
            throw CLIError("give --lat-col and --lon-col, or --x-col, --y-col and --origin")
        }
        let filter: Set<String>? = switch types {
        case nil: IncidentTypes.victimReported
        case "all"?: nil
        case let list?: Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        }
        if types != nil, typeColumn == nil { throw CLIError("--types needs --type-col") }
        return IncidentCSVFormat(timeColumn: timeColumn, coordinates: coordinates, typeColumn: typeColumn, typeFilter: filter,
                                 dateStyle: dateFormat.map { .pattern($0) } ?? .iso8601, timeZoneIdentifier: timeZone)
    }

    /// A date (midnight in --time-zone) or an ISO 8601 instant.
    private func date(_ text: String, _ option: String) throws -> Timestamp {
        if let instant = Timestamp.parse(text) { return instant }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let zone = TimeZone(identifier: timeZone) else {
            throw CLIError("\(option): expected YYYY-MM-DD or an ISO 8601 time, got \"\(text)\"")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              calendar.component(.month, from: date) == parts[1], calendar.component(.day, from: date) == parts[2] else {
            throw CLIError("\(option): \"\(text)\" is not a date")
        }
        return Timestamp(date)
    }

    private func parseList<T>(_ text: String, _ option: String, _ parse: (String) -> T?) throws -> [T] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = items.compactMap(parse)
        guard !items.isEmpty, values.count == items.count else { throw CLIError("\(option): cannot read \"\(text)\"") }
        return values
    }

    private func write(_ text: String, to path: String) throws {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch { throw CLIError("cannot write \(path): \(error.localizedDescription)") }
    }
}
