import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Geo
import SafeCityCore

/// Reads OpenStreetMap XML (`.osm`, API 0.6 format) into ``OSMData``.
public enum OSMXMLReader {
    /// Decodes a whole OSM XML document.
    ///
    /// - Parameters:
    ///   - data: The document's bytes.
    ///   - keepWay: Ways whose tags fail this test are dropped; nil keeps all.
    public static func read(_ data: Data, keepWay: ((OSMTags) -> Bool)? = nil) throws(OSMError) -> OSMData {
        // XMLParser crashes the process on some documents (see XMLInputCheck); they never reach it.
        if let reason = XMLInputCheck.refusal(data) { throw .invalidXML(line: 1, column: 1, reason: "the document \(reason)") }
        let parser = XMLParser(data: data)
        let delegate = OSMXMLDelegate(keepWay: keepWay)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        let succeeded = parser.parse()
        if let error = delegate.error { throw error }
        // parse() says true for a document with content after its root element; only the error it noted tells
        // (libxml2's codes from 100 up are warnings, such as a relative namespace URI).
        let noted = parser.parserError.map { ($0 as NSError).code < 100 } ?? false
        guard succeeded, !noted else {
            throw .invalidXML(line: parser.lineNumber, column: parser.columnNumber,
                              reason: parser.parserError.map { "\($0.localizedDescription)" } ?? "parse failed")
        }
        guard delegate.sawRoot else { throw .malformed(context: "no <osm> root element") }
        guard delegate.depth == 0 else { throw .truncated(context: "XML ends inside an element") }
        return delegate.output
    }
}

/// Collects elements as XMLParser reports them.
private final class OSMXMLDelegate: NSObject, XMLParserDelegate {
    private enum Current {
        case none
        case node(OSMNode)
        case way(OSMWay)
        case relation(OSMRelation)
    }

    let keepWay: ((OSMTags) -> Bool)?
    var output = OSMData()
    var error: OSMError?
    var sawRoot = false
    var depth = 0
    private var current = Current.none

    init(keepWay: ((OSMTags) -> Bool)?) {
        self.keepWay = keepWay
    }

    private func fail(_ parser: XMLParser, _ reason: OSMError) {
        if error == nil { error = reason }
        parser.abortParsing()
    }

    private func int64(_ attributes: [String: String], _ key: String, _ parser: XMLParser) -> Int64? {
        guard let text = attributes[key], let value = Int64(text) else {
            fail(parser, .malformed(context: "line \(parser.lineNumber): missing or bad \(key)"))
            return nil
        }
        return value
    }

    private func degrees(_ attributes: [String: String], _ key: String, _ parser: XMLParser) -> Double? {
        let limit: Double = key == "lat" ? 90 : 180
        guard let text = attributes[key], let value = Double(text), value.isFinite, abs(value) <= limit else {
            fail(parser, .malformed(context: "line \(parser.lineNumber): missing or bad \(key)"))
            return nil
        }
        return value
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        depth += 1
        switch elementName {
        case "osm":
            sawRoot = true
        case "bounds":
            if let minLat = Double(attributeDict["minlat"] ?? ""), let minLon = Double(attributeDict["minlon"] ?? ""),
               let maxLat = Double(attributeDict["maxlat"] ?? ""), let maxLon = Double(attributeDict["maxlon"] ?? "") {
                output.declaredBounds = BoundingBox(minLatitude: minLat, minLongitude: minLon,
                                                    maxLatitude: maxLat, maxLongitude: maxLon)
            }
        case "node":
            guard let id = int64(attributeDict, "id", parser),
                  let lat = degrees(attributeDict, "lat", parser),
                  let lon = degrees(attributeDict, "lon", parser) else { return }
            current = .node(OSMNode(id: id, latitude: lat, longitude: lon))
        case "way":
            guard let id = int64(attributeDict, "id", parser) else { return }
            current = .way(OSMWay(id: id, nodeIDs: []))
        case "relation":
            guard let id = int64(attributeDict, "id", parser) else { return }
            current = .relation(OSMRelation(id: id, members: []))
        case "nd":
            guard case var .way(way) = current else { return }
            guard let ref = int64(attributeDict, "ref", parser) else { return }
            way.nodeIDs.append(ref)
            current = .way(way)
        case "member":
            guard case var .relation(relation) = current else { return }
            guard let ref = int64(attributeDict, "ref", parser) else { return }
            let type: OSMMemberType
            switch attributeDict["type"] {
            case "node": type = .node
            case "way": type = .way
            case "relation": type = .relation
            default:
                fail(parser, .malformed(context: "line \(parser.lineNumber): bad member type"))
                return
            }
            relation.members.append(OSMMember(type: type, ref: ref, role: attributeDict["role"] ?? ""))
            current = .relation(relation)
        case "tag":
            guard let key = attributeDict["k"], let value = attributeDict["v"] else {
                fail(parser, .malformed(context: "line \(parser.lineNumber): tag without k or v"))
                return
            }
            switch current {
            case var .node(node): node.tags[key] = value; current = .node(node)
            case var .way(way): way.tags[key] = value; current = .way(way)
            case var .relation(relation): relation.tags[key] = value; current = .relation(relation)
            case .none: break
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        depth -= 1
        switch (elementName, current) {
        case let ("node", .node(node)):
            output.nodes.append(node)
            current = .none
        case let ("way", .way(way)):
            if keepWay?(way.tags) ?? true { output.ways.append(way) }
            current = .none
        case let ("relation", .relation(relation)):
            output.relations.append(relation)
            current = .none
        default:
            break
        }
    }
}
