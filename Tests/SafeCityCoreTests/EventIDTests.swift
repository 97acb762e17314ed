import Foundation
import SafeCityCore
import Testing

@Suite struct EventIDTests {
    @Test func madeIdentifiersAreVersion7AndSortByTime() {
        var generator = SplitMix64(seed: 9)
        let times = [0, 1, 999, 1_000, 86_400_000].map { Timestamp(millisecondsSince1970: 1_795_000_000_000 + Int64($0)) }
        let ids = times.map { EventID.timeOrdered(at: $0, using: &generator) }
        for id in ids {
            let text = id.description
            #expect(Array(text)[14] == "7", "version nibble of \(text)")
            #expect("89ab".contains(Array(text)[19]), "variant of \(text)")
        }
        #expect(ids.map(\.description) == ids.map(\.description).sorted())
        // The first 48 bits are the Unix milliseconds.
        #expect(ids[0].description.hasPrefix(String(format: "%08x-%04x", (1_795_000_000_000 >> 16), 1_795_000_000_000 & 0xFFFF)))
        #expect(EventID().description != EventID().description)
        for _ in 0..<100 {
            let id = EventID()
            #expect(id.description == id.uuid.uuidString.lowercased())
            #expect(EventID(id.description) == id)
        }
    }
}
