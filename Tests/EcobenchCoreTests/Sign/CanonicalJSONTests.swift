import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// The canonical form the report hash is taken over: sorted keys, no whitespace, minimal
/// string escapes, numbers exactly as written.
@Suite struct CanonicalJSONTests {
    func canonical(_ text: String) throws -> String {
        String(decoding: try JSONValueParser.parse(Array(text.utf8)).canonical, as: UTF8.self)
    }

    @Test func sortsKeysDropsWhitespaceAndKeepsNumbersAsWritten() throws {
        let text = """
            {
              "b" : [ 1, 2.50, -3e-07, true, null ],
              "a" : { "z" : "x", "ab" : 0, "a" : {} },
              "B" : []
            }
            """
        #expect(try canonical(text) == #"{"B":[],"a":{"a":{},"ab":0,"z":"x"},"b":[1,2.50,-3e-07,true,null]}"#)
    }

    @Test func escapesStringsMinimally() throws {
        #expect(try canonical(#"["a\/b", "\u00e9\t\"\\", "\ud83d\ude00", "\u0001"]"#)
                == "[\"a/b\",\"é\\t\\\"\\\\\",\"😀\",\"\\u0001\"]")
    }

    @Test(arguments: [#"{"a":1,"a":2}"#, "[1,]", "[01]", "{} x", #"{"a" 1}"#, "[1.]", #"["\ud800"]"#, "", "nul"])
    func rejectsWhatIsNotStrictJSON(_ text: String) {
        #expect(throws: JSONValueParser.Failure.self) { try JSONValueParser.parse(Array(text.utf8)) }
    }

    @Test func isIdempotent() throws {
        let once = try JSONValueParser.parse(Array(#"{"y":[{"b":1,"a":"\n"}],"x":-0.0}"#.utf8)).canonical
        #expect(try JSONValueParser.parse(once).canonical == once)
    }

    /// The pretty file `report` writes and the compact ReportCoding encoding are one canonical form.
    @Test func prettyAndCompactReportsCanonicaliseAlike() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/c.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 1, powerWatts: 10, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 2, powerWatts: 30, busyCPUPerSecond: 1.5, workloadCPUPerSecond: 1.2,
                  functionalUnits: 100),
        ]])
        let report = try ReportBuilder(store: store).build(runID: id)
        let pretty = try JSONValueParser.parse(Array(try ReportWriter.json(report)))
        let compact = try JSONValueParser.parse(Array(try ReportCoding.encoder(pretty: false).encode(report)))
        #expect(pretty.canonical == compact.canonical)
        #expect(!pretty.canonical.contains(UInt8(ascii: "\n")))
    }
}
