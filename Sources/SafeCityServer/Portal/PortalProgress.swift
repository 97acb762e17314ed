import SafeCityCore

/// Residents' quiz progress, by hashed resident id and module, folded from `portal.quiz.completed`.
public enum PortalProgress: Projection {
    /// One resident's record on one module.
    public struct ModuleRecord: Codable, Sendable, Equatable {
        public var bestScore: Int
        public var questions: Int
        public var attempts: Int
        public var lastScore: Int
        public var lastCompletedAt: Timestamp
    }

    /// Every resident's records.
    public struct State: Codable, Sendable, Equatable {
        /// Hashed resident id → module id → record.
        public var residents: [String: [String: ModuleRecord]] = [:]
    }

    public static let name = "portal-progress"
    public static let version = 1
    public static let eventTypes: Set<EventType>? = [PortalEvents.quizCompleted]

    public static func initialState() -> State { State() }

    public static func apply(_ record: EventRecord, to state: inout State) {
        guard record.event.type == PortalEvents.quizCompleted,
              let done = try? record.event.payload.decode(PortalEvents.QuizCompleted.self) else { return }
        let at = record.event.occurredAt
        if var old = state.residents[done.resident]?[done.module] {
            old.bestScore = max(old.bestScore, done.score)
            old.questions = done.questions
            old.attempts += 1
            old.lastScore = done.score
            old.lastCompletedAt = at
            state.residents[done.resident, default: [:]][done.module] = old
        } else {
            state.residents[done.resident, default: [:]][done.module] = ModuleRecord(
                bestScore: done.score, questions: done.questions, attempts: 1, lastScore: done.score, lastCompletedAt: at)
        }
    }
}
