import Foundation
import Vision

/// Loads the test fixtures copied from ../shared/data (see Fixtures/README.md).
enum Fixture {
    static func url(_ path: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(path)
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    static func mot(_ name: String) throws -> [MOTRecord] {
        try MOTText.parse(text("TUD-Campus/\(name)"))
    }
}
