import Foundation
import SafeCityTesting
import Testing

/// `serve --tls-certificate --tls-key` speaks HTTPS on 127.0.0.1 with a certificate made here by openssl;
/// bad files stop it with one line.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ServeTLSTests {
    @Test func serveSpeaksHTTPSWithTheGivenCertificate() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else {
            Issue.record("openssl and curl are needed (.ci/run installs them)")
            return
        }
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let (certificate, key) = (dir.path("cert.pem"), dir.path("key.pem"))
        #expect(try await ChildProcess.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                                                   "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                                                   "-keyout", key, "-out", certificate]).status == 0)
        let server = try ChildProcess(CLIRunner.executable.path,
                                      ["serve", "--port", "0", "--database", dir.path("tls.sqlite"), "--tls-certificate", certificate, "--tls-key", key],
                                      discardingStderr: true)
        defer { server.signal(SIGKILL) }
        var line = ""
        for _ in 0..<600 where line.isEmpty {
            line = server.stdout.split(separator: "\n").first { $0.contains("listening") }.map(String.init) ?? ""
            if line.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(line.hasPrefix("SafeCity listening on https://127.0.0.1:"), "\(line)")
        let url = String(line.split(separator: " ").last ?? "") + "healthz"
        let verified = try await ChildProcess.run("/usr/bin/curl", ["-s", "--cacert", certificate, url])
        #expect(verified.status == 0, "curl trusting the certificate reaches the server")
        #expect(verified.stdout.contains("ok") || verified.stdout.contains("status"), "\(verified.stdout)")
        let untrusted = try await ChildProcess.run("/usr/bin/curl", ["-s", "-o", "/dev/null", url])
        #expect(untrusted.status != 0, "without the certificate, curl refuses: it is TLS")

        let bad = try await CLIRunner.run(["serve", "--port", "0", "--database", dir.path("bad.sqlite"), "--tls-certificate", key, "--tls-key", key])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("cannot read a PEM certificate chain"), "\(bad.stderr)")
        let half = try await CLIRunner.run(["serve", "--port", "0", "--database", dir.path("half.sqlite"), "--tls-certificate", certificate])
        #expect(half.stderr.contains("--tls-certificate and --tls-key go together"))
    }
}
