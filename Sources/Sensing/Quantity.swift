/// What a sensor measures, e.g. `pm25` or `water_level`, with the unit SafeCity keeps it in.
///
/// Known quantities have a canonical unit, a physical range outside which a reading is a fault, and
/// the units a feed may send that convert to the canonical one (``UnitConversion``). Other names are
/// allowed for feeds SafeCity does not know; their readings are kept in the unit they came in.
public struct Quantity: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public var description: String { name }

    public init(from decoder: Decoder) throws { name = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public static let pm25: Quantity = "pm25"
    public static let pm10: Quantity = "pm10"
    public static let ozone: Quantity = "o3"
    public static let nitrogenDioxide: Quantity = "no2"
    public static let sulphurDioxide: Quantity = "so2"
    public static let carbonMonoxide: Quantity = "co"
    public static let noise: Quantity = "noise"
    public static let temperature: Quantity = "temperature"
    public static let humidity: Quantity = "humidity"
    public static let windSpeed: Quantity = "wind_speed"
    public static let rainfall: Quantity = "rainfall"
    public static let waterLevel: Quantity = "water_level"
    public static let trafficFlow: Quantity = "traffic_flow"
    public static let trafficSpeed: Quantity = "traffic_speed"
    public static let gunshot: Quantity = "gunshot"

    /// The quantities SafeCity knows, with their canonical unit and physical range.
    public static let known: [Quantity: QuantitySpec] = [
        .pm25: QuantitySpec(unit: "µg/m³", range: 0...1_000),
        .pm10: QuantitySpec(unit: "µg/m³", range: 0...2_000),
        .ozone: QuantitySpec(unit: "ppb", range: 0...1_000),
        .nitrogenDioxide: QuantitySpec(unit: "ppb", range: 0...3_000),
        .sulphurDioxide: QuantitySpec(unit: "ppb", range: 0...2_000),
        .carbonMonoxide: QuantitySpec(unit: "ppm", range: 0...100),
        .noise: QuantitySpec(unit: "dBA", range: 0...160),
        .temperature: QuantitySpec(unit: "°C", range: -60...70),
        .humidity: QuantitySpec(unit: "%", range: 0...100),
        .windSpeed: QuantitySpec(unit: "m/s", range: 0...120),
        .rainfall: QuantitySpec(unit: "mm/h", range: 0...500),
        .waterLevel: QuantitySpec(unit: "m", range: -20...50),
        .trafficFlow: QuantitySpec(unit: "veh/h", range: 0...20_000),
        .trafficSpeed: QuantitySpec(unit: "km/h", range: 0...300),
        .gunshot: QuantitySpec(unit: "count", range: 0...1_000),
    ]

    /// The unit readings of this quantity are stored in, nil for an unknown quantity.
    public var canonicalUnit: String? { Quantity.known[self]?.unit }
}

/// A known quantity's canonical unit and the values it can physically take.
public struct QuantitySpec: Sendable, Hashable {
    public var unit: String
    public var range: ClosedRange<Double>
}
