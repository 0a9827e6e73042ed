// swift-tools-version:6.0
import PackageDescription

/// The stage targets, bottom-up (docs/architecture.md).
let stages = ["EcobenchModel", "EcobenchNet", "EcobenchCollect", "EcobenchCheck", "EcobenchStore", "EcobenchAttribute",
              "EcobenchCluster", "EcobenchReport", "EcobenchSign", "EcobenchRun", "EcobenchAgent", "EcobenchKubernetes",
              "EcobenchServe"]

/// A stage of ecobench: the folder `Sources/<name>`, seeing only the targets it names.
func stage(_ name: String, _ dependencies: [Target.Dependency] = []) -> Target {
    .target(name: name, dependencies: dependencies, path: "Sources/\(name)")
}

let package = Package(
    name: "ecobench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ecobench", targets: ["ecobench"]),
        .executable(name: "ecobench-bench", targets: ["ecobench-bench"]),
        .library(name: "EcobenchCore", targets: ["EcobenchCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // Ed25519 for signed reports (Sign/).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // HTTP server of `ecobench agent` (Agent/).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // HTTP(S) client of Redfish, agents, Prometheus and Kubernetes (Net/): TLS settings
        // URLSession on Linux cannot offer (--insecure, client certificates, custom CAs).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The agent's /metrics exposition (Agent/AgentMetricsRegistry.swift).
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // System SQLite (Debian: libsqlite3-dev). Only Store/SQLiteDatabase.swift imports it.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        // fork/exec into a process group and cgroup, async-signal-safe (Run/ProcessLauncher.swift), and
        // posix_spawn of short helpers in place of Foundation's Process (Collect/ChildProcess.swift).
        .target(name: "CSpawn", path: "Sources/CSpawn"),
        // System libsensors (Debian: libsensors-dev). Only Collect/SensorsLibrary.swift imports it.
        .systemLibrary(name: "CSensors", path: "Sources/CSensors",
                       providers: [.apt(["libsensors-dev"])]),
        // libpci behind C functions (variadic pci_lookup_name, non-returning error handler);
        // Debian: libpci-dev, pci.ids. Only Collect/PCIInventory.swift imports it.
        .target(name: "CPCI", path: "Sources/CPCI", linkerSettings: [.linkedLibrary("pci")]),
        // The stages of ecobench, one target each (`stage` below); a target sees only the targets it
        // names, so the pipeline's arrows are the compiler's (docs/architecture.md has the picture).
        // Model: the vocabulary every stage shares (phases, JSON coding, error budgets).
        stage("EcobenchModel"),
        // Net: the one HTTP(S) client and JSON values.
        stage("EcobenchNet", [.product(name: "AsyncHTTPClient", package: "async-http-client"),
                              .product(name: "NIOCore", package: "swift-nio"),
                              .product(name: "NIOHTTP1", package: "swift-nio"),
                              .product(name: "NIOSSL", package: "swift-nio-ssl")]),
        // Collect: probes (RAPL, hwmon, Redfish, IPMI, NVML, /proc, cgroups), discovery, the sampler.
        stage("EcobenchCollect", ["EcobenchModel", "EcobenchNet", "CSensors", "CPCI", "CSpawn",
                                  .product(name: "Crypto", package: "swift-crypto")]),
        // Check: pre-flight checks of the machine's state.
        stage("EcobenchCheck", ["EcobenchCollect"]),
        // Store: the SQLite database of runs, phases, sources, samples, gaps and checks.
        stage("EcobenchStore", ["EcobenchModel", "EcobenchCollect", "EcobenchCheck", "CSQLite"]),
        // Attribute: the energy and carbon math (window integral, splits, estimators, SCI, impacts).
        stage("EcobenchAttribute", ["EcobenchModel", "EcobenchNet", "EcobenchCollect", "EcobenchStore"]),
        // Cluster: agents and Prometheus as node energy sources, clocks, cluster attribution.
        stage("EcobenchCluster", ["EcobenchModel", "EcobenchNet", "EcobenchCollect", "EcobenchStore", "EcobenchAttribute"]),
        // Report: builds a report from a stored run and writes JSON, CSV, HTML, SCI, Impact Framework.
        stage("EcobenchReport", ["EcobenchModel", "EcobenchCollect", "EcobenchCheck", "EcobenchStore", "EcobenchAttribute",
                                 "EcobenchCluster"]),
        // Sign: canonical JSON, Ed25519 report signatures and their verification.
        stage("EcobenchSign", ["EcobenchModel", "EcobenchNet", "EcobenchStore",
                               .product(name: "Crypto", package: "swift-crypto")]),
        // Run: the workload format and the local runner.
        stage("EcobenchRun", ["EcobenchModel", "EcobenchNet", "EcobenchCollect", "EcobenchCheck", "EcobenchStore",
                              "EcobenchAttribute", "EcobenchCluster", "EcobenchReport", "CSpawn",
                              .product(name: "Yams", package: "Yams")]),
        // Agent: the node agent: its buffer, metrics, pod scans and HTTP routes (Hummingbird).
        stage("EcobenchAgent", ["EcobenchCollect", "EcobenchStore", "EcobenchAttribute", "EcobenchCluster",
                                .product(name: "Prometheus", package: "swift-prometheus"),
                                .product(name: "Hummingbird", package: "hummingbird")]),
        // Kubernetes: kubeconfig, the REST client, manifests and the Kubernetes runner.
        stage("EcobenchKubernetes", ["EcobenchModel", "EcobenchNet", "EcobenchCollect", "EcobenchStore", "EcobenchAttribute",
                                     "EcobenchCluster", "EcobenchReport", "EcobenchRun",
                                     .product(name: "Yams", package: "Yams")]),
        // Serve: `ecobench serve`, the read-only web view of the database (runs, run pages, downloads,
        // compare) on the agent's HTTP stack (Hummingbird; its token middleware and blocking pool).
        stage("EcobenchServe", ["EcobenchModel", "EcobenchCollect", "EcobenchStore", "EcobenchAttribute", "EcobenchReport", "EcobenchSign",
                                "EcobenchAgent", .product(name: "Hummingbird", package: "hummingbird")]),
        // EcobenchCore: every stage behind one import (the CLI, benchmarks and tests use it).
        stage("EcobenchCore", stages.map { .target(name: $0) }),
        .executableTarget(
            name: "ecobench",
            dependencies: ["EcobenchCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/ecobench"
        ),
        // Prints what libsensors finds as JSON; the hwmon tests run it inside `unshare -m`
        // over a fixture sysfs tree (needs root).
        .executableTarget(name: "hwmon-fixture-check", dependencies: ["EcobenchCore"],
                          path: "Tests/HwmonFixtureCheck"),
        // `make bench`: the performance benchmarks (Benchmarks/run.sh drives them); no assertions.
        .executableTarget(name: "ecobench-bench", dependencies: ["EcobenchCore"], path: "Sources/ecobench-bench"),
        .target(name: "EcobenchTestSupport", dependencies: ["EcobenchCore"], path: "Tests/EcobenchTestSupport"),
        // `make fuzz`: the parsers under a seeded mutational fuzzer for a given time (issue 7).
        .executableTarget(name: "ecobench-fuzz", dependencies: ["EcobenchTestSupport"], path: "Tests/EcobenchFuzz"),
        // `make libfuzz`: the same targets under the toolchain's libFuzzer (coverage-guided), one per run
        // (ECOBENCH_FUZZ_TARGET); built only by `make libfuzz` into .build/libfuzz with -sanitize=fuzzer.
        // A plain `swift build` makes it a replay tool: `ECOBENCH_FUZZ_TARGET=NAME ecobench-libfuzz FILE...`.
        .executableTarget(name: "ecobench-libfuzz", dependencies: ["EcobenchTestSupport"], path: "Tests/EcobenchLibFuzz",
                          exclude: ["run.sh"]),
        // `make soak`: 100 Hz sampling for minutes against a moving RAPL fixture (issue 7).
        .executableTarget(name: "ecobench-soak", dependencies: ["EcobenchCore", "EcobenchTestSupport"],
                          path: "Tests/EcobenchSoak"),
        .testTarget(
            name: "EcobenchCoreTests",
            dependencies: ["EcobenchCore", "EcobenchTestSupport"] + stages.map { .target(name: $0) },
            path: "Tests/EcobenchCoreTests",
            exclude: ["testdata"]
        ),
        .testTarget(
            name: "EcobenchCLITests",
            dependencies: ["EcobenchCore", "EcobenchTestSupport"] + stages.map { .target(name: $0) },
            path: "Tests/EcobenchCLITests"
        ),
    ]
)
