import Crypto
import Foundation

/// Encrypts sensitive fields at rest with AES-256-GCM; since envelope encryption it is the
/// key-encryption key that wraps ``FieldVault``'s data keys.
///
/// - Note: The key comes from `SAFECITY_FIELD_KEY` (base64, 32 bytes) or a key file; see ``load(environment:keyFile:generateIfMissing:)``.
public struct FieldCipher: Sendable {
    /// Why a key or a sealed field could not be used.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    private let key: SymmetricKey

    /// A cipher over a 256-bit key.
    public init(keyBytes: [UInt8]) throws(Failure) {
        guard keyBytes.count == 32 else { throw Failure(description: "a field key must be 32 bytes, got \(keyBytes.count)") }
        key = SymmetricKey(data: keyBytes)
    }

    private init(key: SymmetricKey) { self.key = key }

    /// A cipher with a fresh random key (tests and throwaway demos).
    public static func random() -> FieldCipher {
        FieldCipher(key: SymmetricKey(size: .bits256))
    }

    /// The key from `SAFECITY_FIELD_KEY`, else from `keyFile` (created with a new key when `generateIfMissing`).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment, keyFile: String?,
                            generateIfMissing: Bool) throws -> FieldCipher {
        if let text = environment["SAFECITY_FIELD_KEY"] {
            guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw Failure(description: "SAFECITY_FIELD_KEY is not base64")
            }
            return try FieldCipher(keyBytes: Array(bytes))
        }
        guard let keyFile else { throw Failure(description: "no field key: set SAFECITY_FIELD_KEY or give a key file") }
        if let text = try? String(contentsOfFile: keyFile, encoding: .utf8) {
            guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw Failure(description: "\(keyFile) does not hold a base64 key")
            }
            return try FieldCipher(keyBytes: Array(bytes))
        }
        guard generateIfMissing else { throw Failure(description: "cannot read field key file \(keyFile)") }
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        guard FileManager.default.createFile(atPath: keyFile, contents: Data((Data(bytes).base64EncodedString() + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "cannot write the new field key file \(keyFile)")
        }
        return try FieldCipher(keyBytes: bytes)
    }

    /// A secret for another purpose, derived from the field key with HKDF-SHA256 and a label, so that one
    /// key file serves (e.g. the salt of social-media author hashes) without reusing the key itself.
    public func derivedSecret(label: String, byteCount: Int = 32) -> [UInt8] {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Array(label.utf8), outputByteCount: byteCount).withUnsafeBytes { Array($0) }
    }

    /// Seals plaintext; the result (nonce, ciphertext, tag) is base64 text.
    public func seal(_ plaintext: String) throws -> String {
        guard let combined = try AES.GCM.seal(Array(plaintext.utf8), using: key).combined else {
            throw Failure(description: "AES-GCM produced no combined box")
        }
        return combined.base64EncodedString()
    }

    /// Opens text made by ``seal(_:)``; fails when the key is wrong or the text was altered.
    public func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw Failure(description: "sealed field is not base64") }
        let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key)
        return String(decoding: plain, as: UTF8.self)
    }

    /// The key as base64, for writing a new key file (never log it).
    public var exportedKeyBase64: String { Data(keyBytes).base64EncodedString() }

    /// The new field key of a rotation: `SAFECITY_NEW_FIELD_KEY`, else `keyFile` when it exists; nil when neither.
    public static func loadNext(environment: [String: String] = ProcessInfo.processInfo.environment, keyFile: String?) throws -> FieldCipher? {
        if let text = environment["SAFECITY_NEW_FIELD_KEY"] {
            guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw Failure(description: "SAFECITY_NEW_FIELD_KEY is not base64")
            }
            return try FieldCipher(keyBytes: Array(bytes))
        }
        guard let keyFile, FileManager.default.fileExists(atPath: keyFile) else { return nil }
        return try load(environment: [:], keyFile: keyFile, generateIfMissing: false)
    }

    /// A fingerprint naming this key in stored records (HKDF of the key, never the key).
    public var keyID: String {
        derivedSecret(label: "field-key-id", byteCount: 8).map { String(format: "%02x", $0) }.joined()
    }

    /// The raw key, to keep it as the legacy data key when the field key is first used as a key-encryption key.
    var keyBytes: [UInt8] { key.withUnsafeBytes { Array($0) } }

    /// Seals bytes bound to `context` (authenticated, not encrypted): wrapping data keys.
    func seal(bytes: [UInt8], context: String) throws -> [UInt8] {
        guard let combined = try AES.GCM.seal(bytes, using: key, authenticating: Array(context.utf8)).combined else {
            throw Failure(description: "AES-GCM produced no combined box")
        }
        return Array(combined)
    }

    /// Opens bytes made by ``seal(bytes:context:)`` with the same context.
    func open(bytes: [UInt8], context: String) throws -> [UInt8] {
        Array(try AES.GCM.open(try AES.GCM.SealedBox(combined: bytes), using: key, authenticating: Array(context.utf8)))
    }
}
