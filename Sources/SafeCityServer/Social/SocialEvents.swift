import Community
import SafeCityCore

/// Event types of social-media monitoring. Only posts that mention a public-safety term are kept
/// (to rebuild the usual rates after a restart), with the author as a salted hash; bursts are signals.
public enum SocialEvents {
    /// A public post that matched a term: its id, text, time, place and author hash.
    public static let post: EventType = "social.post"
    /// A burst of one category of posts began, grew or cleared, with the posts as evidence.
    public static let signal: EventType = "signal.social"

    public static let registry = EventTypeRegistry([
        EventSchema(type: post, fields: [.init("id", .string(maxLength: 200)), .init("text", .string(maxLength: 10_000))], submitters: []),
        EventSchema(type: signal, fields: [
            .init("episode", .integer(range: 0...Int64.max)), .init("phase", .oneOf(["began", "grew", "cleared"])),
            .init("category", .string(maxLength: 64)),
        ], submitters: []),
    ])
}
