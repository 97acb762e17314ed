import Foundation
import GRDB
import SafeCityCore
import SafeCityTesting
import Storage
import Testing

@Suite(.serialized, .timeLimit(.minutes(5))) struct CLITests {
    @Test func printsItsVersion() async throws {
        let result = try await CLIRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func acknowledgedEventsSurviveSIGKILLTwentyTimes() async throws {
        let result = try await CLIRunner.run(["bench", "ingest", "--crash-test", "--rounds", "20", "--seed", "11"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let rounds = result.stdout.split(separator: "\n").filter { $0.contains(#""round""#) }
        #expect(rounds.count == 20)
        #expect(rounds.allSatisfy { $0.contains(#""passed":true"#) })
        #expect(result.stdout.contains(#""failures":0"#))
        // The child was killed mid-stream, not after it had finished: something was acknowledged.
        #expect(rounds.contains { !$0.contains(#""acknowledged":0,"#) })
    }

    @Test func keysCreatePrintsAKeyOnceAndAuditVerifyPassesThenNamesATamperedRecord() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let path = dir.path("cli.sqlite")
        let created = try await CLIRunner.run(["keys", "create", "--name", "ops", "--role", "dispatcher", "--database", path])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("sck_"))

        let log = try SQLiteEventLog(database: try SQLiteDatabase(path: path))
        _ = try await log.append(EventFactory.observations(9))
        let intact = try await CLIRunner.run(["audit", "verify", "--database", path])
        #expect(intact.status == 0)
        #expect(intact.stdout.contains("intact: 10 records"))

        try await log.database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER events_no_update")
            try db.execute(sql: "UPDATE events SET source = 'sensor:pm25-X' WHERE seq = 6")
        }
        let broken = try await CLIRunner.run(["audit", "verify", "--database", path])
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("broken at sequence 6"))
        #expect(broken.stderr.split(separator: "\n").count == 1, "one line: \(broken.stderr)")
    }

    @Test func badArgumentsGiveOneLineAndANonZeroExit() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let badRole = try await CLIRunner.run(["keys", "create", "--name", "x", "--role", "overlord", "--database", dir.path("a.sqlite")])
        #expect(badRole.status != 0)
        #expect(badRole.stderr.contains("unknown role \"overlord\""))
        let missing = try await CLIRunner.run(["audit", "verify", "--database", dir.path("nothing.sqlite")])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no database at"))
        let badPort = try await CLIRunner.run(["serve", "--port", "99999", "--database", dir.path("b.sqlite")])
        #expect(badPort.status != 0)
        #expect(badPort.stderr.contains("port must be 0–65535"))
        let badSMTP = try await CLIRunner.run(["serve", "--database", dir.path("c.sqlite"), "--smtp", "smtp://mail.example:25"])
        #expect(badSMTP.status != 0)
        #expect(badSMTP.stderr.contains("--smtp: bad SMTP URL: from=ADDRESS is required"))
        #expect(badSMTP.stderr.split(separator: "\n").count == 1, "one line: \(badSMTP.stderr)")
        let badSMS = try await CLIRunner.run(["serve", "--database", dir.path("d.sqlite"), "--sms-gateway", "https://sms.example/send"],
                                             environment: ["SAFECITY_SMS_TOKEN": ""])
        #expect(badSMS.status != 0)
        #expect(badSMS.stderr.contains("SAFECITY_SMS_TOKEN"))
    }

    @Test func settingsComeFromFlagsThenEnvironmentThenConfigFile() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let config = dir.path("config.json")
        try Data(#"{"database": "\#(dir.path("from-file.sqlite"))"}"#.utf8).write(to: URL(fileURLWithPath: config))
        _ = try await CLIRunner.run(["keys", "create", "--name", "a", "--role", "admin", "--config", config])
        #expect(FileManager.default.fileExists(atPath: dir.path("from-file.sqlite")))
        _ = try await CLIRunner.run(["keys", "create", "--name", "a", "--role", "admin", "--config", config],
                              environment: ["SAFECITY_DATABASE": dir.path("from-env.sqlite")])
        #expect(FileManager.default.fileExists(atPath: dir.path("from-env.sqlite")))
        try Data(#"{"databse": "x"}"#.utf8).write(to: URL(fileURLWithPath: config))
        let typo = try await CLIRunner.run(["keys", "create", "--name", "a", "--role", "admin", "--config", config])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("unknown key \"databse\""))
    }
}
