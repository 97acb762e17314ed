/// A pollutant and averaging period that has a row of EPA's AQI breakpoint table.
///
/// Units, truncation and breakpoints follow Table 6 ("Breakpoints for the AQI") and "Calculating the
/// AQI" of EPA's Technical Assistance Document for the Reporting of Daily Air Quality – the Air
/// Quality Index (AQI), EPA-454/B-24-002, May 2024 (the TAD), which adopted the 2024 PM2.5 breakpoints.
///
/// - Note: The raw values are the names the batch CSV uses.
public enum AQIPollutant: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// PM2.5, 24-hour average (or NowCast), µg/m³.
    case pm25
    /// PM10, 24-hour average (or NowCast), µg/m³.
    case pm10
    /// Ozone, 8-hour average, ppm. Defines AQI 0–300; above 0.200 ppm EPA uses 1-hour ozone.
    case o3EightHour = "o3_8h"
    /// Ozone, 1-hour, ppm. Defines AQI 101–500 only (from 0.125 ppm).
    case o3OneHour = "o3_1h"
    /// Carbon monoxide, 8-hour average, ppm.
    case coEightHour = "co_8h"
    /// Sulphur dioxide, 1-hour, ppb. Defines AQI 0–200 only (to 304 ppb).
    case so2OneHour = "so2_1h"
    /// Sulphur dioxide, 24-hour average, ppb. Defines AQI 201–500 only (from 305 ppb).
    case so2TwentyFourHour = "so2_24h"
    /// Nitrogen dioxide, 1-hour, ppb.
    case no2OneHour = "no2_1h"

    public var description: String { rawValue }

    /// The unit concentrations are given in for this table column.
    public var unit: String {
        switch self {
        case .pm25, .pm10: "µg/m³"
        case .o3EightHour, .o3OneHour, .coEightHour: "ppm"
        case .so2OneHour, .so2TwentyFourHour, .no2OneHour: "ppb"
        }
    }

    /// Decimal places a concentration is truncated to before lookup (TAD: PM2.5 0.1 µg/m³, PM10
    /// 1 µg/m³, O3 0.001 ppm, CO 0.1 ppm, SO2 and NO2 1 ppb).
    public var truncationScale: Int {
        switch self {
        case .pm25, .coEightHour: 1
        case .pm10, .so2OneHour, .so2TwentyFourHour, .no2OneHour: 0
        case .o3EightHour, .o3OneHour: 3
        }
    }

    /// The measured quantity this column reads, in SafeCity's ``Quantity`` names.
    public var quantity: Quantity {
        switch self {
        case .pm25: .pm25
        case .pm10: .pm10
        case .o3EightHour, .o3OneHour: .ozone
        case .coEightHour: .carbonMonoxide
        case .so2OneHour, .so2TwentyFourHour: .sulphurDioxide
        case .no2OneHour: .nitrogenDioxide
        }
    }

    /// The people most at risk from this pollutant (TAD Table 4, paraphrased), in English.
    public var sensitiveGroups: String {
        switch self {
        case .pm25, .pm10:
            "People with heart or lung disease, older adults, children and teenagers, pregnant people, and people of lower socioeconomic status"
        case .o3EightHour, .o3OneHour:
            "People with asthma or other lung disease, children and teenagers, older adults, and people who are active or work outdoors"
        case .coEightHour:
            "People with heart disease"
        case .so2OneHour, .so2TwentyFourHour:
            "People with asthma, children, and older adults"
        case .no2OneHour:
            "People with asthma, children, and older adults"
        }
    }

    /// The people most at risk from this pollutant, in Spanish.
    public var sensitiveGroupsSpanish: String {
        switch self {
        case .pm25, .pm10:
            "Personas con enfermedades cardíacas o pulmonares, adultos mayores, niños y adolescentes, personas embarazadas y personas de nivel socioeconómico bajo"
        case .o3EightHour, .o3OneHour:
            "Personas con asma u otras enfermedades pulmonares, niños y adolescentes, adultos mayores y personas activas o que trabajan al aire libre"
        case .coEightHour:
            "Personas con enfermedades cardíacas"
        case .so2OneHour, .so2TwentyFourHour:
            "Personas con asma, niños y adultos mayores"
        case .no2OneHour:
            "Personas con asma, niños y adultos mayores"
        }
    }
}
