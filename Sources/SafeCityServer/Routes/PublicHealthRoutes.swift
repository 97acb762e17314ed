import Alerting
import Foundation
import Geo
import Hummingbird
import PublicHealth
import SafeCityCore
import Sensing

/// `/v1/health/…`: syndromic surveillance for public-health officers. Areas and weekly counts come in;
/// series are judged by R's definitions (EARS, Farrington, flexible Farrington, CUSUM); the space-time
/// scan localises clusters; an outbreak signal drafts a bilingual CAP health advisory for approval; and
/// `resources` forecasts demand per area and suggests hospital destinations and ambulance posts.
enum PublicHealthRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        let health = platform.health

        catalog.secured(.get, "/v1/health/areas", action: .healthRead) { _, _ in
            try .json(encoding: ["areas": await health.areas.values.sorted { $0.id < $1.id }])
        }

        // The syndromes with counts, for the dashboard's picker: each with its areas, weeks and open signals.
        catalog.secured(.get, "/v1/health/syndromes", action: .healthRead) { _, _ in
            try .json(encoding: ["syndromes": await health.syndromeSummaries()])
        }

        catalog.secured(.post, "/v1/health/areas", action: .healthWrite) { request, context in
            var request = request
            let body = try await request.decodeJSON(AreasBody.self, context: context)
            guard !body.areas.isEmpty, body.areas.count <= 1_000 else { throw SafeCityError.badRequest("send 1–1,000 areas", field: "areas") }
            try await mapped { try await health.register(body.areas, actor: try context.requireIdentity().actorName) }
            return try .json(encoding: ["registered": body.areas.count], status: .created)
        }

        catalog.secured(.post, "/v1/health/counts", action: .healthWrite) { request, context in
            var request = request
            let body = try await request.decodeJSON(CountsBody.self, context: context)
            guard !body.counts.isEmpty else { throw SafeCityError.badRequest("no counts: send {\"syndrome\": …, \"counts\": {\"AREA\": [{\"week\": \"YYYY-MM-DD\", \"count\": N}]}}", field: "counts") }
            let signals = try await mapped {
                try await health.record(syndrome: body.syndrome, counts: body.counts, actor: try context.requireIdentity().actorName)
            }
            return try .json(encoding: RecordReply(recorded: body.counts.values.reduce(0) { $0 + $1.count }, signals: signals), status: .created)
        }

        catalog.secured(.get, "/v1/health/series", action: .healthRead) { request, _ in
            let query = request.uri.queryParameters
            let (syndrome, areaID) = try syndromeAndArea(query)
            let method = try method(query)
            let control = try control(query, method: method)
            let judged = try await mapped { try await health.detect(syndrome: syndrome, areaID: areaID, method: method, control: control) }
            let (weeks, series) = try await mapped { try await health.series(syndrome: syndrome, areaID: areaID) }
            return try .json(encoding: SeriesReply(
                syndrome: syndrome, areaID: areaID, method: method.rawValue,
                weeks: zip(weeks, series.observed).map { WeekPoint(week: $0.description, observed: $1, upperbound: nil, alarm: nil) },
                judged: judged.map { WeekPoint(week: $0.week.description, observed: $0.point.observed, upperbound: $0.point.upperbound, alarm: $0.point.alarm) }))
        }

        catalog.secured(.get, "/v1/health/alarms", action: .healthRead) { request, _ in
            let syndrome = try required(request.uri.queryParameters, "syndrome")
            var rows: [AlarmRow] = []
            for area in await health.areas.values.sorted(by: { $0.id < $1.id }) {
                guard let latest = await health.latestWeek(syndrome: syndrome, areaID: area.id) else { continue }
                rows.append(AlarmRow(areaID: area.id, name: area.name, latitude: area.latitude, longitude: area.longitude,
                                     week: latest.week.description, method: latest.method.rawValue, observed: latest.observed,
                                     upperbound: latest.point?.upperbound, alarm: latest.point?.alarm))
            }
            return try .json(encoding: AlarmsReply(syndrome: syndrome, areas: rows))
        }

        catalog.secured(.get, "/v1/health/clusters", action: .healthRead) { request, _ in
            let query = request.uri.queryParameters
            let syndrome = try required(query, "syndrome")
            let replications = Int(try query.integer("replications", default: 999, range: 9...99_999))
            let seed = try query.get("seed").map { _ in UInt64(try query.integer("seed", default: 1, range: 0...Int64.max)) }
            let (weeks, _, result) = try await mapped { try await health.scanClusters(syndrome: syndrome, replications: replications, seed: seed) }
            let areas = await health.areas
            func cluster(_ c: SpaceTimePermutationScan.Cluster) -> ClusterReply {
                ClusterReply(areaIDs: c.areaIDs, areaNames: c.areaIDs.compactMap { areas[$0]?.name }, centreAreaID: c.areaIDs.first ?? "",
                             fromWeek: weeks[c.startPeriod].description, toWeek: weeks[c.endPeriod].description, observed: c.observed,
                             expected: c.expected, logLikelihoodRatio: c.logLikelihoodRatio, pValue: c.pValue)
            }
            return try .json(encoding: ClustersReply(syndrome: syndrome, fromWeek: weeks.first?.description ?? "", toWeek: weeks.last?.description ?? "",
                                                     replications: result.replications, mostLikely: result.mostLikely.map(cluster),
                                                     secondary: result.secondary.map(cluster)))
        }

        catalog.secured(.post, "/v1/health/advisories", action: .healthAdvise) { request, context in
            var request = request
            let body = try await request.decodeJSON(AdvisoryBody.self, context: context)
            let now = platform.clock.now()
            let draft: AlertDraft
            switch (body.signal, body.minimumAQI) {
            case let (sequence?, nil):
                draft = try await outbreakAdvisory(sequence: sequence, platform: platform, now: now)
            case let (nil, minimum?):
                guard (51...500).contains(minimum) else { throw SafeCityError.invalid(ValidationError(field: "minimumAQI", reason: "must be within 51–500, got \(minimum)")) }
                draft = try await airQualityAdvisory(minimumAQI: minimum, platform: platform, now: now)
            default:
                throw SafeCityError.badRequest("give either an outbreak signal's sequence ({\"signal\": N}) or an AQI level ({\"minimumAQI\": 101})", field: "signal")
            }
            let entry = try await AlertRoutes.mapped { try await platform.alerts.draft(draft, by: try context.requireIdentity().actorName) }
            return try .json(encoding: entry, status: .created)
        }

        catalog.secured(.get, "/v1/health/resources", action: .healthRead) { request, _ in
            let query = request.uri.queryParameters
            let syndrome = try required(query, "syndrome")
            let horizon = Int(try query.integer("weeks", default: 4, range: 1...26))
            let extra = Int(try query.integer("extraAmbulances", default: 2, range: 0...50))
            let areas = await health.areas.values.sorted { $0.id < $1.id }
            var rows: [DemandRow] = []
            for area in areas {
                guard let (weeks, series) = try? await health.series(syndrome: syndrome, areaID: area.id), series.count >= 2 * 52 else { continue }
                let forecast = try await mapped { () throws(HealthRequestError) -> [DemandForecast.Point] in
                    do { return try DemandForecast(seasonPeriods: 52.18, harmonics: 2).forecast(Array(series.observed.suffix(3 * 52)), horizon: horizon) } catch {
                        throw HealthRequestError.invalid(field: "syndrome", reason: "\(error)")
                    }
                }
                let last = weeks.last!
                rows.append(DemandRow(areaID: area.id, name: area.name, weeks: forecast.enumerated().map { index, point in
                    DemandWeek(week: last.adding(days: 7 * (index + 1)).description, mean: point.mean, lower: point.lower, upper: point.upper)
                }))
            }
            guard !rows.isEmpty else { throw SafeCityError(.notFound, title: "Not found", detail: "no area has two years of \(syndrome) counts to forecast from") }
            let hospitals = try await platform.dispatch.board().hospitals.values.sorted { $0.id < $1.id }
            let plan = try await mapped { () throws(HealthRequestError) -> MedicalAllocation.Plan in
                do {
                    return try MedicalAllocation().plan(
                        hospitals: hospitals.map { .init(id: $0.id, location: $0.location, freeBeds: $0.beds["emergency"] ?? 0, edLoad: $0.diversion ? 1 : 0.5) },
                        demand: rows.compactMap { row in
                            // Beds are free now: weigh them against a day's patients (next week's mean over 7).
                            areas.first { $0.id == row.areaID }.map { .init(id: $0.id, centroid: $0.centroid, expectedPatients: (row.weeks.first?.mean ?? 0) / 7) }
                        },
                        extraAmbulances: extra)
                } catch {
                    throw HealthRequestError.invalid(field: "resources", reason: "\(error)")
                }
            }
            return try .json(encoding: ResourcesReply(
                syndrome: syndrome, demand: rows,
                destinations: plan.destinations.map { .init(areaID: $0.areaID, hospitalID: $0.hospitalID, distanceMetres: $0.distanceMetres, diverted: $0.diverted) },
                ambulancePostAreaIDs: plan.ambulancePostAreaIDs, uncoveredPatients: plan.uncoveredPatients))
        }
    }

    // MARK: - Advisories

    /// The advisory for a raised outbreak signal, around its areas.
    static func outbreakAdvisory(sequence: Int64, platform: Platform, now: Timestamp) async throws -> AlertDraft {
        guard sequence >= 1, let record = try await platform.log.read(after: sequence - 1, limit: 1).first, record.sequence == sequence,
              record.event.type == PublicHealthEvents.signal, let signal = try? record.event.payload.decode(PublicHealthEvents.Signal.self),
              signal.phase == "raised" else {
            throw SafeCityError(.notFound, title: "Not found", detail: "no raised outbreak signal at sequence \(sequence)", field: "signal")
        }
        let areas = await platform.health.areas
        let points = signal.areaIDs.compactMap { areas[$0]?.centroid }
        guard let (centre, radius) = circle(around: points, marginMetres: 500) else {
            throw SafeCityError.badRequest("the signal's areas are no longer registered", field: "signal")
        }
        return AlertDraft.healthAdvisory(syndrome: signal.syndrome, areaNames: signal.areaNames, sinceWeek: signal.fromWeek,
                                         center: centre, radiusMetres: radius, now: now)
    }

    /// The advisory for every air-quality cell at or above `minimumAQI` (healthy sensors only), around them.
    static func airQualityAdvisory(minimumAQI: Int, platform: Platform, now: Timestamp) async throws -> AlertDraft {
        let (grid, _, cells) = try await AirQualityRoutes.summary(platform: platform)
        let high = cells.filter { $0.area.worstAQI >= minimumAQI }
        guard let worst = high.max(by: { $0.area.worstAQI < $1.area.worstAQI })?.area else {
            throw SafeCityError(.notFound, title: "Not found", detail: "no area's air quality is at AQI \(minimumAQI) or above now", field: "minimumAQI")
        }
        let centres = high.map { cell in
            let b = grid.bounds(of: cell.cell)
            return GeoPoint(latitude: (b[1] + b[3]) / 2, longitude: (b[0] + b[2]) / 2)
        }
        let (centre, radius) = circle(around: centres, marginMetres: grid.cellSizeMetres)!
        let category = worst.category
        return AlertDraft.airQualityHealthAdvisory(
            aqi: worst.worstAQI, pollutant: worst.worstPollutant?.rawValue.uppercased() ?? "PM2.5",
            category: (category.name, category.nameSpanish), message: (category.healthMessage, category.healthMessageSpanish),
            everyone: category >= .unhealthy, center: centre, radiusMetres: radius, now: now)
    }

    /// The centroid of `points` and a radius holding them all with `marginMetres` to spare (at least 600 m).
    static func circle(around points: [GeoPoint], marginMetres: Double) -> (GeoPoint, Double)? {
        guard !points.isEmpty else { return nil }
        let centre = GeoPoint(latitude: points.map(\.latitude).reduce(0, +) / Double(points.count),
                              longitude: points.map(\.longitude).reduce(0, +) / Double(points.count))
        return (centre, max(600, (points.map { GreatCircle.distanceMetres(centre, $0) }.max() ?? 0) + marginMetres))
    }

    // MARK: - Query helpers

    static func required(_ query: Parameters, _ name: String) throws -> String {
        guard let value = query.get(name), !value.isEmpty else { throw SafeCityError.badRequest("the \(name) query parameter is required", field: name) }
        return value
    }

    static func syndromeAndArea(_ query: Parameters) throws -> (String, String) {
        (try required(query, "syndrome"), try required(query, "area"))
    }

    static func method(_ query: Parameters) throws -> AberrationMethod {
        guard let text = query.get("method") else { return .farringtonFlexible }
        guard let method = AberrationMethod(rawValue: text) else {
            throw SafeCityError.invalid(ValidationError(field: "method", reason: "must be one of \(AberrationMethod.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\""))
        }
        return method
    }

    static func control(_ query: Parameters, method: AberrationMethod) throws -> AberrationControl {
        var control = AberrationControl.defaults(for: method)
        if let text = query.get("alpha") {
            guard let alpha = Double(text), alpha > 0, alpha < 1 else { throw SafeCityError.invalid(ValidationError(field: "alpha", reason: "must be within 0 and 1, got \"\(text)\"")) }
            control.alpha = alpha
        }
        control.b = Int(try query.integer("b", default: Int64(control.b), range: 1...20))
        control.w = Int(try query.integer("w", default: Int64(control.w), range: 0...26))
        return control
    }

    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as HealthRequestError {
            switch error {
            case let .invalid(field, reason): throw SafeCityError.invalid(ValidationError(field: field, reason: reason))
            case let .notFound(what): throw SafeCityError(.notFound, title: "Not found", detail: what)
            }
        }
    }

    // MARK: - Bodies and replies

    struct AreasBody: Decodable { var areas: [PublicHealthEvents.Area] }
    struct CountsBody: Decodable {
        var syndrome: String
        var counts: [String: [PublicHealthEvents.WeekCount]]
    }
    struct AdvisoryBody: Decodable {
        var signal: Int64?
        var minimumAQI: Int?
    }
    struct RecordReply: Encodable {
        var recorded: Int
        var signals: [PublicHealthEvents.Signal]
    }
    struct WeekPoint: Encodable {
        var week: String
        var observed: Int
        var upperbound: Double?
        var alarm: Bool?
    }
    struct SeriesReply: Encodable {
        var syndrome: String
        var areaID: String
        var method: String
        var weeks: [WeekPoint]
        var judged: [WeekPoint]
    }
    struct AlarmRow: Encodable {
        var areaID: String
        var name: String
        var latitude: Double
        var longitude: Double
        var week: String
        var method: String
        var observed: Int
        var upperbound: Double?
        var alarm: Bool?
    }
    struct AlarmsReply: Encodable {
        var syndrome: String
        var areas: [AlarmRow]
    }
    struct ClusterReply: Encodable {
        var areaIDs: [String]
        var areaNames: [String]
        var centreAreaID: String
        var fromWeek: String
        var toWeek: String
        var observed: Int
        var expected: Double
        var logLikelihoodRatio: Double
        var pValue: Double
    }
    struct ClustersReply: Encodable {
        var syndrome: String
        var fromWeek: String
        var toWeek: String
        var replications: Int
        var mostLikely: ClusterReply?
        var secondary: [ClusterReply]
    }
    struct DemandWeek: Encodable {
        var week: String
        var mean: Double
        var lower: Double
        var upper: Double
    }
    struct DemandRow: Encodable {
        var areaID: String
        var name: String
        var weeks: [DemandWeek]
    }
    struct DestinationReply: Encodable {
        var areaID: String
        var hospitalID: String?
        var distanceMetres: Double?
        var diverted: Bool
    }
    struct ResourcesReply: Encodable {
        var syndrome: String
        var demand: [DemandRow]
        var destinations: [DestinationReply]
        var ambulancePostAreaIDs: [String]
        var uncoveredPatients: Double
    }
}
