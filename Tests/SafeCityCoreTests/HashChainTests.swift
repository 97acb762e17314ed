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

    /// Digests of the documented preimage computed outside Swift (Python's hashlib over the byte layout
    /// in `HashChain.hash`'s documentation), so that a faster implementation cannot change stored chains.
    @Test func digestsMatchTheDocumentedLayout() throws {
        let id = try #require(EventID("0190f3c2-1234-7abc-8def-0123456789ab"))
        let located = NewEvent(id: id, type: "sensor.observation", source: "sensor:aq-1", actor: "key:abc",
                               occurredAt: Timestamp(millisecondsSince1970: 1_700_000_000_000), location: GeoPoint(latitude: 43.73, longitude: 7.42),
                               schemaVersion: 1, payload: EventPayload(trustedBytes: Array(#"{"value":1}"#.utf8)))
        let first = HashChain.hash(previous: [UInt8](repeating: 0x11, count: 32), sequence: 7,
                                   recordedAt: Timestamp(millisecondsSince1970: 1_700_000_000_123), event: located)
        #expect(Self.hex(first) == "45106deec203399bc33dc9601e307afd85e03fdfd0390b130bc80a2220f80d74")
        let bare = NewEvent(id: id, type: "sensor.observation", source: "capteur:été", actor: "key:abc",
                            occurredAt: Timestamp(millisecondsSince1970: -5), location: nil, schemaVersion: 2, payload: EventPayload(trustedBytes: []))
        let second = HashChain.hash(previous: HashChain.genesis, sequence: 1, recordedAt: Timestamp(millisecondsSince1970: 0), event: bare)
        #expect(Self.hex(second) == "422deddda451dcd086b725b04d59ace447591903229adc80d044bdde16c0c79c")
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }

    @Test func sealLinksToThePreviousHash() {
        var rng = SplitMix64(seed: 4)
        let first = EventRecord.seal(EventFactory.observation(value: 1, using: &rng), sequence: 1, recordedAt: Timestamp(millisecondsSince1970: 0), previousHash: HashChain.genesis)
        let second = EventRecord.seal(EventFactory.observation(value: 2, using: &rng), sequence: 2, recordedAt: Timestamp(millisecondsSince1970: 0), previousHash: first.hash)
        #expect(second.previousHash == first.hash)
        #expect(first.hash.count == 32)
    }
}
