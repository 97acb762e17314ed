import Forecasting
import SafeCityCore
import Security

/// Every technology in use: what it collects, how long it is kept and who can see it, from live settings.
enum PortalTransparencyPage {
    /// A camera's name and how long its anonymous tracks stay in memory, from its live configuration.
    struct CameraRetention: Sendable {
        var name: String
        var trackRetentionSeconds: Double
    }

    /// The forecast in use and its latest fairness audit, when one has been made.
    struct ForecastAudit: Sendable {
        var method: String
        var cellMetres: Int
        var incidents: Int
        var at: Timestamp
        var report: FairnessReport
        var threshold: Double
    }

    static func render(_ language: PortalLanguage, cameras: [CameraRetention], forecast: ForecastAudit? = nil, retention: RetentionSettings = RetentionSettings()) -> String {
        let s = language.strings
        let t = s.technologies
        return PortalLayout.document(language, title: s.transparencyTitle, section: .transparency, path: PortalSection.transparency.path) { main in
            main.element("h1", text: s.transparencyTitle)
            main.element("p", ["class": "lead"], text: s.transparencyIntro)
            main.element("div", ["class": "notice"]) { box in
                box.element("h2", ["class": "notice-title"], text: s.neverHeading)
                box.element("ul") { list in for line in s.never { list.element("li", text: line) } }
            }

            let cameraRetention = cameras.isEmpty ? t.camerasNone : t.camerasRetention(cameras.map { camera in
                "\(camera.name): \(s.duration(Int(camera.trackRetentionSeconds.rounded())))"
            })
            technology(t.camerasTitle, id: "cameras", language, facts: [
                (s.labelPurpose, .text(t.camerasPurpose)),
                (s.labelCollects, .text(t.camerasCollects)),
                (s.labelNotCollected, .text(t.camerasNotCollected)),
                (s.labelRetention, .text(cameraRetention)),
                (s.labelAccess, .access([(t.camerasAccessTracks, .tracksRead), (t.camerasAccessSignals, .signalsRead)])),
            ], into: &main)
            technology(t.sensorsTitle, id: "sensors", language, facts: [
                (s.labelPurpose, .text(t.sensorsPurpose)),
                (s.labelCollects, .text(t.sensorsCollects)),
                (s.labelNotCollected, .text(t.sensorsNotCollected)),
                (s.labelRetention, .text(s.eventRecordRetention(retention.auditDays))),
                (s.labelAccess, .access([(t.sensorsAccess, .sensorsRead)])),
            ], into: &main)
            technology(t.reportsTitle, id: "reports", language, facts: [
                (s.labelPurpose, .text(t.reportsPurpose)),
                (s.labelCollects, .text(t.reportsCollects)),
                (s.labelNotCollected, .text(t.reportsNotCollected)),
                (s.labelRetention, .text(t.reportsRetention(retention.days(for: .reporterContact) ?? 0))),
                (s.labelAccess, .access([(t.reportsAccessReports, nil), (t.reportsAccessSteps, .reportsManage)])),
                (t.reportsAccessContact, .text(t.reportsContactUse)),
            ], into: &main)
            technology(t.socialTitle, id: "social-media", language, facts: [
                (s.labelPurpose, .text(t.socialPurpose)),
                (s.labelCollects, .text(t.socialCollects)),
                (s.labelNotCollected, .text(t.socialNotCollected)),
                (s.labelRetention, .text(s.eventRecordRetention(retention.auditDays))),
                (s.labelAccess, .access([(t.socialAccess, .signalsRead), (t.socialFeeds, .socialWrite)])),
            ], into: &main)
            technology(t.dispatchTitle, id: "dispatch", language, facts: [
                (s.labelPurpose, .text(t.dispatchPurpose)),
                (s.labelCollects, .text(t.dispatchCollects)),
                (s.labelNotCollected, .text(t.dispatchNotCollected)),
                (s.labelRetention, .text(t.dispatchRetention(retention.days(for: .callerDetails) ?? 0))),
                (s.labelAccess, .access([(t.dispatchAccessIncidents, .dispatchRead), (t.dispatchAccessCallers, .callerRead), (t.dispatchAccessAlerts, nil)])),
            ], into: &main)
            main.element("section", ["aria-labelledby": "tech-forecasting"]) { section in
                section.element("h2", ["id": "tech-forecasting"], text: t.forecastTitle)
                guard let forecast else {
                    section.element("p") { $0.element("strong", text: t.forecastStatus) }
                    section.element("p", text: t.forecastPromise)
                    return
                }
                section.element("p", text: t.forecastInUse(forecast.method.uppercased(), forecast.cellMetres, forecast.incidents))
                section.element("table", ["class": "audit"]) { table in
                    table.element("caption", text: t.forecastAuditTitle(PortalDates.format(forecast.at, language)))
                    table.element("thead") { head in
                        head.element("tr") { row in for column in t.forecastColumns { row.element("th", ["scope": "col"], text: column) } }
                    }
                    table.element("tbody") { body in
                        for district in forecast.report.districts {
                            body.element("tr") { row in
                                row.element("th", ["scope": "row"], text: district.name)
                                row.element("td", text: percent(district.incidentShare))
                                row.element("td", text: percent(district.flaggedShare))
                                row.element("td", text: district.hitRate.map(percent) ?? "—")
                            }
                        }
                    }
                }
                let hit = forecast.report.hitRateDisparity.map(factor) ?? "—"
                let flagged = forecast.report.flaggedToIncidentDisparity.map(factor) ?? "—"
                section.element("p", text: t.forecastDisparity(hit, flagged, factor(forecast.threshold)))
                section.element("p") { $0.element("strong", text: forecast.report.warnings.isEmpty ? t.forecastEven : t.forecastUneven) }
            }
            technology(t.portalTitle, id: "portal", language, facts: [
                (s.labelPurpose, .text(t.portalPurpose)),
                (s.labelCollects, .text(t.portalCollects)),
                (s.labelNotCollected, .text(t.portalNotCollected)),
                (s.labelRetention, .text(t.portalRetention)),
                (s.labelAccess, .access([(t.portalAccess, .streamRead)])),
            ], into: &main)
        }
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    private static func factor(_ value: Double) -> String { value.isFinite ? String(format: "%.2f", value) : "∞" }

    /// A fact's value: plain text, or who may see each kind of data (nil action: everyone).
    private enum Fact {
        case text(String)
        case access([(String, Action?)])
    }

    private static func technology(_ title: String, id: String, _ language: PortalLanguage, facts: [(String, Fact)], into main: inout HTMLWriter) {
        let s = language.strings
        main.element("section", ["aria-labelledby": "tech-\(id)"]) { section in
            section.element("h2", ["id": "tech-\(id)"], text: title)
            section.element("dl", ["class": "facts"]) { dl in
                for (label, fact) in facts {
                    dl.element("dt", text: label)
                    dl.element("dd") { dd in
                        switch fact {
                        case let .text(text):
                            dd.text(text)
                        case let .access(rows):
                            dd.element("ul") { list in
                                for (what, action) in rows {
                                    list.element("li") { li in
                                        li.element("strong", text: what + ": ")
                                        li.text(roles(for: action, s))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The roles the live permission table allows, worded for residents.
    static func roles(for action: Action?, _ strings: PortalStrings) -> String {
        guard let action else { return strings.role(.public) }
        let allowed = PermissionTable.roles(for: action)
        return Role.allCases.filter { allowed.contains($0) && $0 != .sensor }.map(strings.role).joined(separator: ", ")
    }
}
