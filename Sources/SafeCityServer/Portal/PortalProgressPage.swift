/// A resident's quiz results on this device.
enum PortalProgressPage {
    static func render(_ language: PortalLanguage, progress: [String: PortalProgress.ModuleRecord]) -> String {
        let s = language.strings
        return PortalLayout.document(language, title: s.progressTitle, section: .progress, path: PortalSection.progress.path) { main in
            main.element("h1", text: s.progressTitle)
            main.element("p", ["class": "lead"], text: s.progressIntro)
            let done = PreparednessModule.all.filter { progress[$0.id] != nil }
            guard !done.isEmpty else {
                main.element("p", ["class": "card"]) { p in
                    p.text(s.progressNone + " ")
                    p.element("a", ["href": PortalLayout.url(language, PortalSection.learn.path)], text: s.navLearn)
                }
                return
            }
            main.element("p") { $0.element("strong", text: s.progressCompleted(done.count, PreparednessModule.all.count)) }
            main.element("div", ["class": "table-scroll"]) { wrap in
                wrap.element("table") { table in
                    table.element("caption", text: s.progressCaption)
                    table.element("thead") { head in
                        head.element("tr") { tr in
                            for title in [s.columnLesson, s.columnBest, s.columnLast, s.columnAttempts, s.columnWhen] {
                                tr.element("th", ["scope": "col"], text: title)
                            }
                        }
                    }
                    table.element("tbody") { body in
                        for module in PreparednessModule.all {
                            body.element("tr") { tr in
                                tr.element("th", ["scope": "row"]) {
                                    $0.element("a", ["href": PortalLayout.url(language, "/learn/\(module.id)")], text: module.title[language])
                                }
                                if let record = progress[module.id] {
                                    tr.element("td", text: s.scoreOf(record.bestScore, record.questions))
                                    tr.element("td", text: s.scoreOf(record.lastScore, record.questions))
                                    tr.element("td", text: "\(record.attempts)")
                                    tr.element("td", text: PortalDates.format(record.lastCompletedAt, language))
                                } else {
                                    tr.element("td", text: s.notTakenYet)
                                    tr.element("td", text: "—")
                                    tr.element("td", text: "0")
                                    tr.element("td", text: "—")
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
