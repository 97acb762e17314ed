import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Security
import Testing

/// Signed tree heads and RFC 9162 proofs over HTTP, checked as an outside auditor would: with the
/// published public key and the proofs only.
@Suite struct AuditTreeRoutesTests {
    @Test func treeHeadsAndProofsVerifyWithThePublishedKey() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            var publicKey = ""
            try await client.execute(uri: "/v1/audit/public-key", method: .get) { response in
                #expect(response.status == .ok, "the key is public")
                publicKey = response.json["publicKey"] as? String ?? ""
                #expect(response.json["algorithm"] as? String == "Ed25519")
            }
            let key = try AuditPublicKey(base64: publicKey)
            let earlier = try await Self.treeHead(client, fixture)
            #expect(earlier.isSigned(by: key))
            #expect(earlier.treeSize == Role.allCases.count, "one key.created event per role")

            for _ in 0..<3 {
                try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.sensor), body: buffer("[\(observationJSON())]")) {
                    #expect($0.status == .created)
                }
            }
            let later = try await Self.treeHead(client, fixture)
            #expect(later.isSigned(by: key))
            #expect(later.treeSize == earlier.treeSize + 3)
            var forged = later
            forged.treeSize += 1
            #expect(!forged.isSigned(by: key), "the size is signed with the root")

            for sequence in [1, earlier.treeSize, later.treeSize] {
                let proof = try await Self.decode(InclusionProof.self, client, "/v1/audit/proofs/inclusion?sequence=\(sequence)&treeSize=\(later.treeSize)", fixture)
                #expect(proof.verifies(against: try #require(later.rootHashBytes)), "record \(sequence)")
                var other = proof
                other.leafIndex = (proof.leafIndex + 1) % later.treeSize
                #expect(!other.verifies(against: try #require(later.rootHashBytes)))
            }
            let consistency = try await Self.decode(ConsistencyProof.self, client, "/v1/audit/proofs/consistency?first=\(earlier.treeSize)&second=\(later.treeSize)", fixture)
            #expect(consistency.verifies(firstRoot: try #require(earlier.rootHashBytes), secondRoot: try #require(later.rootHashBytes)))
            #expect(!consistency.verifies(firstRoot: try #require(later.rootHashBytes), secondRoot: try #require(later.rootHashBytes)))

            // Bad requests: a clear problem, never a 500.
            for (uri, status) in [
                ("/v1/audit/proofs/inclusion", HTTPResponse.Status.badRequest),
                ("/v1/audit/proofs/inclusion?sequence=0", .unprocessableContent),
                ("/v1/audit/proofs/inclusion?sequence=\(later.treeSize + 1)", .unprocessableContent),
                ("/v1/audit/proofs/inclusion?sequence=5&treeSize=2", .unprocessableContent),
                ("/v1/audit/proofs/consistency", .badRequest),
                ("/v1/audit/proofs/consistency?first=5&second=3", .unprocessableContent),
            ] {
                try await client.execute(uri: uri, method: .get, headers: fixture.headers(.admin)) { response in
                    #expect(response.status == status, "\(uri): \(String(buffer: response.body))")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            try await client.execute(uri: "/v1/audit/tree-head", method: .get, headers: fixture.headers(.dispatcher)) { #expect($0.status == .forbidden) }
        }
        await fixture.close()
    }

    static func treeHead(_ client: some TestClientProtocol, _ fixture: ServerFixture) async throws -> SignedTreeHead {
        try await decode(SignedTreeHead.self, client, "/v1/audit/tree-head", fixture)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ client: some TestClientProtocol, _ uri: String, _ fixture: ServerFixture) async throws -> T {
        try await client.execute(uri: uri, method: .get, headers: fixture.headers(.admin)) { response in
            #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
            return try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
        }
    }
}
