// swift-tools-version:6.2
// libFuzzer targets for SafeCity's parsers. A package of its own, so the main build and `swift test`
// never see the sanitizer; scripts/fuzz builds and runs it. Sources/ holds symlinks into the main
// package's Sources/ (see README.md), so the fuzzers always test the code as it is.
import PackageDescription

let package = Package(
    name: "SafeCityFuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "4.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "5.0.1"),
    ],
    targets: [
        // The parsers, from the main package's sources (symlinks).
        .target(name: "Geo"),
        .target(name: "SafeCityCore", dependencies: ["Geo", .product(name: "Crypto", package: "swift-crypto")]),
        .systemLibrary(name: "CZlib"),
        .target(name: "RoadNetwork", dependencies: ["SafeCityCore", "Geo", "CZlib", .product(name: "Collections", package: "swift-collections")]),
        .target(name: "Sensing", dependencies: ["SafeCityCore", "Geo", .product(name: "Yams", package: "Yams")]),
        .target(name: "Community", dependencies: ["SafeCityCore", "Geo", .product(name: "Crypto", package: "swift-crypto")]),
        // Only the CAP reading files of Alerting (the rest needs Storage and Security, hence GRDB).
        .target(name: "AlertingCAP", dependencies: ["SafeCityCore", "Geo"]),
        // One executable per fuzzer: its main hands libFuzzer (linked by -sanitize=fuzzer) the function to fuzz.
        .target(name: "FuzzerDriver"),
        .executableTarget(name: "FuzzJSONIngest", dependencies: ["FuzzerDriver", "SafeCityCore", "Geo", "Sensing"]),
        .executableTarget(name: "FuzzCAPParser", dependencies: ["FuzzerDriver", "AlertingCAP", "SafeCityCore"]),
        .executableTarget(name: "FuzzOSMPBF", dependencies: ["FuzzerDriver", "RoadNetwork"]),
        .executableTarget(name: "FuzzOpen311", dependencies: ["FuzzerDriver", "Community", "SafeCityCore"]),
    ],
    swiftLanguageModes: [.v6]
)
