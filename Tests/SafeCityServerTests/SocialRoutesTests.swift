import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Testing

@Suite struct SocialRoutesTests {
    /// Three hours of ordinary posts around Monaco (a few mention smoke or a crash), then a fire: 14 posts by
    /// different people near one point within four minutes, in English and Spanish.
    static func feed(now: Date) -> (background: String, fire: String) {
        var lines: [String] = []
        let start = now.timeIntervalSince1970 - 3 * 3_600
        for minute in 0..<180 {
            let time = start + Double(minute) * 60
            let lat = 43.730 + Double(minute % 7) * 0.002, lon = 7.415 + Double(minute % 5) * 0.003
            let text = minute % 45 == 0 ? "saw a small crash on the boulevard earlier" : "lovely evening at the harbour #\(minute)"
            lines.append(#"{"id":"bg-\#(minute)","text":"\#(text)","time":\#(time),"lat":\#(lat),"lon":\#(lon),"author":"@walker\#(minute % 11)"}"#)
        }
        let texts = ["Fire near the casino! lots of smoke", "huge smoke cloud, is that a fire?", "Incendio cerca del casino, mucho humo",
                     "smoke everywhere on the square", "there is a fire in a building by the gardens", "¡Fuego! humo negro en la plaza"]
        let fire = (0..<14).map { index in
            let time = now.timeIntervalSince1970 - 240 + Double(index) * 17
            return #"{"id":"fire-\#(index)","text":"\#(texts[index % texts.count])","time":\#(time),"lat":\#(43.7393 + Double(index % 3) * 0.0002),"lon":7.4276,"author":"@witness\#(index)"}"#
        }
        return (lines.joined(separator: "\n"), fire.joined(separator: "\n"))
    }

    /// Feeds reach the detector and bad items are counted. Whether the fire is a burst depends on what the
    /// live detector has learned when the server's periodic check runs, so detection itself is tested
    /// without the server's timer in `DemoSocialFeedTests`.
    @Test func feedsReachTheDetectorAndBadItemsAreCounted() async throws {
        let fixture = try await ServerFixture()
        let (background, fire) = Self.feed(now: Date())
        let headers = { var fields = fixture.headers(.sensor); fields[.contentType] = "application/x-ndjson"; return fields }()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/social/posts", method: .post, headers: headers, body: buffer(background)) { response in
                #expect(response.status == .ok)
                #expect(response.json["accepted"] as? Int == 180)
                #expect(response.json["signals"] as? Int == 0)
            }
            let withBad = fire + "\n{\"text\":\"no id\"}\n{\"id\":\"p\",\"text\":\"private fire\",\"time\":1796061600,\"public\":false}\nnot json"
            try await client.execute(uri: "/v1/social/posts", method: .post, headers: headers, body: buffer(withBad)) { response in
                #expect(response.status == .ok)
                #expect(response.json["accepted"] as? Int == 14)
                #expect(response.json["matched"] as? Int == 14)
                #expect((response.json["rejected"] as? [Any])?.count == 3)
            }
            try await client.execute(uri: "/v1/social/status", method: .get, headers: fixture.headers(.analyst)) { response in
                #expect(response.json["posts"] as? Int == 194)
            }
            try await client.execute(uri: "/v1/social/posts", method: .post, headers: fixture.headers(.dispatcher), body: buffer(fire)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: fixture.headers(.admin, json: false)) { response in
                #expect(String(buffer: response.body).contains("safecity_social_posts_rejected_total"))
            }
        }
        // Handles never reach the log: only their salted hashes.
        let records = try await fixture.platform.log.read(after: 0, limit: 10_000)
        let leaked = records.filter { (record: EventRecord) in
            let text = String(decoding: record.event.payload.bytes, as: UTF8.self)
            return text.contains("witness") || text.contains("walker")
        }
        #expect(leaked.isEmpty)
        await fixture.close()
    }
}
