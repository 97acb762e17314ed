import Foundation
import RoadNetwork

/// One profile's routing engine and live traffic, shared by every request, with a small pool of queries.
///
/// - Note: Thread-safe. Reads take a snapshot of the engine; traffic updates re-customize outside the
///   read lock and swap the new metric in, so queries never wait for a customization.
public final class RoadRouter: @unchecked Sendable {
    /// The profile the graph was built for.
    public let profile: RoadProfile
    /// The road graph (never changes; traffic only changes weights).
    public let graph: RoadGraph
    private let lock = NSLock()
    private let writeLock = NSLock()
    private var engine: RoutingEngine
    private var traffic: LiveTraffic
    private var generation = 0
    private var idle: [(generation: Int, metric: RouteMetric, query: RouteQuery)] = []
    private static let maxIdleQueries = 8

    /// Builds the hierarchy for a graph (seconds for a large city, well under one for Monaco).
    public init(graph: RoadGraph, profile: RoadProfile, progress: ((String, Double) -> Void)? = nil) {
        self.profile = profile
        self.graph = graph
        engine = RoutingEngine(graph: graph, progress: progress)
        traffic = LiveTraffic(graph: graph)
    }

    /// The engine with the weights now in force.
    public var currentEngine: RoutingEngine {
        lock.withLock { engine }
    }

    /// Runs `body` with the current engine and a pooled query over its weights for a metric (travel time by default).
    public func withQuery<T>(metric: RouteMetric = .duration,
                             _ body: (RoutingEngine, inout RouteQuery) throws -> T) rethrows -> T {
        let (engine, generation, pooled) = lock.withLock { () -> (RoutingEngine, Int, RouteQuery?) in
            let current = self.generation
            idle.removeAll { $0.generation != current }
            guard let index = idle.lastIndex(where: { $0.metric == metric }) else { return (self.engine, current, nil) }
            return (self.engine, current, idle.remove(at: index).query)
        }
        var query = pooled ?? engine.makeQuery(metric: metric)
        defer {
            lock.withLock {
                if generation == self.generation, idle.count < Self.maxIdleQueries { idle.append((generation, metric, query)) }
            }
        }
        return try body(engine, &query)
    }

    /// Sets the speed factor (0 closes, 1 is free flow) of every edge of an OSM way; returns the edges changed.
    public func setSpeedFactor(_ factor: Double, way: Int64) throws(RoadGraphError) -> Int {
        try update { traffic throws(RoadGraphError) in try traffic.setSpeedFactor(factor, way: way) }
    }

    /// Sets the speed factor (0 closes, 1 is free flow) of one directed edge.
    public func setSpeedFactor(_ factor: Double, edge: EdgeID) throws(RoadGraphError) {
        _ = try update { traffic throws(RoadGraphError) in try traffic.setSpeedFactor(factor, edge: edge); return 1 }
    }

    /// Returns every edge to free flow.
    public func clearTraffic() {
        _ = try? update { traffic in traffic.clear(); return 0 }
    }

    private func update(_ change: (inout LiveTraffic) throws(RoadGraphError) -> Int) throws(RoadGraphError) -> Int {
        writeLock.lock()
        defer { writeLock.unlock() }
        var (engine, traffic) = lock.withLock { (self.engine, self.traffic) }
        let changed = try change(&traffic)
        try engine.apply(traffic)
        lock.withLock {
            self.engine = engine
            self.traffic = traffic
            generation += 1
            idle.removeAll()
        }
        return changed
    }
}
