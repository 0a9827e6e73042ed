import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// A short, fixed-seed fuzz campaign over every parser inside `make test` (the long one is
/// `make fuzz`): no crash, and every refusal is the parser's own typed error.
@Suite(.serialized) struct FuzzTests {
    static let iterationsPerTarget = 2_000

    @Test(arguments: FuzzTarget.all.map(\.name))
    func everyParserRefusesGarbageWithItsTypedError(target name: String) throws {
        let target = try #require(FuzzTarget.all.first { $0.name == name })
        let campaign = FuzzCampaign(corpusDirectory: Fixtures.path("fuzz"), seed: 20_261_123)
        #expect(campaign.corpus(for: target).contains { !$0.isEmpty }, "the seed corpus of \(name) is empty")
        let (stats, findings) = campaign.run(target, iterations: Self.iterationsPerTarget, seconds: 20)
        #expect(findings.isEmpty, "\(findings)")
        #expect(stats.iterations > 100, "\(name) ran only \(stats.iterations) inputs")
        // The seeds themselves parse: the corpus is meaningful, not just noise.
        #expect(stats.parsed > 0, "\(name): nothing parsed")
    }

    @Test func theSameSeedMakesTheSameInputs() {
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        let mutator = FuzzMutator()
        let seed = Array("cpu  1 2 3 4 5 6 7 8\n".utf8)
        #expect(mutator.mutate(seed, corpus: [seed], using: &a) == mutator.mutate(seed, corpus: [seed], using: &b))
        #expect(mutator.randomJSON(using: &a) == mutator.randomJSON(using: &b))
    }
}
