import Foundation
import SafeCityCore
import Simulation
import Synchronization
import Testing

@Suite struct SimulationDriverTests {
    final class Collector: Sendable {
        let events = Mutex<[NewEvent]>([])
    }

    @Test func tickingOnceASecondDeliversEveryKindOfEvent() async throws {
        let streets = CitySimulationTests.streets
        let start = Timestamp(millisecondsSince1970: 1_795_000_000_000)
        let clock = SteppedClock(start)
        let collector = Collector()
        let simulation = CitySimulation(streets: streets, plan: CityPlan.make(on: streets, seed: 42), seed: 42, start: start)
        let driver = SimulationDriver(simulation: simulation, clock: clock) { events in
            collector.events.withLock { $0.append(contentsOf: events) }
        }
        for _ in 0..<600 {
            clock.advance(milliseconds: 1_000)
            await driver.tick()
        }
        let events = collector.events.withLock { $0 }
        let counts = Dictionary(grouping: events, by: \.type.name).mapValues(\.count)
        #expect((counts["call.received"] ?? 0) >= 5, "\(counts)")
        #expect(counts["unit.position"] == 14 * 120)
        #expect(Set(events.map(\.id)).count == events.count, "event ids are unique")
    }
}

/// A clock the test moves by hand.
final class SteppedClock: WallClock {
    private let current: Mutex<Timestamp>
    init(_ start: Timestamp) { current = Mutex(start) }
    func now() -> Timestamp { current.withLock { $0 } }
    func advance(milliseconds: Int64) { current.withLock { $0 = $0.adding(milliseconds: milliseconds) } }
}
