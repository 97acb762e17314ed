import Foundation
import Glibc

/// A `safecity serve` child process for the cluster and soak benches: started on a free port, measured
/// through /proc (CPU time, resident memory), stopped at the end.
final class NodeProcess: @unchecked Sendable {
    let port: Int
    private let process = Process()
    private let output = Pipe()

    /// Starts a node on `database` on a port the system picks and returns once it listens (with the port it
    /// printed); `environment` adds to this process's own.
    init(database: String, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--database", database]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let reader = output.fileHandleForReading
        var seen = ""
        let deadline = Date().addingTimeInterval(180)
        var listening: Int?
        while listening == nil {
            let chunk = reader.availableData
            if chunk.isEmpty || Date() > deadline {
                process.terminate()
                throw CLIError("the node did not start: \(seen.suffix(400))")
            }
            seen += String(decoding: chunk, as: UTF8.self)
            listening = seen.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) }
        }
        port = listening!
        // Keep draining its output so that the node never blocks on a full pipe.
        reader.readabilityHandler = { handle in _ = handle.availableData }
    }

    var pid: Int32 { process.processIdentifier }

    /// User and system CPU seconds the node has used so far.
    var cpuSeconds: Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime 14 and stime 15 (1-based), in clock ticks.
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident memory in mebibytes.
    var residentMebibytes: Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }

    func stop() {
        output.fileHandleForReading.readabilityHandler = nil
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// This program, so that the nodes run the same build as the bench.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

extension NodeProcess {
    /// The nodes of a bench share one new field key, and have no per-credential limits: the bench measures
    /// the server's own ceiling with one key, and a budget would only measure the budget.
    static var benchEnvironment: [String: String] {
        ["SAFECITY_FIELD_KEY": Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(), "SAFECITY_CREDENTIAL_LIMITS": "off"]
    }

    /// Creates an API key of `role` in `database` with `safecity keys create` and returns its token.
    static func createKey(database: String, role: String, environment: [String: String]) throws -> String {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["keys", "create", "--name", "bench-\(role)", "--role", role, "--database", database]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let token = text.split(separator: "\n").last.map(String.init) else {
            throw CLIError("cannot create a \(role) key in \(database)")
        }
        return token
    }
}
