/// The AQI of one pollutant's concentration, with the truncated value it was computed from.
public struct AQIResult: Sendable, Hashable {
    /// Which table column the AQI came from.
    public var pollutant: AQIPollutant
    /// The concentration as given, before truncation.
    public var concentration: DecimalConcentration
    /// The concentration truncated to the pollutant's ``AQIPollutant/truncationScale``.
    public var truncated: DecimalConcentration
    /// The index, 0–500, or above 500 when ``isBeyondIndex``.
    public var aqi: Int
    /// Whether the concentration is above the table's top breakpoint ("Beyond the AQI").
    public var isBeyondIndex: Bool

    public init(pollutant: AQIPollutant, concentration: DecimalConcentration, truncated: DecimalConcentration, aqi: Int, isBeyondIndex: Bool) {
        self.pollutant = pollutant
        self.concentration = concentration
        self.truncated = truncated
        self.aqi = aqi
        self.isBeyondIndex = isBeyondIndex
    }

    /// The category the index falls in.
    public var category: AQICategory { AQICategory(aqi: aqi) }
}
