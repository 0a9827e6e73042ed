import Foundation

/// Runs fuzz targets over their seed corpora, deterministically for a seed: a fixed number of
/// inputs (tests) or until a deadline (`make fuzz`). Keeps the input being tried in a buffer a
/// crash handler can print (`FuzzCampaign.currentInput`).
public struct FuzzCampaign {
    public struct Finding: Sendable, CustomStringConvertible {
        public var target: String
        public var input: [UInt8]
        public var problem: String
        public var description: String {
            "\(target): \(problem); input (\(input.count) bytes, base64): \(Data(input).base64EncodedString())"
        }
    }

    public struct Statistics: Sendable {
        public var target: String
        public var iterations = 0
        public var parsed = 0
        public var typedErrors = 0
        public var seconds = 0.0
        public var iterationsPerSecond: Double { seconds > 0 ? Double(iterations) / seconds : 0 }
    }

    /// The target's name and the input being tried, for a crash handler; written before each input.
    nonisolated(unsafe) public static var currentTarget = ""
    nonisolated(unsafe) public static var currentInput: [UInt8] = []

    public var corpusDirectory: String
    public var seed: UInt64

    public init(corpusDirectory: String, seed: UInt64) {
        self.corpusDirectory = corpusDirectory
        self.seed = seed
    }

    /// The seed files of a target (`<corpus>/<name>/*`); at least one empty input.
    public func corpus(for target: FuzzTarget) -> [[UInt8]] {
        let dir = corpusDirectory + "/" + target.name
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        let seeds = files.compactMap { FileManager.default.contents(atPath: dir + "/" + $0).map { [UInt8]($0) } }
        return seeds.isEmpty ? [[]] : seeds
    }

    /// Fuzzes `target` for `iterations` inputs or until `deadline` (monotonic s), whichever comes first.
    public func run(_ target: FuzzTarget, iterations: Int = .max, seconds: Double = .infinity)
        -> (Statistics, [Finding]) {
        var rng = SeededGenerator(seed: seed ^ UInt64(truncatingIfNeeded: target.name.hashValueStable))
        let seeds = corpus(for: target)
        let mutator = FuzzMutator()
        var stats = Statistics(target: target.name)
        var findings: [Finding] = []
        let start = Date()
        FuzzCampaign.currentTarget = target.name
        while stats.iterations < iterations {
            if stats.iterations % 64 == 0, Date().timeIntervalSince(start) >= seconds { break }
            let base = rng.pick(seeds)
            // Every seed as it is first, then mutations.
            let input = stats.iterations < seeds.count ? seeds[stats.iterations]
                : mutator.mutate(base, corpus: seeds, using: &rng)
            FuzzCampaign.currentInput = input
            switch target.body(input, &rng) {
            case .parsed: stats.parsed += 1
            case .typedError: stats.typedErrors += 1
            case .untypedError(let problem):
                if findings.count < 10 { findings.append(Finding(target: target.name, input: input, problem: problem)) }
            }
            stats.iterations += 1
        }
        stats.seconds = Date().timeIntervalSince(start)
        return (stats, findings)
    }
}

extension String {
    /// FNV-1a of the UTF-8 bytes: stable across runs (Swift's `hashValue` is seeded per process).
    var hashValueStable: UInt64 {
        utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
