import Foundation

/// Converts a reading from the unit a feed sent to its quantity's canonical unit.
///
/// Gas concentrations convert between mixing ratio (ppb, ppm) and mass concentration (µg/m³,
/// mg/m³) at 25 °C and 1 atm, where one mole of gas takes 24.45 litres, as US EPA does:
/// µg/m³ = ppb × molecular weight / 24.45.
public enum UnitConversion {
    /// Molecular weights (g/mol) of the gases whose units can be mixing ratio or mass concentration.
    static let molecularWeight: [Quantity: Double] = [
        .ozone: 48.00, .nitrogenDioxide: 46.0055, .sulphurDioxide: 64.066, .carbonMonoxide: 28.01,
    ]
    static let molarVolumeLitres = 24.45

    /// The value in the canonical unit of `quantity`, or why it cannot be had.
    ///
    /// An unknown quantity keeps its value and unit as sent.
    public static func normalise(_ value: Double, unit: String, quantity: Quantity) throws(ObservationError) -> Double {
        guard value.isFinite else { throw .notFinite(quantity: quantity) }
        guard let spec = Quantity.known[quantity] else { return value }
        let unit = canonicalSpelling(unit)
        if unit == canonicalSpelling(spec.unit) { return value }
        if let converted = convert(value, from: unit, to: canonicalSpelling(spec.unit), quantity: quantity) { return converted }
        throw .wrongUnit(quantity: quantity, unit: unit, expected: spec.unit)
    }

    /// One spelling per unit, so that `ug/m3`, `µg/m³` and `μg/m3` are the same unit.
    static func canonicalSpelling(_ unit: String) -> String {
        // Feeds send the same few spellings over and over; string surgery is for the rest.
        if let known = commonSpellings[unit] { return known }
        return respell(unit)
    }

    private static let commonSpellings: [String: String] = {
        let spellings = ["µg/m³", "μg/m³", "ug/m3", "µg/m3", "μg/m3", "mg/m³", "mg/m3", "ppb", "ppm", "dBA", "dB(A)", "°C", "°F", "K",
                         "%", "m/s", "km/h", "mph", "m", "cm", "mm", "ft", "mm/h", "in/h", "veh/h", "veh/min", "count"]
        return Dictionary(uniqueKeysWithValues: spellings.map { ($0, respell($0)) })
    }()

    private static func respell(_ unit: String) -> String {
        let lowered = unit.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "μ", with: "u").replacingOccurrences(of: "µ", with: "u")
            .replacingOccurrences(of: "³", with: "3").replacingOccurrences(of: "°", with: "deg")
        return switch lowered {
        case "ug/m3", "ugm-3", "ug m-3": "ug/m3"
        case "mg/m3", "mgm-3", "mg m-3": "mg/m3"
        case "degc", "c", "celsius": "degc"
        case "degf", "f", "fahrenheit": "degf"
        case "k", "kelvin": "k"
        case "db", "dba", "db(a)": "dba"
        case "km/h", "kmh", "kph": "km/h"
        case "m/s", "mps": "m/s"
        case "veh/h", "vehicles/h", "vph": "veh/h"
        case "percent", "%", "%rh": "%"
        default: lowered
        }
    }

    private static func convert(_ value: Double, from unit: String, to canonical: String, quantity: Quantity) -> Double? {
        if let weight = molecularWeight[quantity] {
            let ppb: Double? = switch unit {
            case "ppb": value
            case "ppm": value * 1_000
            case "ug/m3": value * molarVolumeLitres / weight
            case "mg/m3": value * 1_000 * molarVolumeLitres / weight
            default: nil
            }
            guard let ppb else { return nil }
            return canonical == "ppm" ? ppb / 1_000 : ppb
        }
        switch (unit, canonical) {
        case ("mg/m3", "ug/m3"): return value * 1_000
        case ("degf", "degc"): return (value - 32) * 5 / 9
        case ("k", "degc"): return value - 273.15
        case ("km/h", "m/s"): return value / 3.6
        case ("mph", "m/s"): return value * 0.44704
        case ("mph", "km/h"): return value * 1.609344
        case ("m/s", "km/h"): return value * 3.6
        case ("cm", "m"): return value / 100
        case ("mm", "m"): return value / 1_000
        case ("ft", "m"): return value * 0.3048
        case ("in/h", "mm/h"): return value * 25.4
        case ("veh/min", "veh/h"): return value * 60
        default: return nil
        }
    }
}
