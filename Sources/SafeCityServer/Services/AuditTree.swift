import SafeCityCore
import Security

/// The Merkle tree over the log, kept up to date on demand: each record's chain hash is a leaf, in
/// sequence order, so leaf `i` is the record with sequence `i + 1`.
///
/// It gives signed tree heads and the inclusion and consistency proofs an outside auditor checks
/// against them (`safecity audit check`), with nothing but the platform's public key.
public actor AuditTree {
    private let log: any EventLog
    private let signer: TreeHeadSigner?
    private let clock: any WallClock
    private var tree = MerkleTree()

    /// Without a `signer` the tree gives roots and proofs but no signed heads.
    public init(log: any EventLog, signer: TreeHeadSigner?, clock: any WallClock) {
        self.log = log
        self.signer = signer
        self.clock = clock
    }

    public nonisolated var publicKeyBase64: String { signer?.publicKeyBase64 ?? "" }
    public nonisolated var keyID: String { signer?.keyID ?? "" }

    /// Brings the tree up to the log's head; returns its size.
    @discardableResult
    public func sync() async throws -> Int {
        while true {
            let page = try await log.read(after: Int64(tree.size), limit: 5_000)
            if page.isEmpty { return tree.size }
            for record in page {
                // Sequences are dense from 1; a gap is tampering, which `audit verify` names.
                guard record.sequence == Int64(tree.size) + 1 else {
                    throw AuditTreeError.gap(expected: Int64(tree.size) + 1, found: record.sequence)
                }
                tree.append(leaf: record.hash)
            }
        }
    }

    /// The root of the whole log as it is now, and its size.
    public func root() async throws -> (treeSize: Int, rootHash: [UInt8]) {
        let size = try await sync()
        return (size, try tree.rootHash())
    }

    /// The signed head of the whole log as it is now.
    public func treeHead() async throws -> SignedTreeHead {
        guard let signer else { throw AuditTreeError.noSigningKey }
        let (size, root) = try await root()
        return try signer.sign(treeSize: size, rootHash: root, at: clock.now())
    }

    /// The proof that the record with `sequence` is in the tree of `treeSize` records (default: now).
    public func inclusion(sequence: Int64, treeSize: Int?) async throws -> InclusionProof {
        let size = try await sync()
        let n = treeSize ?? size
        let index = Int(sequence) - 1
        let proof = try tree.inclusionProof(leafIndex: index, treeSize: n)
        guard let record = try await log.read(after: sequence - 1, limit: 1).first, record.sequence == sequence else {
            throw MerkleProofError.leafOutOfRange(index: index, treeSize: n)
        }
        return InclusionProof(sequence: sequence, leafIndex: index, treeSize: n, recordHash: Hex.encode(record.hash),
                              rootHash: Hex.encode(try tree.rootHash(treeSize: n)), proof: proof.map { Hex.encode($0) })
    }

    /// The proof that the tree of `second` records (default: now) extends the tree of `first`.
    public func consistency(first: Int, second: Int?) async throws -> ConsistencyProof {
        let size = try await sync()
        let n = second ?? size
        let proof = try tree.consistencyProof(from: first, to: n)
        return ConsistencyProof(first: first, second: n, firstRootHash: Hex.encode(try tree.rootHash(treeSize: first)),
                                secondRootHash: Hex.encode(try tree.rootHash(treeSize: n)), proof: proof.map { Hex.encode($0) })
    }
}

/// That the record with `sequence` (leaf `leafIndex`, its chain hash `recordHash`) is in the tree of `treeSize` records.
public struct InclusionProof: Codable, Sendable, Equatable {
    public var sequence: Int64
    public var leafIndex: Int
    public var treeSize: Int
    public var recordHash: String
    public var rootHash: String
    public var proof: [String]

    /// Whether the proof leads from the record's hash to `root`.
    public func verifies(against root: [UInt8]) -> Bool {
        guard let leaf = Hex.decode(recordHash), let path = Self.decode(proof) else { return false }
        return MerkleProof.verifyInclusion(leafHash: MerkleTree.leafHash(leaf), index: leafIndex, treeSize: treeSize, proof: path, root: root)
    }

    static func decode(_ hashes: [String]) -> [[UInt8]]? {
        let bytes = hashes.compactMap { Hex.decode($0) }
        return bytes.count == hashes.count && bytes.allSatisfy { $0.count == 32 } ? bytes : nil
    }
}

/// That the tree of `second` records extends the tree of `first`.
public struct ConsistencyProof: Codable, Sendable, Equatable {
    public var first: Int
    public var second: Int
    public var firstRootHash: String
    public var secondRootHash: String
    public var proof: [String]

    /// Whether the proof leads from `firstRoot` to `secondRoot`.
    public func verifies(firstRoot: [UInt8], secondRoot: [UInt8]) -> Bool {
        guard let path = InclusionProof.decode(proof) else { return false }
        return MerkleProof.verifyConsistency(first: first, second: second, firstRoot: firstRoot, secondRoot: secondRoot, proof: path)
    }
}

/// The log cannot be put in the tree.
public enum AuditTreeError: Error, CustomStringConvertible {
    case gap(expected: Int64, found: Int64)
    case noSigningKey

    public var description: String {
        switch self {
        case let .gap(expected, found): "the log skips from sequence \(expected - 1) to \(found): run `safecity audit verify`"
        case .noSigningKey: "no audit signing key: the field key beside the database is missing"
        }
    }
}
