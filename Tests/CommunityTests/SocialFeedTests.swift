import Foundation
import Geo
import SafeCityCore
import Testing
@testable import Community

@Suite struct SocialFeedTests {
    let salt = Array("feed-salt".utf8)

    func parse(_ text: String) throws -> SocialFeed.Result { try SocialFeed.parse(Array(text.utf8), salt: salt) }

    @Test func readsTheThreeForms() throws {
        let item = #"{"id":"1","text":"Fire!","time":"2026-01-01T10:00:00Z","author":"@zq_handle_a"}"#
        let array = try parse("[\(item)]")
        let object = try parse(#"{"posts": [\#(item)]}"#)
        let ndjson = try parse("\(item)\n\n\(item.replacingOccurrences(of: #""1""#, with: #""2""#))\r\n")
        #expect(array.format == .jsonArray && array.posts.count == 1)
        #expect(object.format == .postsObject && object.posts.count == 1)
        #expect(ndjson.format == .ndjson && ndjson.posts.map(\.id) == ["1", "2"] && ndjson.items == 2)
        #expect(array.posts == object.posts)
        #expect(array.posts[0].authorHash == SocialPost.authorHash(handle: "zq_handle_a", salt: salt))
        #expect(try parse("").posts.isEmpty)
    }

    @Test func timesAsISOOrEpochSeconds() throws {
        let result = try parse("""
            {"id":"a","text":"humo","time":"2026-01-01T01:00:00+01:00"}
            {"id":"b","text":"humo","created_at":1767225600}
            {"id":"c","text":"humo","timestamp":1767225600.25}
            """)
        #expect(result.posts.map(\.time.millisecondsSince1970) == [1_767_225_600_000, 1_767_225_600_000, 1_767_225_600_250])
    }

    @Test func locationsInTheCommonShapes() throws {
        let result = try parse("""
            {"id":"a","text":"t","time":0,"lat":40.4,"lon":-3.7}
            {"id":"b","text":"t","time":0,"latitude":40.4,"longitude":-3.7}
            {"id":"c","text":"t","time":0,"geo":{"lat":40.4,"lng":-3.7}}
            {"id":"d","text":"t","time":0,"geo":{"type":"Point","coordinates":[-3.7,40.4]}}
            {"id":"e","text":"t","time":0,"coordinates":[-3.7,40.4],"place":"Sol"}
            """)
        #expect(result.rejected.isEmpty)
        #expect(result.posts.allSatisfy { $0.location == GeoPoint(latitude: 40.4, longitude: -3.7) })
        #expect(result.posts.last?.placeName == "Sol")
    }

    /// Malformed items are counted by reason and skipped, each with its position; the rest are kept.
    @Test func malformedItemsAreCountedAndSkipped() throws {
        let lines = [
            #"{"id":"ok1","text":"fire","time":0}"#,
            #"{"id":"x","text":"fire","time":0"#,  // line 2: broken JSON
            #"["not", "an", "object"]"#,
            #"{"text":"fire","time":0}"#,  // no id
            #"{"id":"y","text":42,"time":0}"#,
            #"{"id":"z","text":"fire","time":"yesterday"}"#,
            #"{"id":"w","text":"fire","time":1767225600000}"#,  // milliseconds, not seconds
            #"{"id":"v","text":"fire","time":0,"lat":95,"lon":0}"#,
            #"{"id":"u","text":"fire","time":0,"lat":40}"#,
            #"{"id":"t","text":"fire","time":0,"public":false,"author":"zq_handle_private"}"#,
            #"{"id":"s","text":"fire","time":0,"visibility":"followers"}"#,
            #"{"id":"ok1","text":"fire again","time":0}"#,  // duplicate id
            #"{"id":"r","text":"   ","time":0}"#,
            #"{"id":"ok2","text":"smoke","time":0,"author":{"handle":"zq_handle_obj"}}"#,
            #"{"id":"ok3","text":"smoke","time":0}"#,
        ]
        let result = try parse(lines.joined(separator: "\n"))
        #expect(result.items == 15)
        #expect(result.posts.map(\.id) == ["ok1", "ok3"])
        #expect(result.rejected.map(\.line) == Array(2...14).map { Optional($0) })
        #expect(result.rejected.map(\.index) == Array(1...13))
        #expect(result.rejectedByReason == [
            .invalidJSON: 1, .notAnObject: 1, .missingField: 2, .wrongType: 2, .invalidTime: 2, .invalidLocation: 2,
            .notPublic: 2, .duplicateID: 1,
        ])
        #expect(result.rejected[0].detail.hasPrefix("not JSON"))
        #expect(result.rejected[2].field == "id")
        #expect(result.rejected[5].detail.contains("milliseconds"))
        // Nothing of a rejected item's values is echoed, handles least of all.
        let encoded = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(!encoded.contains("zq_handle"))
        #expect(!encoded.contains("yesterday"))
    }

    @Test func aBrokenArrayIsRefusedAsAWhole() {
        #expect(throws: CommunityError.self) { try parse(#"[{"id":"1","text":"fire","time":0},"#) }
        #expect(throws: CommunityError.self) { try parse(#"{"posts": {"id": "1"}}"#) }
    }

    @Test func arrayItemsAreJudgedAlone() throws {
        let result = try parse(#"[{"id":"1","text":"fire","time":0}, 7, {"id":"2","time":0}, {"id":"3","text":"smoke","time":1}]"#)
        #expect(result.posts.map(\.id) == ["1", "3"])
        #expect(result.rejected.map(\.index) == [1, 2])
        #expect(result.rejected.map(\.line) == [nil, nil])
    }

    /// Random bytes and truncations of a good feed never crash the parser and never lose count of items.
    @Test func fuzzedInputIsAlwaysAccountedFor() {
        var rng = SplitMix64(seed: 11)
        let good = Array("""
            {"id":"1","text":"Fire near Plaza","time":"2026-01-01T10:00:00Z","lat":40.4,"lon":-3.7,"author":"a"}
            {"id":"2","text":"humo","time":1767225600,"geo":{"type":"Point","coordinates":[-3.7,40.4]}}
            """.utf8)
        for round in 0..<500 {
            var bytes = Array(good.prefix(Int.random(in: 0...good.count, using: &rng)))
            for _ in 0..<(round % 5) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if let result = try? SocialFeed.parse(bytes, salt: salt) {
                #expect(result.posts.count + result.rejected.count == result.items)
            }
        }
    }
}
