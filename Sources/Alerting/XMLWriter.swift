import SafeCityCore
/// A small streaming XML writer that escapes text and indents nested elements.
public struct XMLWriter: Sendable {
    /// The document written so far.
    public private(set) var output = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    private var open: [String] = []

    public init() {}

    /// Opens an element, with optional attributes (written in the given order).
    public mutating func start(_ name: String, attributes: [(String, String)] = []) {
        output += indent + "<" + name
        for (key, value) in attributes { output += " \(key)=\"\(Self.escape(value))\"" }
        output += ">\n"
        open.append(name)
    }

    /// Closes the innermost open element.
    public mutating func end() {
        guard let name = open.popLast() else { return }
        output += indent + "</" + name + ">\n"
    }

    /// Writes an empty element `<name a="v"/>`.
    public mutating func empty(_ name: String, attributes: [(String, String)]) {
        output += indent + "<" + name
        for (key, value) in attributes { output += " \(key)=\"\(Self.escape(value))\"" }
        output += "/>\n"
    }

    /// Writes `<name>text</name>`, escaped.
    public mutating func leaf(_ name: String, _ text: String) {
        output += indent + "<" + name + ">" + Self.escape(text) + "</" + name + ">\n"
    }

    /// Writes the element only when the text is present.
    public mutating func leaf(_ name: String, _ text: String?) {
        if let text { leaf(name, text) }
    }

    private var indent: String { Self.indents[min(open.count, Self.indents.count - 1)] }

    private static let indents = (0..<16).map { String(repeating: "  ", count: $0) }

    /// Escapes `&`, `<`, `>`, `"` and `'`, and drops characters XML 1.0 forbids.
    public static func escape(_ text: String) -> String { MarkupEscaping.escaped(text) }
}
