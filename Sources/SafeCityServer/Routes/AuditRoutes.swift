import Hummingbird
import SafeCityCore

/// `GET /v1/audit/verify`: walks the hash chain and reports the first broken link.
enum AuditRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
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
    }
}
