import Foundation
import SafeCityCore
import SafeCityDispatch
import Testing

@Suite struct MergeAndEscalationTests {
    @Test func aConfirmedDuplicateClosesAndHandsItsUnitsOver() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let first = try await fixture.service.openIncident(DispatchFixture.call(node: 600), actor: "taker-1")
        fixture.clock.advance(milliseconds: 120_000)
        let second = try await fixture.service.openIncident(DispatchFixture.call(node: 600), actor: "taker-2")
        #expect(second.possibleDuplicates == [first.id])
        _ = try await fixture.service.assign(incidentID: second.id, unitIDs: ["p1"], actor: "dispatcher")

        let primary = try await fixture.service.merge(second.id, into: first.id, actor: "dispatcher")
        #expect(primary.assignedUnits == ["p1"])
        let board = try await fixture.service.board()
        #expect(board.incidents[second.id]?.disposition == "duplicate")
        #expect(board.incidents[second.id]?.mergedInto == first.id)
        #expect(board.units["p1"]?.incidentID == first.id)
        #expect(board.incidents[first.id]?.timeline.last?.what.contains("absorbed duplicate \(second.id)") == true)

        // Closing the primary releases the moved unit.
        _ = try await fixture.service.closeIncident(first.id, disposition: "resolved", actor: "dispatcher")
        #expect(try await fixture.service.board().units["p1"]?.status == .available)
    }

    @Test func mergesThatMakeNoSenseChangeNothing() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let first = try await fixture.service.openIncident(DispatchFixture.call(node: 600), actor: "test")
        let second = try await fixture.service.openIncident(DispatchFixture.call(node: 610), actor: "test")
        _ = try await fixture.service.closeIncident(second.id, disposition: "unfounded", actor: "test")
        let before = try await fixture.logSize()
        await #expect(throws: DispatchError.invalid(ValidationError(field: "into", reason: "an incident cannot be merged into itself"))) {
            try await fixture.service.merge(first.id, into: first.id, actor: "test")
        }
        await #expect(throws: DispatchError.conflict("incident \(second.id) is closed")) {
            try await fixture.service.merge(first.id, into: second.id, actor: "test")
        }
        await #expect(throws: DispatchError.notFound(kind: "incident", id: "inc-99")) {
            try await fixture.service.merge("inc-99", into: first.id, actor: "test")
        }
        #expect(try await fixture.logSize() == before)
    }

    @Test func unacknowledgedIncidentsEscalateOnceByPriority() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let urgent = try await fixture.service.openIncident(DispatchFixture.call(node: 600, priority: 1), actor: "test")
        let routine = try await fixture.service.openIncident(DispatchFixture.call("LAW-BURGLARY", node: 900, priority: 4), actor: "test")
        let answered = try await fixture.service.openIncident(DispatchFixture.call(node: 1200, priority: 1), actor: "test")
        _ = try await fixture.service.assign(incidentID: urgent.id, unitIDs: ["p1"], actor: "test")  // dispatched, not acknowledged
        _ = try await fixture.service.assign(incidentID: answered.id, unitIDs: ["p2"], actor: "test")
        _ = try await fixture.service.changeStatus(unitID: "p2", to: .enRoute, actor: "p2")

        fixture.clock.advance(milliseconds: 89_000)
        #expect(try await fixture.service.escalateOverdue().isEmpty, "nothing is late before 90 s")
        fixture.clock.advance(milliseconds: 2_000)
        #expect(try await fixture.service.escalateOverdue() == [urgent.id])
        #expect(try await fixture.service.escalateOverdue().isEmpty, "an incident escalates once")
        fixture.clock.advance(milliseconds: 600_000)
        #expect(try await fixture.service.escalateOverdue() == [routine.id])
        let board = try await fixture.service.board()
        #expect(board.incidents[urgent.id]?.escalatedAt != nil)
        #expect(board.incidents[answered.id]?.escalatedAt == nil)
        #expect(board.incidents[urgent.id]?.timeline.last?.what == "escalated: no unit acknowledged within 90 s (waited 91 s)")
    }
}

@Suite struct RespondersTests {
    @Test func etasFollowTheUnitsPositions() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let incident = try await fixture.service.openIncident(DispatchFixture.call(node: 600), actor: "test")
        _ = try await fixture.service.assign(incidentID: incident.id, unitIDs: ["p1", "p2"], actor: "test")
        _ = try await fixture.service.changeStatus(unitID: "p2", to: .onScene, actor: "p2")
        let before = try await fixture.service.responders(incidentID: incident.id)
        #expect(before.map(\.unitID) == ["p1", "p2"])
        #expect(before[1].etaSeconds == nil, "a unit on scene has no ETA")
        let initial = try #require(before[0].etaSeconds)

        // p1 reports a position next to the incident: its ETA drops to what the road says from there.
        let near = DispatchFixture.node(600)
        _ = try await fixture.log.append([NewEvent(type: DispatchEvents.unitPosition, source: "unit:p1", actor: "p1", occurredAt: fixture.clock.now(),
                                                   location: near, payload: try EventPayload(encoding: ["unitID": "p1"]))])
        let after = try await fixture.service.responders(incidentID: incident.id)
        let expected = monacoRouting.travelTimes(from: [near], to: incident.location)?.first ?? nil
        #expect(after[0].etaSeconds == expected)
        #expect(try #require(after[0].etaSeconds) < initial)
        #expect(after[0].positionAt == fixture.clock.now())
    }
}
