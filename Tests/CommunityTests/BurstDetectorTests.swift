import Foundation
import Geo
import SafeCityCore
import Testing
@testable import Community

@Suite struct BurstDetectorTests {
    typealias Feed = SyntheticSocialFeed
    static let fireTexts = [
        "Huge fire on the corner, smoke everywhere", "Is that a fire near Plaza del Carmen?", "Black smoke over the rooftops",
        "incendio en la plaza, mucho humo", "Flames coming out of a window!!", "fire trucks arriving, building on fire",
    ]
    static let spanishFireTexts = [
        "Incendio en un edificio de la plaza", "Mucho humo, se está quemando algo", "¡Fuego! Llamen a los bomberos",
        "Incendio enorme, humo negro por todas partes", "Hay llamas saliendo de una ventana",
    ]

    /// Background for `days` days with an event starting at 18:07 UTC on the last day (the evening
    /// peak of the daily cycle, when the baseline is highest).
    static func feedWithEvent(seed: UInt64, days: Int, texts: [String], site: GeoPoint = Feed.eventSite,
                              place: String = "Plaza del Carmen") -> (posts: [SocialPost], eventStart: Timestamp, eventIDs: Set<String>) {
        var rng = SplitMix64(seed: seed)
        let background = Feed().background(days: days, rng: &rng)
        let eventStart = Feed.start.adding(milliseconds: Int64(days - 1) * 86_400_000 + (18 * 60 + 7) * 60_000)
        let event = Feed.event(texts: texts, site: site, place: place, startTime: eventStart, rng: &rng)
        let items = (background + event).sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        return (items.map { $0.post() }, eventStart, Set(event.map(\.id)))
    }

    static func run(_ detector: inout BurstDetector, _ posts: [SocialPost]) -> [SocialSignal] {
        posts.flatMap { detector.observe($0) }
    }

    /// Cells within one cell of the event site's.
    static func nearSite(_ cells: [GridCell], _ grid: SocialGrid, site: GeoPoint = Feed.eventSite) -> Bool {
        let siteCell = grid.cell(for: site)
        return cells.allSatisfy { $0 == siteCell || $0.isAdjacent(to: siteCell) }
    }

    /// A fire rising over 15 minutes (about fourteen posts in its first five, 60 % geotagged within ~120 m,
    /// 20 % naming the nearby square, 20 % unplaced) is signalled within five minutes of its start, as
    /// `fire` in the site's cells, on five different seeded cities of four days' background each.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func injectedFireIsDetectedWithinFiveMinutes(seed: UInt64) throws {
        let feed = Self.feedWithEvent(seed: seed, days: 4, texts: Self.fireTexts)
        var detector = Feed.detector()
        let signals = Self.run(&detector, feed.posts)
        let began = try #require(signals.first {
            $0.phase == .began && $0.category == "fire" && $0.time >= feed.eventStart && Self.nearSite($0.cells, detector.grid)
        })
        let delaySeconds = Double(began.time.millisecondsSince1970 - feed.eventStart.millisecondsSince1970) / 1000
        #expect(delaySeconds <= 300, "detected \(delaySeconds) s after the start")
        #expect(began.cells.contains(detector.grid.cell(for: Feed.eventSite)) || began.cells.count == 1)
        #expect(began.observedCount >= detector.configuration.minimumCount)
        #expect(began.pValue < detector.configuration.alpha)
        #expect(Double(began.observedCount) > 10 * began.expectedCount)
        #expect(!began.evidence.isEmpty && began.evidence.allSatisfy { feed.eventIDs.contains($0.postID) })
        let centroid = try #require(began.centroid)
        #expect(GreatCircle.distanceMetres(centroid, Feed.eventSite) < 400)
        let extent = try #require(began.extent)
        #expect(extent.contains(centroid))
        // Nothing else began in the hour before the event: the detections are the event's.
        let before = signals.filter { $0.phase == .began && $0.time < feed.eventStart && $0.time.millisecondsSince1970 > feed.eventStart.millisecondsSince1970 - 3_600_000 }
        #expect(before.isEmpty)
    }

    @Test(arguments: [21, 22, 23] as [UInt64])
    func spanishOnlyEventIsDetected(seed: UInt64) throws {
        let site = Feed.offset(metresNorth: 2_130, metresEast: 4_760)
        let feed = Self.feedWithEvent(seed: seed, days: 3, texts: Self.spanishFireTexts, site: site, place: "Mercado de San Luis")
        var detector = Feed.detector()
        let signals = Self.run(&detector, feed.posts)
        let began = try #require(signals.first {
            $0.phase == .began && $0.category == "fire" && $0.time >= feed.eventStart && Self.nearSite($0.cells, detector.grid, site: site)
        })
        #expect(began.time.millisecondsSince1970 - feed.eventStart.millisecondsSince1970 <= 300_000)
    }

    /// The event's fire burst begins once and clears once, about a window after the posts stop.
    @Test func aBurstBeginsOnceAndClearsOnce() throws {
        let feed = Self.feedWithEvent(seed: 7, days: 3, texts: Self.fireTexts)
        var detector = Feed.detector()
        var signals = Self.run(&detector, feed.posts)
        signals += detector.advance(to: feed.eventStart.adding(milliseconds: 3 * 3_600_000))
        let near = signals.filter { $0.category == "fire" && !$0.cells.contains(.cityWide) && $0.time >= feed.eventStart }
        let episodes = Set(near.map(\.episode))
        let survivors = episodes.filter { episode in !near.contains { $0.episode == episode && $0.mergedInto != nil } }
        #expect(survivors.count == 1, "one fire signal at the site, got \(near.map { ($0.episode, $0.phase, $0.cells) })")
        let episode = try #require(survivors.first)
        #expect(near.filter { $0.episode == episode && $0.phase == .began }.count + near.filter { $0.mergedInto == episode }.count >= 1)
        let cleared = near.filter { $0.episode == episode && $0.phase == .cleared }
        #expect(cleared.count == 1)
        let eventEnd = feed.eventStart.adding(milliseconds: 15 * 60_000)
        let clearedAt = try #require(cleared.first).time
        #expect(clearedAt > eventEnd && clearedAt.millisecondsSince1970 < eventEnd.millisecondsSince1970 + 30 * 60_000)
        let last = try #require(cleared.first)
        #expect(last.evidencePosts >= last.evidence.count && last.evidence.count <= detector.configuration.evidenceLimit)
        #expect(zip(last.evidence, last.evidence.dropFirst()).allSatisfy { $0.time <= $1.time })
    }

    /// Fourteen days of quiet city (a daily cycle, a busy downtown, everyday uses of the terms, and one
    /// account posting "fire sale" six times in three minutes every evening) raise no more false
    /// bursts than `alpha` per test allows: at most the 99.9 % point of Poisson(alpha × tests).
    @Test func quietDataStaysWithinTheConfiguredFalseBurstRate() throws {
        var rng = SplitMix64(seed: 99)
        var items = Feed().background(days: 14, rng: &rng)
        let shop = Feed.offset(metresNorth: 1_700, metresEast: 2_300)
        for day in 0..<14 {
            let evening = Feed.start.adding(milliseconds: Int64(day) * 86_400_000 + 19 * 3_600_000)
            for post in 0..<6 {
                items.append(Feed.Item(id: "spam-\(day)-\(post)", text: "FIRE SALE!! fire prices on everything, fire fire fire",
                                       time: evening.adding(milliseconds: Int64(post) * 30_000), location: shop, handle: "zq_handle_shop"))
            }
        }
        let posts = items.sorted { ($0.time, $0.id) < ($1.time, $1.id) }.map { $0.post() }
        var detector = Feed.detector()
        let signals = Self.run(&detector, posts)
        let began = signals.filter { $0.phase == .began }
        let alpha = detector.configuration.alpha
        let tests = detector.statistics.tests
        #expect(tests > 15_000, "enough tests for the rate to mean something")
        var allowed = 0
        while PoissonTail.probability(atLeast: allowed + 1, mean: alpha * Double(tests)) > 0.001 { allowed += 1 }
        #expect(began.count <= allowed, "\(began.count) false bursts in \(tests) tests; alpha \(alpha) allows \(allowed)")

        // The same quiet city with every post of the shop's account counted: it now looks like fires.
        var naive = Feed.detector { $0.countEachAuthorOncePerWindow = false }
        let naiveBegan = Self.run(&naive, posts).filter { $0.phase == .began }
        #expect(naiveBegan.count > allowed)
    }

    /// The naive baseline (recount the window from scratch for every post) gives the same signals.
    @Test func recountingFromScratchGivesTheSameSignals() {
        let feed = Self.feedWithEvent(seed: 5, days: 2, texts: Self.fireTexts)
        var fast = Feed.detector()
        var naive = Feed.detector { $0.counting = .recountFromScratch }
        #expect(Self.run(&fast, feed.posts) == Self.run(&naive, feed.posts))
        #expect(fast.statistics == naive.statistics)
    }

    // MARK: - Clustering, by hand

    static let origin = GeoPoint(latitude: 40.0, longitude: -3.0)

    /// A detector that has been running (two quiet days unless told) before the hand-made posts.
    static func handDetector(warmUpHours: Int64 = 48, _ change: (inout BurstDetector.Configuration) -> Void = { _ in }) -> BurstDetector {
        var configuration = BurstDetector.Configuration(gridOrigin: origin)
        change(&configuration)
        var detector = try! BurstDetector(configuration: configuration)
        if warmUpHours > 0 {
            _ = detector.observe(try! SocialPost(id: "start", text: "good morning",
                                                 time: Timestamp(millisecondsSince1970: 1_767_225_600_000 - warmUpHours * 3_600_000)))
        }
        return detector
    }

    /// The centre of cell (row, column) of the 500 m grid at ``origin``.
    static func centre(_ row: Int32, _ column: Int32) -> GeoPoint {
        SocialGrid(origin: origin, cellSizeMetres: 500).centre(of: GridCell(row: row, column: column))!
    }

    static func posts(_ count: Int, at point: GeoPoint?, from start: Int64, everySeconds: Int64 = 20, text: String = "fire!",
                      prefix: String) -> [SocialPost] {
        (0..<count).map {
            try! SocialPost(id: "\(prefix)\($0)", text: text, time: Timestamp(millisecondsSince1970: start + Int64($0) * everySeconds * 1000),
                            location: point)
        }
    }

    @Test func adjacentCellsMergeIntoOneSignal() throws {
        var detector = Self.handDetector()
        let t0: Int64 = 1_767_225_600_000
        var signals = Self.run(&detector, Self.posts(5, at: Self.centre(3, 3), from: t0, prefix: "a"))
        signals += Self.run(&detector, Self.posts(5, at: Self.centre(4, 4), from: t0 + 100_000, prefix: "b"))
        signals += Self.run(&detector, Self.posts(5, at: Self.centre(9, 9), from: t0 + 110_000, prefix: "c"))
        #expect(signals.map(\.phase) == [.began, .grew, .began])
        #expect(signals[1].episode == signals[0].episode && signals[2].episode != signals[0].episode)
        #expect(signals[1].cells == [GridCell(row: 3, column: 3), GridCell(row: 4, column: 4)])
        let extent = try #require(signals[1].extent)
        #expect(extent.contains(Self.centre(3, 3)) && extent.contains(Self.centre(4, 4)) && !extent.contains(Self.centre(5, 5)))
        let centroid = try #require(signals[1].centroid)
        #expect(GreatCircle.distanceMetres(centroid, GeoPoint(latitude: (Self.centre(3, 3).latitude + Self.centre(4, 4).latitude) / 2,
                                                               longitude: (Self.centre(3, 3).longitude + Self.centre(4, 4).longitude) / 2)) < 150)
        // Quiet for half an hour: both clear, each once.
        let cleared = detector.advance(to: Timestamp(millisecondsSince1970: t0 + 1_800_000))
        #expect(cleared.map(\.phase) == [.cleared, .cleared])
        #expect(Set(cleared.map(\.episode)) == Set([signals[0].episode, signals[2].episode]))
    }

    @Test func aBridgingCellFoldsTwoSignalsIntoTheOlder() {
        var detector = Self.handDetector()
        let t0: Int64 = 1_767_225_600_000
        var signals = Self.run(&detector, Self.posts(5, at: Self.centre(0, 0), from: t0, prefix: "a"))
        signals += Self.run(&detector, Self.posts(5, at: Self.centre(0, 2), from: t0 + 10_000, prefix: "b"))
        signals += Self.run(&detector, Self.posts(5, at: Self.centre(0, 1), from: t0 + 20_000, prefix: "c"))
        let phases = signals.map { ($0.episode, $0.phase, $0.mergedInto) }
        #expect(phases.map(\.0) == [1, 2, 2, 1])
        #expect(signals[2].phase == .cleared && signals[2].mergedInto == 1)
        #expect(signals[3].phase == .grew && signals[3].cells.count == 3)
        // Five posts from each of the first two cells, and the bridging cell's four that made it burst
        // (three others in the window are needed where one hour's prior rate is expected).
        #expect(signals[3].evidencePosts == 14)
        let cleared = detector.advance(to: Timestamp(millisecondsSince1970: t0 + 3_600_000))
        #expect(cleared.map { ($0.episode, $0.phase) }.elementsEqual([(1, SocialSignal.Phase.cleared)], by: ==))
    }

    @Test func unplacedPostsBurstCityWide() throws {
        var detector = Self.handDetector()
        let signals = Self.run(&detector, Self.posts(6, at: nil, from: 1_767_225_600_000, text: "tiroteo, disparos", prefix: "u"))
        let began = try #require(signals.first)
        #expect(began.category == "shooting" && began.cells == [.cityWide] && began.centroid == nil && began.extent == nil)
        #expect(detector.statistics.unplacedPosts == 6)
        #expect(began.summary(windowSeconds: 300).hasPrefix("shooting: "))
    }

    /// A fresh detector does not fire on its first posts: the prior, and the stream's own rate so
    /// far, stand in for a baseline not yet learned. After two quiet days the same posts fire.
    @Test func coldStartNeedsABaseline() {
        let posts = Self.posts(4, at: Self.centre(1, 1), from: 1_767_225_600_000, everySeconds: 45, prefix: "p")
        var fresh = Self.handDetector(warmUpHours: 0)
        #expect(Self.run(&fresh, posts).isEmpty)
        var warm = Self.handDetector()
        #expect(Self.run(&warm, posts).map(\.phase) == [.began])
    }

    @Test func latePostsAreSkippedAndSlightlyLateOnesPlaced() {
        var detector = Self.handDetector()
        let t0: Int64 = 1_767_225_600_000
        _ = detector.observe(try! SocialPost(id: "new", text: "humo", time: Timestamp(millisecondsSince1970: t0 + 600_000)))
        _ = detector.observe(try! SocialPost(id: "old", text: "humo", time: Timestamp(millisecondsSince1970: t0)))
        // Out of order within the window: still counted, and the burst forms.
        let signals = Self.run(&detector, [590_000, 560_000, 580_000, 570_000].enumerated().map {
            try! SocialPost(id: "w\($0.offset)", text: "humo", time: Timestamp(millisecondsSince1970: t0 + $0.element), location: Self.centre(2, 2))
        })
        #expect(detector.statistics.latePosts == 1 && detector.statistics.posts == 7)
        #expect(signals.first?.category == "smoke")
        #expect(signals.first.map { zip($0.evidence, $0.evidence.dropFirst()).allSatisfy { $0.time <= $1.time } } == true)
    }

    /// Handles go in; nothing that comes out (feed results, posts, signals, statistics) holds one.
    @Test func authorHandlesNeverAppearInAnyOutput() throws {
        var rng = SplitMix64(seed: 3)
        let eventStart = Feed.start.adding(milliseconds: 3_600_000)
        var lines = (Feed().background(days: 1, rng: &rng)
            + Feed.event(texts: Self.fireTexts, site: Feed.eventSite, place: "Plaza del Carmen", startTime: eventStart, rng: &rng))
            .sorted { ($0.time, $0.id) < ($1.time, $1.id) }.map { $0.jsonLine() }
        lines.insert(#"{"id":"bad","text":"fire","time":"soon","author":"zq_handle_broken"}"#, at: 10)
        lines.insert(#"{"id":"bad2","text":"fire","time":0,"public":false,"author":"zq_handle_private"}"#, at: 20)
        lines.insert("{not json zq_handle_garbled", at: 30)
        let result = try SocialFeed.parse(Array(lines.joined(separator: "\n").utf8), salt: Feed.salt)
        #expect(result.rejectedByReason == [.invalidTime: 1, .notPublic: 1, .invalidJSON: 1])
        var detector = Feed.detector()
        let signals = detector.observe(contentsOf: result.posts) + detector.advance(to: eventStart.adding(milliseconds: 7_200_000))
        #expect(signals.contains { $0.phase == .began && $0.category == "fire" })
        let encoder = JSONEncoder()
        for encoded in [try encoder.encode(result), try encoder.encode(signals), try encoder.encode(detector.statistics)] {
            #expect(!String(decoding: encoded, as: UTF8.self).contains("zq_handle"))
        }
    }

    @Test func badConfigurationNamesTheSetting() {
        var configuration = BurstDetector.Configuration(gridOrigin: Self.origin)
        configuration.clearAlpha = configuration.alpha / 2
        #expect(throws: CommunityError.invalidField(field: "clearAlpha", reason: "must be above alpha and at most 1")) {
            try BurstDetector(configuration: configuration)
        }
    }
}
