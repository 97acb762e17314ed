import Foundation
import Geo
import PublicHealth
import SafeCityCore

/// The public-health desk: reporting areas and their weekly syndromic counts, judged as they arrive.
///
/// Each new week of an area's series is judged with Farrington flexible (R's defaults) when there are
/// five years of history, else EARS C3; an alarm raises a `signal.outbreak`, a later quiet week clears
/// it. After each batch the prospective space-time permutation scan looks for a cluster over the areas
/// ending in the latest week. Counts are logged, so a restart replays the same series.
public actor HealthService {
    public typealias Append = @Sendable ([NewEvent]) async throws -> [EventRecord]

    private let log: any EventLog
    private let clock: any WallClock
    private let append: Append
    public private(set) var areas: [String: PublicHealthEvents.Area] = [:]
    /// Weekly counts by syndrome, then area, then the week's Monday.
    private var counts: [String: [String: [CivilDate: Int]]] = [:]
    /// Open aberration signals by syndrome and area, and open cluster signals by syndrome.
    private var openAberrations: Set<String> = []
    private var openClusters: [String: PublicHealthEvents.Signal] = [:]
    /// The scan's settings for live judging; its generator is seeded by the week, so a replay agrees.
    public var scan = SpaceTimePermutationScan(maxAreaFraction: 0.5, maxPeriods: 4, replications: 999)
    /// Weeks of history the scan looks at.
    public var scanWeeks = 26

    public init(log: any EventLog, clock: any WallClock, append: @escaping Append) {
        self.log = log
        self.clock = clock
        self.append = append
    }

    /// Replays areas, counts and open signals from the log.
    public func start() async throws {
        try await log.forEachRecord(ofTypes: [PublicHealthEvents.areaRegistered, PublicHealthEvents.countsRecorded, PublicHealthEvents.signal]) { record in
            let payload = record.event.payload
            switch record.event.type {
            case PublicHealthEvents.areaRegistered:
                if let area = try? payload.decode(PublicHealthEvents.Area.self) { areas[area.id] = area }
            case PublicHealthEvents.countsRecorded:
                if let batch = try? payload.decode(PublicHealthEvents.Counts.self) { store(batch) }
            default:
                if let signal = try? payload.decode(PublicHealthEvents.Signal.self) { remember(signal) }
            }
        }
    }

    // MARK: - Areas and counts

    /// Registers or updates reporting areas.
    public func register(_ new: [PublicHealthEvents.Area], actor: String) async throws {
        for area in new {
            guard Self.isIdentifier(area.id) else { throw HealthRequestError.invalid(field: "id", reason: "must be 1–64 letters, digits or dashes, got \"\(area.id)\"") }
            guard !area.name.isEmpty, area.name.count <= 200 else { throw HealthRequestError.invalid(field: "name", reason: "must be 1–200 characters") }
            guard (try? GeoPoint(checkingLatitude: area.latitude, longitude: area.longitude, field: "centroid")) != nil else {
                throw HealthRequestError.invalid(field: "centroid", reason: "latitude within -90…90 and longitude within -180…180")
            }
            if let population = area.population, population < 0 { throw HealthRequestError.invalid(field: "population", reason: "must be 0 or more") }
        }
        let events = try new.map {
            NewEvent(type: PublicHealthEvents.areaRegistered, source: "health", actor: actor, occurredAt: clock.now(), location: $0.centroid,
                     payload: try EventPayload(encoding: $0))
        }
        _ = try await append(events)
        for area in new { areas[area.id] = area }
    }

    /// Records weekly counts of `syndrome` per area, then judges the new weeks; returns the signals raised or cleared.
    @discardableResult
    public func record(syndrome: String, counts batch: [String: [PublicHealthEvents.WeekCount]], actor: String) async throws -> [PublicHealthEvents.Signal] {
        guard Self.isIdentifier(syndrome) else { throw HealthRequestError.invalid(field: "syndrome", reason: "must be 1–64 letters, digits or dashes, got \"\(syndrome)\"") }
        var events: [NewEvent] = []
        var batches: [PublicHealthEvents.Counts] = []
        for (areaID, weeks) in batch.sorted(by: { $0.key < $1.key }) {
            guard let area = areas[areaID] else { throw HealthRequestError.invalid(field: "counts.\(areaID)", reason: "no area \"\(areaID)\": register it first") }
            guard !weeks.isEmpty else { throw HealthRequestError.invalid(field: "counts.\(areaID)", reason: "no weeks given") }
            for (index, week) in weeks.enumerated() {
                guard let date = CivilDate(iso: week.week), date.weekday == 1 else {
                    throw HealthRequestError.invalid(field: "counts.\(areaID)[\(index)].week", reason: "must be a Monday as YYYY-MM-DD, got \"\(week.week)\"")
                }
                guard week.count >= 0 else { throw HealthRequestError.invalid(field: "counts.\(areaID)[\(index)].count", reason: "must be 0 or more, got \(week.count)") }
                guard date.daysSinceEpoch * 86_400_000 <= clock.now().millisecondsSince1970 else {
                    throw HealthRequestError.invalid(field: "counts.\(areaID)[\(index)].week", reason: "\(week.week) has not begun yet")
                }
            }
            let counts = PublicHealthEvents.Counts(syndrome: syndrome, areaID: areaID, counts: weeks)
            batches.append(counts)
            events.append(NewEvent(type: PublicHealthEvents.countsRecorded, source: "health", actor: actor, occurredAt: clock.now(),
                                   location: area.centroid, payload: try EventPayload(encoding: counts)))
        }
        _ = try await append(events)
        for counts in batches { store(counts) }
        return try await judge(syndrome: syndrome, areaIDs: batches.map(\.areaID), actor: actor)
    }

    /// The syndromes with counts, sorted.
    public var syndromes: [String] { counts.keys.sorted() }

    /// What is known of a syndrome: how many areas report it, its first and latest weeks, and its open signals.
    public struct SyndromeSummary: Sendable, Codable, Equatable {
        public var syndrome: String
        public var areas: Int
        public var firstWeek: String?
        public var lastWeek: String?
        /// Areas whose latest week raised an aberration signal that has not cleared.
        public var openAlarms: Int
        /// Whether a space-time cluster signal is open.
        public var openCluster: Bool
    }

    /// Every syndrome with counts, sorted by name.
    public func syndromeSummaries() -> [SyndromeSummary] {
        syndromes.map { name in
            let byArea = counts[name] ?? [:]
            let weeks = byArea.values.flatMap(\.keys)
            return SyndromeSummary(syndrome: name, areas: byArea.count, firstWeek: weeks.min()?.description, lastWeek: weeks.max()?.description,
                                   openAlarms: openAberrations.filter { $0.hasPrefix(name + "|") }.count, openCluster: openClusters[name] != nil)
        }
    }

    /// The weekly series of `syndrome` in `areaID`, first to last week recorded (a missing week is a gap error).
    public func series(syndrome: String, areaID: String) throws -> (weeks: [CivilDate], series: CountSeries) {
        guard areas[areaID] != nil else { throw HealthRequestError.notFound("no area \"\(areaID)\"") }
        guard let byWeek = counts[syndrome]?[areaID], let first = byWeek.keys.min(), let last = byWeek.keys.max() else {
            throw HealthRequestError.notFound("no counts of \"\(syndrome)\" in \(areaID)")
        }
        let weeks = stride(from: first.daysSinceEpoch, through: last.daysSinceEpoch, by: 7).map { CivilDate(daysSinceEpoch: $0) }
        if let missing = weeks.first(where: { byWeek[$0] == nil }) {
            throw HealthRequestError.invalid(field: "counts", reason: "the series of \(syndrome) in \(areaID) has no count for the week of \(missing): send it (0 if none) before judging")
        }
        do { return (weeks, try CountSeries(observed: weeks.map { byWeek[$0]! }, dates: weeks)) } catch {
            throw HealthRequestError.invalid(field: "counts", reason: "\(error)")
        }
    }

    /// Judges `syndrome` in `areaID` with `method` over its range (default: the method's).
    public func detect(syndrome: String, areaID: String, method: AberrationMethod, control: AberrationControl) throws -> [(week: CivilDate, point: AberrationPoint)] {
        let (weeks, series) = try series(syndrome: syndrome, areaID: areaID)
        do {
            return try AberrationDetector.detect(series, method: method, control: control).map { (weeks[$0.t - 1], $0) }
        } catch {
            throw HealthRequestError.invalid(field: "method", reason: "\(error)")
        }
    }

    /// The latest week of `syndrome` in `areaID` as live judging sees it: its method, and its point
    /// (nil when the method gives none); nil when the area has no usable series.
    public func latestWeek(syndrome: String, areaID: String) -> (week: CivilDate, method: AberrationMethod, observed: Int, point: AberrationPoint?)? {
        guard let (weeks, series) = try? series(syndrome: syndrome, areaID: areaID), let week = weeks.last else { return nil }
        let method = Self.liveMethod(length: series.count)
        var control = AberrationControl.defaults(for: method)
        control.range = series.count...series.count
        return (week, method, series.observed.last ?? 0, (try? AberrationDetector.detect(series, method: method, control: control))?.last)
    }

    /// The method live judging uses for a series of `length` weeks.
    public static func liveMethod(length: Int) -> AberrationMethod {
        let flexible = AberrationControl.defaults(for: .farringtonFlexible)
        return length >= 52 * flexible.b + flexible.w + 1 ? .farringtonFlexible : .earsC3
    }

    /// The scan over every area with counts of `syndrome`, on the last ``scanWeeks`` weeks they share.
    public func scanClusters(syndrome: String, replications: Int? = nil, seed: UInt64? = nil) throws -> (weeks: [CivilDate], areaIDs: [String], result: SpaceTimePermutationScan.Result) {
        guard let bySyndrome = counts[syndrome], !bySyndrome.isEmpty else { throw HealthRequestError.notFound("no counts of \"\(syndrome)\"") }
        guard let last = bySyndrome.values.compactMap({ $0.keys.max() }).max() else { throw HealthRequestError.notFound("no counts of \"\(syndrome)\"") }
        let weeks = (0..<scanWeeks).reversed().map { last.adding(days: -7 * $0) }
        let ids = bySyndrome.keys.sorted().filter { areas[$0] != nil }
        let table = ids.map { id in weeks.map { bySyndrome[id]?[$0] ?? 0 } }
        var scanner = scan
        if let replications { scanner.replications = replications }
        var rng = SplitMix64(seed: seed ?? UInt64(last.daysSinceEpoch))
        do {
            let result = try scanner.scan(areas: ids.map { SpaceTimePermutationScan.Area(id: $0, centroid: areas[$0]!.centroid) }, counts: table, using: &rng)
            return (weeks, ids, result)
        } catch {
            throw HealthRequestError.invalid(field: "syndrome", reason: "\(error)")
        }
    }

    // MARK: - Judging

    private func judge(syndrome: String, areaIDs: [String], actor: String) async throws -> [PublicHealthEvents.Signal] {
        var signals: [PublicHealthEvents.Signal] = []
        for areaID in areaIDs {
            guard let latest = latestWeek(syndrome: syndrome, areaID: areaID), let point = latest.point, let alarm = point.alarm,
                  let area = areas[areaID] else { continue }
            let method = latest.method
            let key = "\(syndrome)|\(areaID)"
            let week = latest.week.description
            if alarm, !openAberrations.contains(key) {
                let threshold = point.upperbound.map { String(format: "%.1f", $0) } ?? "—"
                signals.append(PublicHealthEvents.Signal(
                    kind: "aberration", phase: "raised", syndrome: syndrome, areaIDs: [areaID], areaNames: [area.name], fromWeek: week, toWeek: week,
                    method: method.rawValue, observed: point.observed, threshold: point.upperbound, expected: nil, pValue: nil,
                    summary: "\(syndrome) in \(area.name): \(point.observed) cases in the week of \(week), above the \(method.rawValue) threshold \(threshold)"))
            } else if !alarm, openAberrations.contains(key) {
                signals.append(PublicHealthEvents.Signal(
                    kind: "aberration", phase: "cleared", syndrome: syndrome, areaIDs: [areaID], areaNames: [area.name], fromWeek: week, toWeek: week,
                    method: method.rawValue, observed: point.observed, threshold: point.upperbound, expected: nil, pValue: nil,
                    summary: "\(syndrome) in \(area.name) back within its threshold in the week of \(week)"))
            }
        }
        if let cluster = try? clusterSignal(syndrome: syndrome) { signals.append(cluster) }
        guard !signals.isEmpty else { return [] }
        let events = try signals.map { signal in
            let points = signal.areaIDs.compactMap { areas[$0]?.centroid }
            let centre = GeoPoint(latitude: points.map(\.latitude).reduce(0, +) / Double(max(points.count, 1)),
                                  longitude: points.map(\.longitude).reduce(0, +) / Double(max(points.count, 1)))
            return NewEvent(type: PublicHealthEvents.signal, source: "health", actor: actor, occurredAt: clock.now(),
                            location: points.isEmpty ? nil : centre, payload: try EventPayload(encoding: signal))
        }
        _ = try await append(events)
        for signal in signals { remember(signal) }
        return signals
    }

    /// A cluster signal when the scan finds one ending in the latest week (p < 0.05) that is not already
    /// open, or a clearing when the open one is no longer found.
    private func clusterSignal(syndrome: String) throws -> PublicHealthEvents.Signal? {
        let (weeks, _, result) = try scanClusters(syndrome: syndrome)
        let open = openClusters[syndrome]
        if let found = result.mostLikely, found.pValue < 0.05, found.endPeriod == weeks.count - 1 {
            let names = found.areaIDs.compactMap { areas[$0]?.name }
            let from = weeks[found.startPeriod].description, to = weeks[found.endPeriod].description
            if let open, Set(open.areaIDs) == Set(found.areaIDs), open.fromWeek == from { return nil }
            return PublicHealthEvents.Signal(
                kind: "cluster", phase: "raised", syndrome: syndrome, areaIDs: found.areaIDs, areaNames: names, fromWeek: from, toWeek: to,
                method: "space-time-permutation-scan", observed: found.observed, threshold: nil, expected: found.expected, pValue: found.pValue,
                summary: String(format: "%@ cluster in %@ since the week of %@: %d cases where %.1f were expected (p = %.3f)",
                                syndrome, names.joined(separator: ", "), from, found.observed, found.expected, found.pValue))
        }
        guard var cleared = open else { return nil }
        cleared.phase = "cleared"
        cleared.summary = "\(syndrome) cluster in \(cleared.areaNames.joined(separator: ", ")) no longer found"
        return cleared
    }

    private func store(_ batch: PublicHealthEvents.Counts) {
        for week in batch.counts {
            if let date = CivilDate(iso: week.week) { counts[batch.syndrome, default: [:]][batch.areaID, default: [:]][date] = week.count }
        }
    }

    private func remember(_ signal: PublicHealthEvents.Signal) {
        switch (signal.kind, signal.phase) {
        case ("aberration", "raised"): openAberrations.insert("\(signal.syndrome)|\(signal.areaIDs.first ?? "")")
        case ("aberration", _): openAberrations.remove("\(signal.syndrome)|\(signal.areaIDs.first ?? "")")
        case ("cluster", "raised"): openClusters[signal.syndrome] = signal
        default: openClusters[signal.syndrome] = nil
        }
    }

    static func isIdentifier(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

/// Why a public-health request cannot be served; the routes turn it into a problem.
public enum HealthRequestError: Error, CustomStringConvertible {
    case invalid(field: String, reason: String)
    case notFound(String)

    public var description: String {
        switch self {
        case let .invalid(field, reason): "\(field): \(reason)"
        case let .notFound(what): what
        }
    }
}
