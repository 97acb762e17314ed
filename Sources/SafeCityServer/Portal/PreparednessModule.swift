/// A short preparedness lesson (what to do in a fire, a flood, a heat wave, an active threat) and its quiz.
struct PreparednessModule: Sendable, Identifiable {
    /// One multiple-choice question, its right answer and why.
    struct Question: Sendable {
        var prompt: Localized
        var options: [Localized]
        /// Index into `options`.
        var correctOption: Int
        var explanation: Localized
    }

    /// The path component: `fire`, `flood`, `heat-wave`, `active-threat`.
    var id: String
    var title: Localized
    var summary: Localized
    /// The lesson, one point per item, in the order to read them.
    var lesson: [Localized]
    /// Where the advice comes from.
    var source: Localized
    var questions: [Question]

    /// Every module the portal teaches, in the order the learn page lists them.
    static let all: [PreparednessModule] = [.fire, .flood, .heatWave, .activeThreat]

    /// The module with this id, if there is one.
    static func named(_ id: String) -> PreparednessModule? {
        all.first { $0.id == id }
    }
}
