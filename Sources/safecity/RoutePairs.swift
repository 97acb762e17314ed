import Foundation
import Geo
import SafeCityCore
import SafeCityServer

/// One row of a pairs file for `safecity route --pairs`: the coordinates as written and as parsed.
struct RoutePair: Sendable, Equatable {
    /// The four cells `src_lat, src_lon, dst_lat, dst_lon` as written (echoed in the output).
    var cells: [Substring]
    /// The start.
    var from: GeoPoint
    /// The destination.
    var to: GeoPoint
}

/// The CSV of `safecity route --pairs`: `src_lat,src_lon,dst_lat,dst_lon` rows in, the same plus
/// `duration_s,distance_m` out.
enum RoutePairs {
    /// The header of the output.
    static let outputHeader = "src_lat,src_lon,dst_lat,dst_lon,duration_s,distance_m"

    /// Parses every row, or fails on the first bad one with its 1-based line number.
    ///
    /// An optional header (a first line whose first cell is not a number) and blank lines are skipped;
    /// `\r\n` line ends are accepted.
    static func parse(_ text: String, name: String) throws(CLIError) -> [RoutePair] {
        var pairs: [RoutePair] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { Substring($0.trimmingCharacters(in: .whitespaces)) }
            if index == 0, Double(cells[0]) == nil { continue } // header
            let numbers = cells.compactMap { Double($0) }
            guard cells.count == 4, numbers.count == 4 else {
                throw CLIError("\(name) line \(index + 1): expected four numbers src_lat,src_lon,dst_lat,dst_lon, got \"\(line)\"")
            }
            do {
                pairs.append(RoutePair(
                    cells: cells,
                    from: try GeoPoint(checkingLatitude: numbers[0], longitude: numbers[1], field: "src"),
                    to: try GeoPoint(checkingLatitude: numbers[2], longitude: numbers[3], field: "dst")))
            } catch {
                throw CLIError("\(name) line \(index + 1): \(error.field) \(error.reason)")
            }
        }
        return pairs
    }

    /// One output row: the input cells, then duration in seconds and distance in metres (both empty when
    /// there is no route).
    static func row(_ pair: RoutePair, durationSeconds: Double?, distanceMetres: Double?) -> String {
        let duration = durationSeconds.map { String(format: "%.1f", $0) } ?? ""
        let distance = distanceMetres.map { String(format: "%.1f", $0) } ?? ""
        return (pair.cells.map(String.init) + [duration, distance]).joined(separator: ",")
    }
}
