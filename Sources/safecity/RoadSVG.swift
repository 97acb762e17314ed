import Foundation
import Geo
import RoadNetwork
import SafeCityServer

/// Draws a city's roads, and a route over them, as an SVG picture.
struct RoadSVG {
    let graph: RoadGraph
    let highwayOfWay: [Int64: String]
    var width = 1_200.0

    /// The picture: roads in grey (major roads wider), the route in red, start and end as dots.
    func render(route: RoadRoute) -> String {
        guard let box = graph.boundingBox else { return "<svg xmlns=\"http://www.w3.org/2000/svg\"/>" }
        // Equirectangular projection, x scaled by cos(latitude) so the city keeps its shape.
        let scaleX = cos((box.minLatitude + box.maxLatitude) / 2 * .pi / 180)
        let spanX = max((box.maxLongitude - box.minLongitude) * scaleX, 1e-9)
        let spanY = max(box.maxLatitude - box.minLatitude, 1e-9)
        let pixels = width / spanX
        let height = (spanY * pixels).rounded()
        func xy(_ point: GeoPoint) -> String {
            let x = (point.longitude - box.minLongitude) * scaleX * pixels
            let y = (box.maxLatitude - point.latitude) * pixels
            return String(format: "%.1f,%.1f", x, y)
        }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))">
            <rect width="100%" height="100%" fill="#f8f7f2"/>
            <g fill="none" stroke-linecap="round" stroke-linejoin="round">

            """
        for line in graph.polylines() {
            let major = ["motorway", "trunk", "primary", "secondary"].contains(highwayOfWay[line.way] ?? "")
            let points = line.nodes.map { xy(graph.coordinate(of: $0)) }.joined(separator: " ")
            out += "<polyline stroke=\"\(major ? "#9a9a9a" : "#c8c8c8")\" stroke-width=\"\(major ? 2.2 : 1.0)\" points=\"\(points)\"/>\n"
        }
        let path = route.coordinates.map(xy).joined(separator: " ")
        out += "<polyline stroke=\"#d7263d\" stroke-width=\"4\" points=\"\(path)\"/>\n</g>\n"
        if let start = route.coordinates.first, let end = route.coordinates.last {
            let s = xy(start).split(separator: ","), e = xy(end).split(separator: ",")
            out += "<circle cx=\"\(s[0])\" cy=\"\(s[1])\" r=\"7\" fill=\"#1b998b\"/>\n"
            out += "<circle cx=\"\(e[0])\" cy=\"\(e[1])\" r=\"7\" fill=\"#d7263d\"/>\n"
        }
        out += "<text x=\"12\" y=\"24\" font-family=\"sans-serif\" font-size=\"16\">\(route.profile.rawValue) route: "
            + "\(Int(route.durationSeconds.rounded())) s, \(Int(route.distanceMetres.rounded())) m</text>\n"
        out += "<text x=\"12\" y=\"\(Int(height) - 10)\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#666\">Roads © OpenStreetMap contributors, ODbL 1.0</text>\n</svg>\n"
        return out
    }
}
