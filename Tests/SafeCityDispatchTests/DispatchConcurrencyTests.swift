import SafeCityCore
import SafeCityDispatch
import Testing

/// Two dispatch services on one log stand for two server nodes: each decides on its own copy of the
/// board, and the log's conditional append keeps them from both acting on a stale one.
@Suite(.timeLimit(.minutes(2))) struct DispatchConcurrencyTests {
    @Test func twoNodesSendingOneUnitAtOnceGiveOneAssignmentAndOneConflict() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let other = DispatchService(log: fixture.log, routing: monacoRouting, vault: fixture.vault, clock: fixture.clock)
        let first = try await fixture.service.openIncident(DispatchFixture.call(), actor: "dispatcher-a")
        let second = try await other.openIncident(DispatchFixture.call(node: 1_300), actor: "dispatcher-b")
        #expect(first.id != second.id, "the second node saw the first incident before numbering its own")
        // Both boards are current; both now see p1 available.
        _ = try await fixture.service.board()
        _ = try await other.board()
        func attempt(_ service: DispatchService, _ incident: String) async -> Result<[Assignment], any Error> {
            do { return .success(try await service.assign(incidentID: incident, unitIDs: ["p1"], actor: "dispatcher")) } catch { return .failure(error) }
        }
        async let a = attempt(fixture.service, first.id)
        async let b = attempt(other, second.id)
        let outcomes = await [a, b]
        let won = outcomes.filter { (try? $0.get()) != nil }.count
        #expect(won == 1, "exactly one assignment of p1 commits")
        for case let .failure(error) in outcomes {
            guard case let DispatchError.conflict(detail)? = error as? DispatchError else { Issue.record("unexpected \(error)"); continue }
            #expect(detail.contains("p1 is dispatched"), "the loser is told what is true now: \(detail)")
        }
        let assigned = try await fixture.log.read(after: 0, limit: 1_000, types: [DispatchEvents.unitAssigned]).records
        #expect(assigned.count == 1)
    }

    @Test func commandsThatDoNotCollideAllSucceedWhateverTheInterleaving() async throws {
        let fixture = try await DispatchFixture()
        defer { fixture.close() }
        let other = DispatchService(log: fixture.log, routing: monacoRouting, vault: fixture.vault, clock: fixture.clock)
        // Each node takes its own units in and out of service; their writes interleave on the one log, and a
        // write that finds the board changed runs again rather than failing.
        func toggle(_ service: DispatchService, _ units: [String]) async throws {
            for round in 0..<10 {
                for unit in units {
                    _ = try await service.changeStatus(unitID: unit, to: round % 2 == 0 ? .outOfService : .available, actor: "node")
                }
            }
        }
        async let a: Void = toggle(fixture.service, ["p1", "p2"])
        async let b: Void = toggle(other, ["p3", "p4"])
        _ = try await (a, b)
        let changes = try await fixture.log.read(after: 0, limit: 1_000, types: [DispatchEvents.unitStatusChanged]).records
        #expect(changes.count == 40)
        let board = try await other.board()
        #expect(["p1", "p2", "p3", "p4"].allSatisfy { board.units[$0]?.status == .available })
    }
}
