/// A checked mailbox address (RFC 5321 §4.1.2 `Mailbox`, ASCII only: we do not speak SMTPUTF8).
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address, e.g. `noreply@city.example`.
    public let text: String

    /// Checks `text`: one `@`, a non-empty local part of at most 64 characters, a domain of dot-separated labels,
    /// printable ASCII without spaces, angle brackets, quotes or commas, at most 254 characters.
    public init(_ text: String) throws(MailError) {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw .invalidAddress("empty address") }
        guard trimmed.utf8.count <= 254 else { throw .invalidAddress("longer than 254 characters") }
        guard trimmed.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !"<>\"(),;:[]\\".utf8.contains($0) }) else {
            throw .invalidAddress("\"\(trimmed)\" has a space, a non-ASCII character or one of <>\"(),;:[]\\")
        }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else {
            throw .invalidAddress("\"\(trimmed)\" is not local-part@domain")
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            throw .invalidAddress("\"\(trimmed)\" has a bad domain")
        }
        self.text = trimmed
    }

    /// The domain part.
    public var domain: Substring { text[text.index(after: text.lastIndex(of: "@")!)...] }

    public var description: String { text }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
