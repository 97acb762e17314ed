/// The list of preparedness lessons, each with the resident's best score so far.
enum PortalLearnPage {
    static func render(_ language: PortalLanguage, progress: [String: PortalProgress.ModuleRecord]) -> String {
        let s = language.strings
        return PortalLayout.document(language, title: s.learnTitle, section: .learn, path: PortalSection.learn.path) { main in
            main.element("h1", text: s.learnTitle)
            main.element("p", ["class": "lead"], text: s.learnIntro)
            main.element("ul", ["class": "cards"]) { list in
                for module in PreparednessModule.all {
                    list.element("li", ["class": "card"]) { card in
                        card.element("h2", ["class": "card-title"]) { h2 in
                            h2.element("a", ["href": PortalLayout.url(language, "/learn/\(module.id)")], text: module.title[language])
                        }
                        card.element("p", text: module.summary[language])
                        card.element("p", ["class": "muted"]) { p in
                            p.text(s.questionCount(module.questions.count) + " · ")
                            if let record = progress[module.id] {
                                p.text(s.bestScore(record.bestScore, record.questions))
                            } else {
                                p.text(s.notTakenYet)
                            }
                        }
                    }
                }
            }
        }
    }
}
