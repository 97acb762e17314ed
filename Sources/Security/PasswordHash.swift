import Crypto
import CryptoExtras
import Foundation

/// Password hashes with scrypt (RFC 7914): memory-hard, so a stolen table costs an attacker dearly.
///
/// Stored as `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>`, so the cost can be raised later and
/// old hashes still verify. The default N = 2^15, r = 8, p = 1 takes 32 MiB and tens of milliseconds.
public struct PasswordHash: Sendable, Equatable {
    public var logN: Int
    public var r: Int
    public var p: Int
    public var salt: [UInt8]
    public var hash: [UInt8]

    /// The shortest password accepted (NIST SP 800-63B asks for at least 8; we ask for 12).
    public static let minimumLength = 12

    /// Hashes `password` with a fresh random salt.
    public static func make(_ password: String, logN: Int = 15, r: Int = 8, p: Int = 1) throws -> PasswordHash {
        let salt = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return PasswordHash(logN: logN, r: r, p: p, salt: salt, hash: try derive(password, salt: salt, logN: logN, r: r, p: p))
    }

    /// scrypt of `password` with these parameters (32 bytes).
    public static func derive(_ password: String, salt: [UInt8], logN: Int, r: Int, p: Int, length: Int = 32) throws -> [UInt8] {
        try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: length, rounds: 1 << logN, blockSize: r, parallelism: p)
            .withUnsafeBytes { Array($0) }
    }

    /// Whether `password` is the one hashed (constant-time comparison).
    public func matches(_ password: String) -> Bool {
        guard let candidate = try? Self.derive(password, salt: salt, logN: logN, r: r, p: p, length: hash.count) else { return false }
        return KeyService.constantTimeEqual(candidate, hash)
    }

    public var encoded: String {
        "scrypt$\(logN)$\(r)$\(p)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    public init(logN: Int, r: Int, p: Int, salt: [UInt8], hash: [UInt8]) {
        (self.logN, self.r, self.p, self.salt, self.hash) = (logN, r, p, salt, hash)
    }

    /// Reads ``encoded``; nil when malformed.
    public init?(encoded text: String) {
        let parts = text.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let logN = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              (10...22).contains(logN), r > 0, p > 0,
              let salt = Data(base64Encoded: parts[4]), let hash = Data(base64Encoded: parts[5]), !hash.isEmpty else { return nil }
        self.init(logN: logN, r: r, p: p, salt: Array(salt), hash: Array(hash))
    }
}
