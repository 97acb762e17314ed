import Foundation
import Geo
import SafeCityCore

/// Simulates a self-exciting incident process with known parameters and background hotspots.
///
/// Background incidents arrive as a Poisson process at `parameters.backgroundRate` per day; each
/// lands in a hotspot (chosen by weight, Gaussian around its centre) or, with probability
/// `uniformShare`, anywhere in `bounds`. Every incident then triggers Poisson(θ) more, each
/// Exp(ω) days later and 𝒩(0, σ²) metres away per axis, generation after generation. Incidents
/// falling outside `bounds` or after the end are dropped with their descendants.
public struct SelfExcitingSimulator: Sendable {
    /// A background concentration: a Gaussian blob of incidents.
    public struct Hotspot: Hashable, Sendable, Codable {
        /// Centre of the blob.
        public var centre: GeoPoint
        /// Standard deviation of the blob per axis in metres.
        public var spreadMetres: Double
        /// Relative share of the non-uniform background.
        public var weight: Double

        public init(centre: GeoPoint, spreadMetres: Double, weight: Double = 1) {
            self.centre = centre
            self.spreadMetres = spreadMetres
            self.weight = weight
        }
    }

    /// The process parameters (θ must be below 1 for the process to stay finite).
    public var parameters: SelfExcitingParameters
    /// The area; incidents outside are dropped.
    public var bounds: BoundingBox
    /// Background hotspots.
    public var hotspots: [Hotspot]
    /// Share of background incidents spread uniformly over `bounds` (all of them when there are no hotspots).
    public var uniformShare: Double
    /// Start of the simulated period.
    public var start: Timestamp
    /// Length of the simulated period in days.
    public var durationDays: Double
    /// Type written on every simulated record.
    public var type: String

    public init(parameters: SelfExcitingParameters, bounds: BoundingBox, hotspots: [Hotspot] = [], uniformShare: Double = 0.2,
                start: Timestamp, durationDays: Double, type: String = "SIMULATED") {
        precondition(parameters.theta >= 0 && parameters.theta < 1, "theta must be in [0, 1)")
        self.parameters = parameters
        self.bounds = bounds
        self.hotspots = hotspots
        self.uniformShare = hotspots.isEmpty ? 1 : uniformShare
        self.start = start
        self.durationDays = durationDays
        self.type = type
    }

    /// Runs the simulation; the same generator state gives the same incidents.
    public func simulate(using generator: inout some RandomNumberGenerator) -> SelfExcitingSimulation {
        let frame = GridFrame(origin: GeoPoint(latitude: (bounds.minLatitude + bounds.maxLatitude) / 2,
                                                longitude: (bounds.minLongitude + bounds.maxLongitude) / 2))
        let sw = frame.metres(of: GeoPoint(latitude: bounds.minLatitude, longitude: bounds.minLongitude))
        let ne = frame.metres(of: GeoPoint(latitude: bounds.maxLatitude, longitude: bounds.maxLongitude))
        let centres = hotspots.map { frame.metres(of: $0.centre) }
        let totalWeight = hotspots.reduce(0) { $0 + $1.weight }
        func inside(_ x: Double, _ y: Double) -> Bool { x >= sw.x && x <= ne.x && y >= sw.y && y <= ne.y }

        // (days since start, x, y, parent)
        var events: [(t: Double, x: Double, y: Double, parent: Int?)] = []
        var t = 0.0
        if parameters.backgroundRate > 0 {
            while true {
                t += exponential(rate: parameters.backgroundRate, using: &generator)
                guard t < durationDays else { break }
                var x = 0.0, y = 0.0
                repeat {
                    if hotspots.isEmpty || uniform(using: &generator) < uniformShare {
                        x = sw.x + uniform(using: &generator) * (ne.x - sw.x)
                        y = sw.y + uniform(using: &generator) * (ne.y - sw.y)
                    } else {
                        var pick = uniform(using: &generator) * totalWeight
                        var chosen = hotspots.count - 1
                        for (index, hotspot) in hotspots.enumerated() {
                            pick -= hotspot.weight
                            if pick < 0 { chosen = index; break }
                        }
                        let (gx, gy) = gaussianPair(using: &generator)
                        x = centres[chosen].x + gx * hotspots[chosen].spreadMetres
                        y = centres[chosen].y + gy * hotspots[chosen].spreadMetres
                    }
                } while !inside(x, y)
                events.append((t, x, y, nil))
            }
        }
        let backgroundCount = events.count
        var next = 0
        while next < events.count {
            let parent = events[next]
            let children = PoissonSample.draw(mean: parameters.theta, using: &generator)
            for _ in 0..<children {
                let childTime = parent.t + exponential(rate: parameters.omegaPerDay, using: &generator)
                let (gx, gy) = gaussianPair(using: &generator)
                let x = parent.x + gx * parameters.sigmaMetres
                let y = parent.y + gy * parameters.sigmaMetres
                if childTime < durationDays && inside(x, y) { events.append((childTime, x, y, next)) }
            }
            next += 1
        }

        let order = events.indices.sorted { events[$0].t < events[$1].t }
        var newIndex = [Int](repeating: 0, count: events.count)
        for (position, old) in order.enumerated() { newIndex[old] = position }
        var records: [IncidentRecord] = []
        var parents: [Int?] = []
        records.reserveCapacity(events.count)
        for old in order {
            let e = events[old]
            let time = start.adding(milliseconds: Int64((e.t * millisecondsPerDay).rounded(.down)))
            records.append(IncidentRecord(time: time, location: frame.point(x: e.x, y: e.y), type: type))
            parents.append(e.parent.map { newIndex[$0] })
        }
        return SelfExcitingSimulation(records: records, parents: parents, backgroundCount: backgroundCount)
    }
}
