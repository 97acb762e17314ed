import Foundation
import SafeCityCore
import SafeCityTesting
import Storage
import Testing

/// The databases the storage suite runs on: SQLite always, PostgreSQL when `SAFECITY_TEST_POSTGRES` names a
/// server (scripts/test starts one). With `SAFECITY_REQUIRE_POSTGRES=1` (CI) a missing server fails the suite.
enum TestStorage: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var enabled: [TestStorage] {
        let environment = ProcessInfo.processInfo.environment
        let postgres = environment["SAFECITY_TEST_POSTGRES"] != nil || environment["SAFECITY_REQUIRE_POSTGRES"] == "1"
        return postgres ? [.sqlite, .postgres] : [.sqlite]
    }

    /// A fresh, empty database of this kind, and where to open it again (a file path or a URL).
    func makeLocation(in directory: TemporaryDirectory) async throws -> String {
        switch self {
        case .sqlite:
            return directory.path("store.sqlite")
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["SAFECITY_TEST_POSTGRES"] else {
                throw EventLogError.storage("SAFECITY_REQUIRE_POSTGRES=1 but SAFECITY_TEST_POSTGRES names no server (scripts/postgres start DIR)")
            }
            return try await PostgresDatabase.createFreshDatabase(prefix: "t", on: try PostgresLocation(url: url)).description
        }
    }

    /// Opens a fresh database of this kind.
    func open(in directory: TemporaryDirectory, clock: any WallClock = ManualClock()) async throws -> StorageBackend {
        try await StorageBackend.open(try await makeLocation(in: directory), clock: clock, maximumConnections: 4)
    }
}
