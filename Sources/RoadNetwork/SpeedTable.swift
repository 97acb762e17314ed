/// Default speeds per highway class and parsing of OSM `maxspeed` values, in km/h.
public enum SpeedTable {
    /// Default car speed per `highway` value when no usable `maxspeed` is tagged, in km/h.
    public static let defaultSpeedKmh: [String: Double] = [
        "motorway": 110, "motorway_link": 60,
        "trunk": 90, "trunk_link": 50,
        "primary": 65, "primary_link": 40,
        "secondary": 55, "secondary_link": 35,
        "tertiary": 45, "tertiary_link": 30,
        "unclassified": 35, "residential": 30,
        "living_street": 10, "service": 15,
        "busway": 40,
    ]

    /// Speed for `maxspeed=walk`, in km/h.
    public static let walkKmh = 7.0
    /// Speed for `maxspeed=none` (no legal limit), in km/h.
    public static let noLimitKmh = 130.0
    /// Kilometres per hour in one mile per hour.
    public static let kmhPerMph = 1.609_344
    /// Kilometres per hour in one knot.
    public static let kmhPerKnot = 1.852

    /// Implicit limits for country-coded zone values like `FR:urban` or `DE:rural`, in km/h.
    ///
    /// Keys are the part after the colon; a country-specific entry (`"DE:rural"`) wins over the generic one.
    public static let zoneSpeedKmh: [String: Double] = [
        "urban": 50, "rural": 90, "motorway": 130, "trunk": 110, "living_street": 7, "walk": 7,
        "bicycle_road": 30, "school": 30,
        "DE:rural": 100, "DE:motorway": 130, "DE:trunk": 100,
        "FR:rural": 80, "FR:motorway": 130,
        "IT:rural": 90, "IT:motorway": 130, "ES:rural": 90, "MC:urban": 50,
        "AT:rural": 100, "CH:rural": 80, "CH:motorway": 120, "CH:trunk": 100,
        "NL:rural": 80, "BE:rural": 70, "FI:rural": 80, "FI:urban": 50, "FI:motorway": 120,
        "RU:urban": 60, "RU:rural": 90, "RU:motorway": 110,
        "GB:nsl_single": 96.56, "GB:nsl_dual": 112.65, "GB:motorway": 112.65, "UK:nsl_single": 96.56,
        "UK:nsl_dual": 112.65, "UK:motorway": 112.65,
    ]

    /// Parses an OSM `maxspeed` value into km/h, or nil when it names no usable speed.
    ///
    /// Understands plain numbers (`50`), units (`30 mph`, `10 knots`, `50 km/h`), `walk`, `none`,
    /// zone values (`FR:urban`, `DE:zone30`, `RO:zone:30`), and lists (`50;30` → the lowest).
    /// `signals`, `variable` and unknown words give nil so the class default applies.
    public static func parseMaxspeed(_ raw: String) -> Double? {
        let value = raw.trimmingWhitespace()
        if value.contains(";") {
            let parts = value.split(separator: ";").compactMap { parseMaxspeed(String($0)) }
            return parts.min()
        }
        switch value.lowercased() {
        case "walk": return walkKmh
        case "none", "unlimited": return noLimitKmh
        case "", "signals", "variable", "implicit": return nil
        default: break
        }
        if let colon = value.firstIndex(of: ":") {
            let country = value[..<colon]
            let zone = String(value[value.index(after: colon)...]).lowercased()
            if let speed = zoneSpeedKmh["\(country):\(zone)"] ?? zoneSpeedKmh[zone] { return speed }
            let digits = zone.filter(\.isNumber)
            if zone.hasPrefix("zone"), let number = Double(digits), number > 0 { return number }
            return nil
        }
        return parseNumberWithUnit(value)
    }

    private static func parseNumberWithUnit(_ value: String) -> Double? {
        var numberEnd = value.startIndex
        while numberEnd < value.endIndex, value[numberEnd].isNumber || value[numberEnd] == "." {
            numberEnd = value.index(after: numberEnd)
        }
        guard let number = Double(value[..<numberEnd]), number > 0, number.isFinite, number < 400 else { return nil }
        let unit = value[numberEnd...].trimmingWhitespace().lowercased()
        switch unit {
        case "", "km/h", "kmh", "kph": return number
        case "mph": return number * kmhPerMph
        case "knots", "kn": return number * kmhPerKnot
        default: return nil
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces or tabs.
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
