import Crypto
import Foundation
import SafeCityCore

/// A signed statement of the log's Merkle root at a size and time (RFC 9162's signed tree head, in
/// JSON): whoever holds one can later demand proofs that records are in the log and that the log only
/// grew, and check them against the platform's public key without access to the database.
public struct SignedTreeHead: Codable, Sendable, Equatable {
    /// Number of records the root covers (sequences 1…treeSize).
    public var treeSize: Int
    /// RFC 9162 root hash, lower-case hex.
    public var rootHash: String
    public var timestamp: Timestamp
    /// First 8 bytes of SHA-256 of the public key, hex: which key signed.
    public var keyID: String
    /// Ed25519 signature over ``signedBytes``, base64.
    public var signature: String

    public init(treeSize: Int, rootHash: String, timestamp: Timestamp, keyID: String, signature: String) {
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.timestamp = timestamp
        self.keyID = keyID
        self.signature = signature
    }

    /// The bytes the signature covers: a version line, then size, time (ms) and root, one per line.
    public var signedBytes: [UInt8] { Self.signedBytes(treeSize: treeSize, rootHash: rootHash, timestamp: timestamp) }

    static func signedBytes(treeSize: Int, rootHash: String, timestamp: Timestamp) -> [UInt8] {
        Array("SafeCity tree head v1\n\(treeSize)\n\(timestamp.millisecondsSince1970)\n\(rootHash)".utf8)
    }

    /// Whether the signature is `key`'s over this head.
    public func isSigned(by key: AuditPublicKey) -> Bool {
        guard let signature = Data(base64Encoded: signature) else { return false }
        return key.key.isValidSignature(signature, for: Data(signedBytes))
    }

    /// The root as bytes, nil when it is not 32 bytes of hex.
    public var rootHashBytes: [UInt8]? { Hex.decode(rootHash).flatMap { $0.count == 32 ? $0 : nil } }
}

/// Signs tree heads with the platform's Ed25519 audit key.
public struct TreeHeadSigner: Sendable {
    private let privateKey: Curve25519.Signing.PrivateKey

    public init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    /// The audit key derived from the field key (HKDF, its own label), so one key file serves both
    /// without the field key itself ever signing; rotating the field key rotates this one.
    public init(derivedFrom cipher: FieldCipher) throws {
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: cipher.derivedSecret(label: "audit-tree-head-signing"))
    }

    public var publicKey: AuditPublicKey { AuditPublicKey(key: privateKey.publicKey) }
    public var publicKeyBase64: String { publicKey.base64 }
    public var keyID: String { publicKey.keyID }

    public func sign(treeSize: Int, rootHash: [UInt8], at timestamp: Timestamp) throws -> SignedTreeHead {
        let root = Hex.encode(rootHash)
        let signature = try privateKey.signature(for: Data(SignedTreeHead.signedBytes(treeSize: treeSize, rootHash: root, timestamp: timestamp)))
        return SignedTreeHead(treeSize: treeSize, rootHash: root, timestamp: timestamp, keyID: keyID, signature: signature.base64EncodedString())
    }
}

/// The platform's Ed25519 audit public key: what auditors are given to check tree heads.
public struct AuditPublicKey: Sendable {
    let key: Curve25519.Signing.PublicKey

    init(key: Curve25519.Signing.PublicKey) { self.key = key }

    /// Reads a key given as base64 of its raw 32 bytes.
    public init(base64 text: String) throws {
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw FieldCipher.Failure(description: "the audit public key must be base64 of 32 bytes")
        }
        key = try Curve25519.Signing.PublicKey(rawRepresentation: bytes)
    }

    /// Base64 of the raw 32 bytes.
    public var base64: String { key.rawRepresentation.base64EncodedString() }

    /// Which key signed: the first 8 bytes of SHA-256 of the key, hex.
    public var keyID: String { Hex.encode(SHA256.hash(data: key.rawRepresentation).prefix(8)) }
}
