import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real mosquitto broker on 127.0.0.1 and a free port, started from a temporary config file.
public final class MosquittoBroker {
    public static let executable = "/usr/sbin/mosquitto"
    public static let publisherExecutable = "/usr/bin/mosquitto_pub"

    /// Whether broker tests should run: mosquitto is installed, or SAFECITY_REQUIRE_MQTT=1 demands it (and `start` then fails).
    public static var testsEnabled: Bool {
        FileManager.default.isExecutableFile(atPath: executable) || ProcessInfo.processInfo.environment["SAFECITY_REQUIRE_MQTT"] == "1"
    }

    public private(set) var port: Int
    private let directory: URL
    private var process: Process?

    /// Starts a broker; `allowAnonymous: false` (and no password file) makes it refuse every client.
    public init(allowAnonymous: Bool = true) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw BrokerError("SAFECITY_REQUIRE_MQTT=1 but \(Self.executable) is missing: apt-get install mosquitto")
        }
        port = 0
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("safecity-mosquitto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // A port found free can be taken by another test before mosquitto binds it (its own server, or a
        // client's ephemeral port); mosquitto then exits, and another port is tried.
        var lastError: Error?
        for _ in 0..<5 {
            port = try Self.freePort()
            let config = """
            listener \(port) 127.0.0.1
            allow_anonymous \(allowAnonymous)
            persistence false
            log_dest none

            """
            try config.write(to: configURL, atomically: true, encoding: .utf8)
            do {
                try start()
                return
            } catch {
                lastError = error
            }
        }
        throw lastError ?? BrokerError("mosquitto did not start")
    }

    private var configURL: URL { directory.appendingPathComponent("mosquitto.conf") }

    /// Launches mosquitto and waits until the port accepts connections.
    public func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["-c", configURL.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        for _ in 0..<200 {
            if Self.accepts(port: port) {
                // Something answers; make sure it is this mosquitto, not a process that took the port first.
                usleep(150_000)
                guard process.isRunning else { throw BrokerError("mosquitto exited with status \(process.terminationStatus); port \(port) was taken") }
                return
            }
            guard process.isRunning else { throw BrokerError("mosquitto exited with status \(process.terminationStatus)") }
            usleep(25_000)
        }
        stop()
        throw BrokerError("mosquitto did not accept on 127.0.0.1:\(port)")
    }

    /// Kills mosquitto and waits for it to exit.
    ///
    /// SIGKILL rather than `terminate()`: the child inherits the test runner's blocked-signal mask, in which
    /// SIGTERM is blocked, and mosquitto never unblocks it.
    public func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// Stops the broker and removes its directory.
    public func shutdown() {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { shutdown() }

    /// Publishes with the mosquitto_pub tool, or returns false if it is not installed.
    public func publishWithTool(topic: String, message: String, qos: Int) throws -> Bool {
        guard FileManager.default.isExecutableFile(atPath: Self.publisherExecutable) else { return false }
        let tool = Process()
        tool.executableURL = URL(fileURLWithPath: Self.publisherExecutable)
        tool.arguments = ["-h", "127.0.0.1", "-p", String(port), "-t", topic, "-m", message, "-q", String(qos)]
        try tool.run()
        tool.waitUntilExit()
        guard tool.terminationStatus == 0 else { throw BrokerError("mosquitto_pub exited with \(tool.terminationStatus)") }
        return true
    }

    /// A free port below Linux's ephemeral range (32768–60999), where neither a server bound to port 0
    /// nor an outgoing connection can be given it while mosquitto starts.
    private static func freePort() throws -> Int {
        for _ in 0..<100 {
            let port = Int.random(in: 20_000..<32_000)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw BrokerError("socket() failed") }
            defer { close(fd) }
            var address = loopback(port: port)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound == 0 { return port }
        }
        throw BrokerError("no free port found in 20000–31999")
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

/// A broker set-up failure, with its reason.
public struct BrokerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
