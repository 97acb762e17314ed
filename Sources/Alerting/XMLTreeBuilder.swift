import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SafeCityCore

/// Reads an XML document into an ``XMLTreeElement`` tree with Foundation's `XMLParser`.
public final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLTreeElement] = []
    private var root: XMLTreeElement?

    /// Parses a document; throws a ``ValidationError``-style reason when the XML is not well-formed.
    public static func parse(_ data: Data) throws(CAPParseError) -> XMLTreeElement {
        // XMLParser crashes the process on some documents (see XMLInputCheck); they never reach it.
        if let reason = XMLInputCheck.refusal(data) { throw CAPParseError(field: "document", reason: reason) }
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let parsed = parser.parse()
        // parse() says true for a document with content after its root element; only the error it noted tells
        // (libxml2's codes from 100 up are warnings, such as a relative namespace URI).
        let noted = parser.parserError.map { ($0 as NSError).code < 100 } ?? false
        guard parsed, !noted, let root = builder.root else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "no root element"
            throw CAPParseError(field: "document", reason: "is not well-formed XML (line \(parser.lineNumber)): \(reason)")
        }
        return root
    }

    public func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        stack.append(XMLTreeElement(namespace: namespaceURI ?? "", name: elementName))
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    public func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    public func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }
}
