// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

// The engines are optimised in debug builds too: their tests solve real instances, and
// unoptimised search code runs ten times slower (`swift test` would take minutes).
let engine: [SwiftSetting] = strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Kairos",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex needs macOS 15
    products: [
        .executable(name: "kairos", targets: ["kairos"]),
        .library(name: "SchedulingDomain", targets: ["SchedulingDomain"]),
        .library(name: "RoutingEngine", targets: ["RoutingEngine"]),
        .library(name: "AllocationEngine", targets: ["AllocationEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Pure value types and rules of the three services. Imports nothing of ours.
        .target(name: "SchedulingDomain", swiftSettings: strict),
        // General rich vehicle-routing solver on index-based data. Imports nothing of ours.
        .target(name: "RoutingEngine", swiftSettings: engine),
        // Waiting-list to slot assignment and rescheduling. Imports nothing of ours.
        .target(name: "AllocationEngine", swiftSettings: engine),
        // Domain <-> engine translation.
        .target(
            name: "Planning",
            dependencies: ["SchedulingDomain", "RoutingEngine", "AllocationEngine"],
            swiftSettings: strict
        ),
        // Use cases, the ports (repositories, clock, id generator, outbox, solve jobs) and the
        // background services (outbox dispatch, solve-job workers).
        .target(
            name: "SchedulingServices",
            dependencies: [
                "SchedulingDomain", "Planning",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The embedded store: SQLite through GRDB.
        .target(
            name: "StorageSQLite",
            dependencies: [
                "SchedulingServices", "SchedulingDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // HTTP adapter: JSON API, web pages, OpenAPI, metrics.
        .target(
            name: "SchedulingWeb",
            dependencies: [
                "SchedulingServices", "SchedulingDomain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Templates"), .copy("Public")],
            swiftSettings: strict
        ),
        // Command-line adapter (swift-argument-parser).
        .target(
            name: "SchedulingCLI",
            dependencies: [
                "SchedulingServices", "SchedulingDomain", "RoutingEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The executable composes CLI + web + a store.
        .executableTarget(
            name: "kairos",
            dependencies: [
                "SchedulingCLI", "SchedulingWeb", "StorageSQLite", "SchedulingServices",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Test-only: the one helper that announces a seeded test's seed.
        .target(name: "SeededTesting", path: "Tests/SeededTesting", swiftSettings: strict),
        // Test-only helpers: builders, in-memory ports, fixed clock, seeded generators.
        .target(
            name: "SchedulingTestSupport",
            dependencies: [
                "SeededTesting", "SchedulingServices", "SchedulingDomain", "StorageSQLite", "SchedulingWeb", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SchedulingTestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "SchedulingDomainTests", dependencies: ["SchedulingDomain", "SeededTesting"], swiftSettings: strict),
        .testTarget(
            name: "RoutingEngineTests", dependencies: ["RoutingEngine", "SeededTesting"], exclude: ["Golden"], resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(name: "AllocationEngineTests", dependencies: ["AllocationEngine", "SeededTesting"], swiftSettings: strict),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "RoutingEngine", "SchedulingDomain", "SeededTesting"], swiftSettings: strict),
        .testTarget(
            name: "SchedulingServicesTests",
            dependencies: [
                "SchedulingServices", "SchedulingTestSupport", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StorageSQLiteTests",
            dependencies: ["StorageSQLite", "SchedulingTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SchedulingWebTests",
            dependencies: [
                "SchedulingWeb", "SchedulingTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SchedulingCLITests",
            dependencies: ["SchedulingCLI", "SchedulingTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ArchitectureTests",
            dependencies: [],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
