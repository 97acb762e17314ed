import Foundation
import SafeCityCore
import SafeCityTesting
import Storage
import Testing

/// One suite, run on every database SafeCity supports: what the services rely on must hold on each.
@Suite(.timeLimit(.minutes(2))) struct StorageConformanceTests {
    @Test(arguments: TestStorage.enabled) func appendsGapFreeHashChainedBatchesAndReadsThemBack(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        let log = storage.log
        let first = try await log.append(EventFactory.observations(3, seed: 1))
        let second = try await log.append(EventFactory.observations(2, seed: 2) + [NewEvent(
            type: "alert.drafted", source: "test", actor: "tester", occurredAt: Timestamp(millisecondsSince1970: 5), location: nil,
            payload: EventPayload(.object(["note": .string("no location, non-ASCII: é✓")])))])
        #expect((first + second).map(\.sequence) == [1, 2, 3, 4, 5, 6])
        #expect(second[0].previousHash == first[2].hash)
        #expect(try await log.read(after: 0, limit: 100) == first + second, "every field comes back as stored")
        #expect(try await log.read(after: 3, limit: 1).map(\.sequence) == [4])
        #expect(try await log.lastSequence() == 6)
        let alerts = try await log.read(after: 0, limit: 10, types: ["alert.drafted"])
        #expect(alerts.records.map(\.sequence) == [6] && alerts.scannedThrough == 6)
        let none = try await log.read(after: 0, limit: 10, types: ["no.such.type"])
        #expect(none.records.isEmpty && none.scannedThrough == 6, "a short page covered the whole log")
        let limited = try await log.read(after: 0, limit: 2, types: ["sensor.observation"])
        #expect(limited.records.map(\.sequence) == [1, 2] && limited.scannedThrough == 2)
        #expect(try await ChainVerifier().verify(log) == .intact(count: 6, headHash: second[2].hash))
    }

    @Test(arguments: TestStorage.enabled) func aBatchWithAKnownIDIsRefusedWholeAndChangesNothing(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        let events = EventFactory.observations(3, seed: 1)
        _ = try await storage.log.append([events[0]])
        await #expect(throws: EventLogError.duplicateEventID(events[0].id, existingSequence: 1)) {
            try await storage.log.append([events[1], events[0], events[2]])
        }
        #expect(try await storage.log.lastSequence() == 1)
        #expect(try await storage.log.append([events[1], events[2]]).map(\.sequence) == [2, 3])
    }

    @Test(arguments: TestStorage.enabled) func reopeningKeepsEverythingAndContinuesTheChain(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let location = try await kind.makeLocation(in: dir)
        let before = try await StorageBackend.open(location, clock: ManualClock())
        let first = try await before.log.append(EventFactory.observations(4, seed: 3))
        await before.close()
        let after = try await StorageBackend.open(location, clock: ManualClock())
        defer { Task { await after.close() } }
        #expect(await after.log.headSignal.current == 4)
        let next = try await after.log.append(EventFactory.observations(1, seed: 4))
        #expect(next[0].sequence == 5 && next[0].previousHash == first[3].hash)
        #expect(try await after.appliedMigrations() == ["v1-event-log", "v2-alert-delivery", "v3-accounts", "v4-privacy-field-keys", "v5-reporter-notices"])
    }

    @Test(arguments: TestStorage.enabled) func aConditionalAppendFailsWhenAWatchedTypeArrivedMeanwhile(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        let log = storage.log
        _ = try await log.append(EventFactory.observations(2, seed: 5))
        let decidedAt = try await log.lastSequence()
        // Records of other types do not matter.
        _ = try await log.append(EventFactory.observations(1, seed: 6))
        let ok = try await log.append(EventFactory.observations(1, seed: 7), unlessAnyOf: ["dispatch.unit.status-changed"], after: decidedAt)
        #expect(ok.map(\.sequence) == [4])
        // One of the watched type after the writer's position: nothing is appended.
        await #expect(throws: EventLogError.conflict(after: decidedAt)) {
            try await log.append(EventFactory.observations(1, seed: 8), unlessAnyOf: ["sensor.observation"], after: decidedAt)
        }
        #expect(try await log.lastSequence() == 4)
    }

    @Test(arguments: TestStorage.enabled) func appendNewRecordsEachDerivedIDOnce(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        func signal(_ key: String) -> NewEvent {
            NewEvent(id: EventID.derived(namespace: "test", key: key), type: "sensing.signal", source: "test", actor: "detector",
                     occurredAt: Timestamp(millisecondsSince1970: 1), payload: EventPayload(.object(["key": .string(key)])))
        }
        let first = try await storage.log.appendNew([signal("a"), signal("b")])
        let second = try await storage.log.appendNew([signal("b"), signal("c"), signal("c")])
        #expect(first.map(\.sequence) == [1, 2])
        #expect(second.map(\.event.id) == [signal("c").id] && second[0].sequence == 3, "b was there, c counted once")
        #expect(try await storage.log.appendNew([signal("a")]).isEmpty)
        #expect(EventID.derived(namespace: "test", key: "a") != EventID.derived(namespace: "other", key: "a"))
    }

    @Test(arguments: TestStorage.enabled) func writersOnTwoConnectionsShareOneChain(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let location = try await kind.makeLocation(in: dir)
        let nodeA = try await StorageBackend.open(location), nodeB = try await StorageBackend.open(location)
        defer { Task { await nodeA.close(); await nodeB.close() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                let log = writer % 2 == 0 ? nodeA.log : nodeB.log
                group.addTask {
                    for batch in 0..<10 { _ = try await log.append(EventFactory.observations(5, seed: UInt64(1_000 * writer + batch))) }
                }
            }
            try await group.waitForAll()
        }
        let outcome = try await ChainVerifier().verify(nodeA.log)
        guard case let .intact(count, _) = outcome else { Issue.record("chain broken: \(outcome)"); return }
        #expect(count == 400)
        #expect(Set(try await nodeB.log.read(after: 0, limit: 1_000).map(\.event.id)).count == 400)
    }

    @Test(arguments: TestStorage.enabled) func checkpointsKeepTheNewest(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        let store = storage.checkpoints
        #expect(try await store.loadCheckpoint(name: "board") == nil)
        try await store.saveCheckpoint(ProjectionCheckpoint(name: "board", version: 1, sequence: 10, state: [1, 2]))
        try await store.saveCheckpoint(ProjectionCheckpoint(name: "board", version: 1, sequence: 5, state: [9]))
        #expect(try await store.loadCheckpoint(name: "board") == ProjectionCheckpoint(name: "board", version: 1, sequence: 10, state: [1, 2]),
                "an older checkpoint (a slower node) does not replace a newer one")
        try await store.saveCheckpoint(ProjectionCheckpoint(name: "board", version: 2, sequence: 3, state: []))
        #expect(try await store.loadCheckpoint(name: "board")?.version == 2, "a new version replaces any")
    }

    @Test(arguments: TestStorage.enabled) func keysAccountsAndSessionsRoundTrip(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        let key = APIKeyRecord(id: "k1", name: "cad", role: .dispatcher, secretHash: [1, 2, 3], createdAt: Timestamp(millisecondsSince1970: 7), createdBy: "admin")
        try await storage.apiKeys.insert(key)
        #expect(try await storage.apiKeys.key(id: "k1") == key)
        #expect(try await storage.apiKeys.revoke(id: "k1", at: Timestamp(millisecondsSince1970: 9)))
        #expect(try await !storage.apiKeys.revoke(id: "k1", at: Timestamp(millisecondsSince1970: 10)), "revoked once")
        #expect(try await storage.apiKeys.all().map(\.revokedAt) == [Timestamp(millisecondsSince1970: 9)])

        var account = AccountRecord(username: "ana", role: .admin, passwordHash: "scrypt$x", sealedTOTPSecret: "sealed",
                                    createdAt: Timestamp(millisecondsSince1970: 1), createdBy: "admin")
        try await storage.accounts.insert(account)
        account.failedLogins = 2
        account.totpLastStep = 123
        account.lockedUntil = Timestamp(millisecondsSince1970: 99)
        try await storage.accounts.update(account)
        #expect(try await storage.accounts.account(username: "ana") == account)
        #expect(try await storage.accounts.account(username: "nobody") == nil)
        for (id, role) in [("s1", Role.admin), ("s2", Role.dispatcher), ("s3", Role.dispatcher)] {
            try await storage.accounts.insert(SessionRecord(id: id, username: id == "s3" ? "bo" : "ana", role: role,
                                                            createdAt: Timestamp(millisecondsSince1970: 1), expiresAt: Timestamp(millisecondsSince1970: 1_000)))
        }
        #expect(try await storage.accounts.revokeSession(id: "s1", at: Timestamp(millisecondsSince1970: 5)))
        #expect(try await storage.accounts.session(id: "s1")?.revokedAt == Timestamp(millisecondsSince1970: 5))
        #expect(try await storage.accounts.revokeSessions(roles: [.dispatcher], username: "bo", at: Timestamp(millisecondsSince1970: 6)) == 1)
        #expect(try await storage.accounts.revokeSessions(roles: nil, username: nil, at: Timestamp(millisecondsSince1970: 7)) == 1, "only s2 was left open")
    }

    @Test(arguments: TestStorage.enabled) func subscriptionsRoundTrip(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        let records = (1...3).map { SubscriptionRecord(id: "sub-\($0)", definition: Array("{\"n\":\($0)}".utf8), sealedEndpoint: "e\($0)",
                                                        sealedSecret: "s\($0)", owner: "org", createdAt: Timestamp(millisecondsSince1970: Int64($0))) }
        try await storage.subscriptions.insert(records)
        #expect(try await storage.subscriptions.delete(id: "sub-2"))
        #expect(try await !storage.subscriptions.delete(id: "sub-2"))
        #expect(try await storage.subscriptions.all() == [records[0], records[2]])
    }

    @Test(arguments: TestStorage.enabled) func fieldKeysAreOnePerKindAndPeriodAndCanBeRewrappedAndShredded(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        let store = storage.fieldKeys
        let first = FieldKeyRecord(id: "k-a", kind: "caller", period: "2026-12", wrappedKey: [1, 2], kekID: "kek1", createdAt: Timestamp(millisecondsSince1970: 1))
        #expect(try await store.insert(first) == first)
        let rival = FieldKeyRecord(id: "k-b", kind: "caller", period: "2026-12", wrappedKey: [9], kekID: "kek1", createdAt: Timestamp(millisecondsSince1970: 2))
        #expect(try await store.insert(rival) == first, "a second node making the same month's key gets the one that stands")
        #expect(try await store.rewrap(id: "k-a", wrappedKey: [3, 4], kekID: "kek2"))
        #expect(try await store.all().map(\.kekID) == ["kek2"])
        #expect(try await store.delete(ids: ["k-a", "nope"]) == 1)
        #expect(try await store.all().isEmpty)
        #expect(try await store.rewrap(id: "k-a", wrappedKey: [5], kekID: "kek3") == false)
        var account = AccountRecord(username: "zed", role: .analyst, passwordHash: "h", sealedTOTPSecret: "s", createdAt: Timestamp(millisecondsSince1970: 1),
                                    createdBy: "admin")
        try await storage.accounts.insert(account)
        account.username = "amy"
        try await storage.accounts.insert(account)
        #expect(try await storage.accounts.allAccounts().map(\.username) == ["amy", "zed"])
        try await storage.accounts.insert(SessionRecord(id: "old", username: "amy", role: .analyst, createdAt: Timestamp(millisecondsSince1970: 1),
                                                        expiresAt: Timestamp(millisecondsSince1970: 10)))
        try await storage.accounts.insert(SessionRecord(id: "new", username: "amy", role: .analyst, createdAt: Timestamp(millisecondsSince1970: 1),
                                                        expiresAt: Timestamp(millisecondsSince1970: 1_000)))
        #expect(try await storage.accounts.deleteSessions(endedBefore: Timestamp(millisecondsSince1970: 100)) == 1)
        #expect(try await storage.accounts.session(id: "new") != nil)
        try await storage.subscriptions.insert([SubscriptionRecord(id: "s", definition: [], sealedEndpoint: "e", sealedSecret: "x", owner: "o",
                                                                   createdAt: Timestamp(millisecondsSince1970: 1))])
        #expect(try await storage.subscriptions.updateSealed(id: "s", sealedEndpoint: "e2", sealedSecret: "x2"))
        #expect(try await storage.subscriptions.all().map(\.sealedEndpoint) == ["e2"])
    }

    @Test(arguments: TestStorage.enabled) func theOutboxPlansOnceAndTwoClaimantsNeverShareADelivery(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        let outbox = storage.outbox
        func record(_ key: String, due: Int64) -> OutboxRecord {
            OutboxRecord(key: key, alertID: "a1", subscriptionID: "s-\(key)", body: Array(key.utf8), nextAttemptAt: Timestamp(millisecondsSince1970: due),
                         createdAt: Timestamp(millisecondsSince1970: 0))
        }
        try await outbox.enqueue((1...6).map { record("k\($0)", due: Int64($0)) }, plannedThrough: 7)
        try await outbox.enqueue([record("k1", due: 99)], plannedThrough: 3)
        #expect(try await outbox.plannedThrough() == 7, "the position never moves back")
        #expect(try await outbox.deliveries(ofAlert: "a1").first?.nextAttemptAt == Timestamp(millisecondsSince1970: 1), "a repeated key changes nothing")
        #expect(try await outbox.due(at: Timestamp(millisecondsSince1970: 3), limit: 10).map(\.key) == ["k1", "k2", "k3"])
        let now = Timestamp(millisecondsSince1970: 10), until = Timestamp(millisecondsSince1970: 1_000)
        let first = try await outbox.claim(at: now, limit: 4, owner: "node-a", until: until)
        #expect(first.map(\.key) == ["k1", "k2", "k3", "k4"])
        if kind == .postgres {
            let second = try await outbox.claim(at: now, limit: 10, owner: "node-b", until: until)
            #expect(second.map(\.key) == ["k5", "k6"], "claimed deliveries are not handed out again")
            #expect(try await outbox.nextDue() == until, "nothing is free before the claims run out")
            let afterExpiry = try await outbox.claim(at: Timestamp(millisecondsSince1970: 1_001), limit: 10, owner: "node-b", until: Timestamp(millisecondsSince1970: 2_000))
            #expect(afterExpiry.count == 6, "a dead node's claims are taken again once they run out")
        }
        var delivered = first[0], retry = first[1]
        delivered.state = .delivered
        delivered.attempts = 1
        retry.attempts = 1
        retry.nextAttemptAt = Timestamp(millisecondsSince1970: 5_000)
        retry.lastError = "HTTP 503"
        try await outbox.update([delivered, retry])
        #expect(try await outbox.counts() == [.delivered: 1, .pending: 5])
        #expect(try await outbox.deliveries(ofAlert: "a1").first { $0.key == "k2" }?.lastError == "HTTP 503")
        // Pruning takes finished deliveries older than the cut only; pending ones stay whatever their age.
        #expect(try await outbox.prune(finishedBefore: Timestamp(millisecondsSince1970: 1)) == 0, "k1 finished at 1, not before")
        #expect(try await outbox.prune(finishedBefore: Timestamp(millisecondsSince1970: 10_000)) == 1)
        #expect(try await outbox.counts() == [.pending: 5])
    }

    @Test(arguments: TestStorage.enabled) func deliveriesClaimedWhenPlannedAreTheirPlannersAlone(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        let outbox = storage.outbox
        func record(_ key: String) -> OutboxRecord {
            OutboxRecord(key: key, alertID: "a2", subscriptionID: "s-\(key)", body: Array(key.utf8), nextAttemptAt: Timestamp(millisecondsSince1970: 1),
                         createdAt: Timestamp(millisecondsSince1970: 0))
        }
        let claim = OutboxClaim(owner: "node-a", until: Timestamp(millisecondsSince1970: 1_000))
        #expect(try await outbox.enqueue([record("p1"), record("p2")], plannedThrough: 4, claim: claim) == ["p1", "p2"])
        // Another node planning the same approval stores only what is new, and is told so.
        #expect(try await outbox.enqueue([record("p2"), record("p3")], plannedThrough: 4, claim: nil) == ["p3"])
        #expect(try await outbox.plannedThrough() == 4)
        if kind == .postgres {
            let other = try await outbox.claim(at: Timestamp(millisecondsSince1970: 10), limit: 10, owner: "node-b", until: Timestamp(millisecondsSince1970: 2_000))
            #expect(other.map(\.key) == ["p3"], "what its planner holds is not handed out again")
            let later = try await outbox.claim(at: Timestamp(millisecondsSince1970: 1_001), limit: 10, owner: "node-b", until: Timestamp(millisecondsSince1970: 3_000))
            #expect(later.map(\.key) == ["p1", "p2"], "a planner that died leaves its deliveries to be taken once the claim runs out")
        }
    }

    @Test(arguments: TestStorage.enabled) func theNoticeOutboxPlansOnceClaimsByChannelAndNeverHandsANoticeToTwoClaimants(_ kind: TestStorage) async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await kind.open(in: dir)
        defer { Task { await storage.close() } }
        let notices = storage.notices
        func notice(_ sequence: Int64, _ channel: String, due: Int64) -> NoticeRecord {
            NoticeRecord(eventSequence: sequence, requestID: "000001", reporterRequestID: sequence == 4 ? "000002" : "000001", channel: channel,
                         nextAttemptAt: Timestamp(millisecondsSince1970: due), createdAt: Timestamp(millisecondsSince1970: 0))
        }
        #expect(try await notices.plannedThrough() == 0)
        try await notices.enqueue([notice(1, "email", due: 1), notice(1, "sms", due: 1), notice(2, "email", due: 2), notice(3, "email", due: 3),
                                   notice(4, "email", due: 4)], plannedThrough: 9)
        try await notices.enqueue([notice(1, "email", due: 99)], plannedThrough: 5)
        #expect(try await notices.plannedThrough() == 9, "the position never moves back")
        #expect(try await notices.notices(ofRequest: "000002").map(\.key) == ["4-email"], "found by the reporter's own request")
        #expect(try await notices.notices(ofRequest: "000001").first?.nextAttemptAt == Timestamp(millisecondsSince1970: 1), "a repeated key changes nothing")
        let now = Timestamp(millisecondsSince1970: 10), until = Timestamp(millisecondsSince1970: 1_000)
        #expect(try await notices.claim(channels: [], at: now, limit: 10, owner: "a", until: until).isEmpty)
        let first = try await notices.claim(channels: ["email"], at: now, limit: 2, owner: "node-a", until: until)
        #expect(first.map(\.key) == ["1-email", "2-email"], "only the channels asked for, earliest first")
        let second = try await notices.claim(channels: ["email", "sms"], at: now, limit: 10, owner: "node-b", until: until)
        #expect(second.map(\.key) == ["1-sms", "3-email", "4-email"], "claimed notices are not handed out again")
        #expect(try await notices.nextDue(channels: ["email"]) == until, "nothing is free before the claims run out")
        let afterExpiry = try await notices.claim(channels: ["email"], at: Timestamp(millisecondsSince1970: 1_001), limit: 10, owner: "node-b",
                                                  until: Timestamp(millisecondsSince1970: 2_000))
        #expect(afterExpiry.count == 4, "a dead node's claims are taken again once they run out")
        var sent = first[0], retry = first[1], abandoned = second[2]
        sent.state = .delivered
        sent.attempts = 1
        retry.attempts = 1
        retry.nextAttemptAt = Timestamp(millisecondsSince1970: 5_000)
        retry.lastError = "421 try later"
        abandoned.state = .abandoned
        abandoned.lastError = "contact erased"
        try await notices.update([sent, retry, abandoned])
        #expect(try await notices.counts() == ["email": [.delivered: 1, .pending: 2, .abandoned: 1], "sms": [.pending: 1]])
        #expect(try await notices.nextDue(channels: ["sms"]) == until, "the sms notice waits out node-b's claim")
        #expect(try await notices.recent(state: .abandoned, limit: 5).map(\.lastError) == ["contact erased"])
        #expect(try await notices.recent(state: nil, limit: 2).map(\.key) == ["4-email", "3-email"], "newest first")
        let claimedAgain = try await notices.claim(channels: ["email"], at: Timestamp(millisecondsSince1970: 5_000), limit: 10, owner: "c",
                                                   until: Timestamp(millisecondsSince1970: 6_000))
        #expect(claimedAgain.map(\.key) == ["3-email", "2-email"], "an update releases its claim; a retry is due at its next attempt, earliest first")
        #expect(claimedAgain.last?.lastError == "421 try later")
    }

    @Test func anotherNodesCommitWakesThisNodesReaders() async throws {
        guard TestStorage.enabled.contains(.postgres) else { return }
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let location = try await TestStorage.postgres.makeLocation(in: dir)
        let nodeA = try await StorageBackend.open(location), nodeB = try await StorageBackend.open(location)
        defer { Task { await nodeA.close(); await nodeB.close() } }
        #expect(await nodeB.log.headSignal.current == 0)
        _ = try await nodeA.log.append(EventFactory.observations(3, seed: 9))
        // The listener's NOTIFY (or its poll) advances B's head; the wait returns as soon as it does.
        let head = await nodeB.log.headSignal.wait(beyond: 0, timeout: .seconds(30))
        #expect(head == 3)
        #expect(try await nodeB.log.page(after: 0, limit: 10, types: nil).records.count == 3)
    }

    @Test func badPostgresURLsAreRefusedWithTheReason() async throws {
        for (url, reason) in [("mysql://x@h/db", "starts with postgres://"), ("postgres://h/db", "no user name"), ("postgres://u@h/", "no database name"),
                              ("postgres://u@h/db?sslmode=sometimes", "unknown sslmode")] {
            #expect(throws: EventLogError.self) { try PostgresLocation(url: url) }
            do { _ = try PostgresLocation(url: url) } catch { #expect("\(error)".contains(reason), "\(url): \(error)") }
        }
        let location = try PostgresLocation(url: "postgres://ops:s3cret@db.example:6432/safecity?sslmode=require")
        #expect(location.requiresTLS && location.port == 6432 && location.password == "s3cret")
        #expect(!location.description.contains("s3cret"), "the password never reaches logs")
    }
}
