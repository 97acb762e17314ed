import ArgumentParser
import SafeCityCore
import SafeCityServer

/// `safecity keys …`: manage API keys directly in the database.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage API keys and rotate the field key.", subcommands: [Create.self, RotateFieldKey.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key and print it once; only its hash is stored.")

        @Option(help: "A name for the key's holder.") var name: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @OptionGroup var options: ServerOptions

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw CLIError("unknown role \"\(role)\"; choose one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
            let platform = try await Platform(databasePath: settings.database)
            let created = try await platform.keys.create(name: name, role: role, createdBy: "cli:keys-create")
            await platform.shutdown()
            print(created.token)
        }
    }
}
