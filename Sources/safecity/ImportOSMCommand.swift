import ArgumentParser
import Foundation
import RoadNetwork
import SafeCityServer

/// `safecity import-osm FILE`: builds a profile's road graph from OSM PBF or XML and writes the binary graph file.
struct ImportOSMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-osm", abstract: "Import an OpenStreetMap extract (.osm.pbf or .osm) into a road graph file.")

    @Argument(help: "The OSM extract: .osm.pbf or .osm XML.") var file: String
    @Option(help: "Vehicle profile: car or emergency.", transform: RoadOptions.vehicle) var profile: RoadProfile.Vehicle = .car
    @Option(help: "Graph file to write (default: <name>.<profile>.scrg in the current folder).") var output: String?

    func run() throws {
        let reporter = ProgressReporter(label: "import-osm")
        let clock = ContinuousClock()
        var started = clock.now
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let format = CityRoads.FileFormat(sniffing: data)
        guard format != .graph else { throw CLIError("\(file) is already a road graph file; give an .osm.pbf or .osm extract") }
        let osm: OSMData
        do {
            osm = try CityRoads.readOSM(data, format: format) { _, fraction in
                reporter.update(done: Int64(fraction * Double(data.count)), total: Int64(data.count))
            }
        } catch {
            reporter.finish()
            throw CLIError("\(file): \(error)")
        }
        reporter.finish()
        let readTime = clock.now - started
        started = clock.now
        let graph = RoadGraph.build(from: osm, profile: RoadProfile(vehicle: profile))
        let buildTime = clock.now - started
        guard graph.nodeCount > 0, let box = graph.boundingBox else { throw CLIError("\(file) has no roads a \(profile.rawValue) may use") }
        started = clock.now
        let url = URL(fileURLWithPath: output ?? Self.defaultOutput(for: file, profile: profile))
        do { try graph.write(to: url) } catch { throw CLIError("cannot write \(url.path): \(error)") }
        let writeTime = clock.now - started
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        print("""
            \(format.rawValue) \(file): \(data.count) bytes, \(osm.nodes.count) nodes and \(osm.ways.count) road ways read
            profile:  \(profile.rawValue)
            graph:    \(graph.nodeCount) nodes, \(graph.edgeCount) directed edges, \(graph.turnRestrictions.count) turn restrictions
            bbox:     \([box.minLongitude, box.minLatitude, box.maxLongitude, box.maxLatitude].map { String(format: "%.6f", $0) }.joined(separator: ",")) (minLon,minLat,maxLon,maxLat)
            timings:  read \(Self.milliseconds(readTime)) ms, build \(Self.milliseconds(buildTime)) ms, write \(Self.milliseconds(writeTime)) ms
            wrote:    \(url.path) (\(bytes) bytes)
            """)
    }

    /// `<name>.<profile>.scrg` in the current folder, the extract's `.osm.pbf`/`.osm` suffix removed.
    static func defaultOutput(for file: String, profile: RoadProfile.Vehicle) -> String {
        var name = URL(fileURLWithPath: file).lastPathComponent
        for suffix in [".osm.pbf", ".pbf", ".osm.xml", ".osm", ".xml"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return "\(name).\(profile.rawValue).scrg"
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f", duration.seconds * 1000)
    }
}
