import SafeCityCore
import SafeCityTesting
import Security
import Storage
import Testing

@Suite struct KeyServiceTests {
    func makeService(_ dir: TemporaryDirectory) throws -> (KeyService, SQLiteEventLog) {
        let database = try SQLiteDatabase(path: dir.path("k.sqlite"))
        let log = try SQLiteEventLog(database: database)
        return (KeyService(store: SQLiteAPIKeyStore(database: database), log: log), log)
    }

    @Test func aCreatedKeyAuthenticatesAsItsRoleAndIsRecorded() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let (service, log) = try makeService(dir)
        let created = try await service.create(name: "Ops desk", role: .dispatcher, createdBy: "test")
        let identity = try await service.authenticate(created.token)
        #expect(identity == Identity(keyID: created.record.id, name: "Ops desk", role: .dispatcher))
        let events = try await log.read(after: 0, limit: 10)
        #expect(events.map(\.event.type) == [SecurityEvents.keyCreated])
        #expect(events[0].event.actor == "test")
        // The secret never reaches the log.
        let secret = String(created.token.split(separator: "_")[2])
        #expect(!String(decoding: events[0].event.payload.bytes, as: UTF8.self).contains(secret))
    }

    @Test func wrongMalformedAndRevokedKeysAreRefused() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let (service, _) = try makeService(dir)
        let created = try await service.create(name: "sensor gw", role: .sensor, createdBy: "test")
        var tampered = Array(created.token)
        tampered[tampered.count - 1] = tampered.last == "A" ? "B" : "A"
        #expect(try await service.authenticate(String(tampered)) == nil)
        #expect(try await service.authenticate("") == nil)
        #expect(try await service.authenticate("sck_nothing") == nil)
        #expect(try await service.authenticate("Bearer x y z") == nil)
        #expect(try await service.revoke(id: created.record.id, by: "test"))
        #expect(try await service.authenticate(created.token) == nil)
        #expect(try await service.revoke(id: created.record.id, by: "test") == false)
    }

    @Test func permissionTableGivesKeyManagementToAdminsOnly() {
        for role in Role.allCases {
            #expect(PermissionTable.allows(role, .keysManage) == (role == .admin))
        }
        #expect(!PermissionTable.allows(.public, .eventsAppend))
        #expect(!PermissionTable.allows(.sensor, .streamRead))
    }
}
