import Foundation
import SafeCityCore
import SafeCityTesting
import Security
import Storage
import Testing

/// Envelope encryption: fields sealed with per-month data keys open after the field key is rotated and
/// the old key dropped, old-format fields still open, and a shredded data key makes its fields unreadable.
@Suite struct FieldVaultTests {
    static let november = Timestamp(millisecondsSince1970: 1_764_000_000_000)  // 2025-11-24T16:00:00Z
    static let december = Timestamp(millisecondsSince1970: 1_765_756_800_000)  // 2025-12-15T00:00:00Z

    @Test func sealedTextNamesItsDataKeyAndOpensAfterARestart() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let database = try SQLiteDatabase(path: dir.path("v.sqlite"))
        let kek = FieldCipher.random()
        let vault = FieldVault(kek: kek, store: SQLiteFieldKeyStore(database: database))
        try await vault.load(now: Self.november)
        let a = try await vault.seal("Jane Caller +377 93 15 00 00", kind: .callerDetails, at: Self.november)
        let b = try await vault.seal("Joe Caller", kind: .callerDetails, at: Self.november)
        let c = try await vault.seal("Ann Caller", kind: .callerDetails, at: Self.december)
        let d = try await vault.seal("ann@example.org", kind: .reporterContact, at: Self.december)
        #expect(a.hasPrefix("k1:") && !a.contains("Jane"))
        #expect(FieldVault.keyID(of: a) == FieldVault.keyID(of: b), "one data key per kind and month")
        #expect(FieldVault.keyID(of: a) != FieldVault.keyID(of: c), "a new month has a new key")
        #expect(FieldVault.keyID(of: c) != FieldVault.keyID(of: d), "a kind has its own keys")
        let periods = Set(vault.records().map { "\($0.kind)/\($0.period)" })
        #expect(periods.isSuperset(of: ["caller/2025-11", "caller/2025-12", "contact/2025-12"]))
        #expect(!vault.records().contains { record in String(decoding: record.wrappedKey, as: UTF8.self).contains("Jane") })

        let restarted = FieldVault(kek: kek, store: SQLiteFieldKeyStore(database: database))
        try await restarted.load(now: Self.december)
        #expect(try await restarted.open(a) == "Jane Caller +377 93 15 00 00")
        #expect(try await restarted.open(d) == "ann@example.org")
    }

    @Test func theOldFormatStillOpensAndSurvivesRotation() async throws {
        let kek = FieldCipher.random()
        let old = try kek.seal("sealed before envelope encryption")
        let vault = FieldVault(kek: kek, store: InMemoryFieldKeyStore())
        try await vault.load(now: Self.november)
        #expect(FieldVault.isLegacyFormat(old))
        #expect(try await vault.open(old) == "sealed before envelope encryption")

        let next = FieldCipher.random()
        vault.beginRotation(to: next)
        for record in vault.records() { #expect(try await vault.rewrap(keyID: record.id)) }
        try vault.finishRotation()
        #expect(vault.kek.keyID == next.keyID)
        #expect(try await vault.open(old) == "sealed before envelope encryption", "the legacy key now wrapped by the new field key")
    }

    @Test func rotationRewrapsEveryKeyAndTheOldFieldKeyCanBeDropped() async throws {
        let store = InMemoryFieldKeyStore()
        let oldKEK = FieldCipher.random(), newKEK = FieldCipher.random()
        let vault = FieldVault(kek: oldKEK, store: store)
        try await vault.load(now: Self.november)
        let before = try await vault.seal("before", kind: .reporterContact, at: Self.november)
        vault.beginRotation(to: newKEK)
        // A key made during the rotation is wrapped by the new field key at once.
        let during = try await vault.seal("during", kind: .reporterContact, at: Self.december)
        #expect(await store.all().first { $0.period == "2025-12" }?.kekID == newKEK.keyID)
        #expect(throws: FieldCipher.Failure.self) { try vault.finishRotation() }  // not yet: old wrappings remain
        for record in vault.records() { _ = try await vault.rewrap(keyID: record.id) }
        try vault.finishRotation()
        #expect(await store.all().allSatisfy { $0.kekID == newKEK.keyID })

        let withNewOnly = FieldVault(kek: newKEK, store: store)
        try await withNewOnly.load(now: Self.december)
        #expect(try await withNewOnly.open(before) == "before")
        #expect(try await withNewOnly.open(during) == "during")
        let withOldOnly = FieldVault(kek: oldKEK, store: store)
        await #expect(throws: FieldCipher.Failure.self) { try await withOldOnly.load(now: Self.december) }
    }

    @Test func aShreddedKeyLeavesItsFieldsUnreadableAndOthersIntact() async throws {
        let vault = FieldVault(kek: .random(), store: InMemoryFieldKeyStore())
        try await vault.load(now: Self.november)
        let gone = try await vault.seal("November caller", kind: .callerDetails, at: Self.november)
        let kept = try await vault.seal("December caller", kind: .callerDetails, at: Self.december)
        let id = try #require(FieldVault.keyID(of: gone))
        #expect(try await vault.shred(keyIDs: [id]) == 1)
        await #expect(throws: FieldVault.OpenError.shredded(keyID: id)) { try await vault.open(gone) }
        #expect(await vault.readable(gone) == FieldVault.shreddedText)
        #expect(try await vault.open(kept) == "December caller")
    }

    @Test func alteredTextAndMovedKeysAreRefused() async throws {
        let store = InMemoryFieldKeyStore()
        let kek = FieldCipher.random()
        let vault = FieldVault(kek: kek, store: store)
        try await vault.load(now: Self.november)
        let sealed = try await vault.seal("secret", kind: .callerDetails, at: Self.november)
        var bytes = Array(sealed.utf8)
        let inCiphertext = sealed.count - 20  // well inside the base64 of the ciphertext and tag, clear of padding
        bytes[inCiphertext] = bytes[inCiphertext] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(await vault.readable(String(decoding: bytes, as: UTF8.self)) == FieldVault.unreadableText)
        #expect(await vault.readable("k1:nokey") == FieldVault.unreadableText)
        #expect(await vault.readable("not sealed at all") == FieldVault.unreadableText)

        // A wrapped key copied under another kind's record does not unwrap: the wrapping is bound to id, kind and period.
        let contact = try await vault.seal("x", kind: .reporterContact, at: Self.november)
        let caller = try #require(await store.all().first { $0.kind == "caller" })
        let contactID = try #require(FieldVault.keyID(of: contact))
        #expect(await store.rewrap(id: contactID, wrappedKey: caller.wrappedKey, kekID: caller.kekID))
        await #expect(throws: (any Error).self) { try await FieldVault(kek: kek, store: store).load(now: Self.november) }
    }
}
