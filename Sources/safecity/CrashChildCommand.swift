import ArgumentParser
import Foundation
import SafeCityCore
import Simulation
import Storage

/// `safecity _crash-child`: appends a seeded event stream forever, printing an
/// acknowledgement after each commit; the crash test kills it with SIGKILL.
struct CrashChildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_crash-child", abstract: "Internal: the process the crash test kills.", shouldDisplay: false)

    @Option var database: String
    @Option var seed: UInt64

    func run() async throws {
        let log = try SQLiteEventLog(database: try SQLiteDatabase(path: database))
        var events = SyntheticEvents(seed: seed)
        var sizes = SplitMix64(seed: seed &+ 1)
        while true {
            let records = try await log.append(events.next(Int.random(in: 1...200, using: &sizes)))
            let last = records[records.count - 1]
            // Unbuffered: the line reaches the pipe before the next append starts.
            FileHandle.standardOutput.write(Data("ack \(last.sequence) \(Hex.encode(last.hash))\n".utf8))
        }
    }
}
