import SafeCityCore

/// What a public-information officer writes: the event, its ratings, wording per language,
/// area and validity. The service turns it into CAP on approval.
public struct AlertDraft: Hashable, Sendable, Codable {
    public var event: String
    public var category: CAPInfo.Category
    public var responseType: CAPInfo.ResponseType?
    public var urgency: CAPInfo.Urgency
    public var severity: CAPInfo.Severity
    public var certainty: CAPInfo.Certainty
    /// One entry per language; English and Spanish are required.
    public var texts: [AlertText]
    public var area: AlertArea
    public var onset: Timestamp?
    public var expires: Timestamp
    /// The incident the alert is about, when there is one.
    public var incidentID: String?
    /// `Exercise` for a drill or `Test` for a technical test; absent means `Actual`. Residents' pages show only actual alerts.
    public var status: CAPAlert.Status?

    public init(
        event: String, category: CAPInfo.Category, responseType: CAPInfo.ResponseType? = nil, urgency: CAPInfo.Urgency,
        severity: CAPInfo.Severity, certainty: CAPInfo.Certainty, texts: [AlertText], area: AlertArea,
        onset: Timestamp? = nil, expires: Timestamp, incidentID: String? = nil
    ) {
        self.event = event
        self.category = category
        self.responseType = responseType
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.texts = texts
        self.area = area
        self.onset = onset
        self.expires = expires
        self.incidentID = incidentID
    }

    /// Languages every alert must carry, by prefix.
    public static let requiredLanguages = ["en": "English", "es": "Spanish"]

    /// Throws the first rule the draft breaks, naming the field; `now` rejects expired drafts.
    public func validate(now: Timestamp) throws(ValidationError) {
        guard !event.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError(field: "event", reason: "is required") }
        if let status, ![.actual, .exercise, .test].contains(status) {
            throw ValidationError(field: "status", reason: "must be Actual, Exercise or Test (\(status.rawValue) is not issued)")
        }
        if event.count > 200 { throw ValidationError(field: "event", reason: "is longer than 200 characters") }
        for (prefix, name) in Self.requiredLanguages.sorted(by: { $0.key < $1.key })
            where !texts.contains(where: { $0.language.lowercased().hasPrefix(prefix) }) {
            throw ValidationError(field: "texts", reason: "must include \(name) (\(prefix)-…) wording")
        }
        for (i, text) in texts.enumerated() {
            let path = "texts[\(i)]"
            for (name, value) in [("language", text.language), ("headline", text.headline), ("description", text.description), ("wirelessText", text.wirelessText)]
                where value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError(field: "\(path).\(name)", reason: "is required")
            }
            do {
                try IPAWSProfile.checkLength(text.wirelessText, limit: IPAWSProfile.wirelessTextLimit, field: "\(path).wirelessText")
                if let long = text.wirelessLongText {
                    try IPAWSProfile.checkLength(long, limit: IPAWSProfile.wirelessLongTextLimit, field: "\(path).wirelessLongText")
                }
            } catch {
                throw ValidationError(field: error.field, reason: error.reason)
            }
        }
        try area.validate(field: "area")
        guard expires > now else { throw ValidationError(field: "expires", reason: "is in the past (\(expires))") }
        if let onset, onset >= expires { throw ValidationError(field: "onset", reason: "must be before expires") }
    }

    /// The CAP alert this draft becomes when issued.
    public func compose(identifier: String, sender: String, sent: Timestamp, msgType: CAPAlert.MessageType, references: String?) -> CAPAlert {
        let infos = texts.map { text in
            var parameters = [CAPValuePair(IPAWSProfile.wirelessTextParameter, text.wirelessText)]
            if let long = text.wirelessLongText { parameters.append(CAPValuePair(IPAWSProfile.wirelessLongTextParameter, long)) }
            return CAPInfo(
                language: text.language, categories: [category], event: event, responseTypes: responseType.map { [$0] } ?? [],
                urgency: urgency, severity: severity, certainty: certainty, onset: onset.map { CAPTime($0) },
                expires: CAPTime(expires), senderName: "SafeCity", headline: text.headline, description: text.description,
                instruction: text.instruction, parameters: parameters, areas: [area.cap])
        }
        return CAPAlert(
            identifier: identifier, sender: sender, sent: CAPTime(sent), status: status ?? .actual, msgType: msgType, references: references,
            incidents: incidentID, infos: infos)
    }
}
