import Foundation
import SafeCityTesting
import Testing

@Suite struct CAPCommandTests {
    @Test func capValidateAndItsAlertAliasNameTheFaultOfAnInvalidFile() async throws {
        let directory = TemporaryDirectory("safecity-cap-cli")
        defer { directory.remove() }
        let file = directory.path("bad.cap")
        try Data(#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier></alert>"#.utf8).write(to: URL(fileURLWithPath: file))
        for name in ["cap", "alert"] {
            let result = try await CLIRunner.run([name, "validate", file])
            #expect(result.status == 1, "\(name) validate")
            #expect(result.stderr.contains("\(file): invalid: alert.sender: is required"), "\(result.stderr)")
        }
    }
}
