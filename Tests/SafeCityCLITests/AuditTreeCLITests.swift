import Foundation
import GRDB
import SafeCityCore
import SafeCityTesting
import Storage
import Testing

/// The Merkle audit from the command line: a tree head kept by an auditor catches a rewrite that
/// re-seals the whole hash chain (which `audit verify` alone cannot), and `audit check` verifies proofs
/// with nothing but the public key.
@Suite(.serialized, .timeLimit(.minutes(5))) struct AuditTreeCLITests {
    @Test func aKeptTreeHeadCatchesARewriteThatResealsTheChain() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let path = dir.path("audit.sqlite")
        try Data((Data(repeating: 7, count: 32).base64EncodedString() + "\n").utf8).write(to: URL(fileURLWithPath: dir.path("field.key")))
        let log = try SQLiteEventLog(database: try SQLiteDatabase(path: path))
        _ = try await log.append(EventFactory.observations(12))

        let head = try await CLIRunner.run(["audit", "tree-head", "--database", path])
        #expect(head.status == 0, "\(head.stderr)")
        let headFile = dir.path("head-12.json")
        try Data(head.stdout.utf8).write(to: URL(fileURLWithPath: headFile))
        #expect(head.stdout.contains(#""treeSize" : 12"#))

        _ = try await log.append(EventFactory.observations(5, seed: 2))
        let grown = try await CLIRunner.run(["audit", "verify", "--database", path, "--tree-head", headFile])
        #expect(grown.status == 0, "\(grown.stderr)")
        #expect(grown.stdout.contains("intact: 17 records"))
        #expect(grown.stdout.contains("consistent with the tree head"))

        // Someone with the database rewrites record 4 and re-seals every later link, so the chain checks out.
        try await log.database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER events_no_update")
            try db.execute(sql: "UPDATE events SET source = 'sensor:forged' WHERE seq = 4")
        }
        let stored = try await SQLiteEventLog(database: try SQLiteDatabase(path: path)).read(after: 0, limit: 100)
        try await log.database.pool.write { db in
            var previous = HashChain.genesis
            for record in stored {
                let hash = HashChain.hash(previous: previous, sequence: record.sequence, recordedAt: record.recordedAt, event: record.event)
                try db.execute(sql: "UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [Data(previous), Data(hash), record.sequence])
                previous = hash
            }
        }
        let chainOnly = try await CLIRunner.run(["audit", "verify", "--database", path])
        #expect(chainOnly.status == 0, "a re-sealed chain passes the chain check alone: \(chainOnly.stderr)")
        let caught = try await CLIRunner.run(["audit", "verify", "--database", path, "--tree-head", headFile])
        #expect(caught.status != 0)
        #expect(caught.stderr.contains("no longer extends the tree head"), "\(caught.stderr)")
        #expect(caught.stderr.split(separator: "\n").count == 1)
    }

    @Test func checkVerifiesProofsWithOnlyThePublicKeyAndRefusesForgeries() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let path = dir.path("audit.sqlite")
        try Data((Data(repeating: 9, count: 32).base64EncodedString() + "\n").utf8).write(to: URL(fileURLWithPath: dir.path("field.key")))
        let log = try SQLiteEventLog(database: try SQLiteDatabase(path: path))
        _ = try await log.append(EventFactory.observations(7))
        let first = try await CLIRunner.run(["audit", "tree-head", "--database", path])
        _ = try await log.append(EventFactory.observations(6, seed: 2))
        let second = try await CLIRunner.run(["audit", "tree-head", "--database", path])
        try Data(first.stdout.utf8).write(to: URL(fileURLWithPath: dir.path("h7.json")))
        try Data(second.stdout.utf8).write(to: URL(fileURLWithPath: dir.path("h13.json")))

        // The proofs, as the API gives them, made here from an independent tree over the stored hashes.
        let records = try await log.read(after: 0, limit: 100)
        var tree = MerkleTree()
        for record in records { tree.append(leaf: record.hash) }
        let inclusion: [String: Any] = [
            "sequence": 5, "leafIndex": 4, "treeSize": 13, "recordHash": Hex.encode(records[4].hash),
            "rootHash": Hex.encode(try tree.rootHash()), "proof": try tree.inclusionProof(leafIndex: 4, treeSize: 13).map { Hex.encode($0) },
        ]
        let consistency: [String: Any] = [
            "first": 7, "second": 13, "firstRootHash": Hex.encode(try tree.rootHash(treeSize: 7)), "secondRootHash": Hex.encode(try tree.rootHash()),
            "proof": try tree.consistencyProof(from: 7, to: 13).map { Hex.encode($0) },
        ]
        try JSONSerialization.data(withJSONObject: inclusion).write(to: URL(fileURLWithPath: dir.path("inclusion.json")))
        try JSONSerialization.data(withJSONObject: consistency).write(to: URL(fileURLWithPath: dir.path("consistency.json")))
        var forged = inclusion
        forged["recordHash"] = Hex.encode(records[5].hash)
        try JSONSerialization.data(withJSONObject: forged).write(to: URL(fileURLWithPath: dir.path("forged.json")))

        // The auditor is handed the public key (as GET /v1/audit/public-key publishes it), and nothing else.
        let key = try await CLIRunner.run(["audit", "public-key", "--database", path])
        #expect(key.status == 0, "\(key.stderr)")
        let publicKey = key.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Data(base64Encoded: publicKey)?.count == 32)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.removeItem(atPath: dir.path("field.key"))

        let included = try await CLIRunner.run(["audit", "check", "--public-key", publicKey, "--tree-head", dir.path("h13.json"), "--inclusion", dir.path("inclusion.json")])
        #expect(included.status == 0, "\(included.stderr)")
        #expect(included.stdout.contains("record 5 is in the log of 13 records"))
        let extended = try await CLIRunner.run(["audit", "check", "--public-key", publicKey, "--tree-head", dir.path("h7.json"),
                                                "--consistency", dir.path("consistency.json"), "--later-tree-head", dir.path("h13.json")])
        #expect(extended.status == 0, "\(extended.stderr)")
        #expect(extended.stdout.contains("extends the log of 7 records"))
        let refused = try await CLIRunner.run(["audit", "check", "--public-key", publicKey, "--tree-head", dir.path("h13.json"), "--inclusion", dir.path("forged.json")])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("is not proved in the tree head"))
        let otherKey = Data(repeating: 1, count: 32).base64EncodedString()
        let wrongKey = try await CLIRunner.run(["audit", "check", "--public-key", otherKey, "--tree-head", dir.path("h13.json"), "--inclusion", dir.path("inclusion.json")])
        #expect(wrongKey.status != 0)
        #expect(wrongKey.stderr.contains("signature does not verify"))
    }
}

/// People's accounts and the lockdown from the command line.
@Suite(.serialized, .timeLimit(.minutes(5))) struct AccountsCLITests {
    @Test func accountsCreatePrintsTheTOTPSecretOnceAndLockdownRevokes() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let path = dir.path("accounts.sqlite")
        let created = try await CLIRunner.run(["accounts", "create", "--username", "gina", "--role", "dispatcher", "--database", path],
                                              environment: ["SAFECITY_PASSWORD": "a dispatcher's pass"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("otpauth://totp/SafeCity:gina?secret="))
        let short = try await CLIRunner.run(["accounts", "create", "--username", "hal", "--role", "analyst", "--database", path],
                                            environment: ["SAFECITY_PASSWORD": "short"])
        #expect(short.status != 0)
        #expect(short.stderr.contains("password: must be at least 12 characters"), "\(short.stderr)")
        let noPassword = try await CLIRunner.run(["accounts", "create", "--username", "hal", "--role", "analyst", "--database", path])
        #expect(noPassword.status != 0)
        _ = try await CLIRunner.run(["keys", "create", "--name", "desk", "--role", "dispatcher", "--database", path])
        let lockdown = try await CLIRunner.run(["security", "lockdown", "--role", "dispatcher", "--reason", "drill", "--database", path])
        #expect(lockdown.status == 0, "\(lockdown.stderr)")
        #expect(lockdown.stdout.contains("revoked 0 sessions and 1 API keys of dispatcher"))
        let unknown = try await CLIRunner.run(["security", "lockdown", "--role", "wizard", "--reason", "x", "--database", path])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown role \"wizard\""))
    }
}
