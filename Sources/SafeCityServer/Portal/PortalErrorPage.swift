/// A friendly error page in the resident's language, in place of a problem document.
enum PortalErrorPage {
    static func render(_ language: PortalLanguage, status: Int, reference: String?) -> String {
        let s = language.strings
        return PortalLayout.document(language, title: s.errorTitle(status), section: nil, path: "") { main in
            main.element("h1", text: s.errorTitle(status))
            main.element("p", ["class": "lead"], text: s.errorBody(status))
            main.element("p") { $0.element("a", ["href": PortalLayout.url(language)], text: s.errorHome) }
            if let reference { main.element("p", ["class": "muted"], text: s.errorReference(reference)) }
        }
    }
}
