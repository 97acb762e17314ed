import SafeCityCore

/// Public-safety terms by category (fire, smoke, shooting…), matched as whole words with case
/// and accents folded, so `Incendio`, `INCENDIO` and `incendió` all match `incendio`.
///
/// A term is one or more words; the last may end in `*` to match every word it begins
/// (`inundad*` matches `inundado` and `inundada`). Negation ("no fire") is not recognised.
public struct TermLexicon: Sendable {
    /// Category names, sorted; a category's position here is its index in ``categoryIndices(in:)``.
    public let categories: [String]
    /// The terms of each category as configured.
    public let terms: [String: [String]]
    private var matcher = PhraseMatcher()

    /// Builds a lexicon, naming the category and term at fault when one is unusable.
    public init(terms: [String: [String]]) throws(CommunityError) {
        guard !terms.isEmpty else { throw .invalidField(field: "categories", reason: "at least one category is needed") }
        self.categories = terms.keys.sorted()
        self.terms = terms
        for (index, category) in categories.enumerated() {
            guard !category.isEmpty, category.count <= 64 else {
                throw .invalidField(field: "categories", reason: "a category name must be 1–64 characters")
            }
            let list = terms[category] ?? []
            guard !list.isEmpty else { throw .invalidField(field: category, reason: "needs at least one term") }
            for (position, term) in list.enumerated() {
                do {
                    try matcher.add(term, payload: index)
                } catch {
                    throw .invalidField(field: "\(category)[\(position)]", reason: "term \(error)")
                }
            }
        }
    }

    /// Reads `{"category": ["term", …], …}` from JSON.
    public init(json: [UInt8]) throws(CommunityError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(json)
        } catch {
            throw .invalidField(field: "lexicon", reason: "not JSON: \(error)")
        }
        guard case let .object(members) = document else {
            throw .invalidField(field: "lexicon", reason: "must be an object of category → array of terms")
        }
        var terms: [String: [String]] = [:]
        for (category, value) in members {
            guard case let .array(items) = value else { throw .invalidField(field: category, reason: "must be an array of strings") }
            var list: [String] = []
            for (position, item) in items.enumerated() {
                guard case let .string(term) = item else {
                    throw .invalidField(field: "\(category)[\(position)]", reason: "must be a string, got \(item.kindName)")
                }
                list.append(term)
            }
            terms[category] = list
        }
        try self.init(terms: terms)
    }

    /// The categories whose terms occur in `text`, sorted by name.
    public func categories(in text: String) -> [String] {
        categoryIndices(in: FoldedText(text)).map { categories[$0] }
    }

    /// Indices into ``categories`` of the categories found, ascending and without repeats.
    func categoryIndices(in text: FoldedText) -> [Int] {
        var found: [Int] = []
        matcher.forEachMatch(in: text) { payload, _ in
            if !found.contains(payload) { found.append(payload) }
        }
        found.sort()
        return found
    }
}
