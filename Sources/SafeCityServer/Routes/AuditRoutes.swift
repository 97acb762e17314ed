import Hummingbird
import SafeCityCore

/// The audit trail: `GET /v1/audit/verify` walks the hash chain and reports the first broken link;
/// `GET /v1/audit/tree-head` signs the Merkle root of the log as it is now; `GET /v1/audit/proofs/inclusion`
/// and `…/consistency` give the RFC 9162 proofs an auditor checks against tree heads they kept, with the
/// public key from the public `GET /v1/audit/public-key`.
enum AuditRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        let tree = platform.auditTree
        catalog.secured(.get, "/v1/audit/verify", action: .auditVerify) { _, _ in
            let outcome = try await ChainVerifier().verify(platform.log)
            let body: JSONValue = switch outcome {
            case let .intact(count, headHash):
                .object(["intact": .bool(true), "records": .number(Double(count)), "headHash": .string(Hex.encode(headHash))])
            case let .broken(sequence, reason):
                .object(["intact": .bool(false), "brokenAt": .number(Double(sequence)), "reason": .string(reason)])
            }
            return .json(body.canonicalBytes)
        }

        // Publishing the key is the point: anyone may check a tree head someone shows them.
        catalog.publicRoute(.get, "/v1/audit/public-key") { _, _ in
            .json(JSONValue.object([
                "algorithm": .string("Ed25519"), "publicKey": .string(tree.publicKeyBase64), "keyID": .string(tree.keyID),
            ]).canonicalBytes)
        }

        catalog.secured(.get, "/v1/audit/tree-head", action: .auditVerify) { _, _ in
            try .json(encoding: try await tree.treeHead())
        }

        catalog.secured(.get, "/v1/audit/proofs/inclusion", action: .auditVerify) { request, _ in
            let query = request.uri.queryParameters
            let head = try await tree.sync()
            guard head > 0 else { throw SafeCityError(.notFound, title: "Not found", detail: "the log is empty") }
            guard query.get("sequence") != nil else { throw SafeCityError.badRequest("give the record's sequence, e.g. ?sequence=1", field: "sequence") }
            let sequence = try query.integer("sequence", default: 1, range: 1...Int64(head))
            let size = try query.integer("treeSize", default: Int64(head), range: sequence...Int64(head))
            return try .json(encoding: try await tree.inclusion(sequence: sequence, treeSize: Int(size)))
        }

        catalog.secured(.get, "/v1/audit/proofs/consistency", action: .auditVerify) { request, _ in
            let query = request.uri.queryParameters
            let head = try await tree.sync()
            guard head > 0 else { throw SafeCityError(.notFound, title: "Not found", detail: "the log is empty") }
            guard query.get("first") != nil else { throw SafeCityError.badRequest("give the earlier tree size, e.g. ?first=1", field: "first") }
            let first = try query.integer("first", default: 1, range: 1...Int64(head))
            let second = try query.integer("second", default: Int64(head), range: first...Int64(head))
            return try .json(encoding: try await tree.consistency(first: Int(first), second: Int(second)))
        }
    }
}
