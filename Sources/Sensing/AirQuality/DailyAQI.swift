/// The daily AQI from a day's hourly values: 24-hour averages for PM and the daily maximum 8-hour
/// ozone, with EPA's completeness rules.
///
/// - PM2.5 and PM10: the mean of the day's hourly values (hours 00–23), valid with at least 75 % of
///   them, i.e. 18 of 24 (TAD, EPA-454/B-24-002, May 2024). The mean is exact and then truncated.
/// - Ozone: the 17 8-hour averages that start at 07:00 … 23:00 (so the day's series runs to 06:00 the
///   next morning), each valid with at least 6 of its 8 hours and truncated to 0.001 ppm; the day is
///   valid with at least 13 of the 17 (75 %); its value is the highest of them (AirNow-Tech, "Daily
///   and Hourly AQI – Ozone", following the 2015 ozone NAAQS, 40 CFR 50 Appendix U).
///
/// The hours are in whichever day boundary the caller uses (EPA uses local standard time).
public enum DailyAQI {
    /// Hours a PM 24-hour average needs.
    public static let minimumHoursPM = 18
    /// Hours an 8-hour ozone average needs.
    public static let minimumHoursPerEightHourWindow = 6
    /// Valid 8-hour averages a daily ozone maximum needs, of 17.
    public static let minimumEightHourWindows = 13

    /// The 24-hour average and its AQI from the day's 24 hourly values (00:00 first).
    ///
    /// Returns nil with fewer than 18 hours present.
    /// - Throws: ``AQIError/wrongHourCount(expected:found:)`` unless exactly 24 entries are given,
    ///   ``AQIError/unsupported(pollutant:calculation:)`` for anything but PM2.5 or PM10.
    public static func twentyFourHourAverage(_ pollutant: AQIPollutant, hourly: [DecimalConcentration?]) throws(AQIError) -> DailyValue? {
        guard pollutant == .pm25 || pollutant == .pm10 else {
            throw .unsupported(pollutant: pollutant, calculation: "the 24-hour average AQI")
        }
        guard hourly.count == 24 else { throw .wrongHourCount(expected: "24", found: hourly.count) }
        let present = hourly.compactMap { $0 }
        guard present.count >= minimumHoursPM else { return nil }
        let mean = try truncatedMean(present, toScale: pollutant.truncationScale)
        return DailyValue(pollutant: pollutant, truncated: mean, validCount: present.count, aqi: try AQICalculator.aqi(pollutant, mean))
    }

    /// The daily maximum 8-hour ozone (ppm) and its AQI from hourly values starting at 00:00 of the
    /// day and running to 06:00 the next day (31 entries; fewer count the rest as missing).
    ///
    /// Returns nil when fewer than 13 of the 17 8-hour averages are valid. The AQI is nil when the
    /// maximum is above 0.200 ppm, where the 8-hour table stops (EPA then uses 1-hour ozone).
    /// - Throws: ``AQIError/wrongHourCount(expected:found:)`` for fewer than 24 or more than 31 entries.
    public static func maximumEightHourOzone(hourly: [DecimalConcentration?]) throws(AQIError) -> DailyValue? {
        guard (24...31).contains(hourly.count) else { throw .wrongHourCount(expected: "24 to 31", found: hourly.count) }
        let hours = hourly + Array(repeating: nil, count: 31 - hourly.count)
        var best: DecimalConcentration?
        var valid = 0
        for start in 7...23 {
            let present = hours[start..<(start + 8)].compactMap { $0 }
            guard present.count >= minimumHoursPerEightHourWindow else { continue }
            valid += 1
            let mean = try truncatedMean(present, toScale: AQIPollutant.o3EightHour.truncationScale)
            if best == nil || mean > best! { best = mean }
        }
        guard valid >= minimumEightHourWindows, let best else { return nil }
        var result: AQIResult?
        do { result = try AQICalculator.aqi(.o3EightHour, best) } catch {
            if case .notDefined = error {} else { throw error }
        }
        return DailyValue(pollutant: .o3EightHour, truncated: best, validCount: valid, aqi: result)
    }

    /// The exact mean of decimal values, truncated to `places` decimals.
    static func truncatedMean(_ values: [DecimalConcentration], toScale places: Int) throws(AQIError) -> DecimalConcentration {
        let common = values.map(\.scale).max() ?? 0
        var sum: Int64 = 0
        for v in values {
            guard let m = v.mantissa(atScale: common) else { throw .tooPrecise(v.description) }
            let (s, overflow) = sum.addingReportingOverflow(m)
            guard !overflow else { throw .tooPrecise(v.description) }
            sum = s
        }
        // mean × 10^places = sum × 10^places / (count × 10^common), cut towards zero.
        if places >= common {
            guard let scaledSum = sum.scaledUp(by: places - common) else { throw .tooPrecise(String(sum)) }
            return DecimalConcentration(mantissa: scaledSum / Int64(values.count), scale: places)
        }
        return DecimalConcentration(mantissa: sum / (Int64(values.count) * pow10Int(common - places)), scale: places)
    }
}

/// A day's value for one pollutant: the truncated 24-hour average or daily maximum 8-hour average.
public struct DailyValue: Sendable, Hashable {
    /// ``AQIPollutant/pm25``, ``AQIPollutant/pm10`` or ``AQIPollutant/o3EightHour``.
    public var pollutant: AQIPollutant
    /// The average (PM) or the highest 8-hour average (ozone), truncated.
    public var truncated: DecimalConcentration
    /// Hours present (PM) or valid 8-hour averages (ozone).
    public var validCount: Int
    /// The AQI, nil only for 8-hour ozone above 0.200 ppm.
    public var aqi: AQIResult?
}
