import ArgumentParser
import Foundation
import SafeCityCore
import SafeCityServer
import Security

/// `safecity privacy …`: retention (show and apply) and a privacy officer's export of a person's reports.
struct PrivacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy", abstract: "Retention of personal data and exports of a person's reports.", subcommands: [Retention.self, Export.self])

    struct Retention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the retention settings and the purges due; with --apply, shred expired data keys and delete ended sessions (logged).")

        @Flag(help: "Make the purges due now.") var apply = false
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
            guard FileManager.default.fileExists(atPath: settings.database) else { throw CLIError("no database at \(settings.database)") }
            let platform = try await Platform(databasePath: settings.database, retention: settings.retention)
            let retention = settings.retention
            for kind in RetentionSettings.agedKinds { print("\(kind.rawValue): \(retention.days(for: kind) ?? 0) days") }
            print("audit: \(retention.auditDays) days (the event log is never deleted)")
            print("sessions: \(retention.sessionDays) days")
            do {
                let purges = try await apply ? platform.privacy.applyRetention() : platform.privacy.duePurges()
                await platform.shutdown()
                if purges.isEmpty { print(apply ? "nothing was due" : "nothing is due") }
                for purge in purges {
                    print("\(apply ? "purged" : "due"): \(purge.kind) \(purge.period): \(purge.dataKeys) data keys, \(purge.count) \(purge.kind == "sessions" ? "rows" : "fields")")
                }
            } catch {
                await platform.shutdown()
                throw CLIError("retention failed: \(error)")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print, as JSON, every report filed with this email or phone (a subject-access request; logged with the reason).")

        @Option(help: "The email the person gave.") var email: String?
        @Option(help: "The phone number the person gave.") var phone: String?
        @Option(help: "The request this export answers, for the audit trail.") var reason: String
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let query: ContactQuery
            do { query = try ContactQuery(email: email, phone: phone) } catch { throw CLIError("\(error.field): \(error.reason)") }
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw CLIError("--reason must say which request this answers") }
            let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
            guard FileManager.default.fileExists(atPath: settings.database) else { throw CLIError("no database at \(settings.database)") }
            let platform = try await Platform(databasePath: settings.database, retention: settings.retention)
            do {
                let text = try await platform.privacy.exportJSON(contact: query, actor: "cli:privacy-export", reason: reason)
                await platform.shutdown()
                print(text)
            } catch {
                await platform.shutdown()
                throw CLIError("export failed: \(error)")
            }
        }
    }
}
