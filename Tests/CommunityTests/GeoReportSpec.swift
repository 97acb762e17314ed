import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SafeCityCore

/// The examples and schema of the GeoReport v2 fixtures, read the way a client author would read them.
enum GeoReportSpec {
    /// The code block after `{: .tab-pane … #anchor}` in GeoReport_v2.md, without any `HTTP/1.1 …` status line.
    static func example(_ anchor: String) throws -> String {
        let text = try Fixture.text("GeoReport_v2.md")
        guard let marker = text.range(of: "#\(anchor)}") else { throw SpecError("no example #\(anchor)") }
        let after = text[marker.upperBound...]
        guard let open = after.range(of: "~~~~\n"), let close = after[open.upperBound...].range(of: "~~~~") else {
            throw SpecError("no code block after #\(anchor)")
        }
        let block = after[open.upperBound..<close.lowerBound]
        let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
        let start = lines.firstIndex { $0.hasPrefix("<?xml") || $0.hasPrefix("[") || $0.hasPrefix("{") } ?? 0
        return lines[start...].joined(separator: "\n")
    }

    /// A JSON example parsed; the spec writes codes like `001` as numbers, which JSON forbids, so such
    /// numbers with leading zeros are read as the strings they stand for.
    static func jsonExample(_ anchor: String) throws -> JSONValue {
        let text = try example(anchor)
        let repaired = text.replacingOccurrences(of: #"":(0\d+)\s*([,}\n])"#, with: #"":"$1"$2"#, options: .regularExpression)
        return try JSONParser.parse(Array(repaired.utf8))
    }

    /// An XML example parsed into elements.
    static func xmlExample(_ anchor: String) throws -> SpecXMLElement {
        try SpecXMLElement.parse(example(anchor))
    }

    /// One Swagger definition of georeport_v2-1.yaml: its required fields and each property's type.
    struct Definition {
        var required: [String] = []
        var types: [String: String] = [:]
    }

    /// The `definitions:` section of georeport_v2-1.yaml (a small reader for its two-space layout).
    static func yamlDefinitions() throws -> [String: Definition] {
        let lines = try Fixture.text("georeport_v2-1.yaml").split(separator: "\n").map(String.init)
        var definitions: [String: Definition] = [:]
        var inDefinitions = false, current: String?, section: String?, property: String?
        for line in lines {
            let indent = line.prefix { $0 == " " }.count
            let body = line.trimmingCharacters(in: .whitespaces)
            if indent == 0 { inDefinitions = body == "definitions:"; continue }
            guard inDefinitions else { continue }
            switch indent {
            case 2: current = String(body.dropLast()); definitions[current!] = Definition(); section = nil
            case 4: section = String(body.dropLast())
            case 6 where section == "required" && body.hasPrefix("- "):
                definitions[current!]!.required.append(String(body.dropFirst(2)))
            case 6 where section == "properties": property = String(body.dropLast())
            case 8 where section == "properties" && body.hasPrefix("type: "):
                definitions[current!]!.types[property!] = String(body.dropFirst(6))
            default: break
            }
        }
        return definitions
    }

    struct SpecError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// A parsed XML element: name, trimmed text and children.
struct SpecXMLElement {
    var name: String
    var text = ""
    var children: [SpecXMLElement] = []

    func child(_ name: String) -> SpecXMLElement? { children.first { $0.name == name } }
    var childNames: Set<String> { Set(children.map(\.name)) }

    static func parse(_ text: String) throws -> SpecXMLElement {
        let builder = Builder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw GeoReportSpec.SpecError("not well-formed XML: \(parser.parserError.map(String.init(describing:)) ?? "no root")")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [SpecXMLElement] = []
        var root: SpecXMLElement?
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            stack.append(SpecXMLElement(name: elementName))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard var element = stack.popLast() else { return }
            element.text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }
    }
}
