import Hummingbird
import SafeCityCore
import Security

/// `/v1/keys`: admins create, list and revoke API keys; `/v1/whoami`: any key learns its own identity and permissions.
enum KeyRoutes {
    struct CreateKey: Decodable {
        var name: String
        var role: String
    }

    static func register(in catalog: RouteCatalog, platform: Platform) {
        catalog.secured(.get, "/v1/whoami", action: .identityRead) { _, context in
            let identity = try context.requireIdentity()
            let actions = Action.allCases.filter { PermissionTable.allows(identity.role, $0) }.map { JSONValue.string($0.rawValue) }
            return .json(JSONValue.object([
                "keyID": .string(identity.keyID), "name": .string(identity.name), "role": .string(identity.role.rawValue),
                "actor": .string(identity.actorName), "actions": .array(actions),
            ]).canonicalBytes)
        }

        catalog.secured(.post, "/v1/keys", action: .keysManage) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let body = try await request.decodeJSON(CreateKey.self, context: context)
            guard let role = Role(rawValue: body.role) else {
                throw SafeCityError.invalid(ValidationError(
                    field: "role", reason: "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(body.role)\""))
            }
            let created = try await platform.keys.create(name: body.name, role: role, createdBy: identity.actorName)
            // The plaintext key is in this response only; it is neither stored nor logged.
            return .json(JSONValue.object([
                "id": .string(created.record.id), "name": .string(created.record.name),
                "role": .string(role.rawValue), "key": .string(created.token),
            ]).canonicalBytes, status: .created)
        }

        catalog.secured(.get, "/v1/keys", action: .keysManage) { _, _ in
            let keys = try await platform.keys.store.all().map { key in
                JSONValue.object([
                    "id": .string(key.id), "name": .string(key.name), "role": .string(key.role.rawValue),
                    "createdAt": .string(key.createdAt.description), "createdBy": .string(key.createdBy),
                    "revokedAt": key.revokedAt.map { .string($0.description) } ?? .null,
                ])
            }
            return .json(JSONValue.object(["keys": .array(keys)]).canonicalBytes)
        }

        catalog.secured(.delete, "/v1/keys/{id}", action: .keysManage) { _, context in
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            guard try await platform.keys.revoke(id: id, by: identity.actorName) else {
                throw SafeCityError(.notFound, title: "Not found", detail: "no active key with id \(id)", field: "id")
            }
            return Response(status: .noContent)
        }
    }
}
