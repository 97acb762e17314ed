import SafeCityCore
/// Writes HTML text, escaping every piece of data it is given.
///
/// - Note: Tag and attribute names come from code, never from data; text and attribute values are
///   always escaped, so an alert headline holding `<script>` is shown as text, not run.
struct HTMLWriter {
    /// Attribute name and value pairs in the order written; a nil value leaves the attribute out,
    /// an empty one writes it bare (`checked`, `required`).
    typealias Attributes = KeyValuePairs<String, String?>

    /// Elements that have no content and no end tag.
    private static let voidElements: Set<String> = ["meta", "link", "input", "br", "hr", "img"]

    private(set) var output = ""

    /// Writes the document type; call once, first.
    mutating func doctype() {
        output += "<!DOCTYPE html>\n"
    }

    /// Writes an element with attributes and the content `body` writes.
    mutating func element(_ tag: String, _ attributes: Attributes = [:], _ body: (inout HTMLWriter) -> Void = { _ in }) {
        open(tag, attributes)
        guard !Self.voidElements.contains(tag) else { return }
        body(&self)
        output += "</\(tag)>"
    }

    /// Writes an element whose whole content is `text`.
    mutating func element(_ tag: String, _ attributes: Attributes = [:], text: String) {
        element(tag, attributes) { $0.text(text) }
    }

    /// Writes escaped text.
    mutating func text(_ text: String) {
        output += Self.escape(text)
    }

    /// Writes a line break in the source, for readable output.
    mutating func newline() {
        output += "\n"
    }

    private mutating func open(_ tag: String, _ attributes: Attributes) {
        assert(Self.isName(tag), "tag names come from code: \(tag)")
        output += "<" + tag
        for (name, value) in attributes {
            assert(Self.isName(name), "attribute names come from code: \(name)")
            guard let value else { continue }
            output += value.isEmpty ? " \(name)" : " \(name)=\"\(Self.escape(value))\""
        }
        output += ">"
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references: safe in text and in quoted attribute values.
    static func escape(_ text: String) -> String { MarkupEscaping.escaped(text) }

    private static func isName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 58 || ($0 >= 65 && $0 <= 90) }
    }
}
