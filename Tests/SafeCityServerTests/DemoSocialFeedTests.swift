import Foundation
import SafeCityCore
import SafeCityServer
import SafeCityTesting
import Testing

/// The demo's social feed, through the real parser and detector: the scripted fire is found.
@Suite struct DemoSocialFeedTests {
    @Test func theScriptedFireBecomesASocialSignal() async throws {
        let directory = TemporaryDirectory("safecity-social-demo")
        defer { directory.remove() }
        let clock = ManualClock(Timestamp(millisecondsSince1970: 1_796_061_600_000))
        let platform = try await Platform(databasePath: directory.path("demo.sqlite"), clock: clock)
        let feed = DemoSocialFeed(social: platform.social, clock: clock, seed: 42)
        await feed.tick()
        #expect(await feed.postsSent > 300)
        // The three hours of history teach the detector its usual rates; none of it is skipped as late.
        #expect(await platform.social.statistics.latePosts == 0)
        // Four minutes later the first fire is due; its posts are dated over the five minutes before.
        clock.advance(milliseconds: 5 * 60_000)
        await feed.tick()
        #expect(await feed.lastFailure == nil)
        let signals = try await platform.log.read(after: 0, limit: 100_000, types: [SocialEvents.signal]).records
        let categories = try signals.map { try $0.event.payload.decode(SocialSignalView.self).category }
        #expect(categories.contains("fire") || categories.contains("smoke"), "\(categories)")
        // The burst is on the signal board; a burst of posts with no place (the city-wide cell) has no point on the map.
        let (board, _) = await platform.signalBoard.snapshot(atLeast: try await platform.log.lastSequence())
        let social = board.entries.filter { $0.type == SocialEvents.signal.name }
        #expect(!social.isEmpty)
        #expect(social.allSatisfy { $0.subject.hasPrefix("social:") })
        #expect(social.contains { $0.latitude != nil })
        await platform.shutdown()
    }

    private struct SocialSignalView: Decodable {
        var category: String
    }
}
