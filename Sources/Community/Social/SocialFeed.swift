import Geo
import SafeCityCore

/// Reads a feed of posts: a JSON array, an object `{"posts": […]}`, or NDJSON (one post per line).
///
/// Each item is judged alone: a malformed or non-public item is counted by reason and skipped
/// with its position, and the rest are kept. Only a document that is none of the three forms
/// (a broken JSON array, say) is refused as a whole.
///
/// Item fields (first name found wins):
/// - `id` (string or integer), `text` (string): required.
/// - `time` | `created_at` | `timestamp`: ISO 8601 text or epoch seconds (a number): required.
/// - `lat`/`latitude` with `lon`/`lng`/`longitude`, or `geo` | `location` | `coordinates`
///   holding those keys or a GeoJSON Point: optional.
/// - `place` | `place_name`: optional text.
/// - `author` | `handle` | `user` | `username`: optional text, kept only as ``SocialPost/authorHash(handle:salt:)``.
/// - `public` (boolean) or `visibility` (text): optional; absent means public, as a public feed's items are.
public enum SocialFeed {
    /// Which of the three forms a document was.
    public enum Format: String, Codable, Sendable {
        case jsonArray, postsObject, ndjson
    }

    /// Why an item was skipped.
    public enum Reason: String, Codable, Sendable, CaseIterable, Comparable {
        /// An NDJSON line that is not JSON.
        case invalidJSON
        /// An item that is not an object.
        case notAnObject
        case missingField
        case wrongType
        case invalidTime
        case invalidLocation
        case invalidValue
        /// The item says it is not public.
        case notPublic
        /// An id seen earlier in the same document.
        case duplicateID

        public static func < (lhs: Reason, rhs: Reason) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One skipped item: where it was and why. Never quotes the item's values.
    public struct Rejection: Codable, Sendable, Equatable {
        /// Position among the document's items, from 0 (NDJSON: among non-blank lines).
        public var index: Int
        /// Line number from 1, for NDJSON.
        public var line: Int?
        public var reason: Reason
        /// The field at fault, when one is.
        public var field: String?
        public var detail: String
    }

    /// The posts read and the items skipped.
    public struct Result: Codable, Sendable, Equatable {
        public var format: Format
        /// Items seen, kept or not.
        public var items: Int
        public var posts: [SocialPost]
        public var rejected: [Rejection]

        /// Skipped items counted by reason.
        public var rejectedByReason: [Reason: Int] {
            rejected.reduce(into: [:]) { $0[$1.reason, default: 0] += 1 }
        }
    }

    /// Latest epoch second accepted (year 3000): larger numbers are most likely milliseconds.
    public static let maxEpochSeconds = 32_503_680_000.0

    /// Parses a feed document; `salt` is the deployment's author-hash salt.
    public static func parse(_ bytes: [UInt8], salt: [UInt8]) throws(CommunityError) -> Result {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let body = Array(bytes[start...])
        var reader = ItemReader(salt: salt)
        if body.first == UInt8(ascii: "[") {
            let document: JSONValue
            do {
                document = try JSONParser.parse(body)
            } catch {
                throw .invalidField(field: "feed", reason: "a JSON array that is not valid JSON (\(error)); items cannot be told apart")
            }
            guard case let .array(items) = document else { throw .invalidField(field: "feed", reason: "expected an array") }
            for item in items { reader.read(item, line: nil) }
            return reader.result(format: .jsonArray)
        }
        if body.first == UInt8(ascii: "{"), let document = try? JSONParser.parse(body), case let .object(members) = document {
            guard let posts = members["posts"] else {
                // One object, perhaps spread over several lines: a feed of one item.
                reader.read(document, line: 1)
                return reader.result(format: .ndjson)
            }
            guard case let .array(items) = posts else {
                throw .invalidField(field: "posts", reason: "must be an array, got \(posts.kindName)")
            }
            for item in items { reader.read(item, line: nil) }
            return reader.result(format: .postsObject)
        }
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= body.count {
            let lineEnd = body[lineStart...].firstIndex(of: 0x0A) ?? body.count
            lineNumber += 1
            var end = lineEnd
            if end > lineStart, body[end - 1] == 0x0D { end -= 1 }
            let line = body[lineStart..<end]
            if line.contains(where: { ![0x20, 0x09].contains($0) }) {
                do {
                    reader.read(try JSONParser.parse(Array(line)), line: lineNumber)
                } catch {
                    reader.reject(.invalidJSON, field: nil, "not JSON: \(error)", line: lineNumber)
                }
            }
            lineStart = lineEnd + 1
        }
        return reader.result(format: .ndjson)
    }
}

/// Turns items into posts one at a time, remembering ids and rejections.
private struct ItemReader {
    let salt: [UInt8]
    var posts: [SocialPost] = []
    var rejected: [SocialFeed.Rejection] = []
    var ids: Set<String> = []
    var index = 0

    init(salt: [UInt8]) { self.salt = salt }

    func result(format: SocialFeed.Format) -> SocialFeed.Result {
        SocialFeed.Result(format: format, items: index, posts: posts, rejected: rejected)
    }

    mutating func reject(_ reason: SocialFeed.Reason, field: String?, _ detail: String, line: Int?) {
        rejected.append(SocialFeed.Rejection(index: index, line: line, reason: reason, field: field, detail: detail))
        index += 1
    }

    mutating func read(_ item: JSONValue, line: Int?) {
        do throws(ItemError) {
            let post = try decode(item)
            guard ids.insert(post.id).inserted else {
                throw ItemError(.duplicateID, "id", "appeared earlier in this feed")
            }
            posts.append(post)
            index += 1
        } catch {
            reject(error.reason, field: error.field, error.detail, line: line)
        }
    }

    private func decode(_ item: JSONValue) throws(ItemError) -> SocialPost {
        guard case let .object(fields) = item else { throw ItemError(.notAnObject, nil, "an item must be an object, got \(item.kindName)") }
        func first(_ names: [String]) -> (name: String, value: JSONValue)? {
            for name in names { if let value = fields[name], value != .null { return (name, value) } }
            return nil
        }
        if let flag = first(["public"]) {
            guard case let .bool(isPublic) = flag.value else { throw ItemError(.wrongType, "public", "must be a boolean") }
            guard isPublic else { throw ItemError(.notPublic, "public", "only public posts are monitored") }
        }
        if let visibility = first(["visibility"]) {
            guard case let .string(text) = visibility.value else { throw ItemError(.wrongType, "visibility", "must be a string") }
            guard text.lowercased() == "public" else { throw ItemError(.notPublic, "visibility", "only public posts are monitored") }
        }
        let id: String
        switch fields["id"] {
        case let .string(text)?: id = text
        case let .number(number)? where number == number.rounded() && abs(number) < 9e15: id = String(Int64(number))
        case nil, .null?: throw ItemError(.missingField, "id", "is required")
        default: throw ItemError(.wrongType, "id", "must be a string or an integer")
        }
        guard let textField = first(["text"]) else { throw ItemError(.missingField, "text", "is required") }
        guard case let .string(text) = textField.value else { throw ItemError(.wrongType, "text", "must be a string") }
        guard let timeField = first(["time", "created_at", "timestamp"]) else {
            throw ItemError(.missingField, "time", "is required (ISO 8601 text or epoch seconds)")
        }
        let time: Timestamp
        switch timeField.value {
        case let .string(text):
            guard let parsed = Timestamp.parse(text) else { throw ItemError(.invalidTime, timeField.name, "is not ISO 8601 date-time text") }
            time = parsed
        case let .number(seconds):
            guard seconds.isFinite, seconds >= 0, seconds <= SocialFeed.maxEpochSeconds else {
                throw ItemError(.invalidTime, timeField.name, "epoch seconds out of range 0…\(Int64(SocialFeed.maxEpochSeconds)) (milliseconds?)")
            }
            time = Timestamp(millisecondsSince1970: Int64((seconds * 1000).rounded()))
        default:
            throw ItemError(.wrongType, timeField.name, "must be ISO 8601 text or epoch seconds")
        }
        let location = try readLocation(fields)
        var placeName: String?
        if let place = first(["place", "place_name"]) {
            guard case let .string(name) = place.value else { throw ItemError(.wrongType, place.name, "must be a string") }
            guard name.count <= 200 else { throw ItemError(.invalidValue, place.name, "is longer than 200 characters") }
            placeName = name
        }
        var authorHash: String?
        if let author = first(["author", "handle", "user", "username"]) {
            guard case let .string(handle) = author.value else { throw ItemError(.wrongType, author.name, "must be a string") }
            if handle.contains(where: { !$0.isWhitespace }) {
                authorHash = SocialPost.authorHash(handle: handle, salt: salt)
            }
        }
        do {
            return try SocialPost(id: id, text: text, time: time, location: location, placeName: placeName, authorHash: authorHash)
        } catch let .invalidField(field, reason) {
            throw ItemError(field == "text" && reason == "is empty" ? .missingField : .invalidValue, field, reason)
        } catch {
            throw ItemError(.invalidValue, nil, error.description)
        }
    }

    private func readLocation(_ fields: [String: JSONValue]) throws(ItemError) -> GeoPoint? {
        if let point = try point(in: fields, context: nil) { return point }
        for name in ["geo", "location", "coordinates"] {
            guard let value = fields[name], value != .null else { continue }
            if case let .object(inner) = value {
                if let point = try point(in: inner, context: name) { return point }
                if inner["type"] == .string("Point"), let coordinates = inner["coordinates"] {
                    return try geoJSON(coordinates, field: "\(name).coordinates")
                }
                throw ItemError(.invalidLocation, name, "needs lat and lon, or a GeoJSON Point")
            }
            if case .array = value { return try geoJSON(value, field: name) }
            throw ItemError(.wrongType, name, "must be an object or a GeoJSON [lon, lat] array")
        }
        return nil
    }

    /// A point from `lat`/`latitude` and `lon`/`lng`/`longitude` keys, nil when neither is present.
    private func point(in fields: [String: JSONValue], context: String?) throws(ItemError) -> GeoPoint? {
        let latitudeKey = ["lat", "latitude"].first { fields[$0] != nil && fields[$0] != .null }
        let longitudeKey = ["lon", "lng", "longitude"].first { fields[$0] != nil && fields[$0] != .null }
        func name(_ key: String) -> String { context.map { "\($0).\(key)" } ?? key }
        switch (latitudeKey, longitudeKey) {
        case (nil, nil): return nil
        case let (latitudeKey?, nil): throw ItemError(.invalidLocation, name(latitudeKey), "a latitude needs a longitude")
        case let (nil, longitudeKey?): throw ItemError(.invalidLocation, name(longitudeKey), "a longitude needs a latitude")
        case let (latitudeKey?, longitudeKey?):
            guard case let .number(latitude) = fields[latitudeKey]! else { throw ItemError(.wrongType, name(latitudeKey), "must be a number") }
            guard case let .number(longitude) = fields[longitudeKey]! else { throw ItemError(.wrongType, name(longitudeKey), "must be a number") }
            return try valid(latitude, longitude, field: name(latitudeKey))
        }
    }

    private func geoJSON(_ value: JSONValue, field: String) throws(ItemError) -> GeoPoint {
        guard case let .array(items) = value, items.count >= 2, case let .number(longitude) = items[0], case let .number(latitude) = items[1]
        else { throw ItemError(.invalidLocation, field, "must be [longitude, latitude]") }
        return try valid(latitude, longitude, field: field)
    }

    private func valid(_ latitude: Double, _ longitude: Double, field: String) throws(ItemError) -> GeoPoint {
        let point = GeoPoint(latitude: latitude, longitude: longitude)
        guard point.isValid else { throw ItemError(.invalidLocation, field, "outside latitude −90…90 / longitude −180…180") }
        return point
    }
}

/// A rejected item's reason, field and detail.
private struct ItemError: Error {
    var reason: SocialFeed.Reason
    var field: String?
    var detail: String

    init(_ reason: SocialFeed.Reason, _ field: String?, _ detail: String) {
        self.reason = reason
        self.field = field
        self.detail = detail
    }
}
