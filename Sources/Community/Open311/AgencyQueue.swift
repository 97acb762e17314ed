/// The agency work queue a service request is routed to; its name is Open311's `agency_responsible`.
public struct AgencyQueue: Hashable, Sendable, Codable {
    /// A stable identifier the dispatch and work-order systems key their queues on.
    public var id: String
    /// The agency's public name, shown to residents.
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// Police patrol queue (reports that may need a unit).
    public static let police = AgencyQueue(id: "police", name: "Police Department")
    /// Police non-emergency desk (noise, nuisance).
    public static let policeNonEmergency = AgencyQueue(id: "police-non-emergency", name: "Police Department (non-emergency)")
    /// Public works: street lights, graffiti, street furniture.
    public static let publicWorks = AgencyQueue(id: "public-works", name: "Public Works")
    /// Roads and traffic: hazards on the carriageway.
    public static let roadsAndTraffic = AgencyQueue(id: "roads-traffic", name: "Roads and Traffic")
    /// Parking enforcement: abandoned vehicles.
    public static let parkingEnforcement = AgencyQueue(id: "parking-enforcement", name: "Parking Enforcement")
    /// Urban forestry: trees on public land.
    public static let urbanForestry = AgencyQueue(id: "urban-forestry", name: "Parks and Urban Forestry")
    /// Stormwater and drainage: flooding.
    public static let stormwater = AgencyQueue(id: "stormwater", name: "Stormwater and Drainage")
}
