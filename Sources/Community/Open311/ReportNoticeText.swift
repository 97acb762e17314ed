/// The words of a notice to a reporter: an email subject and body, and a short SMS text, in English or Spanish.
///
/// Pure: everything it says comes from its parameters (no contact details: the greeting is generic, so
/// rendering never needs personal data).
public struct ReportNoticeText: Hashable, Sendable {
    /// The languages notices are written in.
    public enum Language: String, Hashable, Sendable, CaseIterable {
        case english = "en"
        case spanish = "es"
    }

    /// What the notice is about: the public facts of one step of a request.
    public struct Facts: Hashable, Sendable {
        public var kind: ReportNotification.Kind
        /// The request whose progress is reported (the primary after a merge).
        public var requestID: String
        /// The request the reporter filed.
        public var reporterRequestID: String
        public var serviceName: String
        public var status: ReportStatus
        public var publicNote: String?

        public init(kind: ReportNotification.Kind, requestID: String, reporterRequestID: String, serviceName: String, status: ReportStatus,
                    publicNote: String?) {
            self.kind = kind
            self.requestID = requestID
            self.reporterRequestID = reporterRequestID
            self.serviceName = serviceName
            self.status = status
            self.publicNote = publicNote
        }
    }

    public var subject: String
    /// Plain text, lines separated by `\n`.
    public var body: String
    /// One short text for SMS: number, status, note (cut) and the link.
    public var sms: String

    /// The longest public note quoted in an SMS; the link gives the rest.
    public static let smsNoteCharacters = 200

    /// Words the notice for `facts`; `publicBaseURL` (no trailing slash) prefixes the links.
    public init(_ facts: Facts, language: Language, publicBaseURL: String) {
        let words = Words(language)
        let base = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        let link = "\(base)/open311/v2/requests/\(facts.requestID).json"
        let portal = "\(base)/portal/\(language.rawValue)/report"
        let status = words.status(facts.status)
        let headline: String
        switch facts.kind {
        case .received: headline = words.received(facts.requestID, facts.serviceName)
        case .statusChanged: headline = words.moved(facts.requestID, facts.serviceName, status)
        case .reopened: headline = words.reopened(facts.requestID, facts.serviceName)
        case .merged: headline = words.merged(facts.reporterRequestID, facts.requestID, facts.serviceName)
        }
        subject = words.subject(facts.requestID, facts.serviceName, facts.kind == .merged ? words.mergedShort : status)
        var lines = [words.greeting, "", headline, "", "\(words.requestLabel): \(facts.requestID)", "\(words.serviceLabel): \(facts.serviceName)",
                     "\(words.statusLabel): \(status)"]
        if let note = facts.publicNote, !note.isEmpty { lines += ["", "\(words.noteLabel):", note] }
        lines += ["", "\(words.followLabel): \(link)", "\(words.portalLabel): \(portal)", "", "-- ", words.why(facts.reporterRequestID), words.stop]
        body = lines.joined(separator: "\n")
        var text = "\(words.cityShort) #\(facts.requestID) (\(facts.serviceName)): \(facts.kind == .merged ? words.mergedShort : status)."
        if let note = facts.publicNote, !note.isEmpty {
            text += " " + (note.count > Self.smsNoteCharacters ? String(note.prefix(Self.smsNoteCharacters - 1)) + "…" : note)
        }
        sms = text + " \(link) \(words.smsStop)"
    }

    /// The fixed phrases of one language.
    private struct Words {
        let language: Language
        init(_ language: Language) { self.language = language }

        var english: Bool { language == .english }
        var greeting: String { english ? "Hello," : "Hola:" }
        var cityShort: String { english ? "City report" : "Aviso municipal" }
        var requestLabel: String { english ? "Request number" : "Número de solicitud" }
        var serviceLabel: String { english ? "Service" : "Servicio" }
        var statusLabel: String { english ? "Status" : "Estado" }
        var noteLabel: String { english ? "Note from the city" : "Nota del ayuntamiento" }
        var followLabel: String { english ? "Follow it" : "Consúltela" }
        var portalLabel: String { english ? "Residents' portal" : "Portal de residentes" }
        var mergedShort: String { english ? "merged into an earlier report" : "unida a una solicitud anterior" }
        var stop: String {
            english ? "To stop these notices, reply STOP or ask the city to erase your contact details (residents' portal); the report stays open."
                : "Para dejar de recibir estos avisos, responda BAJA o pida al ayuntamiento que borre sus datos de contacto (portal de residentes); la solicitud sigue abierta."
        }
        var smsStop: String { english ? "Reply STOP to stop notices." : "Responda BAJA para no recibir avisos." }

        func status(_ status: ReportStatus) -> String {
            switch (status, english) {
            case (.acknowledged, true): "received"
            case (.assigned, true): "assigned to a crew"
            case (.inProgress, true): "in progress"
            case (.closed, true): "closed"
            case (.acknowledged, false): "recibida"
            case (.assigned, false): "asignada a un equipo"
            case (.inProgress, false): "en curso"
            case (.closed, false): "cerrada"
            }
        }

        func subject(_ id: String, _ service: String, _ status: String) -> String {
            english ? "Your report #\(id) (\(service)): \(status)" : "Su solicitud n.º \(id) (\(service)): \(status)"
        }

        func received(_ id: String, _ service: String) -> String {
            english ? "We received your report about \"\(service)\". Its number is \(id)."
                : "Hemos recibido su aviso sobre «\(service)». Su número es \(id)."
        }

        func moved(_ id: String, _ service: String, _ status: String) -> String {
            english ? "Request \(id) about \"\(service)\" is now \(status)." : "La solicitud \(id) sobre «\(service)» está ahora \(status)."
        }

        func reopened(_ id: String, _ service: String) -> String {
            english ? "Request \(id) about \"\(service)\" was reopened." : "La solicitud \(id) sobre «\(service)» se ha reabierto."
        }

        func merged(_ yours: String, _ primary: String, _ service: String) -> String {
            english ? "Someone reported the same problem (\"\(service)\") before you, so your report \(yours) was joined to request \(primary). You will hear about that request from now on."
                : "Otra persona avisó antes del mismo problema («\(service)»), así que su solicitud \(yours) se ha unido a la solicitud \(primary). A partir de ahora le informaremos de esa solicitud."
        }

        func why(_ id: String) -> String {
            english ? "You get this because you left your contact with report \(id)." : "Recibe este aviso porque dejó su contacto en la solicitud \(id)."
        }
    }
}
