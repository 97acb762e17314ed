import Community
import Foundation
import Geo
import SafeCityCore
import Simulation

/// The demo's public social-media feed over Monaco: everyday chatter, and now and then a fire whose
/// witnesses post about it, sent through the feed parser as an integration would.
public actor DemoSocialFeed {
    /// Monaco's landmarks, which posts sometimes name instead of a geotag.
    static let places: [String: GeoPoint] = [
        "Place du Casino": GeoPoint(latitude: 43.73935, longitude: 7.42760),
        "Port Hercule": GeoPoint(latitude: 43.73450, longitude: 7.42150),
        "Gare de Monaco": GeoPoint(latitude: 43.73875, longitude: 7.41985),
        "Larvotto": GeoPoint(latitude: 43.74550, longitude: 7.43500),
        "Fontvieille": GeoPoint(latitude: 43.72850, longitude: 7.41500),
    ]

    private let social: SocialService
    private let clock: any WallClock
    private var chatter: SocialChatter
    private var rng: SplitMix64
    private var sentUntil: Timestamp
    private var nextFire: Timestamp
    private var nextID = 0
    private var task: Task<Void, Never>?
    public private(set) var postsSent = 0
    public private(set) var lastFailure: String?

    public init(social: SocialService, clock: any WallClock, seed: UInt64) {
        self.social = social
        self.clock = clock
        chatter = SocialChatter(origin: GeoPoint(latitude: 43.7245, longitude: 7.4090), citySizeMetres: 3_000,
                                downtown: Self.places["Place du Casino"], places: Self.places)
        chatter.postsPerMinute = 4
        rng = SplitMix64(seed: seed ^ 0x50C1A1)
        let now = clock.now()
        // Three hours of history, so the detector has learned the usual rates before the demo's first fire.
        sentUntil = now.adding(milliseconds: -3 * 3_600_000)
        nextFire = now.adding(milliseconds: 240_000)
    }

    /// Sends the backlog, then the new posts every ten seconds until ``stop()``.
    public func start() {
        guard task == nil else { return }
        task = Task {
            while !Task.isCancelled {
                await tick()
                try? await Task.sleep(for: .seconds(10))
            }
        }
    }

    /// Posts written between the last tick and now, a fire's among them when one is due.
    public func tick() async {
        let now = clock.now()
        let minutes = Int((now.millisecondsSince1970 - sentUntil.millisecondsSince1970) / 60_000)
        guard minutes >= 1 else { return }
        var items = chatter.background(from: sentUntil, minutes: minutes, rng: &rng, firstID: nextID)
        nextID += items.count
        if now >= nextFire {
            let place = Self.places.keys.sorted()[Int.random(in: 0..<Self.places.count, using: &rng)]
            items += SocialChatter.event(texts: SocialChatter.fireTexts, site: Self.places[place]!, place: place,
                                         startTime: now.adding(milliseconds: -5 * 60_000), minutes: 5, rng: &rng, idPrefix: "fire-\(nextID)")
            nextFire = now.adding(milliseconds: 20 * 60_000)
        }
        sentUntil = sentUntil.adding(milliseconds: Int64(minutes) * 60_000)
        let body = items.map { $0.jsonLine() }.joined(separator: "\n")
        do {
            let parsed = try SocialFeed.parse(Array(body.utf8), salt: social.salt)
            _ = try await social.ingest(parsed.posts, actor: "system:social-feed")
            postsSent += parsed.posts.count
        } catch {
            lastFailure = String(describing: error)
        }
    }

    public func stop() {
        task?.cancel()
        task = nil
    }
}
