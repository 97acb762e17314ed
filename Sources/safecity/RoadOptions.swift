import ArgumentParser
import Foundation
import RoadNetwork
import SafeCityServer

/// The `--roads FILE` (or `--map FILE`) option of commands that route: an OSM extract or a graph from `import-osm`.
struct RoadOptions: ParsableArguments {
    @Option(name: [.customLong("roads"), .customLong("map")],
            help: "Road file: .osm.pbf, .osm or a graph written by import-osm (default: bundled Monaco).")
    var roads: String?

    /// Loads the roads, drawing progress on standard error; failures become one-line errors.
    func load() throws -> CityRoads {
        let reporter = ProgressReporter(label: "roads")
        defer { reporter.finish() }
        let progress: (String, Double) -> Void = { _, fraction in
            reporter.update(done: Int64(fraction * 100), total: 100)
        }
        do {
            if let roads { return try CityRoads.load(path: roads, progress: progress) }
            return try CityRoads.monaco(progress: progress)
        } catch let error as RoadLoadError {
            throw CLIError(error.description)
        }
    }

    /// Parses a `--profile` value.
    static func vehicle(_ text: String) throws -> RoadProfile.Vehicle {
        guard let vehicle = RoadProfile.Vehicle(rawValue: text) else {
            throw ValidationError("unknown profile \"\(text)\" (car or emergency)")
        }
        return vehicle
    }

    /// Parses a `--metric` value.
    static func metric(_ text: String) throws -> RouteMetric {
        guard let metric = RouteMetric(rawValue: text) else {
            throw ValidationError("unknown metric \"\(text)\" (duration or distance)")
        }
        return metric
    }
}
