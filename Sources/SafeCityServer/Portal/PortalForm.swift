import Foundation

/// The fields of an `application/x-www-form-urlencoded` body (HTML form POST).
struct PortalForm: Sendable, Equatable {
    /// Why a body is not a form.
    enum ParseError: Error, Equatable {
        /// The field name at fault, or nil when the body as a whole is broken.
        case malformed(field: String?)
        case repeated(field: String)
    }

    private(set) var fields: [String: String]

    /// Parses the body: `name=value` pairs joined by `&`, `+` for space, `%XX` escapes in UTF-8.
    init(body: String) throws(ParseError) {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else { throw .malformed(field: nil) }
            guard let value = Self.decode(parts.count > 1 ? parts[1] : "") else { throw .malformed(field: name) }
            guard fields[name] == nil else { throw .repeated(field: name) }
            fields[name] = value
        }
        self.fields = fields
    }

    subscript(_ name: String) -> String? { fields[name] }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
