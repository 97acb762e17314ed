import ArgumentParser
import Foundation
import SafeCityCore
import SafeCityServer
import Security

/// `safecity accounts create`: a person's account (password and TOTP); `safecity security lockdown`:
/// incident response, revoking every session and API key of some roles.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "Manage people's accounts (password and TOTP).", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; prints its TOTP secret and otpauth URI once, for the person's authenticator app.",
            discussion: "The password is read from SAFECITY_PASSWORD or, with --password-file, from a file (never from the command line, where it would stay in the shell history).")

        @Option(help: "Username: 3–64 lower-case letters, digits, '.', '_' or '-'.") var username: String
        @Option(help: "Role: admin, dispatcher, field-unit, analyst, health-officer, public-information-officer.") var role: String
        @Option(name: .customLong("password-file"), help: "A file holding the password (its first line).") var passwordFile: String?
        @OptionGroup var options: ServerOptions

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw CLIError("unknown role \"\(role)\"") }
            let password: String
            if let passwordFile {
                guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else { throw CLIError("cannot read \(passwordFile)") }
                password = String(text.split(whereSeparator: \.isNewline).first ?? "")
            } else if let text = ProcessInfo.processInfo.environment["SAFECITY_PASSWORD"] {
                password = text
            } else {
                throw CLIError("give the password in SAFECITY_PASSWORD or with --password-file")
            }
            let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
            let platform = try await Platform(databasePath: settings.database)
            do {
                let created = try await platform.accounts.create(username: username, role: role, password: password, by: "cli:accounts-create")
                await platform.shutdown()
                print("TOTP secret: \(created.totpSecretBase32)")
                print(created.provisioningURI)
            } catch let error as SafeCityCore.ValidationError {
                await platform.shutdown()
                throw CLIError("\(error.field): \(error.reason)")
            }
        }
    }
}

struct SecurityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "security", abstract: "Incident response.", subcommands: [LockdownCommand.self])

    struct LockdownCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lockdown", abstract: "Revoke every session and API key of the given roles (see docs/security/playbook.md).")

        @Option(help: "A role to lock out (repeat for several).") var role: [String]
        @Option(help: "Why, for the audit trail.") var reason: String
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let roles = try role.map { name in
                guard let role = Role(rawValue: name) else { throw CLIError("unknown role \"\(name)\"") }
                return role
            }
            guard !roles.isEmpty else { throw CLIError("name at least one --role") }
            let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
            guard FileManager.default.fileExists(atPath: settings.database) else { throw CLIError("no database at \(settings.database)") }
            let platform = try await Platform(databasePath: settings.database)
            let outcome = try await Lockdown.run(roles: Set(roles), keys: platform.keys, accounts: platform.accounts, sparingKeyID: nil,
                                                 by: "cli:security-lockdown", reason: reason)
            await platform.shutdown()
            print("revoked \(outcome.sessionsRevoked) sessions and \(outcome.keysRevoked) API keys of \(roles.map(\.rawValue).joined(separator: ", "))")
        }
    }
}
