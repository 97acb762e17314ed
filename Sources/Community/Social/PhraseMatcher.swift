/// Finds whole-word phrases (one or more folded words; the last may end in `*` to match any
/// word it begins) in a ``FoldedText``, each phrase carrying an integer payload.
///
/// Words are looked up by an FNV-1a hash of their bytes so that matching allocates nothing per word.
struct PhraseMatcher: Sendable {
    private struct Phrase: Sendable {
        var words: [[UInt8]]
        var lastIsPrefix: Bool
        var payload: Int
    }

    private var phrases: [Phrase] = []
    /// Phrases by the hash of their first word, for first words matched exactly.
    private var byFirstWord: [UInt64: [Int]] = [:]
    /// One-word prefix phrases by prefix length, then by the prefix's hash.
    private var byPrefix: [Int: [UInt64: [Int]]] = [:]

    /// Shortest prefix accepted before `*`, so that a term such as `f*` cannot match half the language.
    static let minimumPrefixBytes = 3

    init() {}

    /// Adds a phrase; throws a reason when it has no words or a misplaced or too short `*`.
    mutating func add(_ phrase: String, payload: Int) throws(PhraseError) {
        var text = phrase
        var lastIsPrefix = false
        if text.hasSuffix("*") {
            text.removeLast()
            lastIsPrefix = true
        }
        guard !text.contains("*") else { throw .misplacedWildcard }
        let folded = FoldedText(text)
        guard !folded.words.isEmpty else { throw .noWords }
        let words = folded.words.map { Array(folded.bytes[$0]) }
        if lastIsPrefix {
            // `fire *` (a space before the star) is not a prefix of anything.
            guard let last = text.unicodeScalars.last, last.properties.isAlphabetic || last.properties.numericType != nil
            else { throw .misplacedWildcard }
            guard words[words.count - 1].count >= PhraseMatcher.minimumPrefixBytes else { throw .prefixTooShort }
        }
        let index = phrases.count
        phrases.append(Phrase(words: words, lastIsPrefix: lastIsPrefix, payload: payload))
        if lastIsPrefix && words.count == 1 {
            byPrefix[words[0].count, default: [:]][PhraseMatcher.hash(words[0][...]), default: []].append(index)
        } else {
            byFirstWord[PhraseMatcher.hash(words[0][...]), default: []].append(index)
        }
    }

    /// Calls `body` with the payload and word span of every phrase found, in text order.
    func forEachMatch(in text: FoldedText, _ body: (_ payload: Int, _ words: Range<Int>) -> Void) {
        for start in text.words.indices {
            let first = text.word(start)
            if let candidates = byFirstWord[PhraseMatcher.hash(first)] {
                for candidate in candidates {
                    if let end = match(phrases[candidate], in: text, at: start) { body(phrases[candidate].payload, start..<end) }
                }
            }
            for (length, table) in byPrefix where first.count >= length {
                let prefix = first.prefix(length)
                guard let candidates = table[PhraseMatcher.hash(prefix)] else { continue }
                for candidate in candidates where phrases[candidate].words[0].elementsEqual(prefix) {
                    body(phrases[candidate].payload, start..<start + 1)
                }
            }
        }
    }

    /// The end of the phrase's word span when it matches at word `start`.
    private func match(_ phrase: Phrase, in text: FoldedText, at start: Int) -> Int? {
        guard start + phrase.words.count <= text.words.count else { return nil }
        for (offset, word) in phrase.words.enumerated() {
            let candidate = text.word(start + offset)
            if phrase.lastIsPrefix && offset == phrase.words.count - 1 {
                guard candidate.count >= word.count, candidate.prefix(word.count).elementsEqual(word) else { return nil }
            } else {
                guard candidate.elementsEqual(word) else { return nil }
            }
        }
        return start + phrase.words.count
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// Why a term or place name cannot be matched.
enum PhraseError: Error, Sendable, CustomStringConvertible {
    case noWords, misplacedWildcard, prefixTooShort

    var description: String {
        switch self {
        case .noWords: "has no letters or digits"
        case .misplacedWildcard: "'*' may only end the last word"
        case .prefixTooShort: "a prefix before '*' needs at least \(PhraseMatcher.minimumPrefixBytes) letters"
        }
    }
}
