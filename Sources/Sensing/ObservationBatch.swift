import SafeCityCore

/// A batch of observations read from a request body: a JSON array, a single JSON object, or
/// newline-delimited JSON (one object per line). Items that cannot be read are kept with their reason,
/// so that one bad line loses nothing else.
public struct ObservationBatch: Sendable {
    /// Items in body order: a readable observation, or why the item at that position was refused.
    public var items: [Result<ObservationInput, ObservationError>]

    /// The most items one batch may hold.
    public static let maxItems = 50_000

    public init(items: [Result<ObservationInput, ObservationError>]) { self.items = items }

    /// Parses a JSON body (array or object).
    public static func json(_ bytes: [UInt8], defaultSensorID: String? = nil) throws(ObservationError) -> ObservationBatch {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw .malformed("body is not JSON: \(error)") }
        let elements: [JSONValue]
        switch value {
        case let .array(array): elements = array
        case .object: elements = [value]
        default: throw .malformed("body must be an observation object or an array of them, got \(value.kindName)")
        }
        guard elements.count <= maxItems else { throw .malformed("a batch holds at most \(maxItems) observations, got \(elements.count)") }
        return ObservationBatch(items: elements.map { element in Result { () throws(ObservationError) in try ObservationInput.from(element, defaultSensorID: defaultSensorID) } })
    }

    /// Parses newline-delimited JSON; blank lines are skipped, a bad line refuses that line only.
    public static func ndjson(_ bytes: [UInt8], defaultSensorID: String? = nil) throws(ObservationError) -> ObservationBatch {
        var items: [Result<ObservationInput, ObservationError>] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var line = Array(line)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            guard items.count < maxItems else { throw .malformed("a batch holds at most \(maxItems) observations") }
            do {
                items.append(.success(try ObservationInput.from(try JSONParser.parse(line), defaultSensorID: defaultSensorID)))
            } catch let error as ObservationError {
                items.append(.failure(error))
            } catch {
                items.append(.failure(.malformed("line is not JSON: \(error)")))
            }
        }
        return ObservationBatch(items: items)
    }

    /// A message whose format is not declared (a WebSocket frame, an MQTT payload): one JSON value, or
    /// NDJSON when it holds several lines that each start an object.
    public static func message(_ bytes: [UInt8], defaultSensorID: String? = nil) throws(ObservationError) -> ObservationBatch {
        let body = bytes.drop { $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }
        let lines = body.split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy { $0 == 32 || $0 == 13 || $0 == 9 } }
        if body.first == UInt8(ascii: "{"), lines.count > 1 { return try ndjson(Array(body), defaultSensorID: defaultSensorID) }
        return try json(Array(body), defaultSensorID: defaultSensorID)
    }
}
