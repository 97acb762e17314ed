import Alerting
import Community
import Foundation
import Geo
import SafeCityCore
import SafeCityDispatch
import SafeCityServer
import SafeCityTesting
import Simulation
import Testing

@Suite(.timeLimit(.minutes(3))) struct SimulatedDispatchDeskTests {
    /// A platform on Monaco with the simulated city and its desk, on a manual clock.
    static func city(in directory: TemporaryDirectory, meanSecondsBetweenCalls: Double) async throws
        -> (ManualClock, Platform, CityPlan, SimulatedDispatchDesk, SimulationDriver)
    {
        let clock = ManualClock()
        let platform = try await Platform(databasePath: directory.path("desk.sqlite"), clock: clock, roads: sharedMonaco)
        let streets = StreetNetwork(graph: sharedMonaco.car.graph)
        let plan = CityPlan.make(on: streets, seed: 7)
        var simulation = CitySimulation(streets: streets, plan: plan, seed: 7, start: clock.now())
        simulation.meanSecondsBetweenCalls = meanSecondsBetweenCalls
        let desk = SimulatedDispatchDesk(dispatch: platform.dispatch, routing: sharedMonaco.emergency, plan: plan, streets: streets, clock: clock)
        let driver = SimulationDriver(simulation: simulation, clock: clock) { events in
            _ = try await platform.append(events)
            await desk.step(after: events)
        }
        try await desk.open(city: driver, hospitals: DemoHospital.monaco)
        return (clock, platform, plan, desk, driver)
    }

    @Test func theDeskTakesADrillsCallAndSendsUnits() async throws {
        let directory = TemporaryDirectory("safecity-desk-drill")
        defer { directory.remove() }
        let (clock, platform, _, desk, driver) = try await Self.city(in: directory, meanSecondsBetweenCalls: 1e9)  // only the drill's call
        try await desk.takeDrills(from: platform.log)
        let drill = try await platform.drills.start(try #require(DrillScenario.named("structure-fire")),
                                                    at: GeoPoint(latitude: 43.7394, longitude: 7.4276), actor: "key:controller")
        for _ in 0..<60 {
            clock.advance(milliseconds: 1_000)
            await driver.tick()
        }
        let report = try #require(try await platform.drills.report(drill.id))
        #expect(report.timeline.incidentOpenedAt != nil, "the desk opened an incident for the drill's call")
        #expect(report.timeline.firstDispatchAt != nil, "and sent units when nobody else did")
        await platform.shutdown()
    }

    @Test func simulatedCallsRunTheirWholeLifecycleOnTheRoads() async throws {
        let directory = TemporaryDirectory("safecity-desk")
        defer { directory.remove() }
        let (clock, platform, plan, desk, driver) = try await Self.city(in: directory, meanSecondsBetweenCalls: 120)
        await desk.issueWarnings(with: platform.alerts, draftedBy: "key:officer", approvedBy: "key:supervisor")
        let stationed = Set(plan.units.filter { $0.agency != "police" }.map(\.id))

        for _ in 0..<(20 * 60) {
            clock.advance(milliseconds: 1_000)
            await driver.tick()
        }

        let board = try await platform.dispatch.board()
        #expect(board.units.count == plan.units.count)
        let closed = board.incidents.values.filter { !$0.isOpen }
        #expect(closed.count >= 3, "20 simulated minutes with a call every ~2 minutes should clear several incidents")
        var checked = 0
        for incident in closed {
            #expect(incident.disposition == "resolved" || incident.disposition == "transported")
            let records = try await platform.log.read(after: 0, limit: 100_000)
            for record in records where record.event.type == DispatchEvents.unitAssigned {
                let assigned = try record.event.payload.decode(DispatchEvents.UnitAssigned.self)
                guard assigned.incidentID == incident.id, let eta = assigned.etaSeconds else { continue }
                let history = board.units[assigned.unitID]!.history.filter { $0.incidentID == incident.id }
                #expect(history.map(\.status).contains(.onScene), "\(assigned.unitID) never reached \(incident.id)")
                // Units waiting at their station drive exactly their route: they arrive when the ETA said (within a tick or two).
                if stationed.contains(assigned.unitID), let onScene = history.first(where: { $0.status == .onScene }) {
                    let took = Double(onScene.at.millisecondsSince1970 - record.event.occurredAt.millisecondsSince1970) / 1000
                    #expect(abs(took - max(eta, 8)) <= 3, "\(assigned.unitID) took \(took) s for an ETA of \(eta) s")
                    checked += 1
                }
            }
        }
        #expect(checked > 0)
        // Ambulances took patients to hospital and came back into service.
        let transports = closed.filter { $0.disposition == "transported" }
        #expect(!transports.isEmpty)
        for incident in transports {
            let ambulances = board.units.values.filter { unit in unit.history.contains { $0.incidentID == incident.id && $0.status == .atHospital } }
            #expect(!ambulances.isEmpty, "\(incident.id) was transported but no ambulance reached a hospital")
        }
        // Fires, gas leaks and hazmat incidents warned residents with an approved CAP alert about that incident.
        let alerts = await platform.alerts.all()
        for incident in board.incidents.values where ["FIRE-STRUCTURE", "GAS-LEAK", "HAZMAT"].contains(incident.typeCode) {
            #expect(alerts.contains { $0.draft.incidentID == incident.id && $0.status == .approved && $0.approvedBy == "key:supervisor" })
        }
        let refusal = await desk.lastRefusal
        #expect(await desk.refusals == 0, "\(refusal ?? "")")
        await driver.stop()
        await platform.shutdown()
    }
}
