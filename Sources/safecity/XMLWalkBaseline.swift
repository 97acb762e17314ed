import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The bench baseline: Foundation's `XMLParser` walking a document and counting elements, building nothing.
final class XMLWalkBaseline: NSObject, XMLParserDelegate {
    private(set) var elements = 0

    /// Walks a document; returns the number of elements seen.
    static func walk(_ data: Data) -> Int {
        let walker = XMLWalkBaseline()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = walker
        _ = parser.parse()
        return walker.elements
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements += 1
    }
}
