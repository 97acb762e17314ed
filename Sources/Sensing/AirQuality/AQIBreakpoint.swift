/// One row of EPA's AQI breakpoint table for one pollutant: `[lowConcentration, highConcentration]`
/// maps linearly onto `[lowIndex, highIndex]`.
///
/// Concentrations are integers at the pollutant's ``AQIPollutant/truncationScale`` (PM2.5 9.1 is
/// `91`, ozone 0.055 ppm is `55`), so the lookup of a truncated concentration is exact.
public struct AQIBreakpoint: Sendable, Hashable {
    /// The row's lowest concentration, in units of 10^−scale.
    public let lowConcentration: Int64
    /// The row's highest concentration, in units of 10^−scale.
    public let highConcentration: Int64
    /// The AQI at `lowConcentration`.
    public let lowIndex: Int
    /// The AQI at `highConcentration`.
    public let highIndex: Int

    public init(_ concentrations: ClosedRange<Int64>, _ indices: ClosedRange<Int>) {
        lowConcentration = concentrations.lowerBound
        highConcentration = concentrations.upperBound
        lowIndex = indices.lowerBound
        highIndex = indices.upperBound
    }

    /// TAD Equation 1, rounded half up to the nearest integer, in exact integer arithmetic:
    /// `I = (Ihi − Ilo) / (BPhi − BPlo) × (Cp − BPlo) + Ilo`.
    ///
    /// Also used past the table's top row (the TAD allows extrapolating with the last two
    /// breakpoints), where it gives AQI values above 500.
    public func index(at concentration: Int64) -> Int {
        let numerator = Int64(highIndex - lowIndex) * (concentration - lowConcentration)
        let denominator = highConcentration - lowConcentration
        // floor((2n + d) / 2d) is n/d rounded half up for n ≥ 0, d > 0.
        return lowIndex + Int((2 * numerator + denominator) / (2 * denominator))
    }
}

extension AQIPollutant {
    /// This pollutant's rows of TAD Table 6 (EPA-454/B-24-002, May 2024), lowest first.
    ///
    /// Gaps are deliberate: 1-hour ozone has no rows below AQI 101, 8-hour ozone none above 300,
    /// 1-hour SO2 none above 200 and 24-hour SO2 none below 201.
    public var breakpoints: [AQIBreakpoint] {
        switch self {
        case .pm25:
            [.init(0...90, 0...50), .init(91...354, 51...100), .init(355...554, 101...150),
             .init(555...1254, 151...200), .init(1255...2254, 201...300), .init(2255...3254, 301...500)]
        case .pm10:
            [.init(0...54, 0...50), .init(55...154, 51...100), .init(155...254, 101...150),
             .init(255...354, 151...200), .init(355...424, 201...300), .init(425...604, 301...500)]
        case .o3EightHour:
            [.init(0...54, 0...50), .init(55...70, 51...100), .init(71...85, 101...150),
             .init(86...105, 151...200), .init(106...200, 201...300)]
        case .o3OneHour:
            [.init(125...164, 101...150), .init(165...204, 151...200), .init(205...404, 201...300),
             .init(405...604, 301...500)]
        case .coEightHour:
            [.init(0...44, 0...50), .init(45...94, 51...100), .init(95...124, 101...150),
             .init(125...154, 151...200), .init(155...304, 201...300), .init(305...504, 301...500)]
        case .so2OneHour:
            [.init(0...35, 0...50), .init(36...75, 51...100), .init(76...185, 101...150),
             .init(186...304, 151...200)]
        case .so2TwentyFourHour:
            [.init(305...604, 201...300), .init(605...1004, 301...500)]
        case .no2OneHour:
            [.init(0...53, 0...50), .init(54...100, 51...100), .init(101...360, 101...150),
             .init(361...649, 151...200), .init(650...1249, 201...300), .init(1250...2049, 301...500)]
        }
    }
}
