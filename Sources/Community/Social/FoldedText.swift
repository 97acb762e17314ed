/// A text folded for matching: lower case, accents dropped, split into words of letters and digits.
///
/// Folding is hand-written rather than Foundation's `folding(options:)`: it runs for every post, and
/// only Latin letters need their accents dropped for the English and Spanish terms matched here
/// (other scripts are lower-cased and kept).
struct FoldedText {
    /// The folded words' UTF-8 bytes, back to back.
    private(set) var bytes: [UInt8] = []
    /// Where each word lies in ``bytes``.
    private(set) var words: [Range<Int>] = []

    init(_ text: String) {
        bytes.reserveCapacity(text.utf8.count)
        var start = -1
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                var byte = UInt8(value)
                if byte >= 0x41, byte <= 0x5A { byte += 0x20 }
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    if start < 0 { start = bytes.count }
                    bytes.append(byte)
                } else if start >= 0 {
                    words.append(start..<bytes.count)
                    start = -1
                }
            } else if value >= 0x300, value <= 0x36F {
                // A combining accent (text already decomposed) belongs to its letter and is dropped.
                continue
            } else if value >= 0xC0, value <= 0xFF, let folded = FoldedText.latin1[Int(value - 0xC0)] {
                if start < 0 { start = bytes.count }
                bytes.append(contentsOf: folded.utf8)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if start < 0 { start = bytes.count }
                bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else if start >= 0 {
                words.append(start..<bytes.count)
                start = -1
            }
        }
        if start >= 0 { words.append(start..<bytes.count) }
    }

    /// The folded word at `index`.
    func word(_ index: Int) -> ArraySlice<UInt8> { bytes[words[index]] }

    /// The folded words as strings, for validation messages and tests.
    var wordStrings: [String] { words.map { String(decoding: bytes[$0], as: UTF8.self) } }

    /// Latin-1 letters U+00C0…U+00FF without their accents; nil for × and ÷, which separate words.
    private static let latin1: [String?] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", nil, "o", "u", "u", "u", "u", "y", "th", "y",
    ]
}
