import Community
import Geo
import SafeCityCore

/// The social-media desk: takes public posts from feeds, finds bursts of public-safety terms and
/// records them as signals with the posts as evidence.
///
/// Matching posts are logged (authors only as salted hashes) so that a restart replays them and the
/// usual rates are not lost; posts without a term are counted and dropped.
public actor SocialService {
    public typealias Append = @Sendable ([NewEvent]) async throws -> [EventRecord]

    private let log: any EventLog
    private let clock: any WallClock
    private let append: Append
    /// Salt of the author hashes, derived from the field key: the same handle hashes alike across restarts.
    public nonisolated let salt: [UInt8]
    private var detector: BurstDetector
    public private(set) var postsTotal = 0
    public private(set) var signalsTotal = 0

    public init(log: any EventLog, clock: any WallClock, salt: [UInt8], detector: BurstDetector, append: @escaping Append) {
        self.log = log
        self.clock = clock
        self.salt = salt
        self.detector = detector
        self.append = append
    }

    /// Replays the logged posts so that the usual rates are learned again; signals already recorded are not raised twice.
    public func start() async throws {
        var posts: [SocialPost] = []
        try await log.forEachRecord(ofTypes: [SocialEvents.post]) { record in
            if let post = try? record.event.payload.decode(SocialPost.self) { posts.append(post) }
        }
        // Not advanced to the clock here: a feed that sends its backlog next must not find it already "late".
        _ = detector.observe(contentsOf: posts)
    }

    /// Takes a feed's posts (in any order); returns how many matched a term and how many signals they raised.
    public func ingest(_ posts: [SocialPost], actor: String) async throws -> (matched: Int, signals: Int) {
        var events: [NewEvent] = []
        var matched = 0
        for post in posts.sorted(by: { $0.time < $1.time }) {
            let before = detector.statistics.matchedPosts
            let signals = detector.observe(post)
            if detector.statistics.matchedPosts > before {
                matched += 1
                events.append(NewEvent(type: SocialEvents.post, source: "social", actor: actor, occurredAt: post.time,
                                       location: post.location, payload: try EventPayload(encoding: post)))
            }
            events += try signals.map { try signalEvent($0, actor: actor) }
        }
        postsTotal += posts.count
        let signalCount = events.count - matched
        signalsTotal += signalCount
        if !events.isEmpty { _ = try await append(events) }
        return (matched, signalCount)
    }

    /// Clears bursts that have gone quiet; called on a timer.
    public func tick() async throws {
        let signals = detector.advance(to: clock.now())
        guard !signals.isEmpty else { return }
        signalsTotal += signals.count
        _ = try await append(try signals.map { try signalEvent($0, actor: "system:social") })
    }

    /// Counters of the detector (posts, matched, placed, tests, bursts).
    public var statistics: BurstDetector.Statistics { detector.statistics }

    private func signalEvent(_ signal: SocialSignal, actor: String) throws -> NewEvent {
        NewEvent(type: SocialEvents.signal, source: "social", actor: actor, occurredAt: signal.time, location: signal.centroid,
                 payload: try EventPayload(encoding: signal))
    }
}
