import SafeCityCore

/// Event types the public portal writes.
public enum PortalEvents {
    /// A resident finished a preparedness quiz.
    public static let quizCompleted: EventType = "portal.quiz.completed"

    /// Payload of ``quizCompleted``.
    ///
    /// - Note: `resident` is the SHA-256 of the resident's cookie value, never the value itself.
    public struct QuizCompleted: Codable, Sendable, Equatable {
        public var resident: String
        public var module: String
        public var score: Int
        public var questions: Int
        public var language: String
    }

    /// The schemas of the portal's event types, merged into the platform's registry.
    public static let registry = EventTypeRegistry([
        EventSchema(type: quizCompleted, fields: [
            .init("resident", .string(maxLength: 64)), .init("module", .oneOf(Set(PreparednessModule.all.map(\.id)))),
            .init("score", .integer(range: 0...20)), .init("questions", .integer(range: 1...20)),
            .init("language", .oneOf(Set(PortalLanguage.allCases.map(\.rawValue)))),
        ], submitters: []),
    ])
}
