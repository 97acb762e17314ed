/// One of EPA's six AQI categories, with its colour and a short health message.
///
/// Names and colours are TAD Table 1 ("Names and colors for the six AQI categories", EPA-454/B-24-002,
/// May 2024); the messages paraphrase AirNow's statements for each category.
public enum AQICategory: Int, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case good = 1
    case moderate
    case unhealthyForSensitiveGroups
    case unhealthy
    case veryUnhealthy
    case hazardous

    /// The category an AQI value falls in; values above 500 ("Beyond the AQI") are Hazardous.
    public init(aqi: Int) {
        switch aqi {
        case ...50: self = .good
        case 51...100: self = .moderate
        case 101...150: self = .unhealthyForSensitiveGroups
        case 151...200: self = .unhealthy
        case 201...300: self = .veryUnhealthy
        default: self = .hazardous
        }
    }

    /// The AQI values of this category (Hazardous is 301–500).
    public var aqiRange: ClosedRange<Int> {
        switch self {
        case .good: 0...50
        case .moderate: 51...100
        case .unhealthyForSensitiveGroups: 101...150
        case .unhealthy: 151...200
        case .veryUnhealthy: 201...300
        case .hazardous: 301...500
        }
    }

    /// EPA's name, e.g. "Unhealthy for Sensitive Groups".
    public var name: String {
        switch self {
        case .good: "Good"
        case .moderate: "Moderate"
        case .unhealthyForSensitiveGroups: "Unhealthy for Sensitive Groups"
        case .unhealthy: "Unhealthy"
        case .veryUnhealthy: "Very Unhealthy"
        case .hazardous: "Hazardous"
        }
    }

    /// The Spanish name AirNow uses.
    public var nameSpanish: String {
        switch self {
        case .good: "Buena"
        case .moderate: "Moderada"
        case .unhealthyForSensitiveGroups: "Insalubre para grupos sensibles"
        case .unhealthy: "Insalubre"
        case .veryUnhealthy: "Muy insalubre"
        case .hazardous: "Peligrosa"
        }
    }

    public var description: String { name }

    /// EPA's colour as `#RRGGBB` (green, yellow, orange, red, purple, maroon).
    public var colourHex: String {
        switch self {
        case .good: "#00E400"
        case .moderate: "#FFFF00"
        case .unhealthyForSensitiveGroups: "#FF7E00"
        case .unhealthy: "#FF0000"
        case .veryUnhealthy: "#8F3F97"
        case .hazardous: "#7E0023"
        }
    }

    /// A short health message in English.
    public var healthMessage: String {
        switch self {
        case .good: "Air quality is satisfactory and poses little or no risk."
        case .moderate: "Air quality is acceptable, but people who are unusually sensitive to air pollution may be at some risk."
        case .unhealthyForSensitiveGroups: "Members of sensitive groups may have health effects; the general public is less likely to be affected."
        case .unhealthy: "Some of the general public may have health effects, and sensitive groups may have more serious ones."
        case .veryUnhealthy: "Health alert: the risk of health effects is increased for everyone."
        case .hazardous: "Health warning of emergency conditions: everyone is more likely to be affected."
        }
    }

    /// A short health message in Spanish.
    public var healthMessageSpanish: String {
        switch self {
        case .good: "La calidad del aire es satisfactoria y presenta poco o ningún riesgo."
        case .moderate: "La calidad del aire es aceptable, pero las personas excepcionalmente sensibles a la contaminación pueden correr algún riesgo."
        case .unhealthyForSensitiveGroups: "Los grupos sensibles pueden sufrir efectos en la salud; es menos probable que el público en general se vea afectado."
        case .unhealthy: "Parte del público en general puede sufrir efectos en la salud, y los grupos sensibles efectos más graves."
        case .veryUnhealthy: "Alerta de salud: aumenta el riesgo de efectos en la salud para todos."
        case .hazardous: "Advertencia de salud por condiciones de emergencia: es más probable que todos se vean afectados."
        }
    }

    public static func < (lhs: AQICategory, rhs: AQICategory) -> Bool { lhs.rawValue < rhs.rawValue }
}
