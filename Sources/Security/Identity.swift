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

    /// Whether a person signed in (a session) rather than a machine or key holder.
    public var isSession = false

    /// The `actor` recorded on events this identity causes: `user:<name>` for a signed-in person, `key:<id>` otherwise.
    public var actorName: String { isSession ? "user:\(name)" : "key:\(keyID)" }
}
