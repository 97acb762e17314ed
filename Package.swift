// swift-tools-version:6.2
import PackageDescription

/// The compute-heavy engines are optimised in debug builds too: unoptimised, Monaco's contraction hierarchy, the
/// self-exciting forecast fits and the trackers over real recordings took minutes of both cores, and a parallel
/// test run starved every test that waits on a socket (their timeouts then failed them).
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "SafeCity",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "safecity", targets: ["safecity"]),
        .library(name: "SafeCityServer", targets: ["SafeCityServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "4.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", exact: "2.8.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
    ],
    targets: [
        // core
        .target(
            name: "SafeCityCore",
            dependencies: ["Geo", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "Geo", swiftSettings: optimisedInDebug),
        // engines
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "RoadNetwork",
            dependencies: [
                "SafeCityCore", "Geo", "CZlib",
                .product(name: "Collections", package: "swift-collections"),
            ],
            swiftSettings: optimisedInDebug
        ),
        .target(name: "Sensing", dependencies: ["SafeCityCore", "Geo", .product(name: "Yams", package: "Yams")]),
        .target(name: "Vision", dependencies: ["SafeCityCore", "Geo"], swiftSettings: optimisedInDebug),
        .target(name: "Forecasting", dependencies: ["SafeCityCore", "Geo"], swiftSettings: optimisedInDebug),
        .target(name: "Community", dependencies: ["SafeCityCore", "Geo", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: optimisedInDebug),
        .target(name: "PublicHealth", dependencies: ["SafeCityCore", "Geo"]),
        // infra
        .target(
            name: "MQTT",
            dependencies: [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .target(
            name: "Mail",
            dependencies: [
                "SafeCityCore", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "Storage",
            dependencies: [
                "SafeCityCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "Simulation",
            dependencies: ["SafeCityCore", "Geo", "RoadNetwork", "Vision", "Community", "Forecasting"],
            resources: [.copy("Resources/monaco.osm.pbf"), .copy("Resources/city-rules.json")]
        ),
        // services
        .target(
            name: "Security",
            dependencies: ["SafeCityCore", "Storage", .product(name: "Crypto", package: "swift-crypto"), .product(name: "CryptoExtras", package: "swift-crypto")]
        ),
        .target(name: "SafeCityDispatch", dependencies: ["SafeCityCore", "Geo", "RoadNetwork", "Security"]),
        .target(name: "Alerting", dependencies: ["SafeCityCore", "Geo", "Storage", "Security", .product(name: "Crypto", package: "swift-crypto")]),
        // app
        .target(
            name: "SafeCityServer",
            dependencies: [
                "SafeCityCore", "Geo", "RoadNetwork", "Storage", "Security", "Simulation", "Alerting", "SafeCityDispatch", "Sensing", "Vision", "Community", "MQTT",
                "Forecasting", "PublicHealth", "Mail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Public")]
        ),
        .executableTarget(
            name: "safecity",
            dependencies: [
                "SafeCityServer", "SafeCityCore", "Geo", "Storage", "Security", "Simulation", "RoadNetwork", "Alerting", "SafeCityDispatch", "Sensing", "Vision", "Community",
                "Forecasting", "PublicHealth", "Mail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // Only as the baseline of `bench alerting`'s webhook client figure.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .target(name: "SafeCityTesting", dependencies: ["SafeCityCore", "Geo"]),
        // tests
        .testTarget(name: "SafeCityCoreTests", dependencies: ["SafeCityCore", "SafeCityTesting", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "SafeCityCore", "SafeCityTesting", .product(name: "NIOCore", package: "swift-nio"),
                                                      .product(name: "NIOPosix", package: "swift-nio")]),
        .testTarget(name: "MQTTTests", dependencies: ["MQTT", "SafeCityTesting", .product(name: "NIOCore", package: "swift-nio")]),
        .testTarget(name: "SensingTests", dependencies: ["Sensing", "SafeCityCore", "Geo", "SafeCityTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CommunityTests", dependencies: ["Community", "Simulation", "SafeCityCore", "Geo"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "SafeCityCore", "Geo", "SafeCityTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PublicHealthTests", dependencies: ["PublicHealth", "SafeCityCore", "Geo", "SafeCityTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VisionTests", dependencies: ["Vision", "SafeCityCore", "Geo"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RoadNetworkTests", dependencies: ["RoadNetwork", "SafeCityTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "SafeCityCore", "SafeCityTesting", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "AlertingTests", dependencies: ["Alerting", "SafeCityCore", "Geo", "Storage", "Security", "SafeCityTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SecurityTests", dependencies: ["Security", "Storage", "SafeCityTesting"]),
        .testTarget(name: "SafeCityDispatchTests", dependencies: ["SafeCityDispatch", "Simulation", "Storage", "Security", "RoadNetwork", "SafeCityTesting"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "RoadNetwork", "SafeCityCore", "Vision"]),
        .testTarget(name: "SafeCityCLITests", dependencies: ["Storage", "SafeCityCore", "SafeCityTesting", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "SafeCityServerTests",
            dependencies: [
                "SafeCityServer", "SafeCityTesting", "Storage", "Security", "Alerting", "SafeCityDispatch", "Simulation", "Sensing", "Vision", "Community", "MQTT", "Geo",
                "Forecasting", "PublicHealth", "Mail",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
