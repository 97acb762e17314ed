import Community
import Foundation
import Hummingbird
import SafeCityCore
import Security

/// Open311 GeoReport v2 at `/open311/v2/`: services, service definitions, requests (POST and GET),
/// single requests and tokens, in JSON or XML by the path's extension, with the spec's error lists.
///
/// Reading is public, as the spec intends; posting needs an `api_key` — any SafeCity key whose role may
/// submit reports (residents hold `public` keys).
enum Open311Routes {
    static let prefix = "/open311/v2"

    static func register(in catalog: RouteCatalog, platform: Platform) {
        let reports = platform.reports
        catalog.publicRoute(.get, "\(prefix)/{file}") { request, context in
            guard let (name, format) = GeoReportFormat.split(try context.parameters.require("file")) else { return notFound(.json, "resource") }
            switch name {
            case "services":
                return respond(format, format.services(reports.catalog.services))
            case "requests":
                do {
                    let query = try RequestQuery.parse(queryString: request.uri.query ?? "")
                    let found = query.apply(to: await reports.all(), now: platform.clock.now())
                    return respond(format, format.requests(found))
                } catch let error as CommunityError {
                    return failure(format, GeoReportError(error))
                }
            default:
                return notFound(format, "resource \(name)")
            }
        }

        let submissions = RateLimiter(platform.rateLimits.open311)
        catalog.publicRoute(.post, "\(prefix)/{file}", limit: ("open311", submissions)) { request, context in
            var request = request
            guard let (name, format) = GeoReportFormat.split(try context.parameters.require("file")), name == "requests" else {
                return notFound(.json, "resource")
            }
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: context.maxUploadSize) } catch {
                return failure(format, GeoReportError(httpStatus: 413, description: "the body exceeds the limit of \(context.maxUploadSize) bytes"))
            }
            do {
                let fields = try FormURLEncoded.decode(Array(body.readableBytesView))
                // The key is checked here, asynchronously, and the engine is told the answer.
                let key = fields.first { $0.name == "api_key" }?.value ?? ""
                let identity = key.isEmpty ? nil : try? await platform.keys.authenticate(key)
                let allowed = identity.map { PermissionTable.allows($0.role, .reportsSubmit) } ?? false
                let submission = try ServiceRequestSubmission.parse(fields, catalog: reports.catalog) { _ in allowed }
                let created = try await reports.submit(submission, actor: identity?.actorName ?? "open311")
                platform.metrics.recordReport(outcome: "accepted")
                return respond(format, format.receipts([SubmissionReceipt(request: created, accountID: submission.contact.accountID)]))
            } catch let error as CommunityError {
                platform.metrics.recordReport(outcome: GeoReportError(error).httpStatus == 403 ? "forbidden" : "invalid")
                return failure(format, GeoReportError(error))
            }
        }

        catalog.publicRoute(.get, "\(prefix)/services/{file}") { _, context in
            guard let (code, format) = GeoReportFormat.split(try context.parameters.require("file")) else { return notFound(.json, "service") }
            guard let definition = reports.catalog.definition(code) else { return notFound(format, "service_code \"\(code)\" (or it has no definition)") }
            return respond(format, format.definition(definition))
        }

        catalog.publicRoute(.get, "\(prefix)/requests/{file}") { _, context in
            guard let (id, format) = GeoReportFormat.split(try context.parameters.require("file")) else { return notFound(.json, "request") }
            guard let found = await reports.request(id) else { return notFound(format, "service_request_id \"\(id)\"") }
            return respond(format, format.requests([found]))
        }

        // SafeCity answers POST requests with the request id at once; a token is that id.
        catalog.publicRoute(.get, "\(prefix)/tokens/{file}") { _, context in
            guard let (token, format) = GeoReportFormat.split(try context.parameters.require("file")) else { return notFound(.json, "token") }
            guard await reports.request(token) != nil else { return notFound(format, "token \"\(token)\"") }
            return respond(format, format.tokens([TokenLookup(token: token, requestID: token)]))
        }

        catalog.secured(.post, "/v1/reports/{id}/status", action: .reportsManage) { request, context in
            var request = request
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            let step = try await request.decodeJSON(StatusStep.self, context: context)
            do {
                let moved = try await reports.move(id, to: step.status, publicNote: step.publicNote, agencyID: step.agencyID, actor: identity.actorName)
                return Response(status: .ok, headers: [.contentType: GeoReportFormat.json.contentType],
                                body: .init(byteBuffer: ByteBuffer(string: GeoReportFormat.json.requests([moved]))))
            } catch let error as CommunityError {
                switch error {
                case .notFound: throw SafeCityError(.notFound, title: "Unknown report", detail: error.description, field: "id")
                case let .invalidField(field, reason): throw SafeCityError.invalid(ValidationError(field: field, reason: reason))
                case .forbidden: throw SafeCityError.forbidden(error.description)
                }
            }
        }
    }

    struct StatusStep: Decodable {
        var status: ReportStatus
        var publicNote: String?
        var agencyID: String?
    }

    private static func respond(_ format: GeoReportFormat, _ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: format.contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private static func failure(_ format: GeoReportFormat, _ error: GeoReportError) -> Response {
        respond(format, format.errors([error]), status: HTTPResponse.Status(code: error.httpStatus))
    }

    private static func notFound(_ format: GeoReportFormat, _ what: String) -> Response {
        failure(format, GeoReportError(.notFound(what)))
    }
}
