import Forecasting
import Foundation
import Geo
import Hummingbird
import SafeCityCore

/// `/v1/forecasts…`: where recorded crime is likely in the next hours, as GeoJSON cells, always with the
/// method's backtest, its fairness audit and the feedback check; the backtest of every method (JSON or
/// SVG); patrol plans over the top cells, ordered along the roads; and the import of recorded incidents.
/// Forecasts are about places and times, never persons.
enum ForecastRoutes {
    static let note = "Forecasts are about places and times, never persons; trained on victim-reported incident types."

    static func register(in catalog: RouteCatalog, platform: Platform) {
        let forecasts = platform.forecasts

        catalog.secured(.get, "/v1/forecasts", action: .forecastsRead) { request, _ in
            let query = request.uri.queryParameters
            let (method, cellMetres) = try methodAndCell(query)
            let hours = Double(try query.integer("horizonHours", default: 24, range: 1...168))
            let coverage = Double(try query.integer("coverage", default: 10, range: 1...50)) / 100
            let forecast = try await mapped { try await forecasts.forecast(method: method, cellMetres: cellMetres, horizonHours: hours, coverage: coverage) }
            return .json(geoJSON(forecast, coverage: coverage).canonicalBytes)
        }

        catalog.secured(.get, "/v1/forecasts/backtest", action: .forecastsRead) { request, _ in
            let query = request.uri.queryParameters
            let methods = (query.get("methods") ?? ForecastService.methodNames.joined(separator: ",")).split(separator: ",").map(String.init)
            guard let unknown = methods.first(where: { !ForecastService.methodNames.contains($0) }) else {
                let cellMetres = Double(try query.integer("cellMetres", default: 150, range: 50...2_000))
                let days = Int(try query.integer("days", default: 28, range: 1...365))
                let result = try await mapped { try await forecasts.backtest(methods: methods, cellMetres: cellMetres, days: days, coverages: [0.01, 0.05, 0.1, 0.2]) }
                guard result.scoredSteps > 0 else { throw SafeCityError(.notFound, title: "Not found", detail: "no recorded incidents in the last \(days) days to score") }
                if query.get("format") == "svg" {
                    var headers = HTTPFields()
                    headers[.contentType] = "image/svg+xml"
                    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: result.svg())))
                }
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: try result.json())))
            }
            throw SafeCityError.invalid(ValidationError(field: "methods", reason: "\(ForecastRequestError.unknownMethod(unknown))"))
        }

        catalog.secured(.get, "/v1/forecasts/patrols", action: .forecastsRead) { request, _ in
            let query = request.uri.queryParameters
            let (method, cellMetres) = try methodAndCell(query)
            let units = Int(try query.integer("units", default: 3, range: 1...50))
            let spacing = Double(try query.integer("minSpacingMetres", default: 400, range: 0...10_000))
            let forecast = try await mapped { try await forecasts.forecast(method: method, cellMetres: cellMetres) }
            let chosen = PatrolPlanner.choose(intensity: forecast.intensity, grid: forecast.grid, units: units, minSpacingMetres: spacing)
            let order = visitingOrder(chosen.map { forecast.grid.centre(of: $0) })
            var legs: [JSONValue] = []
            if let router = platform.roads?.car {
                for (a, b) in zip(order, order.dropFirst()) {
                    let from = forecast.grid.centre(of: chosen[a]), to = forecast.grid.centre(of: chosen[b])
                    // A stop off the roads (or unreachable) just has no leg drawn to it.
                    guard case let .success(route) = Result(catching: { () throws(RoadQueryError) -> RoadRoute in try router.route(from: from, to: to) }) else { continue }
                    legs.append(.object([
                        "type": .string("Feature"),
                        "geometry": .object(["type": .string("LineString"), "coordinates": .array(route.coordinates.map { .array([.number($0.longitude), .number($0.latitude)]) })]),
                        "properties": .object(["durationSeconds": .number(route.durationSeconds.rounded()), "distanceMetres": .number(route.distanceMetres.rounded())]),
                    ]))
                }
            }
            let stops: [JSONValue] = order.enumerated().map { position, index in
                let cell = chosen[index]
                let centre = forecast.grid.centre(of: cell)
                return .object([
                    "stop": .number(Double(position + 1)), "cell": .number(Double(cell)),
                    "latitude": .number(centre.latitude), "longitude": .number(centre.longitude),
                    "expectedIncidents": .number(rounded(forecast.intensity[cell])),
                ])
            }
            return .json(JSONValue.object([
                "method": .string(method), "units": .number(Double(units)), "minSpacingMetres": .number(spacing),
                "expectedIncidentsCovered": .number(rounded(PatrolPlanner.expectedIncidents(intensity: forecast.intensity, cells: chosen))),
                "stops": .array(stops), "route": .object(["type": .string("FeatureCollection"), "features": .array(legs)]),
                "note": .string(note),
            ]).canonicalBytes)
        }

        catalog.secured(.post, "/v1/forecasts/incidents", action: .forecastsWrite) { request, context in
            var request = request
            let query = request.uri.queryParameters
            let format = try csvFormat(query)
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: context.maxUploadSize) } catch { throw SafeCityError.tooLarge(limit: context.maxUploadSize) }
            let text = String(buffer: body)
            guard !text.isEmpty else { throw SafeCityError.badRequest("the body is empty: send the incidents as CSV with a header line") }
            let imported: IncidentImport
            do { imported = try IncidentCSVImport.parse(text, format: format) } catch {
                throw SafeCityError.invalid(ValidationError(field: "body", reason: "\(error)"))
            }
            try await forecasts.importRecords(imported.records, source: "csv", actor: try context.requireIdentity().actorName)
            return .json(JSONValue.object([
                "imported": .number(Double(imported.records.count)), "filtered": .number(Double(imported.filteredCount)),
                "rejected": .number(Double(imported.rejectedCount)),
                "firstRejections": .array(imported.firstRejections.prefix(10).map { .string($0.description) }),
            ]).canonicalBytes, status: .created)
        }
    }

    // MARK: - Parts

    static func methodAndCell(_ query: Parameters) throws -> (String, Double) {
        let method = query.get("method") ?? "etas"
        guard ForecastService.methodNames.contains(method) else {
            throw SafeCityError.invalid(ValidationError(field: "method", reason: "\(ForecastRequestError.unknownMethod(method))"))
        }
        return (method, Double(try query.integer("cellMetres", default: 150, range: 50...2_000)))
    }

    /// The import's CSV columns from the query (Chicago data portal names by default).
    static func csvFormat(_ query: Parameters) throws -> IncidentCSVFormat {
        let types = query.get("types")
        let typeColumn = query.get("typeColumn") ?? "Primary Type"
        return IncidentCSVFormat(
            timeColumn: query.get("timeColumn") ?? "Date",
            coordinates: .latitudeLongitude(latitude: query.get("latitudeColumn") ?? "Latitude", longitude: query.get("longitudeColumn") ?? "Longitude"),
            typeColumn: typeColumn.isEmpty ? nil : typeColumn,
            typeFilter: types == "all" ? nil : types.map { Set($0.split(separator: ",").map { $0.uppercased() }) } ?? IncidentTypes.victimReported,
            dateStyle: query.get("dateFormat").map { .pattern($0) } ?? .iso8601,
            timeZoneIdentifier: query.get("timeZone") ?? "UTC")
    }

    /// Nearest-neighbour order from the most likely cell (the first chosen).
    static func visitingOrder(_ points: [GeoPoint]) -> [Int] {
        guard !points.isEmpty else { return [] }
        var order = [0]
        var left = Set(1..<points.count)
        while let next = left.min(by: { GreatCircle.distanceMetres(points[order.last!], points[$0]) < GreatCircle.distanceMetres(points[order.last!], points[$1]) }) {
            order.append(next)
            left.remove(next)
        }
        return order
    }

    static func geoJSON(_ forecast: ForecastService.Forecast, coverage: Double) -> JSONValue {
        let grid = forecast.grid
        let flagged = Backtest.flaggedCellCount(coverage: coverage, cellCount: grid.cellCount)
        let ranked = forecast.intensity.indices.sorted { forecast.intensity[$0] > forecast.intensity[$1] || (forecast.intensity[$0] == forecast.intensity[$1] && $0 < $1) }
        let features: [JSONValue] = ranked.prefix(flagged).enumerated().map { rank, cell in
            .object([
                "type": .string("Feature"),
                "geometry": .object(["type": .string("Polygon"), "coordinates": .array([.array(grid.polygon(of: cell).map { .array([.number($0.longitude), .number($0.latitude)]) })])]),
                "properties": .object(["cell": .number(Double(cell)), "rank": .number(Double(rank + 1)), "expectedIncidents": .number(rounded(forecast.intensity[cell]))]),
            ])
        }
        var properties: [String: JSONValue] = [
            "method": .string(forecast.method), "at": .string(forecast.at.description), "horizonHours": .number(forecast.horizonHours),
            "cellMetres": .number(grid.cellMetres), "cells": .number(Double(grid.cellCount)), "coverage": .number(coverage),
            "flaggedCells": .number(Double(flagged)), "incidentsLearnedFrom": .number(Double(forecast.incidents)),
            "expectedIncidents": .number(rounded(forecast.intensity.reduce(0, +))),
            "expectedInFlaggedCells": .number(rounded(ranked.prefix(flagged).reduce(0) { $0 + forecast.intensity[$1] })),
            "note": .string(note),
        ]
        if let backtest = forecast.backtest {
            properties["backtest"] = .object([
                "days": .number(Double(backtest.stepCount)), "scoredDays": .number(Double(backtest.scoredSteps)),
                "rows": .array(backtest.rows.map { row in
                    .object(["coverage": .number(row.coverage), "hitRate": .number(rounded(row.meanHitRate)), "pai": .number(rounded(row.meanPAI)),
                             "pei": .number(rounded(row.meanPEI)), "randomHitRate": .number(rounded(row.randomHitRate))])
                }),
            ])
        }
        if let fairness = forecast.fairness, let value = try? jsonValue(fairness) { properties["fairness"] = value }
        if let feedback = forecast.feedback, let value = try? jsonValue(feedback) { properties["feedback"] = value }
        return .object(["type": .string("FeatureCollection"), "properties": .object(properties), "features": .array(features)])
    }

    /// A report as JSON; a disparity is infinite when a district is never flagged, written as "Infinity".
    static func jsonValue(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try JSONParser.parse(Array(try encoder.encode(value)))
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ForecastRequestError {
            switch error {
            case .noIncidents: throw SafeCityError(.notFound, title: "Not found", detail: error.description)
            case .unknownMethod: throw SafeCityError.invalid(ValidationError(field: "method", reason: error.description))
            case .tooFewForETAS: throw SafeCityError.invalid(ValidationError(field: "method", reason: error.description))
            }
        }
    }
}
