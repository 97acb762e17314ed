import ArgumentParser
import Foundation
import Geo
import RoadNetwork
import SafeCityCore
import SafeCityServer

/// `safecity route --from lat,lon --to lat,lon`: the fastest route, its duration and distance; or with
/// `--pairs FILE`, a CSV of routes for many pairs (see ``runBatch(pairsPath:)``).
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "Find the fastest (or shortest) route between two coordinates, or for each pair of a CSV.")

    @Option(help: "Start as lat,lon.") var from: String?
    @Option(help: "Destination as lat,lon.") var to: String?
    @Option(help: "CSV of src_lat,src_lon,dst_lat,dst_lon rows (header optional): print one CSV row per pair.")
    var pairs: String?
    @Option(help: "Vehicle profile: car or emergency.", transform: RoadOptions.vehicle) var profile: RoadProfile.Vehicle = .car
    @Option(help: "What to minimise: duration (fastest) or distance (shortest).", transform: RoadOptions.metric)
    var metric: RouteMetric = .duration
    @OptionGroup var roadOptions: RoadOptions
    @Flag(help: "Print the route as a GeoJSON Feature after the summary.") var geojson = false
    @Option(help: "Also draw the roads and the route into this SVG file.") var svg: String?

    func run() throws {
        if let pairs {
            guard from == nil, to == nil, !geojson, svg == nil else {
                throw CLIError("--pairs routes a whole file: leave out --from, --to, --geojson and --svg")
            }
            return try runBatch(pairsPath: pairs)
        }
        guard let from, let to else { throw CLIError("give --from and --to, or --pairs FILE") }
        let origin: GeoPoint, destination: GeoPoint
        do {
            origin = try GeoPoint(parsing: from, field: "--from")
            destination = try GeoPoint(parsing: to, field: "--to")
        } catch {
            throw CLIError(error.description)
        }
        let roads = try roadOptions.load()
        let router = roads.router(for: profile)
        let route: RoadRoute
        do {
            route = try router.route(from: origin, to: destination, metric: metric)
        } catch let error {
            let text = switch error {
            case let .notOnRoad(field, maxMetres): "--\(field) is more than \(Int(maxMetres)) m from any road"
            case .unreachable: error.description
            }
            throw CLIError(text)
        }
        print("""
            profile:  \(route.profile.rawValue) (roads: \(roads.source))
            metric:   \(route.metric.rawValue) (\(route.metric == .duration ? "fastest" : "shortest") route)
            duration: \(String(format: "%.1f", route.durationSeconds)) s (\(Self.minutesAndSeconds(route.durationSeconds)))
            distance: \(String(format: "%.1f", route.distanceMetres)) m
            snapped:  start \(String(format: "%.1f", route.startSnapMetres)) m, end \(String(format: "%.1f", route.endSnapMetres)) m from the road
            points:   \(route.coordinates.count)
            """)
        if geojson { print(String(decoding: RoadGeoJSON.feature(route).canonicalBytes, as: UTF8.self)) }
        if let svg {
            let picture = RoadSVG(graph: router.graph, highwayOfWay: roads.highwayOfWay).render(route: route)
            do { try Data(picture.utf8).write(to: URL(fileURLWithPath: svg), options: .atomic) } catch {
                throw CLIError("cannot write \(svg): \(error.localizedDescription)")
            }
            print("svg:      \(svg)")
        }
    }

    static func minutesAndSeconds(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }
}
