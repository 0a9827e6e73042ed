import EcobenchTestSupport
import Foundation

// `make libfuzz`: one FuzzTarget (ECOBENCH_FUZZ_TARGET) under the toolchain's libFuzzer, built with
// `-sanitize=fuzzer -DECOBENCH_LIBFUZZER` into .build/libfuzz: coverage-guided, libFuzzer's options
// (-max_total_time=S, -artifact_prefix=DIR/, CORPUS_DIR...). A finding (an error that is not the
// decoder's typed error) aborts, so libFuzzer keeps the input as a crash artifact, like a crash.
// Built without the flag (plain `swift build`), the same binary replays inputs:
//     ECOBENCH_FUZZ_TARGET=prometheus ecobench-libfuzz FILE...

enum LibFuzz {
    /// The target named by ECOBENCH_FUZZ_TARGET; an unknown or missing name ends the process.
    static let target: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["ECOBENCH_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget.all.first(where: { $0.name == name }) else {
            FileHandle.standardError.write(Data(("ecobench-libfuzz: set ECOBENCH_FUZZ_TARGET to one of: "
                + FuzzTarget.all.map(\.name).joined(separator: " ") + " (got '\(name)')\n").utf8))
            exit(2)
        }
        return target
    }()

    /// Feeds one input to the target. Targets that draw choices (the Redfish pointer, the Prometheus
    /// status) draw them from a generator seeded by the input's bytes (FNV-1a): the same input
    /// always takes the same path, as libFuzzer needs.
    static func run(_ bytes: [UInt8]) -> FuzzTarget.Outcome {
        var rng = SeededGenerator(seed: bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 })
        return target.body(bytes, &rng)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if case .untypedError(let problem) = LibFuzz.run(bytes) {
        FileHandle.standardError.write(Data("\necobench-libfuzz: FINDING in \(LibFuzz.target.name): \(problem)\n".utf8))
        abort()
    }
    return 0
}

#if ECOBENCH_LIBFUZZER
/// libFuzzer's driver (compiler-rt, FuzzerDriver.cpp; C linkage). SwiftPM names an executable's
/// entry point itself on Linux (`main=<module>_main`), so libFuzzer's own `main` is not linked:
/// this `@main` hands the command line to the driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main struct LibFuzzMain {
    static func main() {
        print("ecobench-libfuzz: target \(LibFuzz.target.name)")
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    }
}
#else
/// Replays saved inputs (crash artifacts, corpus files) through the target once each.
@main struct LibFuzzReplay {
    static func main() {
        let files = CommandLine.arguments.dropFirst()
        _ = LibFuzz.target  // an unknown ECOBENCH_FUZZ_TARGET ends here, before any file
        if files.isEmpty {
            print("usage: ECOBENCH_FUZZ_TARGET=NAME ecobench-libfuzz FILE... (replays inputs; `make libfuzz` fuzzes)")
            exit(2)
        }
        var findings = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): cannot read")
                findings += 1
                continue
            }
            let outcome = LibFuzz.run(Array(data))
            if case .untypedError = outcome { findings += 1 }
            print("\(file): \(LibFuzz.target.name): \(outcome)")
        }
        exit(findings == 0 ? 0 : 1)
    }
}
#endif
