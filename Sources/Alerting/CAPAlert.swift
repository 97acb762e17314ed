/// One OASIS CAP 1.2 alert message: the `<alert>` element and everything in it.
public struct CAPAlert: Hashable, Sendable, Codable {
    /// `status`: how the message is to be handled.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable { case actual = "Actual", exercise = "Exercise", system = "System", test = "Test", draft = "Draft" }
    /// `msgType`: what the message does to earlier ones.
    public enum MessageType: String, Hashable, Sendable, Codable, CaseIterable { case alert = "Alert", update = "Update", cancel = "Cancel", ack = "Ack", error = "Error" }
    /// `scope`: who may receive the message.
    public enum Scope: String, Hashable, Sendable, Codable, CaseIterable { case `public` = "Public", restricted = "Restricted", `private` = "Private" }

    public var identifier: String
    public var sender: String
    public var sent: CAPTime
    public var status: Status
    public var msgType: MessageType
    public var source: String?
    public var scope: Scope
    public var restriction: String?
    public var addresses: String?
    public var codes: [String]
    public var note: String?
    /// `references`: space-separated `sender,identifier,sent` triples of earlier messages.
    public var references: String?
    public var incidents: String?
    public var infos: [CAPInfo]

    public init(
        identifier: String, sender: String, sent: CAPTime, status: Status = .actual, msgType: MessageType = .alert,
        source: String? = nil, scope: Scope = .public, restriction: String? = nil, addresses: String? = nil,
        codes: [String] = [], note: String? = nil, references: String? = nil, incidents: String? = nil, infos: [CAPInfo] = []
    ) {
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.status = status
        self.msgType = msgType
        self.source = source
        self.scope = scope
        self.restriction = restriction
        self.addresses = addresses
        self.codes = codes
        self.note = note
        self.references = references
        self.incidents = incidents
        self.infos = infos
    }

    /// This message as a `references` entry: `sender,identifier,sent`.
    public var referenceTriple: String { "\(sender),\(identifier),\(sent)" }
}

/// A CAP `valueName`/`value` pair (`eventCode`, `parameter`, `geocode`).
public struct CAPValuePair: Hashable, Sendable, Codable {
    public var valueName: String
    public var value: String

    public init(_ valueName: String, _ value: String) {
        self.valueName = valueName
        self.value = value
    }
}
