import SafeCityCore

/// A response as a tree that renders to both of Open311's formats, so JSON and XML cannot drift apart.
///
/// The mapping is the spec's Spark convention: a record is a JSON object and an element with
/// children; a list is a JSON array and an element whose children are all named `item`.
indirect enum GeoReportNode {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case null
    case record([(String, GeoReportNode)])
    case list(item: String, [GeoReportNode])

    /// A string, or null when absent.
    static func optional(_ text: String?) -> GeoReportNode { text.map(GeoReportNode.string) ?? .null }

    // MARK: JSON

    func writeJSON(into out: inout [UInt8]) {
        switch self {
        case let .string(text): JSONValue.writeString(text, into: &out)
        case let .bool(value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case let .integer(value): out.append(contentsOf: String(value).utf8)
        case let .number(value): JSONValue.writeNumber(value, into: &out)
        case .null: out.append(contentsOf: "null".utf8)
        case let .record(fields):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.writeJSON(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let .list(_, items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.writeJSON(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    // MARK: XML

    func writeXML(named name: String, depth: Int, into out: inout String) {
        let indent = String(repeating: "  ", count: depth)
        switch self {
        case .null:
            out += "\(indent)<\(name)/>\n"
        case let .string(text):
            out += "\(indent)<\(name)>\(Self.escapeXML(text))</\(name)>\n"
        case let .bool(value):
            out += "\(indent)<\(name)>\(value)</\(name)>\n"
        case let .integer(value):
            out += "\(indent)<\(name)>\(value)</\(name)>\n"
        case let .number(value):
            var bytes: [UInt8] = []
            JSONValue.writeNumber(value, into: &bytes)
            out += "\(indent)<\(name)>\(String(decoding: bytes, as: UTF8.self))</\(name)>\n"
        case let .record(fields):
            out += "\(indent)<\(name)>\n"
            for (key, value) in fields { value.writeXML(named: key, depth: depth + 1, into: &out) }
            out += "\(indent)</\(name)>\n"
        case let .list(item, items):
            guard !items.isEmpty else {
                out += "\(indent)<\(name)/>\n"
                return
            }
            out += "\(indent)<\(name)>\n"
            for value in items { value.writeXML(named: item, depth: depth + 1, into: &out) }
            out += "\(indent)</\(name)>\n"
        }
    }

    /// Escapes markup characters; characters XML 1.0 cannot carry at all become U+FFFD.
    static func escapeXML(_ text: String) -> String { MarkupEscaping.escaped(text) }
}
