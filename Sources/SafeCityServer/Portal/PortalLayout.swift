/// The portal's sections, in the order the navigation lists them.
enum PortalSection: CaseIterable, Sendable {
    case home, report, learn, progress, transparency

    /// The path after `/portal/{language}`.
    var path: String {
        switch self {
        case .home: ""
        case .report: "/report"
        case .learn: "/learn"
        case .progress: "/progress"
        case .transparency: "/transparency"
        }
    }

    func title(_ strings: PortalStrings) -> String {
        switch self {
        case .home: strings.navHome
        case .report: strings.navReport
        case .learn: strings.navLearn
        case .progress: strings.navProgress
        case .transparency: strings.navTransparency
        }
    }
}

/// The page shell every portal page shares: language, skip link, emergency line, header and
/// navigation, one `main`, footer.
enum PortalLayout {
    /// The URL of a portal page: `/portal/es/learn/fire`.
    static func url(_ language: PortalLanguage, _ path: String = "") -> String {
        "/portal/\(language.rawValue)\(path)"
    }

    /// A whole HTML document; `path` is the page's path after the language, for the language switch.
    static func document(
        _ language: PortalLanguage, title: String, section: PortalSection?, path: String,
        _ content: (inout HTMLWriter) -> Void
    ) -> String {
        let s = language.strings
        var html = HTMLWriter()
        html.doctype()
        html.element("html", ["lang": language.rawValue]) { html in
            html.element("head") { head in
                head.element("meta", ["charset": "utf-8"])
                head.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                head.element("title", text: "\(title) — \(s.siteName)")
                head.element("link", ["rel": "stylesheet", "href": PortalStyle.path])
                for other in PortalLanguage.allCases where other != language {
                    head.element("link", ["rel": "alternate", "hreflang": other.rawValue, "href": url(other, path)])
                }
            }
            html.newline()
            html.element("body") { body in
                body.element("a", ["class": "skip", "href": "#main"], text: s.skipLink)
                body.element("header", ["class": "site"]) { header in
                    header.element("div", ["class": "emergency"]) { banner in
                        banner.element("div", ["class": "wrap"]) { $0.element("p", text: s.emergencyBanner) }
                    }
                    header.element("div", ["class": "wrap bar"]) { bar in
                        bar.element("a", ["class": "brand", "href": url(language)]) { brand in
                            brand.text(s.siteName)
                            brand.element("span", text: s.portalName)
                        }
                        let other = language.other
                        bar.element("a", ["class": "lang", "href": url(other, path), "lang": other.rawValue, "hreflang": other.rawValue],
                                    text: other.strings.languageName)
                    }
                    header.element("nav", ["class": "wrap", "aria-label": s.navigationLabel]) { nav in
                        nav.element("ul") { list in
                            for item in PortalSection.allCases {
                                list.element("li") { li in
                                    li.element("a", ["href": url(language, item.path), "aria-current": item == section ? "page" : nil],
                                               text: item.title(s))
                                }
                            }
                        }
                    }
                }
                body.newline()
                body.element("main", ["id": "main", "class": "wrap", "tabindex": "-1"]) { main in
                    content(&main)
                }
                body.newline()
                body.element("footer", ["class": "site"]) { footer in
                    footer.element("div", ["class": "wrap"]) { wrap in
                        wrap.element("p", text: s.footer)
                        wrap.element("p") { p in
                            p.text(s.footerData + " ")
                            p.element("a", ["href": "/alerts.atom"], text: "/alerts.atom")
                            p.text(" · ")
                            p.element("a", ["href": "/v1/air-quality"], text: "/v1/air-quality")
                            p.text(" · ")
                            p.element("a", ["href": "/open311/v2/services.json"], text: "/open311/v2/services.json")
                        }
                    }
                }
            }
        }
        return html.output
    }
}
