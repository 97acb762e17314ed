import Crypto

/// A Merkle tree over the log's records as RFC 9162 (Certificate Transparency 2.0) defines it, with
/// inclusion proofs ("this record is in the log") and consistency proofs ("the later log extends the
/// earlier one, nothing rewritten"), so that an auditor holding only signed tree heads can check both.
///
/// The tree keeps the hash of every complete, aligned subtree (about two hashes per leaf), so a root or
/// a proof for any tree size costs O(log n) lookups and appending is amortised O(1).
public struct MerkleTree: Sendable {
    /// `levels[k][i]` is the hash of leaves `i·2^k ..< (i+1)·2^k`.
    private var levels: [[Digest32]] = [[]]

    public init() {}

    /// Number of leaves.
    public var size: Int { levels[0].count }

    /// Appends a leaf (its data, hashed here with the RFC's 0x00 prefix).
    public mutating func append(leaf data: [UInt8]) {
        appendLeafHash(Self.leafHash(data))
    }

    /// Appends a leaf whose leaf hash is already known.
    public mutating func appendLeafHash(_ hash: [UInt8]) {
        var node = Digest32(hash)
        var level = 0
        levels[0].append(node)
        // Every time a level's count becomes even, the last two nodes form a complete parent.
        while levels[level].count % 2 == 0 {
            let count = levels[level].count
            node = Digest32(Self.nodeHash(levels[level][count - 2].bytes, levels[level][count - 1].bytes))
            level += 1
            if levels.count == level { levels.append([]) }
            levels[level].append(node)
        }
    }

    /// The root hash of the first `treeSize` leaves (the whole tree by default); SHA-256 of nothing for 0.
    public func rootHash(treeSize: Int? = nil) throws(MerkleProofError) -> [UInt8] {
        let n = treeSize ?? size
        guard n >= 0, n <= size else { throw .sizeOutOfRange(requested: n, size: size) }
        if n == 0 { return Array(SHA256.hash(data: [UInt8]())) }
        return subtreeHash(start: 0, count: n)
    }

    /// The audit path of leaf `index` in the tree of the first `treeSize` leaves (RFC 9162 §2.1.3.1).
    public func inclusionProof(leafIndex index: Int, treeSize: Int) throws(MerkleProofError) -> [[UInt8]] {
        guard treeSize >= 1, treeSize <= size else { throw .sizeOutOfRange(requested: treeSize, size: size) }
        guard index >= 0, index < treeSize else { throw .leafOutOfRange(index: index, treeSize: treeSize) }
        var proof: [[UInt8]] = []
        path(index, start: 0, count: treeSize, into: &proof)
        return proof
    }

    /// The proof that the tree of `second` leaves extends the tree of `first` (RFC 9162 §2.1.4.1).
    public func consistencyProof(from first: Int, to second: Int) throws(MerkleProofError) -> [[UInt8]] {
        guard second <= size else { throw .sizeOutOfRange(requested: second, size: size) }
        guard first >= 1, first <= second else { throw .badConsistencyRange(first: first, second: second) }
        var proof: [[UInt8]] = []
        if first < second { subproof(first, start: 0, count: second, complete: true, into: &proof) }
        return proof
    }

    // MARK: - Hashing

    /// SHA-256(0x00 ‖ data): a leaf's hash.
    public static func leafHash(_ data: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0])
        hasher.update(data: data)
        return Array(hasher.finalize())
    }

    /// SHA-256(0x01 ‖ left ‖ right): an interior node's hash.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [1])
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    /// The largest power of two strictly below `n` (n ≥ 2): where RFC 9162 splits a tree.
    static func split(_ n: Int) -> Int {
        1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }

    /// MTH of `count` leaves from `start`; `start` is always a multiple of a power of two ≥ `count`
    /// in the RFC's recursion, so the left part of every split is a stored complete subtree.
    private func subtreeHash(start: Int, count: Int) -> [UInt8] {
        if count & (count - 1) == 0 {
            let level = count.trailingZeroBitCount
            return levels[level][start >> level].bytes
        }
        let k = Self.split(count)
        return Self.nodeHash(subtreeHash(start: start, count: k), subtreeHash(start: start + k, count: count - k))
    }

    private func path(_ m: Int, start: Int, count: Int, into proof: inout [[UInt8]]) {
        guard count > 1 else { return }
        let k = Self.split(count)
        if m < k {
            path(m, start: start, count: k, into: &proof)
            proof.append(subtreeHash(start: start + k, count: count - k))
        } else {
            path(m - k, start: start + k, count: count - k, into: &proof)
            proof.append(subtreeHash(start: start, count: k))
        }
    }

    private func subproof(_ m: Int, start: Int, count: Int, complete: Bool, into proof: inout [[UInt8]]) {
        if m == count {
            if !complete { proof.append(subtreeHash(start: start, count: count)) }
            return
        }
        let k = Self.split(count)
        if m <= k {
            subproof(m, start: start, count: k, complete: complete, into: &proof)
            proof.append(subtreeHash(start: start + k, count: count - k))
        } else {
            subproof(m - k, start: start + k, count: count - k, complete: false, into: &proof)
            proof.append(subtreeHash(start: start, count: k))
        }
    }
}

/// A 32-byte hash stored inline, so the tree's levels are flat arrays rather than arrays of arrays.
struct Digest32: Sendable {
    var a: UInt64, b: UInt64, c: UInt64, d: UInt64

    init(_ bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 hash has 32 bytes")
        func word(_ at: Int) -> UInt64 { bytes[at..<at + 8].reduce(0) { $0 << 8 | UInt64($1) } }
        (a, b, c, d) = (word(0), word(8), word(16), word(24))
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [a, b, c, d] { withUnsafeBytes(of: word.bigEndian) { out.append(contentsOf: $0) } }
        return out
    }
}

/// Why a root or proof cannot be given.
public enum MerkleProofError: Error, Equatable, CustomStringConvertible {
    case sizeOutOfRange(requested: Int, size: Int)
    case leafOutOfRange(index: Int, treeSize: Int)
    case badConsistencyRange(first: Int, second: Int)

    public var description: String {
        switch self {
        case let .sizeOutOfRange(requested, size): "tree size \(requested) is out of range: the log has \(size) records"
        case let .leafOutOfRange(index, treeSize): "leaf \(index) is not in a tree of \(treeSize) leaves"
        case let .badConsistencyRange(first, second): "a consistency proof needs 1 ≤ first ≤ second, got \(first) and \(second)"
        }
    }
}
