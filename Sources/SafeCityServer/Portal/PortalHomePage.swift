import Alerting
import Foundation
import Geo
import Sensing

/// The portal's home: public alerts in effect and air quality as a map and a table.
enum PortalHomePage {
    /// One grid cell's air quality, with the centre of the cell for the table.
    struct AirArea: Sendable {
        var cell: GridCell
        var centre: GeoPoint
        var summary: AreaAQI
    }

    static func render(_ language: PortalLanguage, alerts: [CurrentAlert], air: [AirArea], cellMetres: Int) -> String {
        let s = language.strings
        return PortalLayout.document(language, title: s.homeTitle, section: .home, path: "") { main in
            main.element("h1", text: s.homeTitle)
            main.element("p", ["class": "lead"], text: s.homeIntro)

            main.element("h2", ["id": "alerts"], text: s.alertsHeading)
            if alerts.isEmpty {
                main.element("p", ["class": "card"], text: s.noAlerts)
            } else {
                main.element("ul", ["class": "cards single"]) { list in
                    for alert in alerts { list.element("li", ["class": "card alert \(severityClass(alert.severity))"]) { write(alert, language, into: &$0) } }
                }
            }
            main.element("p", ["class": "muted"]) { p in
                p.text(s.alertFeeds + " ")
                p.element("a", ["href": "/alerts.atom"], text: s.alertFeedLink)
                p.text(".")
            }

            main.element("h2", ["id": "air"], text: s.airHeading)
            main.element("p", text: s.airIntro)
            if air.isEmpty {
                main.element("p", ["class": "card"], text: s.noAir)
            } else {
                map(air, cellMetres: cellMetres, language, into: &main)
                legend(language, into: &main)
                table(air, language, into: &main)
                main.element("h3", text: s.adviceHeading)
                main.element("ul", ["class": "advice"]) { list in
                    for category in Set(air.map(\.summary.category)).sorted() {
                        list.element("li") { li in
                            li.element("strong", text: s.aqiCategory(category) + ": ")
                            li.text(s.aqiAdvice(category))
                        }
                    }
                }
            }
            main.element("p", ["class": "muted"]) { p in
                p.text(s.airSource + " ")
                p.element("a", ["href": "/v1/air-quality"], text: "/v1/air-quality")
            }
        }
    }

    static func severityClass(_ severity: CAPInfo.Severity) -> String { severity.rawValue.lowercased() }

    private static func write(_ alert: CurrentAlert, _ language: PortalLanguage, into card: inout HTMLWriter) {
        let s = language.strings
        card.element("h3", text: alert.headline)
        card.element("dl", ["class": "facts"]) { dl in
            dl.element("dt", text: s.alertSeverity)
            dl.element("dd") { $0.element("span", ["class": "badge \(severityClass(alert.severity))"], text: s.severity(alert.severity)) }
            dl.element("dt", text: s.alertArea)
            dl.element("dd", text: alert.areas.joined(separator: "; "))
            dl.element("dt", text: s.alertExpires)
            dl.element("dd") { dd in
                if let expires = alert.expires {
                    dd.element("time", ["datetime": PortalDates.machine(expires)], text: PortalDates.format(expires, language))
                } else {
                    dd.text(s.alertNoExpiry)
                }
            }
        }
        if let description = alert.description, !description.isEmpty { card.element("p", text: description) }
        if let instruction = alert.instruction, !instruction.isEmpty {
            card.element("p") { p in
                p.element("strong", text: s.alertWhatToDo + ": ")
                p.text(instruction)
            }
        }
    }

    /// Pixels per grid cell in the SVG.
    private static let cellPixels = 56

    private static func map(_ air: [AirArea], cellMetres: Int, _ language: PortalLanguage, into main: inout HTMLWriter) {
        let s = language.strings
        let xs = air.map(\.cell.x), ys = air.map(\.cell.y)
        let minX = xs.min()!, maxX = xs.max()!, minY = ys.min()!, maxY = ys.max()!
        let columns = maxX - minX + 1, rows = maxY - minY + 1
        let width = columns * cellPixels + 2, height = rows * cellPixels + 2 + scaleBandPixels
        let worst = air.max { $0.summary.worstAQI < $1.summary.worstAQI }!
        main.element("svg", [
            "class": "map", "xmlns": "http://www.w3.org/2000/svg", "role": "img", "aria-labelledby": "aq-map-title aq-map-desc",
            "viewBox": "0 0 \(width) \(height)", "width": "\(width)", "height": "\(height)", "preserveAspectRatio": "xMinYMin meet",
        ]) { svg in
            svg.element("title", ["id": "aq-map-title"], text: s.mapTitle)
            svg.element("desc", ["id": "aq-map-desc"],
                        text: s.mapDescription(air.count, s.aqiCategory(worst.summary.category), worst.summary.worstAQI))
            // Faint lines for every cell of the extent, so that gaps read as "no sensor here".
            for column in 0...columns {
                svg.element("line", ["x1": "\(column * cellPixels + 1)", "y1": "1", "x2": "\(column * cellPixels + 1)", "y2": "\(rows * cellPixels + 1)",
                                     "stroke": "#c9d1db", "stroke-width": "1"])
            }
            for row in 0...rows {
                svg.element("line", ["x1": "1", "y1": "\(row * cellPixels + 1)", "x2": "\(width - 1)", "y2": "\(row * cellPixels + 1)",
                                     "stroke": "#c9d1db", "stroke-width": "1"])
            }
            for area in air {
                let x = (area.cell.x - minX) * cellPixels + 1
                let y = (maxY - area.cell.y) * cellPixels + 1  // north up
                let category = area.summary.category
                svg.element("rect", ["x": "\(x + 1)", "y": "\(y + 1)", "width": "\(cellPixels - 2)", "height": "\(cellPixels - 2)", "rx": "3",
                                     "fill": category.colourHex, "stroke": "#1b1f24", "stroke-width": "1"])
                svg.element("text", ["x": "\(x + cellPixels / 2)", "y": "\(y + cellPixels / 2 + 8)", "text-anchor": "middle",
                                     "font-size": "22", "font-weight": "700", "font-family": "system-ui, sans-serif",
                                     "fill": labelColour(on: category)], text: "\(area.summary.worstAQI)")
            }
            scaleAndNorth(width: width, top: rows * cellPixels + 2, cellMetres: cellMetres, into: &svg)
        }
    }

    /// Room under the grid for the scale bar and the north arrow.
    private static let scaleBandPixels = 34

    /// A bar one cell long labelled with the cell size, and an arrow pointing north.
    private static func scaleAndNorth(width: Int, top: Int, cellMetres: Int, into svg: inout HTMLWriter) {
        let y = top + 20
        svg.element("line", ["x1": "4", "y1": "\(y)", "x2": "\(4 + cellPixels)", "y2": "\(y)", "stroke": "#1b1f24", "stroke-width": "3"])
        svg.element("text", ["x": "\(10 + cellPixels)", "y": "\(y + 6)", "font-size": "17", "font-family": "system-ui, sans-serif", "fill": "#1b1f24"],
                    text: "\(cellMetres) m")
        svg.element("path", ["d": "M \(width - 18) \(y + 8) L \(width - 10) \(y - 12) L \(width - 2) \(y + 8) Z", "fill": "#1b1f24"])
        svg.element("text", ["x": "\(width - 34)", "y": "\(y + 6)", "font-size": "17", "font-weight": "700", "font-family": "system-ui, sans-serif",
                             "fill": "#1b1f24", "text-anchor": "middle"], text: "N")
    }

    /// Dark text on EPA's light colours (green, yellow, orange, red), white on purple and maroon.
    static func labelColour(on category: AQICategory) -> String {
        category >= .veryUnhealthy ? "#ffffff" : "#1b1f24"
    }

    private static func legend(_ language: PortalLanguage, into main: inout HTMLWriter) {
        let s = language.strings
        main.element("h3", text: s.legendHeading)
        main.element("ul", ["class": "legend"]) { list in
            for category in AQICategory.allCases {
                list.element("li") { li in
                    li.element("svg", ["class": "swatch", "width": "18", "height": "18", "viewBox": "0 0 18 18", "aria-hidden": "true", "focusable": "false"]) {
                        $0.element("rect", ["width": "18", "height": "18", "fill": category.colourHex])
                    }
                    li.text("\(s.aqiCategory(category)) (\(category.aqiRange.lowerBound)–\(category.aqiRange.upperBound))")
                }
            }
        }
    }

    private static func table(_ air: [AirArea], _ language: PortalLanguage, into main: inout HTMLWriter) {
        let s = language.strings
        main.element("div", ["class": "table-scroll"]) { wrap in
            wrap.element("table") { table in
                table.element("caption", text: s.tableCaption)
                table.element("thead") { head in
                    head.element("tr") { tr in
                        for title in [s.columnArea, s.columnAQI, s.columnCategory, s.columnSensors] {
                            tr.element("th", ["scope": "col"], text: title)
                        }
                    }
                }
                table.element("tbody") { body in
                    for area in air.sorted(by: { ($0.summary.worstAQI, $1.cell) > ($1.summary.worstAQI, $0.cell) }) {
                        body.element("tr") { tr in
                            tr.element("th", ["scope": "row"], text: coordinates(area.centre))
                            tr.element("td", text: "\(area.summary.worstAQI)")
                            tr.element("td", text: s.aqiCategory(area.summary.category))
                            tr.element("td", text: "\(area.summary.sensorCount)")
                        }
                    }
                }
            }
        }
    }

    /// "43.7351° N, 7.4210° E".
    static func coordinates(_ point: GeoPoint) -> String {
        let latitude = String(format: "%.4f", abs(point.latitude)) + (point.latitude >= 0 ? "° N" : "° S")
        let longitude = String(format: "%.4f", abs(point.longitude)) + (point.longitude >= 0 ? "° E" : "° W")
        return "\(latitude), \(longitude)"
    }
}
