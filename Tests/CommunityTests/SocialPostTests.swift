import Foundation
import SafeCityCore
import Testing
@testable import Community

@Suite struct SocialPostTests {
    @Test func authorHashIsSaltedSHA256() {
        // python3: hashlib.sha256(b'city-salt' + b'firewatcher_77').hexdigest()
        #expect(SocialPost.authorHash(handle: "firewatcher_77", salt: Array("city-salt".utf8))
            == "5ce7d106abb331cc70c9d3fa10b2a9f3be2395a91ebe4510c7758399d7d4d123")
        // FIPS 180-2 example "abc" with an empty salt.
        #expect(SocialPost.authorHash(handle: "abc", salt: []) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // One author, one hash: a leading @, case and spaces do not matter; the salt does.
        #expect(SocialPost.authorHash(handle: " @FireWatcher_77 ", salt: Array("city-salt".utf8))
            == SocialPost.authorHash(handle: "firewatcher_77", salt: Array("city-salt".utf8)))
        #expect(SocialPost.authorHash(handle: "firewatcher_77", salt: Array("other".utf8))
            != SocialPost.authorHash(handle: "firewatcher_77", salt: Array("city-salt".utf8)))
    }

    @Test func refusesNonPublicAndBadValues() {
        let time = Timestamp(millisecondsSince1970: 0)
        #expect(throws: CommunityError.invalidField(field: "public", reason: "only public posts are monitored")) {
            try SocialPost(id: "1", text: "fire", time: time, isPublic: false)
        }
        #expect(throws: CommunityError.self) { try SocialPost(id: "", text: "fire", time: time) }
        #expect(throws: CommunityError.self) { try SocialPost(id: "1", text: "  \n", time: time) }
        #expect(throws: CommunityError.self) { try SocialPost(id: "1", text: "fire", time: time, location: .init(latitude: 91, longitude: 0)) }
        // A handle passed where a hash belongs is refused rather than stored.
        #expect(throws: CommunityError.self) { try SocialPost(id: "1", text: "fire", time: time, authorHash: "firewatcher_77") }
    }

    @Test func mentionsAreRedacted() throws {
        let post = try SocialPost(id: "1", text: "@bob_99 fire near you, cc @Ana.M!", time: Timestamp(millisecondsSince1970: 0))
        #expect(post.text == "@user fire near you, cc @user!")
        #expect(SocialPost.redactingMentions("no mentions @ all") == "no mentions @ all")
    }

    @Test func decodingValidates() throws {
        let good = #"{"id":"7","text":"humo","time":"2026-01-01T00:00:00Z"}"#
        let post = try JSONDecoder().decode(SocialPost.self, from: Data(good.utf8))
        #expect(post.time == Timestamp(millisecondsSince1970: 1_767_225_600_000))
        let handleAsHash = #"{"id":"7","text":"humo","time":"2026-01-01T00:00:00Z","authorHash":"@bob"}"#
        #expect(throws: CommunityError.self) { try JSONDecoder().decode(SocialPost.self, from: Data(handleAsHash.utf8)) }
    }
}
