import SafeCityCore

/// Who is making a request, once authenticated.
public struct Identity: Sendable, Equatable {
    public var keyID: String
    public var name: String
    public var role: Role

    public init(keyID: String, name: String, role: Role) {
        self.keyID = keyID
        self.name = name
        self.role = role
    }

    /// The `actor` recorded on events this identity causes.
    public var actorName: String { "key:\(keyID)" }
}
