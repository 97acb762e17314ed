import ArgumentParser
import Community
import Foundation
import Mail
import SafeCityServer

/// Where reporters' notices go: `--smtp` / `SAFECITY_SMTP_URL`, `--sms-gateway` / `SAFECITY_SMS_GATEWAY` with
/// `SAFECITY_SMS_TOKEN`; without them notices wait in the outbox.
struct NoticeOptions: ParsableArguments {
    @Option(name: .customLong("smtp"),
            help: "Mail relay for reporters' notices: smtp://[user:pass@]host:port?from=ADDR[&starttls=required], smtps://…, or file:///DIR for .eml files (SAFECITY_SMTP_URL).")
    var smtp: String?
    @Option(name: .customLong("sms-gateway"), help: "HTTP SMS gateway URL for reporters' notices; the bearer token is SAFECITY_SMS_TOKEN (SAFECITY_SMS_GATEWAY).")
    var smsGateway: String?
    @Option(name: .customLong("public-url"), help: "The city's public base URL for links in notices (SAFECITY_PUBLIC_URL; default http://HOST:PORT).")
    var publicURL: String?
    @Option(name: .customLong("notice-language"), help: "Language of reporters' notices: en or es (SAFECITY_NOTICE_LANGUAGE; default en).")
    var language: String?
    @Option(name: .customLong("sms-country-code"), help: "Country code for phone numbers given without one, digits only, e.g. 377 (SAFECITY_SMS_COUNTRY_CODE).")
    var countryCode: String?

    /// The worker settings; a bad value is a one-line CLI error naming the option.
    func settings(defaultPublicURL: String, defaultSMTP: String? = nil) throws -> ReporterNoticeWorker.Settings {
        let environment = ProcessInfo.processInfo.environment
        var settings = ReporterNoticeWorker.Settings()
        if let url = smtp ?? environment["SAFECITY_SMTP_URL"] ?? defaultSMTP {
            do { settings.mail = try MailRelay(url: url) } catch { throw CLIError("--smtp: \(error)") }
        }
        if let url = smsGateway ?? environment["SAFECITY_SMS_GATEWAY"] {
            do { settings.sms = try SMSGateway(url: url, token: environment["SAFECITY_SMS_TOKEN"] ?? "") } catch { throw CLIError("\(error)") }
        }
        let base = publicURL ?? environment["SAFECITY_PUBLIC_URL"] ?? defaultPublicURL
        guard let parsed = URLComponents(string: base), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false else {
            throw CLIError("--public-url must be an http(s) URL, got \"\(base)\"")
        }
        settings.publicBaseURL = base
        let languageText = language ?? environment["SAFECITY_NOTICE_LANGUAGE"] ?? "en"
        guard let chosen = ReportNoticeText.Language(rawValue: languageText) else { throw CLIError("--notice-language must be en or es, got \"\(languageText)\"") }
        settings.language = chosen
        if let code = countryCode ?? environment["SAFECITY_SMS_COUNTRY_CODE"] {
            guard (1...3).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isNumber }), code.first != "0" else {
                throw CLIError("--sms-country-code must be 1–3 digits not starting with 0, got \"\(code)\"")
            }
            settings.defaultCountryCode = code
        }
        return settings
    }
}
