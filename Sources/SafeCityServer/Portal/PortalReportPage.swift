/// How to report a non-emergency problem: what can be reported, how (Open311) and what happens next.
enum PortalReportPage {
    /// Where Open311 clients post reports and list services.
    static let requestsPath = "/open311/v2/requests.json"
    static let servicesPath = "/open311/v2/services.json"

    static func render(_ language: PortalLanguage) -> String {
        let s = language.strings
        return PortalLayout.document(language, title: s.reportTitle, section: .report, path: PortalSection.report.path) { main in
            main.element("h1", text: s.reportTitle)
            main.element("div", ["class": "notice"]) { $0.element("p") { $0.element("strong", text: s.reportEmergency) } }
            main.element("p", ["class": "lead"], text: s.reportIntro)
            main.element("h2", text: s.reportServicesHeading)
            main.element("ul", ["class": "cards"]) { list in
                for service in s.reportServices {
                    list.element("li", ["class": "card"]) { card in
                        card.element("h3", text: service.name)
                        card.element("p", text: service.detail)
                    }
                }
            }
            main.element("h2", text: s.reportHowHeading)
            main.element("ol", ["class": "steps"]) { list in
                for step in s.reportHowSteps { list.element("li", text: step) }
            }
            main.element("h2", text: s.reportAfterHeading)
            main.element("p", text: s.reportAfter)
            main.element("h2", text: s.reportDevelopersHeading)
            main.element("p") { p in
                p.text(s.reportDevelopersPost + " ")
                p.element("code", text: requestsPath)
                p.text(". " + s.reportDevelopersList + " ")
                p.element("a", ["href": servicesPath]) { $0.element("code", text: servicesPath) }
                p.text(".")
            }
        }
    }
}
