/// A resident's answers to one module's quiz, marked right or wrong.
struct QuizGrade: Sendable, Equatable {
    /// Why a quiz form cannot be graded.
    enum AnswerError: Error, Equatable {
        /// Questions (0-based) left unanswered, and the answers that were given, to show the form again.
        case unanswered(questions: [Int], chosen: [Int: Int])
        /// A field whose value is not one of the question's options: a tampered or broken form.
        case invalid(field: String)
    }

    /// The option chosen for each question, in question order, and whether it is right.
    var chosen: [Int]
    var correct: [Bool]

    var score: Int { correct.filter { $0 }.count }
    var total: Int { correct.count }

    /// Grades the form fields `q1`…`qN` (each an option index) against `module`'s answers.
    init(module: PreparednessModule, form: PortalForm) throws(AnswerError) {
        var chosen: [Int: Int] = [:]
        var missing: [Int] = []
        for (index, question) in module.questions.enumerated() {
            let field = Self.fieldName(question: index)
            guard let text = form[field], !text.isEmpty else { missing.append(index); continue }
            guard let option = Int(text), question.options.indices.contains(option) else { throw .invalid(field: field) }
            chosen[index] = option
        }
        guard missing.isEmpty else { throw .unanswered(questions: missing, chosen: chosen) }
        self.chosen = module.questions.indices.map { chosen[$0]! }
        self.correct = module.questions.enumerated().map { index, question in chosen[index] == question.correctOption }
    }

    /// The form field of a question: `q1` for the first.
    static func fieldName(question index: Int) -> String { "q\(index + 1)" }
}
