import Foundation

/// The stream rules of the simulated city (PM2.5, PM10, NO2, noise, water level, traffic, gunshots,
/// silent sensors and one composite), as a rule file an operator would write.
public enum CityRules {
    /// The rule file's JSON bytes.
    public static func json() throws -> Data {
        guard let url = Bundle.module.url(forResource: "city-rules", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "city-rules.json is missing from the Simulation bundle"])
        }
        return try Data(contentsOf: url)
    }
}
