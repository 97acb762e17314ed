import SafeCityCore
import Security
import Testing

@Suite struct AccessWatchTests {
    static func at(_ seconds: Int64) -> Timestamp { Timestamp(millisecondsSince1970: 1_764_000_000_000 + seconds * 1000) }

    @Test func oneCredentialFromManyAddressesIsReportedOncePerQuietPeriod() {
        let watch = AccessWatch()
        for i in 0..<4 { #expect(watch.used("key:abc", from: "10.0.0.\(i)", at: Self.at(Int64(i))) == nil) }
        #expect(watch.used("key:abc", from: "10.0.0.1", at: Self.at(10)) == nil, "an address seen before is not a new one")
        let finding = watch.used("key:abc", from: "10.0.0.9", at: Self.at(20))
        #expect(finding?.kind == "credential-shared")
        #expect(finding?.subject == "key:abc")
        #expect(watch.used("key:abc", from: "10.0.0.10", at: Self.at(30)) == nil, "reported once per quiet period")
        #expect(watch.used("key:other", from: "10.0.0.10", at: Self.at(30)) == nil)
        // Addresses older than the window no longer count.
        for i in 0..<4 { #expect(watch.used("key:new", from: "10.1.0.\(i)", at: Self.at(Int64(i) * 700)) == nil) }
    }

    @Test func guessingFromOneAddressAndBulkReadsAreReported() {
        let watch = AccessWatch()
        for i in 0..<8 { #expect(watch.failedSignIn("user\(i)", from: "203.0.113.5", at: Self.at(Int64(i))) == nil) }
        #expect(watch.failedSignIn("user8", from: "203.0.113.5", at: Self.at(9))?.kind == "sign-in-guessing", "nine usernames from one address")
        for i in 0..<20 { #expect(watch.failedSignIn("alice", from: "198.51.100.7", at: Self.at(Int64(i))) == nil) }
        #expect(watch.failedSignIn("alice", from: "198.51.100.7", at: Self.at(21))?.subject == "198.51.100.7", "21 failures for one user")
        #expect(watch.read(40_000, by: "key:analyst", at: Self.at(0)) == nil)
        #expect(watch.read(20_000, by: "key:analyst", at: Self.at(60))?.kind == "bulk-read")
        #expect(watch.read(40_000, by: "key:other", at: Self.at(0)) == nil)
        #expect(watch.read(40_000, by: "key:other", at: Self.at(700)) == nil, "reads spread over more than the window are fine")
    }
}

@Suite struct AccessWatchRateLimitTests {
    @Test func aCredentialThatKeepsHittingItsRateLimitIsReportedOncePerQuietPeriod() {
        var settings = AccessWatch.Settings()
        settings.maxRefusalsPerCredential = 3
        let watch = AccessWatch(settings)
        for i in 0..<3 { #expect(watch.limited("key:abc", at: AccessWatchTests.at(Int64(i))) == nil) }
        let finding = watch.limited("key:abc", at: AccessWatchTests.at(3))
        #expect(finding?.kind == "rate-limited")
        #expect(finding?.subject == "key:abc")
        #expect(watch.limited("key:abc", at: AccessWatchTests.at(4)) == nil, "reported once per quiet period")
        #expect(watch.limited("key:other", at: AccessWatchTests.at(4)) == nil, "each credential is counted on its own")
        // Refusals spread over more than the window never add up.
        for i in 0..<8 { #expect(watch.limited("key:slow", at: AccessWatchTests.at(Int64(i) * 400)) == nil) }
    }
}
