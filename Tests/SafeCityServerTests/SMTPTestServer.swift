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
    func start() throws {
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
        try process.run()
        self.process = process
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty {
            if byte == Data("\n".utf8) {
                let text = String(decoding: line, as: UTF8.self)
                if text.hasPrefix("READY "), let bound = Int(text.dropFirst(6)) {
                    port = bound
                    return
                }
                line = Data()
            } else {
                line += byte
            }
        }
        throw SMTPTestServerError("the SMTP test server did not start")
    }

    /// Stops the server (connections refused until ``start()``).
    func stop() {
        guard let process else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    /// Every message received so far, in arrival order.
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

    deinit { stop() }
}

struct SMTPTestServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
