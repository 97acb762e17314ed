import Forecasting
import Foundation
import Geo
import SafeCityCore
import SafeCityDispatch

/// Place-based forecasts: where and when recorded crime is likely next, by cell, with the method's own
/// backtest and fairness audit attached to every forecast.
///
/// It learns from imported records (`forecast.incidents.imported`) and from closed dispatch incidents of
/// victim-reported types (not those closed as unfounded, duplicate or cancelled). It follows the log on
/// each request, so new records count at once. Forecasts are about places and times, never persons.
public actor ForecastService {
    public typealias Append = @Sendable ([NewEvent]) async throws -> [EventRecord]

    /// What a forecast says, with the evidence for trusting it.
    public struct Forecast: Sendable {
        public var method: String
        public var at: Timestamp
        public var horizonHours: Double
        public var grid: ForecastGrid
        public var intensity: [Double]
        public var incidents: Int
        public var backtest: BacktestResult?
        public var fairness: FairnessReport?
        public var feedback: FeedbackReport?
    }

    private let log: any EventLog
    private let clock: any WallClock
    private let append: Append
    private var bounds: BoundingBox?
    /// Districts the fairness audit compares.
    public private(set) var districts: [District]
    private var records: [IncidentRecord] = []
    private var scannedThrough: Int64 = 0
    private var openDispatch: [String: IncidentRecord] = [:]
    /// The ETAS fit per cell size, with the record count it saw.
    private var fits: [Double: (count: Int, fit: SelfExcitingFit)] = [:]
    private var backtests: [String: (count: Int, result: BacktestResult)] = [:]
    /// The last forecast's fairness audit, for the public transparency page.
    public private(set) var latestAudit: (method: String, cellMetres: Double, incidents: Int, at: Timestamp, report: FairnessReport)?
    /// Above this max/min ratio between districts the audit warns.
    public let disparityThreshold = 1.5

    /// Dispatch types that victims report, mapped to the recorded types forecasts train on.
    public static let dispatchTypes = ["LAW-ASSAULT": "ASSAULT", "LAW-BURGLARY": "BURGLARY"]
    /// Dispositions after which an incident did not happen as reported.
    static let discarded: Set<String> = ["unfounded", "duplicate", "cancelled"]
    public static let methodNames = ["etas", "kde", "prospective", "naive"]

    /// `bounds` fixes the grid (the city's roads); without it the grid covers the records.
    public init(log: any EventLog, clock: any WallClock, bounds: BoundingBox?, districts: [District], append: @escaping Append) {
        self.log = log
        self.clock = clock
        self.bounds = bounds
        self.districts = districts
        self.append = append
    }

    /// Sets the area the grid covers (nil: the records' extent) and the districts the fairness audit
    /// compares (names, polygons and populations).
    public func setArea(_ bounds: BoundingBox?, districts: [District]) {
        self.bounds = bounds
        self.districts = districts
        fits = [:]
        backtests = [:]
    }

    /// Reads what the log holds since the last call.
    public func sync() async throws {
        let types: Set<EventType> = [ForecastEvents.incidentsImported, DispatchEvents.incidentOpened, DispatchEvents.incidentClosed]
        var added = false
        while true {
            let page = try await log.read(after: scannedThrough, limit: 2_000, types: types)
            for record in page.records {
                switch record.event.type {
                case ForecastEvents.incidentsImported:
                    guard let batch = try? record.event.payload.decode(ForecastEvents.Imported.self) else { continue }
                    records += batch.incidents.map { IncidentRecord(time: $0.time, location: GeoPoint(latitude: $0.latitude, longitude: $0.longitude), type: $0.type) }
                    added = true
                case DispatchEvents.incidentOpened:
                    guard let opened = try? record.event.payload.decode(DispatchEvents.IncidentOpened.self),
                          let type = Self.dispatchTypes[opened.typeCode] else { continue }
                    openDispatch[opened.incidentID] = IncidentRecord(
                        time: record.event.occurredAt, location: GeoPoint(latitude: opened.reportedLatitude, longitude: opened.reportedLongitude), type: type)
                default:
                    guard let closed = try? record.event.payload.decode(DispatchEvents.IncidentClosed.self),
                          let incident = openDispatch.removeValue(forKey: closed.incidentID), !Self.discarded.contains(closed.disposition) else { continue }
                    records.append(incident)
                    added = true
                }
            }
            if page.scannedThrough <= scannedThrough { break }
            scannedThrough = page.scannedThrough
        }
        if added { records.sort { $0.time < $1.time } }
    }

    /// Imports recorded incidents (from a CSV export or a simulation) in batches of 2,000 per event.
    public func importRecords(_ imported: [IncidentRecord], source: String, actor: String) async throws {
        let events = try stride(from: 0, to: imported.count, by: 2_000).map { start in
            let batch = ForecastEvents.Imported(source: source, incidents: imported[start..<min(start + 2_000, imported.count)].map(ForecastEvents.Incident.init))
            return NewEvent(type: ForecastEvents.incidentsImported, source: "forecasting", actor: actor, occurredAt: clock.now(), location: nil,
                            payload: try EventPayload(encoding: batch))
        }
        if !events.isEmpty { _ = try await append(events) }
    }

    /// The incidents known now (after a sync).
    public func incidents() async throws -> [IncidentRecord] {
        try await sync()
        return records
    }

    /// The forecast of `method` for the `horizonHours` from now, on cells of `cellMetres`, with its backtest
    /// over the last `backtestDays` (daily origins), the fairness audit of its top `coverage` and the feedback check.
    public func forecast(method: String, cellMetres: Double, horizonHours: Double = 24, coverage: Double = 0.1, backtestDays: Int = 28) async throws -> Forecast {
        try await sync()
        guard let grid = grid(cellMetres: cellMetres) else { throw ForecastRequestError.noIncidents }
        let now = clock.now()
        let history = records.filter { $0.time < now }
        let forecaster = try forecaster(named: method, grid: grid, horizonDays: horizonHours / 24)
        let intensity = forecaster.intensity(history: history, at: now, grid: grid)
        let backtest = try backtest(method: method, grid: grid, days: backtestDays, coverages: [0.01, 0.05, coverage].uniqued())
        let fairness = backtest.map { FairnessAudit(districts: districts, disparityThreshold: disparityThreshold).audit($0, grid: grid, method: method, coverage: coverage) }
        if let fairness, !districts.isEmpty { latestAudit = (method, grid.cellMetres, history.count, now, fairness) }
        let feedback = backtest.map { FeedbackCheck().check(FeedbackCheck.periods(from: $0, method: method, coverage: coverage), cellCount: grid.cellCount) }
        return Forecast(method: method, at: now, horizonHours: horizonHours, grid: grid, intensity: intensity, incidents: history.count,
                        backtest: backtest, fairness: fairness, feedback: feedback)
    }

    /// Every method's backtest over the last `days` (daily origins); cached until new records arrive.
    public func backtest(methods: [String], cellMetres: Double, days: Int, coverages: [Double]) async throws -> BacktestResult {
        try await sync()
        guard let grid = grid(cellMetres: cellMetres) else { throw ForecastRequestError.noIncidents }
        let chosen = try methods.map { try forecaster(named: $0, grid: grid, horizonDays: 1) }
        let end = clock.now()
        return Backtest.run(records: records.filter { $0.time < end }, grid: grid, methods: chosen,
                            testFrom: end.adding(milliseconds: -Int64(days) * 86_400_000), testTo: end, coverages: coverages)
    }

    // MARK: - Parts

    func grid(cellMetres: Double) -> ForecastGrid? {
        if let bounds { return ForecastGrid(bounds: bounds, cellMetres: cellMetres) }
        return ForecastGrid(records: records, cellMetres: cellMetres)
    }

    private func forecaster(named name: String, grid: ForecastGrid, horizonDays: Double) throws -> any ForecastMethod {
        switch name {
        case "naive": return NaiveForecast()
        case "kde": return KernelDensityForecast()
        case "prospective": return ProspectiveHotspot()
        case "etas": return FittedSelfExcitingForecast(fit: try fit(grid: grid), horizonDays: horizonDays, name: "etas")
        default: throw ForecastRequestError.unknownMethod(name)
        }
    }

    /// The ETAS fit for this grid, refitted when the records have grown by a tenth since.
    private func fit(grid: ForecastGrid) throws -> SelfExcitingFit {
        if let cached = fits[grid.cellMetres], Double(records.count) < Double(cached.count) * 1.1 + 1 { return cached.fit }
        guard records.count >= 20 else { throw ForecastRequestError.tooFewForETAS(records.count) }
        let fit = SelfExcitingModel().fit(history: records, grid: grid, end: clock.now())
        fits[grid.cellMetres] = (records.count, fit)
        return fit
    }

    private func backtest(method: String, grid: ForecastGrid, days: Int, coverages: [Double]) throws -> BacktestResult? {
        let key = "\(method)|\(grid.cellMetres)|\(days)|\(coverages)"
        if let cached = backtests[key], cached.count == records.count { return cached.result }
        let end = clock.now()
        let result = Backtest.run(records: records.filter { $0.time < end }, grid: grid, methods: [try self.forecaster(named: method, grid: grid, horizonDays: 1)],
                                  testFrom: end.adding(milliseconds: -Int64(days) * 86_400_000), testTo: end, coverages: coverages)
        guard result.scoredSteps > 0 else { return nil }
        backtests[key] = (records.count, result)
        return result
    }
}

/// Why a forecast cannot be made; the routes turn it into a problem.
public enum ForecastRequestError: Error, CustomStringConvertible {
    case noIncidents
    case unknownMethod(String)
    case tooFewForETAS(Int)

    public var description: String {
        switch self {
        case .noIncidents: "no recorded incidents yet: import some (POST /v1/forecasts/incidents) or close dispatch incidents"
        case let .unknownMethod(name): "method must be one of \(ForecastService.methodNames.joined(separator: ", ")), got \"\(name)\""
        case let .tooFewForETAS(count): "the self-exciting model needs at least 20 incidents to fit, there are \(count)"
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
