/// The auditor's side of ``MerkleTree``: checks inclusion and consistency proofs against root hashes
/// alone, as RFC 9162 §2.1.3.2 and §2.1.4.2 describe, without access to the log.
public enum MerkleProof {
    /// Whether `proof` shows the leaf with `leafHash` at `index` in the tree of `treeSize` leaves with `root`.
    public static func verifyInclusion(leafHash: [UInt8], index: Int, treeSize: Int, proof: [[UInt8]], root: [UInt8]) -> Bool {
        guard index >= 0, index < treeSize else { return false }
        var fn = index, sn = treeSize - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = MerkleTree.nodeHash(p, r)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = MerkleTree.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// Whether `proof` shows that the tree of `second` leaves with `secondRoot` extends the tree of
    /// `first` leaves with `firstRoot`.
    public static func verifyConsistency(first: Int, second: Int, firstRoot: [UInt8], secondRoot: [UInt8], proof: [[UInt8]]) -> Bool {
        guard first >= 1, first <= second else { return false }
        if first == second { return proof.isEmpty && firstRoot == secondRoot }
        guard !proof.isEmpty else { return false }
        var path = proof
        if first & (first - 1) == 0 { path.insert(firstRoot, at: 0) }
        var fn = first - 1, sn = second - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0], sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleTree.nodeHash(c, fr)
                sr = MerkleTree.nodeHash(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == firstRoot && sr == secondRoot && sn == 0
    }
}
