import Geo
import SafeCityCore
import Testing
@testable import Sensing

/// Mean and sum rules are mostly decided from running sums; where that is not certain the window is
/// summed. The reference is the rule's definition, computed here naively: at each reading, the mean (or
/// sum) of the readings in (t − window, t], added in time order, against the limit and the clear level.
@Suite struct RuleSeriesSumTests {
    static let origin: Int64 = 1_790_000_000_000

    static func reference(_ readings: [Double], windowSeconds: Int, function: AggregateFunction, limit: Double, clearAt: Double) -> [String] {
        var fired = false
        var out: [String] = []
        for t in readings.indices {
            var total = 0.0
            let from = max(0, t - windowSeconds + 1)
            for i in from...t { total += readings[i] }
            let value = function == .mean ? total / Double(t - from + 1) : total
            if !fired, value > limit {
                fired = true
                out.append("fired@\(t)")
            } else if fired, value <= clearAt {
                fired = false
                out.append("cleared@\(t)")
            }
        }
        return out
    }

    static func engine(_ readings: [Double], windowSeconds: Int, function: AggregateFunction, limit: Double, clearAt: Double) throws -> [String] {
        let rule = Rule(id: "agg", kind: .aggregate(quantity: .pm25, function: function, windowSeconds: Double(windowSeconds),
                                                    condition: RuleCondition(side: .above, limit: limit, clearAt: clearAt), scope: .sensor))
        let sensor = Sensor(id: "s1", kind: .airQuality, name: "s1", location: GeoPoint(latitude: 0.001, longitude: 0.001), quantities: [.pm25],
                            reportIntervalSeconds: 1, owner: "test")
        var engine = RuleEngine(rules: try RuleSet(rules: [rule], allowedLatenessSeconds: 60), sensors: [sensor])
        var out: [String] = []
        for (t, value) in readings.enumerated() {
            let observation = Observation(sensorID: "s1", time: Timestamp(millisecondsSince1970: origin + Int64(t) * 1_000), quantity: .pm25, value: value)
            for firing in engine.ingest(observation) { out.append("\(firing.state.rawValue)@\(t)") }
        }
        return out
    }

    /// Readings whose windowed means sit on the limit up to rounding (0.1 + 0.2 is not 0.3), with large
    /// magnitudes that cancel, so that an estimate off by an ulp would decide wrongly.
    @Test func meansAndSumsOnTheEdgeAreDecidedAsTheDefinitionSays() throws {
        var rng = SplitMix64(seed: 42)
        let pieces: [Double] = [0.1, 0.2, 0.3, 0.7, 1e9, -1e9, 3.3, 1.0 / 3.0]
        for round in 0..<40 {
            let readings = (0..<400).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
            for (function, limit, clearAt) in [(AggregateFunction.mean, 0.2, 0.1), (.mean, 0.3, 0.3), (.sum, 0.6, 0.3), (.sum, 1.0, 0.1 + 0.2)] {
                let window = 3 + round % 5
                let expected = Self.reference(readings, windowSeconds: window, function: function, limit: limit, clearAt: clearAt)
                #expect(try Self.engine(readings, windowSeconds: window, function: function, limit: limit, clearAt: clearAt) == expected,
                        "round \(round), \(function), limit \(limit)")
            }
        }
        // Regular readings so that the decision is certain from the running sums nearly always.
        let calm = (0..<600).map { 10 + Double($0 % 7) * 0.01 }
        #expect(try Self.engine(calm + [90, 90, 90] + calm, windowSeconds: 5, function: .mean, limit: 30, clearAt: 20)
                == Self.reference(calm + [90, 90, 90] + calm, windowSeconds: 5, function: .mean, limit: 30, clearAt: 20))
    }
}
