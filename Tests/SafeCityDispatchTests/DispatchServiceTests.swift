import Foundation
import Geo
import RoadNetwork
import SafeCityCore
import SafeCityDispatch
import Testing

@Suite struct DispatchServiceTests {
    @Test func aUnitIsOnOneIncidentAtATime() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let first = try await fixture.service.openIncident(DispatchFixture.call(node: 600), actor: "test")
        let second = try await fixture.service.openIncident(DispatchFixture.call("LAW-BURGLARY", node: 1300), actor: "test")
        _ = try await fixture.service.assign(incidentID: first.id, unitIDs: ["p1"], actor: "test")
        let before = try await fixture.logSize()
        await #expect(throws: DispatchError.conflict("unit p1 is dispatched on incident \(first.id); a unit can be on one incident at a time")) {
            try await fixture.service.assign(incidentID: second.id, unitIDs: ["p2", "p1"], actor: "test")
        }
        #expect(try await fixture.logSize() == before)
        #expect(try await fixture.service.board().units["p2"]?.status == .available)
    }

    @Test func twoDispatchersRacingForOneUnitGetOneSuccess() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let a = try await fixture.service.openIncident(DispatchFixture.call(node: 600), actor: "test")
        let b = try await fixture.service.openIncident(DispatchFixture.call("LAW-BURGLARY", node: 1300), actor: "test")
        let service = fixture.service
        async let first = attempt { try await service.assign(incidentID: a.id, unitIDs: ["p3"], actor: "one") }
        async let second = attempt { try await service.assign(incidentID: b.id, unitIDs: ["p3"], actor: "two") }
        let results = await [first, second]
        #expect(results.filter { (try? $0.get()) != nil }.count == 1)
        #expect(results.contains { result in
            if case let .failure(error) = result, case .conflict = error as? DispatchError { true } else { false }
        })
        #expect(try await fixture.service.board().incidents.values.map(\.assignedUnits.count).reduce(0, +) == 1)
    }

    @Test func recommendationsAreTheLowestETAsCheckedAgainstDijkstraFromEveryUnit() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        for target in [600, 50, 1700] {
            let incident = try await fixture.service.openIncident(DispatchFixture.call(node: target), actor: "test")
            let result = try await fixture.service.recommend(incidentID: incident.id)
            let engine = monacoRouting.engine
            var dijkstra = try DijkstraQuery(graph: engine.graph, weights: engine.metric.edgeWeights)
            let end = try #require(engine.snapper.snap(incident.location, maxDistanceMetres: 500)).nearestNode
            let board = try await fixture.service.board()
            let patrols = board.units.values.filter { $0.kind == "patrol" }.compactMap { unit -> (String, Double)? in
                guard let start = engine.snapper.snap(unit.position, maxDistanceMetres: 500)?.nearestNode,
                      let time = dijkstra.travelTime(from: start, to: end) else { return nil }
                return (unit.id, Double(time) / 10)
            }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            #expect(result.units.map(\.unitID) == patrols.prefix(2).map(\.0))
            #expect(result.units.map(\.etaSeconds) == patrols.prefix(2).map(\.1))
            #expect(result.units.map(\.etaSeconds) == result.units.map(\.etaSeconds).sorted())
            #expect(result.units.allSatisfy { $0.reason.contains("ETA") })
        }
    }

    @Test func runCardsFillEachRoleAndReportShortfalls() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let result = try await fixture.service.recommend(typeCode: "FIRE-STRUCTURE", at: DispatchFixture.node(600))
        #expect(result.units.map(\.role) == ["engine", "engine", "ladder", "advanced life support"])
        #expect(Set(result.units.map(\.unitID)) == ["e1", "e2", "l1", "a1"])
        let hazmat = try await fixture.service.recommend(typeCode: "HAZMAT", at: DispatchFixture.node(600))
        #expect(hazmat.shortfalls.count == 1 && hazmat.shortfalls[0].hasPrefix("hazmat"))
    }

    @Test func callerDetailsAreEncryptedAtRest() async throws {
        let fixture = try await DispatchFixture(units: [])
        defer { fixture.close() }
        var form = DispatchFixture.call()
        form.callerName = "Jeanne Testcaller"
        form.callerPhone = "+377 555 0199"
        let incident = try await fixture.service.openIncident(form, actor: "test")
        #expect(incident.callerSealed != nil)
        #expect(try await fixture.service.callerDetails(incidentID: incident.id) == "name=Jeanne Testcaller\nphone=+377 555 0199")
        let records = try await fixture.log.read(after: 0, limit: 100)
        for record in records {
            #expect(!String(decoding: record.event.payload.bytes, as: UTF8.self).contains("0199"))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.directory.url.path) {
            let bytes = try Data(contentsOf: fixture.directory.url.appendingPathComponent(name))
            #expect(bytes.range(of: Data("Testcaller".utf8)) == nil, "plaintext caller name in \(name)")
            #expect(bytes.range(of: Data("555 0199".utf8)) == nil, "plaintext caller phone in \(name)")
        }
    }

    @Test func badInputIsRefusedAndNothingIsWritten() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let before = try await fixture.logSize()
        let cases: [(CallForm, String)] = [
            (CallForm(typeCode: "NOPE", priority: 2, latitude: 43.73, longitude: 7.42), "typeCode"),
            (CallForm(typeCode: "MED-SICK", priority: 9, latitude: 43.73, longitude: 7.42), "priority"),
            (CallForm(typeCode: "MED-SICK", priority: 2, latitude: 95, longitude: 7.42), "latitude"),
            (CallForm(typeCode: "MED-SICK", priority: 2, latitude: 48.85, longitude: 2.35), "latitude"),
            (CallForm(typeCode: "MED-SICK", priority: 2, address: "Place du Casino"), "address"),
            (CallForm(typeCode: "MED-SICK", priority: 2), "latitude"),
        ]
        for (form, field) in cases {
            do {
                _ = try await fixture.service.openIncident(form, actor: "test")
                Issue.record("accepted \(form)")
            } catch let DispatchError.invalid(error) {
                #expect(error.field == field)
            }
        }
        let point = DispatchFixture.node(600)
        let byAddress = try await fixture.service.openIncident(
            CallForm(typeCode: "MED-SICK", priority: 2, address: "\(point.latitude), \(point.longitude)"), actor: "test")
        #expect(GreatCircle.distanceMetres(byAddress.location, point) < 1)
        await #expect(throws: DispatchError.notFound(kind: "incident", id: "inc-99")) {
            try await fixture.service.assign(incidentID: "inc-99", unitIDs: ["p1"], actor: "test")
        }
        await #expect(throws: DispatchError.notFound(kind: "unit", id: "ghost")) {
            try await fixture.service.assign(incidentID: byAddress.id, unitIDs: ["ghost"], actor: "test")
        }
        #expect(try await fixture.logSize() == before + 1)
    }

    @Test func sameTypeNearbyAndRecentIsSuggestedAsDuplicate() async throws {
        let fixture = try await DispatchFixture(units: [])
        defer { fixture.close() }
        let first = try await fixture.service.openIncident(DispatchFixture.call("MED-SICK", node: 600), actor: "test")
        let again = try await fixture.service.openIncident(DispatchFixture.call("MED-SICK", node: 600), actor: "test")
        let otherType = try await fixture.service.openIncident(DispatchFixture.call("LAW-BURGLARY", node: 600), actor: "test")
        fixture.clock.advance(milliseconds: 31 * 60_000)
        let later = try await fixture.service.openIncident(DispatchFixture.call("MED-SICK", node: 600), actor: "test")
        #expect(first.possibleDuplicates.isEmpty)
        #expect(again.possibleDuplicates == [first.id])
        #expect(otherType.possibleDuplicates.isEmpty)
        #expect(later.possibleDuplicates.isEmpty)
    }

    @Test func callToCloseEndToEndIsInTheLogAndTheRebuiltProjectionMatches() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let incident = try await fixture.service.openIncident(DispatchFixture.call("TRAFFIC-INJURY", node: 800), actor: "key:dispatcher")
        let recommended = try await fixture.service.recommend(incidentID: incident.id)
        #expect(recommended.units.map(\.role) == ["patrol", "ambulance", "engine"])
        let assignments = try await fixture.service.assign(incidentID: incident.id, unitIDs: recommended.units.map(\.unitID), actor: "key:dispatcher")
        #expect(assignments.allSatisfy { $0.reason.hasPrefix("recommended") && ($0.route?.coordinates.count ?? 0) >= 2 })
        for unit in recommended.units {
            fixture.clock.advance(milliseconds: 60_000)
            try await fixture.service.changeStatus(unitID: unit.unitID, to: .enRoute, actor: "key:field")
            try await fixture.service.changeStatus(unitID: unit.unitID, to: .onScene, actor: "key:field")
        }
        let ambulance = recommended.units[1].unitID
        try await fixture.service.changeStatus(unitID: ambulance, to: .transporting, actor: "key:field")
        try await fixture.service.changeStatus(unitID: ambulance, to: .atHospital, actor: "key:field")
        let closed = try await fixture.service.closeIncident(incident.id, disposition: "transported", actor: "key:dispatcher")
        #expect(closed.disposition == "transported" && !closed.isOpen)
        let board = try await fixture.service.board()
        #expect(recommended.units.allSatisfy { board.units[$0.unitID]?.status == .available && board.units[$0.unitID]?.incidentID == nil })
        #expect(closed.timeline.first?.what.hasPrefix("opened") == true && closed.timeline.last?.what == "closed: transported")
        // opened, 3 × (assigned, dispatched, en route, on scene), transporting, at hospital, 3 released, closed
        #expect(closed.timeline.count == 19)
        await #expect(throws: DispatchError.conflict("incident \(incident.id) is already closed")) {
            try await fixture.service.closeIncident(incident.id, disposition: "resolved", actor: "key:dispatcher")
        }
        var rebuilt = DispatchProjection.initialState()
        for record in try await fixture.log.read(after: 0, limit: 10_000) { DispatchProjection.apply(record, to: &rebuilt) }
        #expect(rebuilt == board)
    }
}

/// The outcome of a throwing call, for racing two of them.
func attempt<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
