import Community
import Foundation
import Hummingbird
import SafeCityCore
import Security

/// `/v1/privacy/…`: retention settings and purges, field-key rotation, and exports of a person's own reports.
enum PrivacyRoutes {
    struct ExportRequest: Decodable {
        var email: String?
        var phone: String?
        /// Officers only: the subject-access request this search answers.
        var reason: String?
        /// `json` (default) or `open311` (GeoReport v2 JSON).
        var format: String?
    }

    static func register(in catalog: RouteCatalog, platform: Platform) {
        catalog.secured(.get, "/v1/privacy/retention", action: .privacyManage) { _, _ in
            let due = try await platform.privacy.duePurges()
            return try json(["settings": retentionJSON(platform.privacy.retention), "due": .array(due.map(purgeJSON))])
        }

        catalog.secured(.post, "/v1/privacy/retention/apply", action: .privacyManage) { _, _ in
            let purges = try await platform.privacy.applyRetention()
            return try json(["purged": .array(purges.map(purgeJSON))])
        }

        catalog.secured(.get, "/v1/privacy/field-key/rotation", action: .privacyManage) { _, _ in
            guard let status = await platform.privacy.rotationStatus() else { return try json(["status": .string("none"), "keyID": .string(platform.vault.kek.keyID)]) }
            return try json(["status": .string(status.running ? "running" : status.error == nil ? "done" : "failed"), "rotation": try ForecastRoutes.jsonValue(status)])
        }

        // Starts a rotation in the background: to the key of `field.key.new` or `SAFECITY_NEW_FIELD_KEY` when
        // one is waiting, else to a new random key (key files only). Progress is in the log and at GET.
        catalog.secured(.post, "/v1/privacy/field-key/rotation", action: .privacyManage) { _, _ in
            if await platform.privacy.rotationStatus()?.running == true {
                throw SafeCityError(.conflict, title: "Rotation running", detail: "a field-key rotation is already running")
            }
            guard let next = platform.vault.nextKEK ?? (platform.privacy.usesKeyFiles ? FieldCipher.random() : nil) else {
                throw SafeCityError(.conflict, title: "No new key", detail: "the field key comes from SAFECITY_FIELD_KEY: set SAFECITY_NEW_FIELD_KEY and restart, or use key files",
                                    field: "SAFECITY_NEW_FIELD_KEY")
            }
            let privacy = platform.privacy
            Task { try? await privacy.rotateFieldKey(to: next) }
            return try json(["status": .string("started"), "fromKey": .string(platform.vault.kek.keyID), "toKey": .string(next.keyID)], status: .accepted)
        }

        // A resident's own reports: those filed with this key whose contact is the one given.
        catalog.secured(.post, "/v1/privacy/export", action: .privacyExportOwn) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let body = try await request.decodeJSON(ExportRequest.self, context: context)
            let query = try contact(body)
            let found = try await platform.privacy.export(contact: query, filedBy: identity.actorName, actor: identity.actorName, reason: nil)
            return try exportResponse(found, format: body.format)
        }

        // A privacy officer's search for every report a person filed, with the reason on record.
        catalog.secured(.post, "/v1/privacy/exports", action: .privacyManage) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let body = try await request.decodeJSON(ExportRequest.self, context: context)
            let query = try contact(body)
            guard let reason = body.reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty, reason.count <= 500 else {
                throw SafeCityError.invalid(ValidationError(field: "reason", reason: "give the request this search answers (1–500 characters)"))
            }
            let found = try await platform.privacy.export(contact: query, filedBy: nil, actor: identity.actorName, reason: reason)
            return try exportResponse(found, format: body.format)
        }
    }

    private static func contact(_ body: ExportRequest) throws -> ContactQuery {
        do { return try ContactQuery(email: body.email, phone: body.phone) } catch { throw SafeCityError.invalid(error) }
    }

    private static func exportResponse(_ found: [ServiceRequest], format: String?) throws -> Response {
        switch format ?? "json" {
        case "json": return try json(["requests": PrivacyExport.json(found)])
        case "open311":
            return Response(status: .ok, headers: [.contentType: GeoReportFormat.json.contentType],
                            body: .init(byteBuffer: ByteBuffer(string: GeoReportFormat.json.requests(found))))
        default: throw SafeCityError.invalid(ValidationError(field: "format", reason: "must be json or open311, got \"\(format ?? "")\""))
        }
    }

    static func retentionJSON(_ settings: RetentionSettings) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for kind in RetentionSettings.agedKinds { members[kind.rawValue] = settings.days(for: kind).map { .number(Double($0)) } ?? .null }
        members["audit"] = .number(Double(settings.auditDays))
        members["sessions"] = .number(Double(settings.sessionDays))
        return .object(members)
    }

    private static func purgeJSON(_ purge: PrivacyService.Purge) -> JSONValue {
        .object(["kind": .string(purge.kind), "period": .string(purge.period), "dataKeys": .number(Double(purge.dataKeys)),
                 "count": .number(Double(purge.count)), "retentionDays": .number(Double(purge.retentionDays))])
    }

    private static func json(_ members: [String: JSONValue], status: HTTPResponse.Status = .ok) throws -> Response {
        .json(JSONValue.object(members).canonicalBytes, status: status)
    }
}
