import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an XML document into an ``XMLTreeElement`` tree with Foundation's `XMLParser`.
public final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLTreeElement] = []
    private var root: XMLTreeElement?

    /// Parses a document; throws a ``ValidationError``-style reason when the XML is not well-formed.
    public static func parse(_ data: Data) throws(CAPParseError) -> XMLTreeElement {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
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
