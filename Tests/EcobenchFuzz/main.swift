import EcobenchTestSupport
import Foundation

// `make fuzz`: ecobench-fuzz [--seconds S] [--seed N] [--corpus DIR] [TARGET...]
// Fuzzes each parser for S seconds (default 10), prints iterations/s and every finding
// (an error that is not the parser's typed error). A crash prints the target, and the
// input is left in fuzz-crash-<pid>.bin for replay.

var seconds = 10.0
var seed: UInt64 = 0xEC0B_E4C4
var corpus = FileManager.default.currentDirectoryPath + "/Tests/EcobenchCoreTests/testdata/fuzz"
var chosen: [String] = []
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--seconds": seconds = arguments.next().flatMap(Double.init) ?? seconds
    case "--seed": seed = arguments.next().flatMap { UInt64($0) } ?? seed
    case "--corpus": corpus = arguments.next() ?? corpus
    case "--help", "-h":
        print("usage: ecobench-fuzz [--seconds S] [--seed N] [--corpus DIR] [TARGET...]; targets: "
              + FuzzTarget.all.map(\.name).joined(separator: " "))
        exit(0)
    default: chosen.append(argument)
    }
}
let unknown = chosen.filter { name in !FuzzTarget.all.contains { $0.name == name } }
if !unknown.isEmpty {
    FileHandle.standardError.write(Data("ecobench-fuzz: unknown target(s) \(unknown); known: \(FuzzTarget.all.map(\.name))\n".utf8))
    exit(2)
}

// A crash (trap, segfault, abort): write the input being tried where it can be replayed.
let crashPath = "fuzz-crash-\(getpid()).bin"
nonisolated(unsafe) var crashFD: Int32 = open(crashPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
for signalNumber in [SIGTRAP, SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
    signal(signalNumber) { received in
        let message = "\necobench-fuzz: CRASH (signal \(received)) in target \(FuzzCampaign.currentTarget); input in fuzz-crash-<pid>.bin\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        _ = FuzzCampaign.currentInput.withUnsafeBytes { write(crashFD, $0.baseAddress, $0.count) }
        signal(received, SIG_DFL)
        raise(received)
    }
}

let campaign = FuzzCampaign(corpusDirectory: corpus, seed: seed)
let targets = FuzzTarget.all.filter { chosen.isEmpty || chosen.contains($0.name) }
var findings = 0
print("seed \(seed), \(seconds) s per target, corpus \(corpus)")
for target in targets {
    let (stats, found) = campaign.run(target, seconds: seconds)
    findings += found.count
    print(target.name.padding(toLength: 15, withPad: " ", startingAt: 0) + String(format: " %9d inputs  %9.0f inputs/s  %5.1f %% parsed  %5.1f %% typed errors  %d findings",
                 stats.iterations, stats.iterationsPerSecond,
                 100 * Double(stats.parsed) / Double(max(1, stats.iterations)),
                 100 * Double(stats.typedErrors) / Double(max(1, stats.iterations)), found.count))
    found.forEach { print("  FINDING \($0)") }
}
unlink(crashPath)  // no crash: nothing to keep
exit(findings == 0 ? 0 : 1)
