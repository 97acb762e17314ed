import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Testing
import Vision

@Suite(.timeLimit(.minutes(5))) struct PortalRoutesTests {
    // MARK: helpers

    static let pages = ["", "/report", "/learn", "/learn/fire", "/learn/flood", "/learn/heat-wave", "/learn/active-threat", "/progress", "/transparency"]

    /// The value of the `safecity_resident` cookie a response sets, and the whole header.
    static func residentCookie(_ response: TestResponse) -> (value: String, header: String)? {
        guard let header = response.headers[values: .setCookie].first(where: { $0.hasPrefix("safecity_resident=") }) else { return nil }
        let value = header.dropFirst("safecity_resident=".count).prefix { $0 != ";" }
        return (String(value), header)
    }

    /// The hidden CSRF field's value in a page.
    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func formHeaders(cookie: String?) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = "safecity_resident=\(cookie)" }
        return headers
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Opens the fire lesson and returns the cookie it set and the form's token.
    static func openLesson(_ client: some TestClientProtocol, language: String = "en", module: String = "fire") async throws -> (cookie: String, token: String) {
        var cookie = "", token = ""
        try await client.execute(uri: "/portal/\(language)/learn/\(module)", method: .get) { response in
            #expect(response.status == .ok)
            cookie = residentCookie(response)?.value ?? ""
            token = csrfToken(in: String(buffer: response.body)) ?? ""
        }
        return (cookie, token)
    }

    // MARK: language

    @Test func portalRedirectsByAcceptLanguage() async throws {
        let fixture = try await ServerFixture()
        let cases: [(String?, String)] = [
            (nil, "/portal/en"), ("es-MX,es;q=0.9,en;q=0.5", "/portal/es"), ("fr-FR, en;q=0.3", "/portal/en"),
            ("en;q=0.2, es;q=0.8", "/portal/es"), ("es;q=0, en", "/portal/en"), ("de, fr", "/portal/en"), ("ES", "/portal/es"),
        ]
        try await fixture.app.test(.router) { client in
            for (header, location) in cases {
                for path in ["/portal", "/portal/"] {
                    var headers = HTTPFields()
                    if let header { headers[.acceptLanguage] = header }
                    try await client.execute(uri: path, method: .get, headers: headers) { response in
                        #expect(response.status == .found, "\(path) with \(header ?? "no Accept-Language")")
                        #expect(response.headers[.location] == location, "\(path) with \(header ?? "no Accept-Language")")
                    }
                }
            }
        }
        await fixture.close()
    }

    @Test func everyPageRendersInBothLanguagesWithOneH1AndNoExternalResources() async throws {
        let fixture = try await ServerFixture()
        let marks = ["en": ["Skip to main content", "In an emergency, call 112."], "es": ["Saltar al contenido principal", "En una emergencia, llame al 112."]]
        try await fixture.app.test(.router) { client in
            for language in ["en", "es"] {
                for page in Self.pages {
                    try await client.execute(uri: "/portal/\(language)\(page)", method: .get) { response in
                        let html = String(buffer: response.body)
                        #expect(response.status == .ok, "\(language)\(page)")
                        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                        #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                        #expect(html.hasPrefix("<!DOCTYPE html>"))
                        #expect(html.contains("<html lang=\"\(language)\">"), "\(language)\(page)")
                        #expect(Self.count("<h1", in: html) == 1, "\(language)\(page) has one h1")
                        #expect(html.contains(##"<a class="skip" href="#main">"##))
                        #expect(html.contains(#"<main id="main""#))
                        for mark in marks[language]! { #expect(html.contains(mark), "\(language)\(page) shows \(mark)") }
                        // Nothing loads from another origin; no script at all.
                        #expect(!html.contains("src=\"http"), "\(language)\(page)")
                        #expect(!html.contains("href=\"http"), "\(language)\(page)")
                        #expect(!html.contains("<script"), "\(language)\(page)")
                        // The other language's page is linked, marked with its language.
                        let other = language == "en" ? "es" : "en"
                        #expect(html.contains(#"href="/portal/\#(other)\#(page)" lang="\#(other)""#), "\(language)\(page)")
                    }
                }
            }
            try await client.execute(uri: "/portal/es", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Alertas públicas y calidad del aire"))
                #expect(html.contains("No hay alertas vigentes en este momento."))
                #expect(response.headers[.contentLanguage] == "es")
            }
            try await client.execute(uri: "/portal.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(!String(buffer: response.body).contains("@import"))
                #expect(!String(buffer: response.body).contains("url("))
            }
            // Unknown language or lesson: a page in the browser's language, not a problem document.
            try await client.execute(uri: "/portal/fr/learn", method: .get, headers: [.acceptLanguage: "es"]) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: response.body).contains("Página no encontrada"))
            }
            try await client.execute(uri: "/portal/en/learn/earthquake", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("Page not found"))
            }
        }
        await fixture.close()
    }

    // MARK: alerts and data

    @Test func alertHeadlinesAreEscapedAndOnlyAlertsInEffectAreShown() async throws {
        let fixture = try await ServerFixture()
        let hostile = #"<script>alert(1)</script> Smoke & \"ash\""#
        let draft = AlertRoutesTests.draftJSON().replacingOccurrences(of: #""headline":"Air quality advisory""#, with: #""headline":"\#(hostile)""#)
            .replacingOccurrences(of: #""description":"Harbour""#, with: #""description":"Harbour <b>east</b>""#)
        try await fixture.app.test(.router) { client in
            var id = ""
            try await client.execute(uri: "/v1/alerts", method: .post, headers: fixture.headers(.publicInformationOfficer), body: buffer(draft)) { response in
                #expect(response.status == .created)
                id = (response.json["alert"] as? [String: Any])?["id"] as? String ?? ""
            }
            try await client.execute(uri: "/portal/en", method: .get) { response in
                #expect(!String(buffer: response.body).contains("Smoke"), "a draft is not public")
            }
            try await client.execute(uri: "/v1/alerts/\(id)/approve", method: .post, headers: try await fixture.sessionHeaders(.admin)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/portal/en", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Smoke &amp; &quot;ash&quot;"))
                #expect(!html.contains("<script"))
                #expect(html.contains("Harbour &lt;b&gt;east&lt;/b&gt;"))
                #expect(html.contains("Moderate"))
                #expect(html.contains(#"<time datetime="2099-01-01T00:00:00+00:00">January 1, 2099"#))
            }
            try await client.execute(uri: "/portal/es", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Aviso de calidad del aire"), "the Spanish info block")
                #expect(html.contains("Moderada"))
                #expect(html.contains("1 de enero de 2099"))
            }
            // Cancelled: no longer in effect.
            var cancelID = ""
            try await client.execute(uri: "/v1/alerts/\(id)/cancel", method: .post, headers: fixture.headers(.publicInformationOfficer), body: buffer("{}")) { response in
                cancelID = (response.json["alert"] as? [String: Any])?["id"] as? String ?? ""
            }
            try await client.execute(uri: "/v1/alerts/\(cancelID)/approve", method: .post, headers: try await fixture.sessionHeaders(.admin)) { _ in }
            try await client.execute(uri: "/portal/en", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(!html.contains("Smoke"))
                #expect(html.contains("There are no alerts in effect right now."))
            }
        }
        await fixture.close()
    }

    @Test func transparencyReadsCameraRetentionFromTheLiveConfiguration() async throws {
        let fixture = try await ServerFixture()
        var camera = try DemoCameras.sites(start: 1_796_061_600, seed: 42)[0].configuration
        camera.trackRetentionSeconds = 420
        _ = try await fixture.platform.vision.register(camera, actor: "test")
        let name = camera.name
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/portal/en/transparency", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("\(name): 7 minutes"))
                #expect(html.contains("No face recognition"))
                #expect(html.contains("Not in use yet."))
                // Who sees live tracks comes from the permission table: admins, dispatchers, analysts, not the public.
                #expect(html.contains("Live anonymous tracks: </strong>system administrators, dispatchers, analysts<"))
            }
            try await client.execute(uri: "/portal/es/transparency", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("\(name): 7 minutos"))
                #expect(html.contains("Todavía no se usan."))
            }
        }
        await fixture.close()
    }

    @Test func transparencyShowsTheLatestForecastFairnessAudit() async throws {
        let fixture = try await ServerFixture()
        _ = try await DemoCrime.load(into: fixture.platform.forecasts, now: fixture.platform.clock.now(), seed: 3)
        _ = try await fixture.platform.forecasts.forecast(method: "kde", cellMetres: 150)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/portal/en/transparency", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("In use: KDE forecasts"))
                #expect(html.contains("Latest fairness audit"))
                #expect(html.contains("Centre (La Condamine, Moneghetti, Révoires)"))
                #expect(html.contains("we treat more than 1.50 as a warning"))
                #expect(!html.contains("Not in use yet."))
            }
            try await client.execute(uri: "/portal/es/transparency", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Última auditoría de equidad"))
                #expect(html.contains("Parte de la zona señalada"))
            }
        }
        await fixture.close()
    }

    // MARK: quiz and progress

    @Test func quizIsGradedServerSideAndProgressIsSavedUnderAHashedID() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            var cookieHeader = ""
            try await client.execute(uri: "/portal/en/learn/fire", method: .get) { response in
                cookieHeader = Self.residentCookie(response)?.header ?? ""
            }
            #expect(cookieHeader.contains("HttpOnly"))
            #expect(cookieHeader.contains("SameSite=Lax"))
            #expect(cookieHeader.contains("Path=/portal"))
            let (cookie, token) = try await Self.openLesson(client)
            #expect(cookie.count == 32 && cookie.allSatisfy(\.isHexDigit), "128 random bits in hex: \(cookie)")
            #expect(!token.isEmpty)
            // The page is served again with the cookie: no new id.
            try await client.execute(uri: "/portal/en/learn/flood", method: .get, headers: Self.formHeaders(cookie: cookie)) { response in
                #expect(Self.residentCookie(response) == nil)
            }
            // Fire: leave at once staying low (1), feel the door (0), stop-drop-roll (2), tell the firefighters (1).
            let urlToken = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
            try await client.execute(uri: "/portal/en/learn/fire", method: .post, headers: Self.formHeaders(cookie: cookie),
                                     body: buffer("csrf=\(urlToken)&q1=1&q2=0&q3=0&q4=1")) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("You got 3 of 4 right."))
                #expect(Self.count("Not quite", in: html) == 1)
                #expect(html.contains("Running feeds the flames with air; rolling smothers them."), "the explanation of the missed question")
                #expect(html.contains("The right answer: </strong>Stop, drop to the ground and roll"))
            }
            try await client.execute(uri: "/portal/es/learn/fire", method: .post, headers: Self.formHeaders(cookie: cookie),
                                     body: buffer("csrf=\(urlToken)&q1=1&q2=0&q3=2&q4=1")) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("Acertó 4 de 4."))
                #expect(html.contains("¡Muy bien: todo correcto!"))
            }
            try await client.execute(uri: "/portal/en/progress", method: .get, headers: Self.formHeaders(cookie: cookie)) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("You have completed 1 of 4 lessons."))
                #expect(html.contains("<td>4 of 4</td><td>4 of 4</td><td>2</td>"), "best, last, attempts")
            }
            try await client.execute(uri: "/portal/en/learn", method: .get, headers: Self.formHeaders(cookie: cookie)) { response in
                #expect(String(buffer: response.body).contains("Your best score: 4 of 4"))
            }
            // Another browser has no progress.
            try await client.execute(uri: "/portal/en/progress", method: .get) { response in
                #expect(String(buffer: response.body).contains("You have not finished a quiz on this device yet."))
            }

            // The log has the SHA-256 of the id, never the id.
            let records = try await fixture.platform.log.read(after: 0, limit: 100_000, types: [PortalEvents.quizCompleted]).records
            #expect(records.count == 2)
            let hashed = SHA256.hash(data: Array(cookie.utf8)).map { String(format: "%02x", $0) }.joined()
            let payloads = try records.map { try $0.event.payload.decode(PortalEvents.QuizCompleted.self) }
            #expect(payloads.map(\.resident) == [hashed, hashed])
            #expect(payloads.map(\.score) == [3, 4])
            #expect(payloads.map(\.language) == ["en", "es"])
            #expect(payloads.allSatisfy { $0.module == "fire" && $0.questions == 4 })
            let everything = try await fixture.platform.log.page(after: 0, limit: 100_000, types: nil).records
            for record in everything {
                let text = String(decoding: record.event.payload.bytes, as: UTF8.self) + record.event.actor + record.event.source
                #expect(!text.contains(cookie), "record #\(record.sequence) holds the raw resident id")
            }
            // Registered like every other event type.
            #expect(fixture.platform.eventTypes.schema(for: PortalEvents.quizCompleted) != nil)
        }
        await fixture.close()
    }

    @Test func unansweredQuestionsGetTheFormBackWith422() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            let (cookie, token) = try await Self.openLesson(client, language: "es", module: "flood")
            let urlToken = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
            try await client.execute(uri: "/portal/es/learn/flood", method: .post, headers: Self.formHeaders(cookie: cookie),
                                     body: buffer("csrf=\(urlToken)&q1=1&q3=2")) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .unprocessableContent)
                #expect(html.contains("Hay un problema"))
                #expect(html.contains("Elija una respuesta para la pregunta 2."))
                #expect(html.contains("Elija una respuesta para la pregunta 4."))
                #expect(!html.contains("Elija una respuesta para la pregunta 1."))
                #expect(html.contains(#"id="flood-q1-1" name="q1" value="1" checked>"#), "the given answers are kept")
            }
        }
        #expect(try await fixture.platform.log.read(after: 0, limit: 100, types: [PortalEvents.quizCompleted]).records.isEmpty)
        await fixture.close()
    }

    @Test func forgedOrBrokenFormsAreRefusedWithAPageAndWriteNothing() async throws {
        let fixture = try await ServerFixture()
        let before = try await fixture.platform.log.lastSequence()
        try await fixture.app.test(.router) { client in
            let (cookie, token) = try await Self.openLesson(client, language: "es")
            let (otherCookie, _) = try await Self.openLesson(client)
            let urlToken = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
            let answers = "q1=1&q2=0&q3=2&q4=1"
            let cases: [(String, HTTPFields, String, HTTPResponse.Status)] = [
                ("no token", Self.formHeaders(cookie: cookie), answers, .forbidden),
                ("wrong token", Self.formHeaders(cookie: cookie), "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&" + answers, .forbidden),
                ("another resident's cookie", Self.formHeaders(cookie: otherCookie), "csrf=\(urlToken)&" + answers, .forbidden),
                ("no cookie", Self.formHeaders(cookie: nil), "csrf=\(urlToken)&" + answers, .forbidden),
                ("JSON body", [.contentType: "application/json", .cookie: "safecity_resident=\(cookie)"], "{\"q1\":1}", .badRequest),
                ("option out of range", Self.formHeaders(cookie: cookie), "csrf=\(urlToken)&q1=7&q2=0&q3=2&q4=1", .badRequest),
                ("not a number", Self.formHeaders(cookie: cookie), "csrf=\(urlToken)&q1=one&q2=0&q3=2&q4=1", .badRequest),
                ("bad escape", Self.formHeaders(cookie: cookie), "csrf=\(urlToken)&q1=%zz&q2=0&q3=2&q4=1", .badRequest),
                ("repeated field", Self.formHeaders(cookie: cookie), "csrf=\(urlToken)&q1=1&q1=0&q2=0&q3=2&q4=1", .badRequest),
                ("too large", Self.formHeaders(cookie: cookie), "csrf=\(urlToken)&" + answers + "&pad=" + String(repeating: "x", count: 9_000), .contentTooLarge),
            ]
            for (name, headers, body, status) in cases {
                try await client.execute(uri: "/portal/es/learn/fire", method: .post, headers: headers, body: buffer(body)) { response in
                    let html = String(buffer: response.body)
                    #expect(response.status == status, "\(name)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(name)")
                    #expect(html.contains("<html lang=\"es\">"), "\(name): the page is in the resident's language")
                    #expect(html.contains("Ir a la página principal del portal"), "\(name)")
                    #expect(!html.contains("Acertó"), "\(name) was not graded")
                }
            }
        }
        #expect(try await fixture.platform.log.lastSequence() == before, "refused forms wrote nothing")
        await fixture.close()
    }

    // MARK: contrast

    /// WCAG 2.x relative luminance of an sRGB colour `#rrggbb`.
    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16)!
        func linear(_ byte: Int) -> Double {
            let c = Double(byte) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let red: Double = linear((value >> 16) & 255)
        let green: Double = linear((value >> 8) & 255)
        let blue: Double = linear(value & 255)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }

    @Test func contrastFormulaMatchesPublishedFigures() {
        // WebAIM's contrast checker: black on white 21:1, #767676 on white 4.54:1 (the lightest grey that passes AA).
        #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 0.01)
        #expect(abs(Self.contrast("#767676", "#ffffff") - 4.54) < 0.01)
        #expect(Self.contrast("#777777", "#ffffff") < 4.5)
    }

    @Test func everyTextColourInTheStylesheetHasContrastOfAtLeast4_5() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/portal.css", method: .get) { response in
                let css = String(buffer: response.body)
                var colours: [String: String] = [:]
                let pattern = try! NSRegularExpression(pattern: #"--([a-z-]+):\s*(#[0-9a-fA-F]{6})"#)
                for match in pattern.matches(in: css, range: NSRange(css.startIndex..., in: css)) {
                    colours[String(css[Range(match.range(at: 1), in: css)!])] = String(css[Range(match.range(at: 2), in: css)!])
                }
                // Text colour on the backgrounds it is drawn on, as the stylesheet uses them.
                let pairs: [(String, String)] = [
                    ("ink", "paper"), ("ink", "surface"), ("ink", "notice"), ("muted", "paper"), ("muted", "surface"),
                    ("link", "paper"), ("link", "surface"), ("link-visited", "paper"), ("link-visited", "surface"),
                    ("brand-ink", "brand"), ("emergency-ink", "emergency"), ("focus-ink", "focus"),
                    ("badge-ink", "extreme"), ("badge-ink", "severe"), ("badge-ink", "moderate"), ("badge-ink", "minor"), ("badge-ink", "unknown"),
                    ("right", "surface"), ("wrong", "surface"), ("wrong", "paper"),
                ]
                for (text, background) in pairs {
                    guard let foreground = colours[text], let back = colours[background] else {
                        Issue.record("--\(text) or --\(background) is missing from the stylesheet")
                        continue
                    }
                    let ratio = Self.contrast(foreground, back)
                    #expect(ratio >= 4.5, "--\(text) \(foreground) on --\(background) \(back): \(ratio)")
                }
            }
        }
        await fixture.close()
    }
}
