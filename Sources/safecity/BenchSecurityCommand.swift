import ArgumentParser
import Crypto
import Foundation
import SafeCityCore
import Security
import Storage
import Synchronization

/// `safecity bench security`: sign-in with password and TOTP, session-token verification, field
/// encryption, sealing with data keys and re-wrapping them, each against a baseline in the same process
/// (API-key checks; SHA-256 over the same bytes; sealing with the one field key).
struct BenchSecurityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "security", abstract: "Sign-in latency (scrypt + TOTP), token verification rate, AES-GCM field encryption throughput.")

    @Option(help: "Sign-ins to time.") var logins: Int = 20
    @Option(help: "Token verifications to time.") var verifications: Int = 20_000
    @Option(help: "Fields to encrypt.") var fields: Int = 100_000
    @Option(name: .customLong("data-keys"), help: "Data keys to re-wrap in the rotation figure.") var dataKeys: Int = 2_000

    func run() async throws {
        guard logins > 0, verifications > 0, fields > 0, dataKeys > 0 else { throw CLIError("counts must be positive") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("safecity-bench-security-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(path: directory.appendingPathComponent("bench.sqlite").path)
        let log = try SQLiteEventLog(database: database)
        let clock = SteppingClock()
        let cipher = FieldCipher.random()
        let accounts = AccountService(store: SQLiteAccountStore(database: database), log: log, vault: .ephemeral(), clock: clock)
        let keys = KeyService(store: SQLiteAPIKeyStore(database: database), log: log, clock: clock)
        let progress = ProgressReporter(label: "bench security")
        let created = try await accounts.create(username: "bench", role: .dispatcher, password: "bench pass phrase", by: "bench")
        let totp = TOTP(secret: Base32.decode(created.totpSecretBase32)!)
        let key = try await keys.create(name: "bench", role: .dispatcher, createdBy: "bench")

        progress.message("\(logins) sign-ins (scrypt N = 2^15, r = 8 + TOTP + session row)")
        var loginSeconds: [Double] = []
        var token = ""
        for _ in 0..<logins {
            clock.advance(seconds: 30)  // a code is good once: each sign-in takes the next step's
            let code = totp.code(at: clock.now().millisecondsSince1970 / 1000)
            let began = ContinuousClock.now
            token = try await accounts.login(username: "bench", password: "bench pass phrase", code: code).token
            loginSeconds.append((ContinuousClock.now - began).seconds)
        }
        var keySeconds: [Double] = []
        for _ in 0..<logins {
            let began = ContinuousClock.now
            _ = try await keys.authenticate(key.token)
            keySeconds.append((ContinuousClock.now - began).seconds)
        }
        BenchFigure(bench: "security", context: [:]).emitLatencies(
            "sign-in-with-totp", samples: loginSeconds, baseline: "API-key check (SHA-256 and one row)", baselineSamples: keySeconds,
            extra: ["signIns": .number(Double(logins))])

        progress.message("\(verifications) session-token and API-key verifications")
        func rate(_ body: () async throws -> Void) async rethrows -> Double {
            let began = ContinuousClock.now
            for _ in 0..<verifications { try await body() }
            return (ContinuousClock.now - began).seconds
        }
        let sessionSeconds = try await rate { _ = try await accounts.authenticate(token) }
        let apiKeySeconds = try await rate { _ = try await keys.authenticate(key.token) }
        BenchFigure(bench: "security", context: [:]).emit(
            "session-token-verification", seconds: sessionSeconds, baseline: "API-key verification", baselineSeconds: apiKeySeconds,
            extra: ["verifications": .number(Double(verifications)), "perSecond": .number((Double(verifications) / sessionSeconds).rounded()),
                    "baselinePerSecond": .number((Double(verifications) / apiKeySeconds).rounded())])

        progress.message("\(fields) caller fields sealed with AES-GCM")
        let text = "Jane Caller, +377 93 15 00 00, 12 avenue de la Costa"
        var sealed = 0
        let sealBegan = ContinuousClock.now
        for _ in 0..<fields { sealed += try cipher.seal(text).utf8.count }
        let sealSeconds = (ContinuousClock.now - sealBegan).seconds
        var digest = 0
        let hashBegan = ContinuousClock.now
        for _ in 0..<fields { digest &+= Int(SHA256.hash(data: Array(text.utf8)).first { _ in true } ?? 0) }
        let hashSeconds = (ContinuousClock.now - hashBegan).seconds
        progress.finish()
        BenchFigure(bench: "security", context: [:]).emit(
            "field-encryption", seconds: sealSeconds, baseline: "SHA-256 of the same field", baselineSeconds: hashSeconds,
            extra: ["fields": .number(Double(fields)), "fieldsPerSecond": .number((Double(fields) / sealSeconds).rounded()),
                    "plaintextMegabytesPerSecond": .number(BenchFigure.round(Double(fields * text.utf8.count) / sealSeconds / 1e6)),
                    "check": .number(Double((sealed + digest) & 1))])
        try await benchDataKeys(database: database, cipher: cipher, text: text, plainSealSeconds: sealSeconds)
    }

    /// Sealing with data keys (one per kind and month, from the vault's cache) against sealing with the one field
    /// key, and re-wrapping every data key under a new field key (a rotation) against plain sealing of as many keys.
    private func benchDataKeys(database: SQLiteDatabase, cipher: FieldCipher, text: String, plainSealSeconds: Double) async throws {
        let vault = FieldVault(kek: cipher, store: SQLiteFieldKeyStore(database: database))
        try await vault.load(now: Timestamp(millisecondsSince1970: 0))
        let month: Int64 = 31 * 86_400_000
        let start = Timestamp(millisecondsSince1970: 1_700_000_000_000)
        var sealed = 0
        let began = ContinuousClock.now
        for i in 0..<fields { sealed += try await vault.seal(text, kind: .callerDetails, at: start.adding(milliseconds: Int64(i % 12) * month)).utf8.count }
        let vaultSeconds = (ContinuousClock.now - began).seconds
        BenchFigure(bench: "security", context: [:]).emit(
            "field-sealing-with-data-keys", seconds: vaultSeconds, baseline: "AES-GCM sealing with the one field key", baselineSeconds: plainSealSeconds,
            extra: ["fields": .number(Double(fields)), "dataKeys": .number(12), "fieldsPerSecond": .number((Double(fields) / vaultSeconds).rounded()),
                    "check": .number(Double(sealed & 1))])

        // Many months' keys, as years of operation would leave.
        for i in 0..<dataKeys { _ = try await vault.seal(text, kind: .reporterContact, at: Timestamp(millisecondsSince1970: Int64(i) * month)) }
        let ids = vault.records().map(\.id)
        let next = FieldCipher.random()
        vault.beginRotation(to: next)
        let rewrapBegan = ContinuousClock.now
        var rewrapped = 0
        for id in ids where try await vault.rewrap(keyID: id) { rewrapped += 1 }
        let rewrapSeconds = (ContinuousClock.now - rewrapBegan).seconds
        try vault.finishRotation()
        let key = String(repeating: "k", count: 32)
        var plain = 0
        let plainBegan = ContinuousClock.now
        for _ in 0..<ids.count { plain += try cipher.seal(key).utf8.count }
        let plainSeconds = (ContinuousClock.now - plainBegan).seconds
        BenchFigure(bench: "security", context: [:]).emit(
            "data-key-rewrap", seconds: rewrapSeconds, baseline: "AES-GCM sealing of as many 32-byte keys with one key, no store", baselineSeconds: plainSeconds,
            extra: ["dataKeys": .number(Double(rewrapped)), "keysPerSecond": .number((Double(rewrapped) / rewrapSeconds).rounded()),
                    "check": .number(Double(plain & 1))])
    }
}

/// A clock that moves only when told, so that every timed sign-in has a fresh TOTP step.
final class SteppingClock: WallClock {
    private let current = Mutex(Timestamp(Date()))
    func now() -> Timestamp { current.withLock { $0 } }
    func advance(seconds: Int64) { current.withLock { $0 = $0.adding(milliseconds: seconds * 1000) } }
}
