import Geo

/// Named places of the city (squares, stations, parks, neighbourhoods) with a representative
/// point, used to place posts that carry a place name or mention one but have no geotag.
public struct PlaceGazetteer: Sendable {
    /// The places as given, by name.
    public let places: [String: GeoPoint]
    private let names: [String]
    private var matcher = PhraseMatcher()

    /// Builds a gazetteer, naming the place whose name or point is unusable.
    public init(places: [String: GeoPoint]) throws(CommunityError) {
        self.places = places
        // Longer names first, so "Plaza Mayor Norte" wins over "Plaza Mayor" at the same word.
        self.names = places.keys.sorted { ($0.count, $1) > ($1.count, $0) }
        for (index, name) in names.enumerated() {
            guard places[name]!.isValid else {
                throw .invalidField(field: name, reason: "location is outside latitude −90…90 / longitude −180…180")
            }
            do {
                try matcher.add(name, payload: index)
            } catch {
                throw .invalidField(field: name, reason: "place name \(error)")
            }
        }
    }

    /// The place whose whole name equals `name` (case and accents folded).
    public func place(named name: String) -> (name: String, location: GeoPoint)? {
        let folded = FoldedText(name)
        var found: Int?
        matcher.forEachMatch(in: folded) { payload, words in
            if found == nil, words == folded.words.indices { found = payload }
        }
        return found.map { (names[$0], places[names[$0]]!) }
    }

    /// The first place mentioned in `text` (the longest name where several start at the same word).
    public func firstMention(in text: String) -> (name: String, location: GeoPoint)? {
        firstMention(in: FoldedText(text))
    }

    func firstMention(in text: FoldedText) -> (name: String, location: GeoPoint)? {
        var best: (start: Int, length: Int, payload: Int)?
        matcher.forEachMatch(in: text) { payload, words in
            if let current = best, (current.start, -current.length) <= (words.lowerBound, -words.count) { return }
            best = (words.lowerBound, words.count, payload)
        }
        return best.map { (names[$0.payload], places[names[$0.payload]]!) }
    }
}
