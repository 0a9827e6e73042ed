// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ecobench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ecobench", targets: ["ecobench"]),
        .library(name: "EcobenchCore", targets: ["EcobenchCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // System SQLite (Debian: libsqlite3-dev). Only Store/SQLiteDatabase.swift imports it.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        // fork/exec into a process group and cgroup, async-signal-safe; only Run/ProcessLauncher.swift imports it.
        .target(name: "CSpawn", path: "Sources/CSpawn"),
        .target(
            name: "EcobenchCore",
            dependencies: ["CSQLite", "CSpawn", .product(name: "Yams", package: "Yams")],
            path: "Sources/EcobenchCore"
        ),
        .executableTarget(
            name: "ecobench",
            dependencies: ["EcobenchCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/ecobench"
        ),
        .target(name: "EcobenchTestSupport", dependencies: ["EcobenchCore"], path: "Tests/EcobenchTestSupport"),
        .testTarget(
            name: "EcobenchCoreTests",
            dependencies: ["EcobenchCore", "EcobenchTestSupport"],
            path: "Tests/EcobenchCoreTests",
            exclude: ["testdata"]
        ),
        .testTarget(
            name: "EcobenchCLITests",
            dependencies: ["EcobenchCore", "EcobenchTestSupport"],
            path: "Tests/EcobenchCLITests"
        ),
    ]
)
