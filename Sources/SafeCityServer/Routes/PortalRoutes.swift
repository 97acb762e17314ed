import Foundation
import Geo
import HTTPTypes
import Hummingbird
import SafeCityCore
import Security
import Sensing

/// The public portal for residents: server-rendered HTML in English and Spanish under `/portal/{en|es}/…`.
///
/// Public (no key) and read-only except for quiz answers, which are checked against a per-cookie
/// token (CSRF), size-limited, and recorded as `portal.quiz.completed` with the resident's id hashed.
/// Every failure is a page in the resident's language, never a problem document or a stack trace.
enum PortalRoutes {
    /// Quiz forms are a few hundred bytes; anything much larger is not one of ours.
    static let maxFormBytes = 8 * 1024

    static func register(in catalog: RouteCatalog, platform: Platform) {
        let formGuard = PortalFormGuard()

        catalog.publicRoute(.get, "/portal") { request, _ in
            let language = PortalLanguage.preferred(acceptLanguage: request.headers[.acceptLanguage])
            var response = Response(status: .found, headers: [.location: PortalLayout.url(language)])
            response.headers[.vary] = "Accept-Language"
            return response
        }

        catalog.publicRoute(.get, RouterPath(PortalStyle.path)) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "no-cache", .xContentTypeOptions: "nosniff"],
                     body: .init(byteBuffer: ByteBuffer(string: PortalStyle.css)))
        }

        page(catalog, .get, "/portal/{language}") { _, _, language in
            let now = platform.clock.now()
            let alerts = CurrentAlert.select(from: await platform.alerts.published(), now: now, language: language)
            let air = try await AirQualityRoutes.summary(platform: platform)
            let areas = air.cells.map { cell, area in
                let bounds = air.grid.bounds(of: cell)
                return PortalHomePage.AirArea(cell: cell, centre: GeoPoint(latitude: (bounds[1] + bounds[3]) / 2, longitude: (bounds[0] + bounds[2]) / 2),
                                              summary: area)
            }
            return .page(PortalHomePage.render(language, alerts: alerts, air: areas, cellMetres: Int(air.grid.cellSizeMetres)))
        }

        page(catalog, .get, "/portal/{language}/report") { _, _, language in
            .page(PortalReportPage.render(language))
        }

        page(catalog, .get, "/portal/{language}/learn") { request, _, language in
            .page(PortalLearnPage.render(language, progress: await progress(of: ResidentID(request: request), platform: platform)))
        }

        page(catalog, .get, "/portal/{language}/learn/{module}") { request, context, language in
            guard let module = PreparednessModule.named(context.parameters.get("module") ?? "") else { return .error(.notFound) }
            let existing = ResidentID(request: request)
            var generator = SystemRandomNumberGenerator()
            let resident = existing ?? ResidentID(using: &generator)
            var result = PortalResult.page(PortalModulePage.render(module, language, quiz: .form, csrfToken: formGuard.token(for: resident)))
            if existing == nil { result.cookie = resident }
            return result
        }

        page(catalog, .post, "/portal/{language}/learn/{module}", limit: RateLimiter(platform.rateLimits.portal)) { request, context, language in
            guard let module = PreparednessModule.named(context.parameters.get("module") ?? "") else { return .error(.notFound) }
            // Without the cookie the form came from, there is no token to check: refused like a forged form.
            guard let resident = ResidentID(request: request) else { return .error(.forbidden) }
            guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/x-www-form-urlencoded") else { return .error(.badRequest) }
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: maxFormBytes)
            } catch {
                return .error(.contentTooLarge)
            }
            guard let body = String(validating: buffer.readableBytesView, as: UTF8.self), let form = try? PortalForm(body: body) else { return .error(.badRequest) }
            guard formGuard.accepts(form[PortalFormGuard.fieldName], for: resident) else { return .error(.forbidden) }
            let grade: QuizGrade
            do {
                grade = try QuizGrade(module: module, form: form)
            } catch let QuizGrade.AnswerError.unanswered(missing, chosen) {
                var result = PortalResult.page(PortalModulePage.render(module, language, quiz: .incomplete(missing: missing, chosen: chosen),
                                                                       csrfToken: formGuard.token(for: resident)))
                result.status = .unprocessableContent
                return result
            } catch {
                return .error(.badRequest)
            }
            let payload = PortalEvents.QuizCompleted(resident: resident.hashed, module: module.id, score: grade.score, questions: grade.total,
                                                     language: language.rawValue)
            let event = NewEvent(type: PortalEvents.quizCompleted, source: "portal", actor: "portal:resident", occurredAt: platform.clock.now(),
                                 payload: try EventPayload(encoding: payload))
            if let written = try await platform.append([event]).last?.sequence {
                _ = await platform.portalProgress.snapshot(atLeast: written, timeout: .seconds(5))
            }
            return .page(PortalModulePage.render(module, language, quiz: .graded(grade), csrfToken: formGuard.token(for: resident)))
        }

        page(catalog, .get, "/portal/{language}/progress") { request, _, language in
            .page(PortalProgressPage.render(language, progress: await progress(of: ResidentID(request: request), platform: platform)))
        }

        page(catalog, .get, "/portal/{language}/transparency") { _, _, language in
            let cameras = await platform.vision.configurations().map {
                PortalTransparencyPage.CameraRetention(name: $0.name, trackRetentionSeconds: $0.trackRetentionSeconds)
            }
            let audit = await platform.forecasts.latestAudit.map {
                PortalTransparencyPage.ForecastAudit(method: $0.method, cellMetres: Int($0.cellMetres), incidents: $0.incidents, at: $0.at,
                                                     report: $0.report, threshold: platform.forecasts.disparityThreshold)
            }
            return .page(PortalTransparencyPage.render(language, cameras: cameras.sorted { $0.name < $1.name }, forecast: audit, retention: platform.privacy.retention))
        }
    }

    /// A resident's progress by module; empty without a cookie.
    private static func progress(of resident: ResidentID?, platform: Platform) async -> [String: PortalProgress.ModuleRecord] {
        guard let resident else { return [:] }
        return await platform.portalProgress.snapshot().state.residents[resident.hashed] ?? [:]
    }

    /// What a portal handler answers: a page or an error status, and a resident cookie to set.
    struct PortalResult: Sendable {
        var status: HTTPResponse.Status
        var html: String?
        var cookie: ResidentID?

        static func page(_ html: String) -> PortalResult { PortalResult(status: .ok, html: html) }
        static func error(_ status: HTTPResponse.Status) -> PortalResult { PortalResult(status: status, html: nil) }
    }

    /// Registers a portal page: resolves the language (unknown → a 404 page in the browser's language),
    /// renders errors as pages, and sets the security headers every portal page carries.
    private static func page(
        _ catalog: RouteCatalog, _ method: HTTPRequest.Method, _ path: RouterPath, limit: RateLimiter? = nil,
        _ handler: @escaping @Sendable (Request, AppRequestContext, PortalLanguage) async throws -> PortalResult
    ) {
        catalog.publicRoute(method, path, limit: limit.map { ("portal", $0) }) { request, context in
            guard let language = PortalLanguage(rawValue: context.parameters.get("language") ?? "") else {
                let fallback = PortalLanguage.preferred(acceptLanguage: request.headers[.acceptLanguage])
                return respond(PortalResult.error(.notFound), language: fallback, request: request, context: context)
            }
            let result: PortalResult
            do {
                result = try await handler(request, context, language)
            } catch {
                context.logger.error("portal page failed", metadata: ["error": .string(String(describing: error)), "path": .string(request.uri.path)])
                result = .error(.internalServerError)
            }
            return respond(result, language: language, request: request, context: context)
        }
    }

    private static func respond(_ result: PortalResult, language: PortalLanguage, request: Request, context: AppRequestContext) -> Response {
        let html = result.html ?? PortalErrorPage.render(
            language, status: Int(result.status.code), reference: result.status.code >= 500 && !context.requestID.isEmpty ? context.requestID : nil)
        var response = Response(status: result.status, headers: headers(language), body: .init(byteBuffer: ByteBuffer(string: html)))
        if let resident = result.cookie {
            response.setCookie(resident.cookie(secure: request.headers[xForwardedProto]?.lowercased() == "https"))
        }
        return response
    }

    private static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// Nothing from elsewhere may load or frame the page; forms post only here.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    private static func headers(_ language: PortalLanguage) -> HTTPFields {
        [
            .contentType: "text/html; charset=utf-8", .contentLanguage: language.rawValue, .cacheControl: "no-store",
            .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff", HTTPField.Name("Referrer-Policy")!: "same-origin",
        ]
    }
}
