import ArgumentParser
import Foundation
import Storage

/// `safecity migrate`: creates or upgrades the schema of a SQLite file or a PostgreSQL database, and lists the
/// migrations recorded (servers also migrate at start; this runs it ahead of a rolling deployment).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply the database schema migrations and list them.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
        let storage: StorageBackend
        do {
            storage = try await StorageBackend.open(settings.database)
        } catch {
            throw CLIError("\(error)")
        }
        let applied = try await storage.appliedMigrations()
        let head = try await storage.log.lastSequence()
        print("\(storage.kind) \(storage.location): \(applied.count) migrations applied (\(applied.joined(separator: ", "))); log head \(head)")
        await storage.close()
    }
}
