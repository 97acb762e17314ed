import ArgumentParser
import Foundation
import SafeCityCore
import Storage

/// `safecity audit verify`: walks the hash chain and names the first broken link.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the tamper-evident event log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify every link of the hash chain.")

        @OptionGroup var options: ServerOptions

        func run() async throws {
            let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
            guard FileManager.default.fileExists(atPath: settings.database) else {
                throw CLIError("no database at \(settings.database)")
            }
            let log = try SQLiteEventLog(database: try SQLiteDatabase(path: settings.database))
            let progress = ProgressReporter(label: "verifying")
            let outcome = try await ChainVerifier().verify(log) { done, total in progress.update(done: done, total: total) }
            progress.finish()
            switch outcome {
            case let .intact(count, headHash):
                print("intact: \(count) records, head hash \(Hex.encode(headHash))")
            case let .broken(sequence, reason):
                throw CLIError("broken at sequence \(sequence): \(reason)")
            }
        }
    }
}
