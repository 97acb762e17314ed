/// EPA's NowCast: a recency-weighted average of the latest hourly values, reported as a current AQI.
///
/// Particulate matter (PM2.5 and PM10), per the TAD ("How the NowCast is calculated",
/// EPA-454/B-24-002, May 2024) and EPA's "PM NowCast" fact sheet: over the 12 most recent hours,
/// `w = min / max` of the available values, raised to at least 0.5 (which approximates a 3-hour
/// average when air changes fast), and `NowCast = Σ wⁱ·cᵢ / Σ wⁱ` over the available hours, `i` being
/// hours ago (0 for the current hour).
///
/// Ozone, per AirNow's "Updates to Ozone Real-time Reporting" (AirNow-Tech, 21 April 2016): the same
/// over the 8 most recent hours, with no lower limit on `w`. Since 1 August 2019 AirNow prefers a
/// partial-least-squares prediction of the 8-hour average centred on the current hour, trained on the
/// site's previous two weeks ("The Nowcast for Ozone – 2019 Update", AirNow-Tech; USEPA/O3-Nowcast);
/// that model is not implemented here, and this weighted ozone NowCast is what AirNow used before it.
///
/// Both need at least 2 of the 3 most recent hours; missing hours are `nil` and are left out of both
/// sums. The NowCast uses the raw hourly values; only the result is truncated (AirNow-Tech, "The
/// NowCast for PM2.5 and PM10") and then converted with ``AQICalculator``.
///
/// - Note: The weighted average is computed in Double. Its truncation treats a value within one part
///   in 10⁹ of a truncation step as on the step, so that an average that is exactly 17.4 in exact
///   arithmetic but 17.39999999999 in binary floating point truncates to 17.4, as EPA's own worked
///   examples do.
public enum NowCast {
    /// How many recent hours the NowCast of a pollutant looks at: 12 for PM, 8 for ozone.
    public static func windowHours(_ pollutant: AQIPollutant) throws(AQIError) -> Int {
        switch pollutant {
        case .pm25, .pm10: 12
        case .o3EightHour: 8
        default: throw .unsupported(pollutant: pollutant, calculation: "the NowCast")
        }
    }

    /// The NowCast from hourly values, most recent first, in the pollutant's table unit.
    ///
    /// Only the first ``windowHours(_:)`` entries are used; fewer entries count as missing hours.
    /// Returns nil when fewer than 2 of the 3 most recent hours are present.
    /// - Parameter pollutant: ``AQIPollutant/pm25``, ``AQIPollutant/pm10`` or
    ///   ``AQIPollutant/o3EightHour`` (hourly ozone in ppm, reported on the 8-hour scale).
    public static func compute(_ pollutant: AQIPollutant, hourlyMostRecentFirst hourly: [DecimalConcentration?]) throws(AQIError) -> NowCastResult? {
        let window = try windowHours(pollutant)
        let hours = Array(hourly.prefix(window))
        let recentPresent = hours.prefix(3).filter { $0 != nil }.count
        guard recentPresent >= 2 else { return nil }
        let values = hours.map { $0?.doubleValue }
        let present = values.compactMap { $0 }
        let high = present.max() ?? 0
        let low = present.min() ?? 0
        var weight = high > 0 ? low / high : 1
        if pollutant != .o3EightHour { weight = max(weight, 0.5) }
        var numerator = 0.0
        var denominator = 0.0
        var power = 1.0
        for value in values {
            if let value {
                numerator += power * value
                denominator += power
            }
            power *= weight
        }
        // Only ozone with w = 0 and the current hour missing leaves no weight at all.
        guard denominator > 0 else { return nil }
        let nowCast = numerator / denominator
        let truncated = truncate(nowCast, toScale: pollutant.truncationScale)
        var result: AQIResult?
        do { result = try AQICalculator.aqi(pollutant, truncated) } catch {
            if case .notDefined = error {} else { throw error }
        }
        if let r = result { result = AQIResult(pollutant: r.pollutant, concentration: truncated, truncated: r.truncated, aqi: r.aqi, isBeyondIndex: r.isBeyondIndex) }
        return NowCastResult(pollutant: pollutant, concentration: nowCast, weightFactor: weight, truncated: truncated, aqi: result)
    }

    /// The NowCast from live readings, most recent first; each reading goes through its shortest
    /// decimal text, as ``DecimalConcentration/init(_:)`` does.
    public static func compute(_ pollutant: AQIPollutant, hourlyMostRecentFirst hourly: [Double?]) throws(AQIError) -> NowCastResult? {
        var decimals: [DecimalConcentration?] = []
        for value in hourly {
            if let value { decimals.append(try DecimalConcentration(value)) } else { decimals.append(nil) }
        }
        return try compute(pollutant, hourlyMostRecentFirst: decimals)
    }

    /// Truncates a non-negative Double to `places` decimals, treating values within 1e-9 (relative)
    /// of a step as on it.
    static func truncate(_ value: Double, toScale places: Int) -> DecimalConcentration {
        let scaled = value * pow10Double(places)
        let nearest = scaled.rounded()
        let steps = abs(scaled - nearest) <= 1e-9 * max(1, abs(scaled)) ? nearest : scaled.rounded(.down)
        return DecimalConcentration(mantissa: Int64(max(0, steps)), scale: places)
    }
}

/// A NowCast value: the weighted average, its truncation and the AQI it gives.
public struct NowCastResult: Sendable, Hashable {
    /// The pollutant the NowCast is for.
    public var pollutant: AQIPollutant
    /// The weighted average before truncation, in the pollutant's table unit.
    public var concentration: Double
    /// The weight factor `w` used.
    public var weightFactor: Double
    /// The NowCast truncated to the pollutant's ``AQIPollutant/truncationScale``.
    public var truncated: DecimalConcentration
    /// The AQI of the truncated NowCast; nil only for an ozone NowCast above 0.200 ppm, where the
    /// 8-hour table gives no AQI.
    public var aqi: AQIResult?
}
