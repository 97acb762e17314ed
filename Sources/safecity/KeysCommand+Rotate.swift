import ArgumentParser
import Foundation
import SafeCityServer
import Security

extension KeysCommand {
    /// `safecity keys rotate-field-key`: a new key-encryption key for personal fields; the server must be stopped.
    struct RotateFieldKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-field-key",
            abstract: "Rotate the field key: re-wrap every data key and re-seal stored fields of the old format, in batches.",
            discussion: """
                The new key comes from --new-key-file, SAFECITY_NEW_FIELD_KEY, or --generate. With key files it waits in \
                field.key.new beside the database and replaces field.key when the job is done; after a crash, run the \
                command again (or start the server) to finish. Stop the server first. Progress is logged as events.
                """)

        @Option(name: .customLong("new-key-file"), help: "A file holding the new key (base64 of 32 bytes).") var newKeyFile: String?
        @Flag(help: "Make a new random key.") var generate = false
        @Option(name: .customLong("batch-size"), help: "Data keys or stored fields per batch.") var batchSize = 100
        @OptionGroup var options: ServerOptions

        func run() async throws {
            guard batchSize > 0 else { throw CLIError("--batch-size must be positive, got \(batchSize)") }
            let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
            guard FileManager.default.fileExists(atPath: settings.database) else { throw CLIError("no database at \(settings.database)") }
            let given: FieldCipher?
            do {
                given = try newKeyFile.map { try FieldCipher.load(environment: [:], keyFile: $0, generateIfMissing: false) } ?? FieldCipher.loadNext(keyFile: nil)
            } catch { throw CLIError("\(error)") }
            let platform = try await Platform(databasePath: settings.database, retention: settings.retention)
            guard let next = given ?? platform.vault.nextKEK ?? (generate ? FieldCipher.random() : nil) else {
                await platform.shutdown()
                throw CLIError("give the new key with --new-key-file or SAFECITY_NEW_FIELD_KEY, or pass --generate")
            }
            guard platform.privacy.usesKeyFiles || ProcessInfo.processInfo.environment["SAFECITY_NEW_FIELD_KEY"] != nil else {
                await platform.shutdown()
                throw CLIError("the field key comes from SAFECITY_FIELD_KEY: give the new one in SAFECITY_NEW_FIELD_KEY, then set SAFECITY_FIELD_KEY to it")
            }
            do {
                let status = try await platform.privacy.rotateFieldKey(to: next, batchSize: batchSize)
                await platform.shutdown()
                print("field key \(status.fromKey) → \(status.toKey ?? "?"): \(status.rewrapped) data keys re-wrapped, \(status.resealed) stored fields re-sealed")
                if !platform.privacy.usesKeyFiles { print("now set SAFECITY_FIELD_KEY to the new key and unset SAFECITY_NEW_FIELD_KEY") }
            } catch {
                await platform.shutdown()
                throw CLIError("rotation stopped: \(error); run the command again to carry on")
            }
        }
    }
}
