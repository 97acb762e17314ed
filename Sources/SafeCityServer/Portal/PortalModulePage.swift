/// One lesson and its quiz; after a POST, the graded answers with explanations.
enum PortalModulePage {
    /// What the page shows below the lesson.
    enum Quiz {
        /// The empty form.
        case form
        /// The form again, with the questions left unanswered marked and the given answers kept.
        case incomplete(missing: [Int], chosen: [Int: Int])
        /// The graded answers.
        case graded(QuizGrade)
    }

    static func render(_ module: PreparednessModule, _ language: PortalLanguage, quiz: Quiz, csrfToken: String) -> String {
        let s = language.strings
        let path = "/learn/\(module.id)"
        return PortalLayout.document(language, title: module.title[language], section: .learn, path: path) { main in
            main.element("p") { $0.element("a", ["href": PortalLayout.url(language, PortalSection.learn.path)], text: "← " + s.backToLessons) }
            main.element("h1", text: module.title[language])
            main.element("p", ["class": "lead"], text: module.summary[language])
            if case let .graded(grade) = quiz {
                result(module, language, grade, into: &main)
                return
            }
            main.element("h2", text: s.lessonHeading)
            main.element("ul", ["class": "points"]) { list in
                for point in module.lesson { list.element("li", text: point[language]) }
            }
            main.element("p", ["class": "muted"], text: s.sourceLabel + " " + module.source[language])
            main.element("h2", ["id": "quiz"], text: s.quizHeading)
            var missing: [Int] = []
            var chosen: [Int: Int] = [:]
            if case let .incomplete(m, c) = quiz {
                missing = m
                chosen = c
                main.element("div", ["class": "error-summary", "role": "alert", "aria-labelledby": "error-summary-title", "tabindex": "-1"]) { box in
                    box.element("h3", ["id": "error-summary-title"], text: s.errorSummaryTitle)
                    box.element("ul") { list in
                        for index in missing {
                            list.element("li") { $0.element("a", ["href": "#\(optionID(module, index, 0))"], text: s.unanswered(index + 1)) }
                        }
                    }
                }
            }
            main.element("p", text: s.quizIntro)
            main.element("form", ["method": "post", "action": PortalLayout.url(language, path), "novalidate": ""]) { form in
                form.element("input", ["type": "hidden", "name": PortalFormGuard.fieldName, "value": csrfToken])
                for (index, question) in module.questions.enumerated() {
                    let invalid = missing.contains(index)
                    let errorID = "q\(index + 1)-error"
                    form.element("fieldset", ["class": invalid ? "invalid" : nil, "aria-describedby": invalid ? errorID : nil]) { fieldset in
                        fieldset.element("legend", text: "\(index + 1). \(question.prompt[language])")
                        if invalid { fieldset.element("p", ["id": errorID, "class": "field-error"], text: s.unanswered(index + 1)) }
                        for (option, text) in question.options.enumerated() {
                            let id = optionID(module, index, option)
                            fieldset.element("div", ["class": "option"]) { row in
                                row.element("input", ["type": "radio", "id": id, "name": QuizGrade.fieldName(question: index), "value": "\(option)",
                                                      "checked": chosen[index] == option ? "" : nil])
                                row.element("label", ["for": id], text: text[language])
                            }
                        }
                    }
                }
                form.element("button", ["type": "submit"], text: s.submitAnswers)
            }
        }
    }

    static func optionID(_ module: PreparednessModule, _ question: Int, _ option: Int) -> String {
        "\(module.id)-q\(question + 1)-\(option)"
    }

    private static func result(_ module: PreparednessModule, _ language: PortalLanguage, _ grade: QuizGrade, into main: inout HTMLWriter) {
        let s = language.strings
        main.element("h2", ["id": "result"], text: s.resultHeading)
        main.element("p", ["class": "lead"]) { p in
            p.element("strong", text: s.resultScore(grade.score, grade.total))
            if grade.score == grade.total { p.text(" " + s.allCorrect) }
        }
        main.element("ol", ["class": "result"]) { list in
            for (index, question) in module.questions.enumerated() {
                let right = grade.correct[index]
                list.element("li", ["class": right ? "right" : "wrong"]) { li in
                    li.element("h3", text: "\(index + 1). \(question.prompt[language])")
                    li.element("p", ["class": "verdict"], text: right ? "✓ " + s.answerCorrect : "✗ " + s.answerWrong)
                    li.element("p") { p in
                        p.element("strong", text: s.yourAnswer + " ")
                        p.text(question.options[grade.chosen[index]][language])
                    }
                    if !right {
                        li.element("p") { p in
                            p.element("strong", text: s.rightAnswer + " ")
                            p.text(question.options[question.correctOption][language])
                        }
                    }
                    li.element("p", text: question.explanation[language])
                }
            }
        }
        main.element("p") { p in
            p.text(s.progressSaved + " ")
            p.element("a", ["href": PortalLayout.url(language, PortalSection.progress.path)], text: s.progressLink)
        }
        main.element("p", ["class": "actions"]) { p in
            p.element("a", ["href": PortalLayout.url(language, "/learn/\(module.id)#quiz")], text: s.tryAgain)
            let all = PreparednessModule.all
            if let position = all.firstIndex(where: { $0.id == module.id }), position + 1 < all.count {
                let next = all[position + 1]
                p.element("span") { span in
                    span.text(s.nextLesson + " ")
                    span.element("a", ["href": PortalLayout.url(language, "/learn/\(next.id)")], text: next.title[language])
                }
            }
        }
    }
}
