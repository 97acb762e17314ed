import Foundation
import Geo
import RoadNetwork

/// The city's roads as the platform serves them: a car and an emergency router and a drawing of the roads.
public final class CityRoads: Sendable {
    /// Routes for ordinary vehicles.
    public let car: RoadRouter
    /// Routes for emergency vehicles (the same router as ``car`` when loaded from a single-profile graph file).
    public let emergency: RoadRouter
    /// Where the roads came from: a file path or the bundled city.
    public let source: String
    /// The `highway` class of each OSM way, when the source had tags.
    public let highwayOfWay: [Int64: String]
    /// Street names for address lookup, when the source had them (OSM files do, graph files do not).
    public let streets: StreetGazetteer?
    /// The compact road drawing served at `GET /v1/map/roads`, built once.
    public let mapJSON: [UInt8]

    /// Builds both routers (one hierarchy each) and the road drawing.
    ///
    /// - Parameters:
    ///   - emergencyGraph: nil to route emergency vehicles on the car graph.
    ///   - highwayOfWay: Way classes for the drawing; ways missing here are classed by their speed.
    public init(carGraph: RoadGraph, emergencyGraph: RoadGraph?, highwayOfWay: [Int64: String] = [:], streets: StreetGazetteer? = nil,
                source: String, progress: ((String, Double) -> Void)? = nil) {
        car = RoadRouter(graph: carGraph, profile: .car) { progress?("car hierarchy: \($0)", $1) }
        emergency = emergencyGraph.map { graph in
            RoadRouter(graph: graph, profile: .emergency) { progress?("emergency hierarchy: \($0)", $1) }
        } ?? car
        self.source = source
        self.highwayOfWay = highwayOfWay
        self.streets = streets
        mapJSON = RoadMap(graph: carGraph, highwayOfWay: highwayOfWay).json()
    }

    /// The router for a vehicle profile.
    public func router(for vehicle: RoadProfile.Vehicle) -> RoadRouter {
        vehicle == .emergency ? emergency : car
    }
}
