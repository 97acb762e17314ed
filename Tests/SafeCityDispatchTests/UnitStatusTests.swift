import SafeCityCore
import SafeCityDispatch
import Testing

@Suite struct UnitStatusTests {
    /// The statuses each status is reached by from available, as service commands.
    static let pathTo: [UnitStatus: [UnitStatus]] = [
        .available: [], .dispatched: [.dispatched], .enRoute: [.dispatched, .enRoute], .onScene: [.dispatched, .onScene],
        .transporting: [.dispatched, .onScene, .transporting], .atHospital: [.dispatched, .onScene, .transporting, .atHospital],
        .outOfService: [.outOfService],
    ]

    @Test func tableCoversEveryStatusAndKeepsDispatchOnlyFromAvailable() {
        for status in UnitStatus.allCases {
            #expect(UnitStatus.transitions[status] != nil, "\(status) has a row")
            #expect(!status.canMove(to: status), "\(status) to itself")
            #expect(status.canMove(to: .dispatched) == (status == .available))
        }
    }

    @Test func everyLegalTransitionIsAcceptedAndEveryIllegalOneRefused() async throws {
        let fixture = try await DispatchFixture(units: [])
        defer { fixture.close() }
        let incident = try await fixture.service.openIncident(DispatchFixture.call(), actor: "test")
        var index = 0
        for from in UnitStatus.allCases {
            for to in UnitStatus.allCases {
                index += 1
                let unit = "u\(index)"
                try await fixture.service.registerStation(id: "s\(index)", agency: "police", location: DispatchFixture.node(index * 37), actor: "test")
                try await fixture.service.registerUnit(id: unit, agency: "police", kind: "patrol", stationID: "s\(index)", actor: "test")
                for step in Self.pathTo[from]! {
                    if step == .dispatched {
                        _ = try await fixture.service.assign(incidentID: incident.id, unitIDs: [unit], actor: "test")
                    } else {
                        try await fixture.service.changeStatus(unitID: unit, to: step, actor: "test")
                    }
                }
                let before = try await fixture.logSize()
                let legal = from.canMove(to: to) && to != .dispatched
                do {
                    let moved = try await fixture.service.changeStatus(unitID: unit, to: to, actor: "test")
                    #expect(legal, "\(from) → \(to) was accepted")
                    #expect(moved.status == to && moved.history.last?.status == to)
                    #expect(moved.incidentID == (to.isCommitted ? incident.id : nil))
                } catch let error as DispatchError {
                    #expect(!legal, "\(from) → \(to) was refused: \(error)")
                    guard case .conflict = error else { Issue.record("expected a conflict, got \(error)"); continue }
                    #expect(try await fixture.logSize() == before)
                }
            }
        }
    }

    @Test func expectedStatusMismatchIsAConflict() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        await #expect(throws: DispatchError.conflict("unit p1 is available, not on-scene")) {
            try await fixture.service.changeStatus(unitID: "p1", to: .available, expected: .onScene, actor: "test")
        }
        await #expect(throws: DispatchError.notFound(kind: "unit", id: "nope")) {
            try await fixture.service.changeStatus(unitID: "nope", to: .outOfService, actor: "test")
        }
    }
}
