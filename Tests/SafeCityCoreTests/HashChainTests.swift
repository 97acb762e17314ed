import Geo
import SafeCityCore
import SafeCityTesting
import Testing

@Suite struct HashChainTests {
    @Test func everyFieldIsCovered() {
        var rng = SplitMix64(seed: 3)
        let event = EventFactory.observation(value: 1, using: &rng)
        let at = Timestamp(millisecondsSince1970: 5)
        let base = HashChain.hash(previous: HashChain.genesis, sequence: 1, recordedAt: at, event: event)
        var variants: [NewEvent] = []
        var e = event; e.source = "sensor:other"; variants.append(e)
        e = event; e.actor = "someone"; variants.append(e)
        e = event; e.type = "other.type"; variants.append(e)
        e = event; e.occurredAt = e.occurredAt.adding(milliseconds: 1); variants.append(e)
        e = event; e.location = GeoPoint(latitude: 43.73, longitude: 7.4200001); variants.append(e)
        e = event; e.location = nil; variants.append(e)
        e = event; e.schemaVersion = 2; variants.append(e)
        e = event; e.payload = EventPayload(.object(["value": .number(2)])); variants.append(e)
        for variant in variants {
            #expect(HashChain.hash(previous: HashChain.genesis, sequence: 1, recordedAt: at, event: variant) != base)
        }
        #expect(HashChain.hash(previous: HashChain.genesis, sequence: 2, recordedAt: at, event: event) != base)
        #expect(HashChain.hash(previous: HashChain.genesis, sequence: 1, recordedAt: at.adding(milliseconds: 1), event: event) != base)
        #expect(HashChain.hash(previous: [UInt8](repeating: 1, count: 32), sequence: 1, recordedAt: at, event: event) != base)
        #expect(HashChain.hash(previous: HashChain.genesis, sequence: 1, recordedAt: at, event: event) == base)
    }

    @Test func sealLinksToThePreviousHash() {
        var rng = SplitMix64(seed: 4)
        let first = EventRecord.seal(EventFactory.observation(value: 1, using: &rng), sequence: 1, recordedAt: Timestamp(millisecondsSince1970: 0), previousHash: HashChain.genesis)
        let second = EventRecord.seal(EventFactory.observation(value: 2, using: &rng), sequence: 2, recordedAt: Timestamp(millisecondsSince1970: 0), previousHash: first.hash)
        #expect(second.previousHash == first.hash)
        #expect(first.hash.count == 32)
    }
}
