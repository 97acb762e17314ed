/// EPA's AQI for one concentration, for ozone from both averaging periods, and overall.
///
/// Follows "Calculating the AQI" of the TAD (EPA-454/B-24-002, May 2024): truncate the concentration
/// (PM2.5 to 0.1 µg/m³, PM10 to 1 µg/m³, O3 to 0.001 ppm, CO to 0.1 ppm, SO2 and NO2 to 1 ppb), find
/// the Table 6 row that holds it, apply Equation 1 and round to the nearest integer. Everything here
/// is integer arithmetic on ``DecimalConcentration``, so boundary values land in the right row.
///
/// Where the table stops:
/// - above the top row of PM2.5, PM10, CO, NO2, 1-hour O3 and 24-hour SO2 the TAD allows using the
///   last two breakpoints; the result is above 500, flagged ``AQIResult/isBeyondIndex``, Hazardous;
/// - 8-hour O3 above 0.200 ppm throws ``AQIError/notDefined(pollutant:truncated:reason:)``: EPA
///   computes AQI 301+ from 1-hour O3 (use ``ozone(eightHour:oneHour:)``);
/// - 1-hour SO2 above 304 ppb throws: EPA computes AQI 201+ from the 24-hour SO2 average
///   (``AQIPollutant/so2TwentyFourHour``), which in turn has no AQI below 305 ppb;
/// - 1-hour O3 below 0.125 ppm throws: the 1-hour table starts at AQI 101.
public enum AQICalculator {
    /// The AQI of one concentration given in the pollutant's table unit.
    public static func aqi(_ pollutant: AQIPollutant, _ concentration: DecimalConcentration) throws(AQIError) -> AQIResult {
        let truncated = concentration.truncated(toScale: pollutant.truncationScale)
        let c = truncated.mantissa
        let rows = pollutant.breakpoints
        if let row = rows.first(where: { $0.lowConcentration <= c && c <= $0.highConcentration }) {
            return AQIResult(pollutant: pollutant, concentration: concentration, truncated: truncated, aqi: row.index(at: c), isBeyondIndex: false)
        }
        let top = rows[rows.count - 1]
        if c > top.highConcentration {
            switch pollutant {
            case .o3EightHour:
                throw .notDefined(pollutant: pollutant, truncated: truncated, reason: "8-hour ozone above 0.200 ppm: EPA computes AQI 301+ from 1-hour ozone (o3_1h)")
            case .so2OneHour:
                throw .notDefined(pollutant: pollutant, truncated: truncated, reason: "1-hour SO2 above 304 ppb: EPA computes AQI 201+ from the 24-hour average (so2_24h)")
            default:
                return AQIResult(pollutant: pollutant, concentration: concentration, truncated: truncated, aqi: top.index(at: c), isBeyondIndex: true)
            }
        }
        switch pollutant {
        case .o3OneHour:
            throw .notDefined(pollutant: pollutant, truncated: truncated, reason: "1-hour ozone defines the AQI only from 0.125 ppm (AQI 101); use 8-hour ozone")
        case .so2TwentyFourHour:
            throw .notDefined(pollutant: pollutant, truncated: truncated, reason: "24-hour SO2 defines the AQI only from 305 ppb (AQI 201); use 1-hour SO2")
        default:
            // Rows are contiguous at the truncation scale, so only the gaps above can be missed.
            throw .notDefined(pollutant: pollutant, truncated: truncated, reason: "outside the breakpoint table")
        }
    }

    /// The AQI of a concentration given as text, e.g. `"9.1"`.
    public static func aqi(_ pollutant: AQIPollutant, text: some StringProtocol) throws(AQIError) -> AQIResult {
        try aqi(pollutant, DecimalConcentration(parsing: text))
    }

    /// The AQI of a live reading, converted through its shortest decimal text.
    public static func aqi(_ pollutant: AQIPollutant, _ value: Double) throws(AQIError) -> AQIResult {
        try aqi(pollutant, DecimalConcentration(value))
    }

    /// The ozone AQI from an 8-hour and/or a 1-hour value (ppm), as the TAD's "Using both O3 1-hour
    /// and 8-hour values" describes: compute each that is defined and report the higher.
    ///
    /// Returns nil when neither value defines an AQI (e.g. only a 1-hour value below 0.125 ppm).
    /// - Throws: ``AQIError/notDefined(pollutant:truncated:reason:)`` when the 8-hour value is above
    ///   0.200 ppm and no 1-hour value defines the AQI.
    public static func ozone(eightHour: DecimalConcentration?, oneHour: DecimalConcentration?) throws(AQIError) -> AQIResult? {
        var eight: AQIResult?
        var eightError: AQIError?
        if let eightHour {
            do { eight = try aqi(.o3EightHour, eightHour) } catch { eightError = error }
        }
        var one: AQIResult?
        if let oneHour {
            do { one = try aqi(.o3OneHour, oneHour) } catch {
                if case .notDefined = error {} else { throw error }
            }
        }
        if let eightError, one == nil { throw eightError }
        return overall([eight, one].compactMap { $0 })
    }

    /// The overall AQI: the highest of the pollutants' AQIs, whose pollutant is the responsible one.
    ///
    /// On a tie the first in `results` is responsible. Nil for an empty list.
    public static func overall(_ results: [AQIResult]) -> AQIResult? {
        var best: AQIResult?
        for r in results where best == nil || r.aqi > best!.aqi { best = r }
        return best
    }
}
