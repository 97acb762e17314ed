import Foundation

/// The real SMTP server of `scripts/smtp-test-server.py` (aiosmtpd) in a child process; each message it takes is a JSON
/// file in ``directory`` with the envelope, the headers decoded by Python's `email` package and the parser's defects.
final class SMTPTestServer: @unchecked Sendable {
    /// The Python with aiosmtpd (`SAFECITY_PYTHON`), or nil: the tests are then skipped, unless `SAFECITY_REQUIRE_SMTP=1`.
    static let python: String? = {
        guard let python = ProcessInfo.processInfo.environment["SAFECITY_PYTHON"] else { return nil }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["-c", "import aiosmtpd"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return nil }
        check.waitUntilExit()
        return check.terminationStatus == 0 ? python : nil
    }()

    static var enabled: Bool { python != nil || required }
    static var required: Bool { ProcessInfo.processInfo.environment["SAFECITY_REQUIRE_SMTP"] == "1" }

    let directory: String
    private(set) var port: Int
    private let auth: String?
    private let reject: [String]
    private var process: Process?
    private var exit: ChildExit?

    /// One received message as the Python side saw it.
    struct Received {
        var mailFrom: String
        var recipients: [String]
        var headers: [String: String]
        var headerNames: [String]
        var body: String
        var defects: [String]
        var authenticated: Bool
        var longestLine: Int
    }

    init(directory: String, auth: String? = nil, reject: [String] = []) {
        self.directory = directory
        self.auth = auth
        self.reject = reject
        port = 0
    }

    /// Starts listening (on the same port as before when restarted).
    ///
    /// - Note: Nothing here blocks a cooperative thread (every other test needs the few there are): the READY line is
    ///   read on a dispatch queue, and ``stop()`` awaits the child's termination handler instead of `waitUntilExit`,
    ///   which spins on Linux.
    func start() async throws {
        guard let python = Self.python else { throw SMTPTestServerError("SAFECITY_PYTHON with aiosmtpd is required (SAFECITY_REQUIRE_SMTP=1)") }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/smtp-test-server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, "--dir", directory, "--port", String(port)] + (auth.map { ["--auth", $0] } ?? []) + reject.flatMap { ["--reject", $0] }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let exit = ChildExit()
        process.terminationHandler = { _ in exit.ended() }
        try process.run()
        self.process = process
        self.exit = exit
        let reader = output.fileHandleForReading
        let bound: Int? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var line = Data()
                while let byte = try? reader.read(upToCount: 1), !byte.isEmpty {
                    guard byte != Data("\n".utf8) else {
                        let text = String(decoding: line, as: UTF8.self)
                        if text.hasPrefix("READY "), let bound = Int(text.dropFirst(6)) { return continuation.resume(returning: bound) }
                        line = Data()
                        continue
                    }
                    line += byte
                }
                continuation.resume(returning: nil)
            }
        }
        guard let bound else { throw SMTPTestServerError("the SMTP test server did not start") }
        port = bound
    }

    /// Stops the server (connections refused until ``start()``). SIGKILL, because a child of a Swift process may inherit
    /// a signal mask that blocks SIGTERM; the server keeps nothing that needs a clean exit (each message is a renamed file).
    func stop() async {
        guard let process, let exit else { return }
        self.process = nil
        self.exit = nil
        kill(process.processIdentifier, SIGKILL)
        await exit.wait()
    }

    /// Kills the server without waiting, for a `defer` that cannot await.
    func halt() {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Every message received so far, in arrival order.    /// Every message received so far, in arrival order.
    func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            return Received(mailFrom: object["mail_from"] as? String ?? "", recipients: object["rcpt_tos"] as? [String] ?? [],
                            headers: object["headers"] as? [String: String] ?? [:], headerNames: object["header_names"] as? [String] ?? [],
                            body: object["body"] as? String ?? "", defects: object["defects"] as? [String] ?? ["unreadable"],
                            authenticated: object["auth"] as? Bool ?? false, longestLine: object["raw_lines_max"] as? Int ?? 0)
        }
    }

    deinit { halt() }
}

struct SMTPTestServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The end of a child process, awaited by any number of tasks (the termination handler runs on Foundation's thread).
private final class ChildExit: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func ended() {
        let waiting = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            done = true
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiting { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let now = lock.withLock { () -> Bool in
                if done { return true }
                waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}
