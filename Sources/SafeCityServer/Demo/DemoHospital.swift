import Geo

/// A receiving hospital of the demo city, with simulated bed capacity.
public struct DemoHospital: Sendable, Equatable {
    public var id: String
    public var name: String
    public var location: GeoPoint
    public var beds: [String: Int]

    public init(id: String, name: String, location: GeoPoint, beds: [String: Int]) {
        self.id = id
        self.name = name
        self.location = location
        self.beds = beds
    }

    /// Monaco's two receiving hospitals at their real locations; the bed counts are invented for the simulation.
    public static let monaco: [DemoHospital] = [
        DemoHospital(id: "chpg", name: "Centre Hospitalier Princesse Grace", location: GeoPoint(latitude: 43.7276, longitude: 7.4137),
                     beds: ["emergency": 12, "trauma": 3, "cardiac": 2, "paediatric": 2, "burns": 0]),
        DemoHospital(id: "ccm", name: "Centre Cardio-Thoracique de Monaco", location: GeoPoint(latitude: 43.7290, longitude: 7.4158),
                     beds: ["cardiac": 6]),
    ]
}
