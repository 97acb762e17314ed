import Foundation
import Geo
import RoadNetwork
import SafeCityCore
import SafeCityDispatch
import SafeCityTesting
import Security
import Simulation
import Storage

/// Monaco's emergency roads, built once for every test.
let monacoRouting: EngineRouting = {
    // The bundled city always imports.
    let graph = try! BundledCity.monacoRoads(profile: .emergency)
    return EngineRouting(engine: RoutingEngine(graph: graph))
}()

/// A dispatch service on a fresh SQLite log over Monaco, with a few stations and units.
struct DispatchFixture {
    let directory = TemporaryDirectory("safecity-dispatch")
    let log: SQLiteEventLog
    let clock = ManualClock()
    let vault = FieldVault.ephemeral()
    let service: DispatchService

    init(units: [(id: String, agency: String, kind: String, node: Int)] = DispatchFixture.defaultUnits) async throws {
        log = try SQLiteEventLog(database: try SQLiteDatabase(path: directory.path("dispatch.sqlite")), clock: clock)
        service = DispatchService(log: log, routing: monacoRouting, vault: vault, clock: clock)
        for unit in units {
            let station = "st-\(unit.id)"
            try await service.registerStation(id: station, agency: unit.agency, location: Self.node(unit.node), actor: "test")
            try await service.registerUnit(id: unit.id, agency: unit.agency, kind: unit.kind, stationID: station, actor: "test")
        }
    }

    static let defaultUnits: [(id: String, agency: String, kind: String, node: Int)] = [
        ("p1", "police", "patrol", 10), ("p2", "police", "patrol", 400), ("p3", "police", "patrol", 900),
        ("p4", "police", "patrol", 1500), ("e1", "fire", "engine", 200), ("e2", "fire", "engine", 1200),
        ("l1", "fire", "ladder", 700), ("a1", "ems", "als-ambulance", 300), ("b1", "ems", "bls-ambulance", 1000),
    ]

    /// The coordinates of a Monaco road node (wrapped into range).
    static func node(_ index: Int) -> GeoPoint {
        let graph = monacoRouting.engine.graph
        return graph.coordinate(of: NodeID(index % graph.nodeCount))
    }

    /// A call at a road node.
    static func call(_ type: String = "LAW-ASSAULT", node: Int = 600, priority: Int = 2) -> CallForm {
        let point = Self.node(node)
        return CallForm(typeCode: type, priority: priority, latitude: point.latitude, longitude: point.longitude, summary: "test call")
    }

    /// The number of records in the log.
    func logSize() async throws -> Int64 { try await log.lastSequence() }

    func close() { directory.remove() }
}
