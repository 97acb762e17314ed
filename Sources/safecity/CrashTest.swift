import Foundation
import SafeCityCore
import Simulation
import Storage
import Synchronization

/// The durability test: a child process appends a seeded stream and acknowledges each
/// commit; the parent kills it with SIGKILL at a random moment, reopens the log and
/// checks that every acknowledged event is there, in order, with an intact chain.
struct CrashTest {
    var rounds: Int
    var seed: UInt64

    func run() async throws {
        var rng = SplitMix64(seed: seed)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("safecity-crash-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var failures = 0
        for round in 1...rounds {
            let path = scratch.appendingPathComponent("round-\(round).sqlite").path
            let childSeed = rng.next()
            let delay = Int.random(in: 30...400, using: &rng)
            let outcome = try await runRound(executable: executable, path: path, seed: childSeed, killAfterMilliseconds: delay)
            if !outcome.passed { failures += 1 }
            let line = JSONValue.object([
                "bench": .string("ingest-crash"), "round": .number(Double(round)), "killedAfterMs": .number(Double(delay)),
                "acknowledged": .number(Double(outcome.acknowledged)), "recovered": .number(Double(outcome.recovered)),
                "passed": .bool(outcome.passed), "detail": .string(outcome.detail),
            ])
            printNow(String(decoding: line.canonicalBytes, as: UTF8.self))
        }
        let summary = JSONValue.object([
            "bench": .string("ingest-crash"), "rounds": .number(Double(rounds)), "failures": .number(Double(failures)),
        ])
        print(String(decoding: summary.canonicalBytes, as: UTF8.self))
        if failures > 0 { throw CLIError("\(failures) of \(rounds) crash rounds lost acknowledged events") }
    }

    struct Outcome {
        var acknowledged: Int64
        var recovered: Int64
        var passed: Bool
        var detail: String
    }

    private func runRound(executable: String, path: String, seed: UInt64, killAfterMilliseconds: Int) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["_crash-child", "--database", path, "--seed", String(seed)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let lastAck = Mutex<(Int64, String)>((0, ""))
        let reader = Thread {
            var pending = Data()
            while true {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    let parts = line.split(separator: " ")
                    if parts.count == 3, parts[0] == "ack", let sequence = Int64(parts[1]) {
                        lastAck.withLock { $0 = (sequence, String(parts[2])) }
                    }
                }
            }
        }
        reader.start()
        try await Task.sleep(for: .milliseconds(killAfterMilliseconds))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        while !reader.isFinished { try await Task.sleep(for: .milliseconds(5)) }
        let (acknowledged, ackedHash) = lastAck.withLock { $0 }

        let log = try SQLiteEventLog(database: try SQLiteDatabase(path: path))
        let recovered = try await log.lastSequence()
        func fail(_ detail: String) -> Outcome { Outcome(acknowledged: acknowledged, recovered: recovered, passed: false, detail: detail) }
        guard recovered >= acknowledged else { return fail("only \(recovered) of \(acknowledged) acknowledged events survived") }
        guard case .intact = try await ChainVerifier().verify(log) else { return fail("the hash chain is broken") }
        if acknowledged > 0 {
            let record = try await log.read(after: acknowledged - 1, limit: 1).first
            guard let record, Hex.encode(record.hash) == ackedHash else { return fail("record \(acknowledged) differs from what was acknowledged") }
        }
        var expected = SyntheticEvents(seed: seed)
        var cursor: Int64 = 0
        while cursor < recovered {
            let page = try await log.read(after: cursor, limit: 2_000)
            let ids = expected.next(page.count).map(\.id)
            guard ids == page.map(\.event.id) else { return fail("events after sequence \(cursor) are not the stream's, in order") }
            cursor = page.last!.sequence
        }
        return Outcome(acknowledged: acknowledged, recovered: recovered, passed: true, detail: "ok")
    }
}
