import Crypto
import SafeCityCore
import Testing

/// Checked against the Certificate Transparency test tree (the eight leaves and their roots, audit paths
/// and consistency proofs that the RFC 6962 / RFC 9162 implementations test with), and exhaustively
/// against the RFC's recursive definitions written out plainly here.
@Suite struct MerkleTreeTests {
    static let leaves: [[UInt8]] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
        .map { Hex.decode($0)! }
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    static func tree(_ leaves: [[UInt8]]) -> MerkleTree {
        var tree = MerkleTree()
        for leaf in leaves { tree.append(leaf: leaf) }
        return tree
    }

    static func hex(_ hashes: [[UInt8]]) -> [String] { hashes.map { Hex.encode($0) } }

    @Test func rootsOfTheReferenceTreeAtEverySize() throws {
        let tree = Self.tree(Self.leaves)
        for size in 1...8 { #expect(Hex.encode(try tree.rootHash(treeSize: size)) == Self.roots[size - 1], "size \(size)") }
        #expect(Hex.encode(try MerkleTree().rootHash()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func referenceAuditPathsAndConsistencyProofs() throws {
        let tree = Self.tree(Self.leaves)
        #expect(Self.hex(try tree.inclusionProof(leafIndex: 0, treeSize: 8)) == [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ])
        #expect(Self.hex(try tree.inclusionProof(leafIndex: 5, treeSize: 8)) == [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ])
        #expect(Self.hex(try tree.consistencyProof(from: 1, to: 8)) == Self.hex(try tree.inclusionProof(leafIndex: 0, treeSize: 8)))
        #expect(Self.hex(try tree.consistencyProof(from: 6, to: 8)) == [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ])
        #expect(Self.hex(try tree.consistencyProof(from: 2, to: 5)) == [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ])
    }

    @Test func everyProofOfEveryTreeUpTo40LeavesVerifiesAndMatchesTheRFCDefinition() throws {
        let leaves = (0..<40).map { i in [UInt8(i), UInt8(i * 7 & 0xff)] }
        let tree = Self.tree(leaves)
        for n in 1...40 {
            let root = try tree.rootHash(treeSize: n)
            #expect(root == Plain.mth(Array(leaves[..<n])))
            for m in 0..<n {
                let proof = try tree.inclusionProof(leafIndex: m, treeSize: n)
                #expect(proof == Plain.path(m, Array(leaves[..<n])))
                #expect(MerkleProof.verifyInclusion(leafHash: MerkleTree.leafHash(leaves[m]), index: m, treeSize: n, proof: proof, root: root))
            }
            for first in 1...n {
                let proof = try tree.consistencyProof(from: first, to: n)
                #expect(proof == (first == n ? [] : Plain.subproof(first, Array(leaves[..<n]), complete: true)))
                #expect(MerkleProof.verifyConsistency(first: first, second: n, firstRoot: try tree.rootHash(treeSize: first),
                                                      secondRoot: root, proof: proof), "\(first) → \(n)")
            }
        }
    }

    @Test func alteredProofsRootsAndIndicesAreRefused() throws {
        let tree = Self.tree(Self.leaves)
        let root = try tree.rootHash(treeSize: 7)
        let proof = try tree.inclusionProof(leafIndex: 3, treeSize: 7)
        let leaf = MerkleTree.leafHash(Self.leaves[3])
        #expect(MerkleProof.verifyInclusion(leafHash: leaf, index: 3, treeSize: 7, proof: proof, root: root))
        #expect(!MerkleProof.verifyInclusion(leafHash: leaf, index: 2, treeSize: 7, proof: proof, root: root))
        // (The size is bound to the root by the signed tree head; a proof alone cannot tell 7 from 8 for this leaf.)
        #expect(!MerkleProof.verifyInclusion(leafHash: leaf, index: 3, treeSize: 4, proof: proof, root: root))
        #expect(!MerkleProof.verifyInclusion(leafHash: MerkleTree.leafHash(Self.leaves[4]), index: 3, treeSize: 7, proof: proof, root: root))
        #expect(!MerkleProof.verifyInclusion(leafHash: leaf, index: 3, treeSize: 7, proof: Array(proof.dropLast()), root: root))
        #expect(!MerkleProof.verifyInclusion(leafHash: leaf, index: 3, treeSize: 7, proof: proof + [root], root: root))
        var flipped = proof
        flipped[1][0] ^= 1
        #expect(!MerkleProof.verifyInclusion(leafHash: leaf, index: 3, treeSize: 7, proof: flipped, root: root))

        let consistency = try tree.consistencyProof(from: 3, to: 7)
        let first = try tree.rootHash(treeSize: 3)
        #expect(MerkleProof.verifyConsistency(first: 3, second: 7, firstRoot: first, secondRoot: root, proof: consistency))
        #expect(!MerkleProof.verifyConsistency(first: 3, second: 7, firstRoot: root, secondRoot: root, proof: consistency))
        #expect(!MerkleProof.verifyConsistency(first: 4, second: 7, firstRoot: first, secondRoot: root, proof: consistency))
        #expect(!MerkleProof.verifyConsistency(first: 3, second: 7, firstRoot: first, secondRoot: root, proof: []))
        #expect(throws: MerkleProofError.sizeOutOfRange(requested: 9, size: 8)) { try tree.rootHash(treeSize: 9) }
        #expect(throws: MerkleProofError.leafOutOfRange(index: 7, treeSize: 7)) { try tree.inclusionProof(leafIndex: 7, treeSize: 7) }
        #expect(throws: MerkleProofError.badConsistencyRange(first: 0, second: 3)) { try tree.consistencyProof(from: 0, to: 3) }
    }

    /// A rewritten history: changing, deleting or reordering one record gives a tree the old head cannot be proved into.
    @Test func changedDeletedOrReorderedLeavesBreakConsistencyWithTheEarlierHead() throws {
        let leaves = (0..<20).map { [UInt8]("record \($0)".utf8) }
        let honest = Self.tree(leaves)
        let head = try honest.rootHash(treeSize: 12)
        var changed = leaves
        changed[5] = Array("record 5, edited".utf8)
        var deleted = leaves
        deleted.remove(at: 5)
        var reordered = leaves
        reordered.swapAt(5, 6)
        for (name, forged) in [("changed", changed), ("deleted", deleted), ("reordered", reordered)] {
            let tree = Self.tree(forged)
            let proof = try tree.consistencyProof(from: 12, to: tree.size)
            #expect(!MerkleProof.verifyConsistency(first: 12, second: tree.size, firstRoot: head, secondRoot: try tree.rootHash(), proof: proof), "\(name)")
        }
        let proof = try honest.consistencyProof(from: 12, to: 20)
        #expect(MerkleProof.verifyConsistency(first: 12, second: 20, firstRoot: head, secondRoot: try honest.rootHash(), proof: proof))
    }
}

/// RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 as written: recursive and slow, the reference for the tree.
private enum Plain {
    static func sha(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
    static func k(_ n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }

    static func mth(_ d: [[UInt8]]) -> [UInt8] {
        if d.count == 1 { return sha([0] + d[0]) }
        let k = k(d.count)
        return sha([1] + mth(Array(d[..<k])) + mth(Array(d[k...])))
    }

    static func path(_ m: Int, _ d: [[UInt8]]) -> [[UInt8]] {
        if d.count == 1 { return [] }
        let k = k(d.count)
        return m < k ? path(m, Array(d[..<k])) + [mth(Array(d[k...]))] : path(m - k, Array(d[k...])) + [mth(Array(d[..<k]))]
    }

    static func subproof(_ m: Int, _ d: [[UInt8]], complete: Bool) -> [[UInt8]] {
        if m == d.count { return complete ? [] : [mth(d)] }
        let k = k(d.count)
        return m <= k
            ? subproof(m, Array(d[..<k]), complete: complete) + [mth(Array(d[k...]))]
            : subproof(m - k, Array(d[k...]), complete: false) + [mth(Array(d[..<k]))]
    }
}
