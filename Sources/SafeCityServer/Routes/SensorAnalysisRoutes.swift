import Foundation
import Hummingbird
import SafeCityCore
import Sensing

/// `GET /v1/sensors/{id}/trend` and `GET /v1/correlations`: how a series moves over days, against its
/// usual hour of the day, and together with another series.
enum SensorAnalysisRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        let detector = platform.sensingDetector
        catalog.secured(.get, "/v1/sensors/{id}/trend", action: .sensorsRead) { request, context in
            let id = try context.parameters.require("id")
            guard let sensor = await platform.sensing.sensor(id: id) else { throw SensorRoutes.notFound(id) }
            let quantity = try quantityParameter(request, sensor: sensor)
            let hourly = await detector.history(of: id, quantity: quantity)?.hourMeans ?? []
            // Hour means stand in for readings: 24 of them make a complete day.
            let daily = (try? TrendEstimate.periodMeans(hourly, period: .day, expectedIntervalSeconds: 3_600)) ?? []
            let trend = try? TrendEstimate.estimate(decimalYears: daily.map(\.decimalYear), values: daily.map(\.mean))
            let baseline = SeasonalBaseline(hourly, profile: .hourOfDay, utcOffsetSeconds: 0)
            return try .json(encoding: TrendView(
                sensorID: id, quantity: quantity.name, unit: quantity.canonicalUnit ?? "",
                trend: trend, trendNote: trend == nil ? "a Theil–Sen trend needs at least 3 days with 75 % of their hours" : nil,
                dailyMeans: daily, hourOfDayBaseline: baseline.slots,
                latestDeviation: SeasonalBaseline.latestDeviation(in: hourly, profile: .hourOfDay),
                hourlyMeans: hourly))
        }

        catalog.secured(.get, "/v1/correlations", action: .sensorsRead) { request, _ in
            let first = try seriesParameter(request, "a"), second = try seriesParameter(request, "b")
            let windowMinutes = try request.uri.queryParameters.integer("windowMinutes", default: 360, range: 10...Int64(SeriesHistory.minuteBuckets))
            let bucketSeconds = try request.uri.queryParameters.integer("bucketSeconds", default: 300, range: 60...3_600)
            var series: [[TimedValue]] = []
            for (sensorID, quantity) in [first, second] {
                guard await platform.sensing.sensor(id: sensorID) != nil else { throw SensorRoutes.notFound(sensorID) }
                series.append(await detector.history(of: sensorID, quantity: quantity)?.minuteMeans ?? [])
            }
            let now = platform.clock.now()
            let result: CorrelationResult?
            do {
                result = try RollingCorrelation.correlate(series[0], series[1], bucketSeconds: Int(bucketSeconds), windowSeconds: Int(windowMinutes) * 60, now: now)
            } catch {
                throw SafeCityError.invalid(ValidationError(field: "bucketSeconds", reason: String(describing: error)))
            }
            return try .json(encoding: CorrelationView(
                a: "\(first.0):\(first.1.name)", b: "\(second.0):\(second.1.name)", windowMinutes: Int(windowMinutes), bucketSeconds: Int(bucketSeconds),
                result: result, note: result == nil ? "fewer than 3 buckets hold data from both series, or one of them is constant" : nil))
        }
    }

    /// `?quantity=` or the sensor's only quantity.
    static func quantityParameter(_ request: Request, sensor: Sensor) throws -> Quantity {
        guard let text = request.uri.queryParameters.get("quantity") else {
            guard sensor.quantities.count == 1 else {
                throw SafeCityError.invalid(ValidationError(field: "quantity", reason: "is required: \(sensor.id) measures \(sensor.quantities.map(\.name).joined(separator: ", "))"))
            }
            return sensor.quantities[0]
        }
        let quantity = Quantity(text)
        guard sensor.measures(quantity) else {
            throw SafeCityError.invalid(ValidationError(field: "quantity", reason: "\(sensor.id) does not measure \(text)"))
        }
        return quantity
    }

    /// `?a=sensor:quantity`.
    static func seriesParameter(_ request: Request, _ name: String) throws -> (String, Quantity) {
        guard let text = request.uri.queryParameters.get(name), let colon = text.lastIndex(of: ":"), colon != text.startIndex,
              text.index(after: colon) != text.endIndex
        else {
            throw SafeCityError.invalid(ValidationError(field: name, reason: "must name a series as sensor:quantity, e.g. no2-1:no2"))
        }
        return (String(text[..<colon]), Quantity(String(text[text.index(after: colon)...])))
    }

    struct TrendView: Encodable {
        var sensorID: String
        var quantity: String
        var unit: String
        var trend: TrendEstimate?
        var trendNote: String?
        var dailyMeans: [TrendEstimate.PeriodMean]
        var hourOfDayBaseline: [SeasonalBaseline.Slot]
        var latestDeviation: SeasonalBaseline.Deviation?
        var hourlyMeans: [TimedValue]
    }

    struct CorrelationView: Encodable {
        var a: String
        var b: String
        var windowMinutes: Int
        var bucketSeconds: Int
        var result: CorrelationResult?
        var note: String?
    }
}
