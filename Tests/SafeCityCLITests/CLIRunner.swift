import Foundation
import SafeCityTesting

/// Runs the built `safecity` tool and captures what it prints.
///
/// - Note: Through ``ChildProcess``, which never blocks a cooperative thread nor watches pipes with dispatch sources.
struct CLIRunner {
    typealias Result = ChildProcess.Result

    /// The `safecity` binary beside the test bundle (SwiftPM builds both into one folder).
    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if directory.lastPathComponent.hasSuffix(".xctest") { directory = directory.deletingLastPathComponent() }
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("safecity")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent("safecity")
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await ChildProcess.run(executable.path, arguments, environment: environment)
    }
}
