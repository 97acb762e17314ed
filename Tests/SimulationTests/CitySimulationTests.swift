import Geo
import RoadNetwork
import SafeCityCore
import Simulation
import Testing

@Suite struct CitySimulationTests {
    static let streets = StreetNetwork(graph: try! BundledCity.monacoRoads())
    let start = Timestamp(millisecondsSince1970: 1_795_000_000_000)

    @Test func theSameSeedGivesTheSameCity() {
        var a = CitySimulation(streets: Self.streets, plan: CityPlan.make(on: Self.streets, seed: 42), seed: 42, start: start)
        var b = CitySimulation(streets: Self.streets, plan: CityPlan.make(on: Self.streets, seed: 42), seed: 42, start: start)
        let later = start.adding(milliseconds: 600_000)
        #expect(a.advance(to: later) == b.advance(to: later))
        var c = CitySimulation(streets: Self.streets, plan: CityPlan.make(on: Self.streets, seed: 43), seed: 43, start: start)
        var d = CitySimulation(streets: Self.streets, plan: CityPlan.make(on: Self.streets, seed: 42), seed: 42, start: start)
        #expect(c.advance(to: later) != d.advance(to: later))
    }

    @Test func tenMinutesOfCityAreValidEventsOnMonacosRoads() throws {
        var simulation = CitySimulation(streets: Self.streets, plan: CityPlan.make(on: Self.streets, seed: 7), seed: 7, start: start)
        let events = simulation.advance(to: start.adding(milliseconds: 600_000))
        let monaco = BoundingBox(minLatitude: 43.7148, minLongitude: 7.3490, maxLatitude: 43.7700, maxLongitude: 7.4910)
        for event in events {
            let schema = try #require(CityEventTypes.registry.schema(for: event.type))
            try schema.validate(event.payload.jsonValue)
            #expect(monaco.contains(try #require(event.location)))
            #expect(event.occurredAt > start && event.occurredAt <= start.adding(milliseconds: 600_000))
        }
        let counts = Dictionary(grouping: events, by: \.type.name).mapValues(\.count)
        // 14 units every 5 s, 18 sensors every 15–30 s, a call every ~45 s.
        #expect(counts["unit.position"] == 14 * 120)
        #expect((counts["sensor.observation"] ?? 0) > 18 * 20)
        #expect((5...30).contains(counts["call.received"] ?? 0))
        let inOrder = zip(events, events.dropFirst()).allSatisfy { $0.occurredAt <= $1.occurredAt }
        #expect(inOrder)
    }

    @Test func patrolsMoveAlongTheRoadsAndStationsAreSpreadOut() {
        let plan = CityPlan.make(on: Self.streets, seed: 42)
        #expect(Set(plan.stations.map(\.agency)) == ["police", "fire", "ems"])
        var simulation = CitySimulation(streets: Self.streets, plan: plan, seed: 42, start: start)
        let events = simulation.advance(to: start.adding(milliseconds: 120_000)).filter { $0.source == "unit:police-station-1-patrol-1" }
        let first = events.first!.location!, last = events.last!.location!
        let moved = GreatCircle.distanceMetres(first, last)
        #expect(moved > 50 && moved < 32 / 3.6 * 120 + 1)
        for (i, a) in plan.stations.enumerated() {
            for b in plan.stations[(i + 1)...] {
                #expect(GreatCircle.distanceMetres(Self.streets.coordinates[Int(a.node)], Self.streets.coordinates[Int(b.node)]) > 300)
            }
        }
    }
}
