import ArgumentParser
import Community
import Foundation
import Geo
import SafeCityCore
import Simulation

/// `safecity bench social`: posts/s through the burst detector (term matching, placement, counts,
/// Poisson tests) on a week of synthetic chatter with a fire, against recounting every window from scratch.
struct BenchSocialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "social", abstract: "Social-media burst detection: posts/s against recounting each window from scratch.")

    @Option(help: "Days of chatter.") var days: Int = 7
    @Option(help: "Posts per minute at the daily mean.") var rate: Double = 60
    @Option(help: "Seed of the feed.") var seed: UInt64 = 2026

    func run() async throws {
        guard days > 0, rate > 0 else { throw CLIError("--days and --rate must be positive") }
        let progress = ProgressReporter(label: "bench social")
        progress.message("generating \(days) days of chatter at \(rate) posts/min, with a fire on the last evening")
        var city = SocialChatter(origin: GeoPoint(latitude: 40.3960, longitude: -3.7330), citySizeMetres: 6_000)
        city.postsPerMinute = rate
        var rng = SplitMix64(seed: seed)
        let start = Timestamp(millisecondsSince1970: 1_767_225_600_000)
        var items = city.background(from: start, minutes: days * 1_440, rng: &rng)
        let fireStart = start.adding(milliseconds: Int64(days - 1) * 86_400_000 + 18 * 3_600_000)
        items += SocialChatter.event(texts: SocialChatter.fireTexts, site: city.offset(metresNorth: 3_700, metresEast: 1_230), place: "",
                                     startTime: fireStart, rng: &rng)
        let salt = Array("bench-salt".utf8)
        let posts = try items.sorted { $0.time < $1.time }.map {
            try SocialPost(id: $0.id, text: $0.text, time: $0.time, location: $0.location, placeName: $0.place,
                           authorHash: SocialPost.authorHash(handle: $0.handle, salt: salt))
        }
        func run(_ counting: BurstDetector.Counting) throws -> (seconds: Double, detector: BurstDetector, signals: Int) {
            var configuration = BurstDetector.Configuration(gridOrigin: city.origin)
            configuration.counting = counting
            var detector = try BurstDetector(configuration: configuration)
            var signals = 0
            let began = ContinuousClock.now
            for (index, post) in posts.enumerated() {
                signals += detector.observe(post).count
                if index % 50_000 == 0 { progress.update(done: Int64(index), total: Int64(posts.count)) }
            }
            return ((ContinuousClock.now - began).seconds, detector, signals)
        }
        progress.message("incremental counts")
        let fast = try run(.incremental)
        progress.message("baseline: recounting every window from scratch")
        let naive = try run(.recountFromScratch)
        progress.finish()
        BenchFigure(bench: "social", context: [:]).emit(
            "burst-detection", seconds: fast.seconds, baseline: "recount every window from scratch", baselineSeconds: naive.seconds,
            extra: [
                "posts": .number(Double(posts.count)), "postsPerSecond": .number((Double(posts.count) / fast.seconds).rounded()),
                "baselinePostsPerSecond": .number((Double(posts.count) / naive.seconds).rounded()),
                "matchedPosts": .number(Double(fast.detector.statistics.matchedPosts)), "tests": .number(Double(fast.detector.statistics.tests)),
                "episodes": .number(Double(fast.detector.statistics.episodes)), "signals": .number(Double(fast.signals)),
                "sameSignals": .bool(fast.signals == naive.signals && fast.detector.statistics == naive.detector.statistics),
            ])
    }
}
