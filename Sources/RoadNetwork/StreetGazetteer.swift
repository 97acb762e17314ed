import Foundation
import Geo

/// Finds a street by the name a caller gives ("12 bd Princesse Charlotte", "avenue de la costa"),
/// from the `name` tags of the drivable ways.
///
/// Names are compared as words, folded to lower case without accents; house numbers and common
/// abbreviations (bd, av, st, …) are handled. Without house numbers in the map, a street resolves to
/// the middle of its longest named way; the dispatcher then refines the spot on the map.
public struct StreetGazetteer: Sendable {
    /// One named street and where it lies.
    public struct Street: Sendable, Equatable {
        public var name: String
        /// The middle node of the street's longest way.
        public var point: GeoPoint
        fileprivate var words: Set<String>
    }

    /// A street that matched, and how well (1 = every word of the query and the name).
    public struct Match: Sendable, Equatable {
        public var street: Street
        public var score: Double
    }

    public let streets: [Street]

    /// Indexes the named ways of `osm` (ways without a `name`, or whose nodes are missing, are skipped).
    public init(osm: OSMData) {
        let coordinates = Dictionary(osm.nodes.map { ($0.id, GeoPoint(latitude: $0.latitude, longitude: $0.longitude)) },
                                     uniquingKeysWith: { first, _ in first })
        var longest: [String: [GeoPoint]] = [:]
        for way in osm.ways {
            guard let name = way.tags["name"], !name.isEmpty else { continue }
            let points = way.nodeIDs.compactMap { coordinates[$0] }
            if points.count > (longest[name]?.count ?? 0) { longest[name] = points }
        }
        streets = longest.compactMap { name, points in
            guard !points.isEmpty else { return nil }
            return Street(name: name, point: points[points.count / 2], words: Set(Self.words(of: name)))
        }.sorted { $0.name < $1.name }
    }

    /// The best matching streets for `text`, best first (at most `limit`); empty when nothing is close.
    public func matches(for text: String, limit: Int = 5) -> [Match] {
        let query = Set(Self.words(of: text))
        guard !query.isEmpty else { return [] }
        let scored = streets.compactMap { street -> Match? in
            let shared = Double(query.intersection(street.words).count)
            guard shared > 0 else { return nil }
            // Every word of the street's name should be in the query; extra query words (a city name) cost less.
            let score = shared / Double(street.words.count) * 0.7 + shared / Double(query.count) * 0.3
            return score >= 0.6 ? Match(street: street, score: score) : nil
        }
        return Array(scored.sorted { ($1.score, $0.street.name) < ($0.score, $1.street.name) }.prefix(limit))
    }

    /// The words that identify a street: folded, abbreviations expanded, numbers and filler words dropped.
    static func words(of text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return folded.split { !$0.isLetter }.compactMap { word -> String? in
            let word = String(word)
            let expanded = abbreviations[word] ?? word
            return fillers.contains(expanded) || expanded.count < 2 ? nil : expanded
        }
    }

    private static let abbreviations = [
        "bd": "boulevard", "bld": "boulevard", "blvd": "boulevard", "av": "avenue", "ave": "avenue", "st": "street",
        "rd": "road", "pl": "place", "sq": "square", "rte": "route", "ch": "chemin", "imp": "impasse", "esc": "escalier",
    ]
    /// Articles and prepositions common in street names (French, English, Spanish, Italian, Finnish has none).
    private static let fillers: Set<String> = ["de", "du", "des", "la", "le", "les", "of", "the", "del", "di", "da", "el", "et", "and"]
}
