import Foundation
import Geo
import SafeCityCore

/// One public social-media post as the monitor keeps it: no author handle, only its salted hash,
/// and `@mentions` in the text replaced by `@user`.
///
/// - Note: Every value is public by construction: the initialiser refuses posts that are not.
public struct SocialPost: Sendable, Hashable {
    /// The feed's identifier of the post.
    public var id: String
    /// The text, with `@mentions` redacted.
    public var text: String
    public var time: Timestamp
    /// The geotag, when the post has one.
    public var location: GeoPoint?
    /// The place name the post was tagged with, when it has one.
    public var placeName: String?
    /// ``authorHash(handle:salt:)`` of the author's handle; nil when the feed gave none.
    public var authorHash: String?

    /// Longest accepted text, in characters.
    public static let maxTextCharacters = 10_000

    /// Validates a post: refuses non-public posts, empty ids or texts, and invalid geotags.
    public init(
        id: String, text: String, time: Timestamp, location: GeoPoint? = nil, placeName: String? = nil,
        authorHash: String? = nil, isPublic: Bool = true
    ) throws(CommunityError) {
        guard isPublic else { throw .invalidField(field: "public", reason: "only public posts are monitored") }
        guard !id.isEmpty, id.utf8.count <= 200 else { throw .invalidField(field: "id", reason: "must be 1–200 bytes") }
        guard text.contains(where: { !$0.isWhitespace }) else { throw .invalidField(field: "text", reason: "is empty") }
        guard text.count <= SocialPost.maxTextCharacters else {
            throw .invalidField(field: "text", reason: "is longer than \(SocialPost.maxTextCharacters) characters")
        }
        if let location, !location.isValid {
            throw .invalidField(field: "location", reason: "outside latitude −90…90 / longitude −180…180")
        }
        if let authorHash, !SocialPost.isAuthorHash(authorHash) {
            throw .invalidField(field: "authorHash", reason: "must be 64 lowercase hex digits (a SHA-256), never a handle")
        }
        self.id = id
        self.text = SocialPost.redactingMentions(text)
        self.time = time
        self.location = location
        let place = placeName?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.placeName = place?.isEmpty == false ? place : nil
        self.authorHash = authorHash
    }

    /// `text` with every `@handle` replaced by `@user`, so that no handle is kept even in text.
    public static func redactingMentions(_ text: String) -> String {
        guard text.contains("@") else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            out.unicodeScalars.append(scalar)
            guard scalar == "@" else { continue }
            let handle = scalars.prefix { isHandleScalar($0) }
            if !handle.isEmpty {
                out += "user"
                scalars = scalars.dropFirst(handle.count)
            }
        }
        return out
    }

    private static func isHandleScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "." || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isAuthorHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}

extension SocialPost: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, text, time, location, placeName, authorHash
    }

    /// Decodes through the validating initialiser.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: container.decode(String.self, forKey: .id), text: container.decode(String.self, forKey: .text),
            time: container.decode(Timestamp.self, forKey: .time),
            location: container.decodeIfPresent(GeoPoint.self, forKey: .location),
            placeName: container.decodeIfPresent(String.self, forKey: .placeName),
            authorHash: container.decodeIfPresent(String.self, forKey: .authorHash))
    }
}
