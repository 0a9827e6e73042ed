import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Inputs the fuzz targets flagged, kept as regression tests: each is refused with the decoder's
/// typed error (or parsed as stated), and the fuzz target now calls it acceptable.
@Suite struct FuzzFindingTests {
    func outcome(_ target: String, _ input: String) throws -> FuzzTarget.Outcome {
        let fuzzTarget = try #require(FuzzTarget.all.first { $0.name == target })
        var rng = SeededGenerator(seed: 1)
        return fuzzTarget.body(Array(input.utf8), &rng)
    }

    /// `\u` takes four hex digits (RFC 8259 §7), no sign: `UInt32("+041", radix: 16)` is 65, so the
    /// canonical-JSON parser read `"\u+041"` as "A" and `"\u-000"` as U+0000, documents Python's
    /// json (the independent signature check's parser) and Foundation refuse. The offsets are
    /// counted by hand: `["\u+041"]` has `[` at 0, `"` at 1, `\` at 2, `u` at 3, the digits from 4.
    @Test(arguments: [#"["\u+041"]"#, #"["\u-000"]"#, #"["\u 041"]"#, #"["\u004"]"#, #"["\ud83d\u+e00"]"#])
    func unicodeEscapeNeedsFourHexDigits(document: String) throws {
        let error = #expect(throws: JSONValueParser.Failure.self) { try JSONValueParser.parse(Array(document.utf8)) }
        #expect(error?.reason == "expected four hex digits", "\(document): \(String(describing: error))")
        #expect(try outcome("canonicaljson", document) == .typedError)
    }

    @Test func fourHexDigitsInEitherCaseStillParse() throws {
        // U+00E9 (é) and U+1F600 (😀, surrogates D83D DE00): hex digits upper and lower case.
        #expect(try JSONValueParser.parse(Array(#"["\u00E9\ud83d\uDE00"]"#.utf8)) == .array([.string("é😀")]))
        #expect(try outcome("canonicaljson", #"["\u00e9"]"#) == .parsed)
    }
}
