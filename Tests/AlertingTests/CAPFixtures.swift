import Foundation
import SafeCityTesting

/// The copied CAP 1.2 schema and sample alerts, and xmllint when it is installed.
enum CAPFixtures {
    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    static var schema: URL { directory.appendingPathComponent("CAP-v1.2.xsd") }

    static func files(_ folder: String) -> [URL] {
        let dir = directory.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func data(_ folder: String, _ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(folder).appendingPathComponent(name))
    }

    /// The path of xmllint, or nil when it is not installed.
    static let xmllint: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Validates a document against the CAP 1.2 schema; returns xmllint's verdict and output.
    static func validate(_ xml: String) async throws -> (valid: Bool, output: String) {
        guard let xmllint else { return (false, "xmllint missing") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cap-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await ChildProcess.run(xmllint, ["--noout", "--schema", schema.path, file.path])
        return (result.status == 0, result.stdout + result.stderr)
    }
}
