import Alerting
import ArgumentParser
import Foundation

/// `safecity cap …` (alias `alert`): work with CAP 1.2 alerts offline.
struct AlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cap", abstract: "CAP 1.2 public alerts.", subcommands: [AlertValidateCommand.self], aliases: ["alert"])
}

/// `safecity cap validate FILE…` (or `safecity alert validate`): schema, content and IPAWS profile checks, one line per file.
struct AlertValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check CAP 1.2 files; exits non-zero naming the first fault of each invalid file.")

    @Argument(help: "CAP 1.2 XML files.") var files: [String]
    @Flag(help: "Skip the IPAWS profile checks (wireless text, expiry, area), e.g. for other agencies' alerts.") var noIpaws = false

    func run() async throws {
        var failures = 0
        for file in files {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                let alert = try CAPParser.parse(data)
                try CAPContentRules.check(alert)
                if !noIpaws { try IPAWSProfile.check(alert) }
                print("\(file): valid (\(alert.msgType.rawValue), \(alert.infos.count) info, sender \(alert.sender))")
            } catch let error as CAPParseError {
                failures += 1
                FileHandle.standardError.write(Data("\(file): invalid: \(error)\n".utf8))
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("\(file): unreadable: \(error.localizedDescription)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
