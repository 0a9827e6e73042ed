import EcobenchCore
import Testing

/// Field hashes locate a change: top-level fields, their members and elements, and the members
/// of elements (`phases[2].energy_j`).
@Suite struct FieldDigestTests {
    let original = """
        {"run": {"id": 3, "phase_durations_s": {"load_s": 2}},
         "phases": [{"name": "baseline", "energy_j": 1.5}, {"name": "load", "energy_j": 7.25,
                     "source_energy": [{"name": "rapl", "energy_j": 7.25}]}],
         "totals": {"node_energy_j": 8.75}, "notes": []}
        """

    func map(_ text: String) throws -> [String: String] {
        FieldDigest.map(try JSONValueParser.parse(Array(text.utf8)))
    }

    @Test func hashesPathsToThreeLevels() throws {
        let fields = try map(original)
        for path in ["run", "run.id", "run.phase_durations_s", "run.phase_durations_s.load_s", "phases", "phases[1]",
                     "phases[1].energy_j", "phases[1].source_energy", "totals.node_energy_j", "notes"] {
            #expect(fields[path]?.count == FieldDigest.hexDigits, "\(path)")
        }
        #expect(fields["phases[1].source_energy[0]"] == nil)
        let whole = try JSONValueParser.parse(Array(#"{"totals":{"node_energy_j":8.75}}"#.utf8))
        #expect(FieldDigest.map(whole)["totals"] == String(FieldDigest.sha256Hex(Array(#"{"node_energy_j":8.75}"#.utf8)).prefix(16)))
    }

    @Test func namesTheDeepestChangedField() throws {
        let tampered = original.replacingOccurrences(of: "7.25,\n", with: "7.26,\n")
        #expect(tampered != original)
        #expect(FieldDigest.differences(signed: try map(original), current: try map(tampered))
                == ["phases[1].energy_j changed"])
        let deep = original.replacingOccurrences(of: #""rapl", "energy_j": 7.25"#, with: #""rapl", "energy_j": 7.2"#)
        #expect(FieldDigest.differences(signed: try map(original), current: try map(deep))
                == ["phases[1].source_energy changed"])
    }

    @Test func namesAddedAndRemovedFieldsAndElements() throws {
        let added = original.replacingOccurrences(of: #""notes": []"#, with: #""notes": ["x"], "extra": 1"#)
        #expect(FieldDigest.differences(signed: try map(original), current: try map(added))
                == ["extra added", "notes[0] added"])
        let removed = original.replacingOccurrences(of: #", "notes": []"#, with: "")
        #expect(FieldDigest.differences(signed: try map(original), current: try map(removed)) == ["notes removed"])
        #expect(FieldDigest.differences(signed: try map(original), current: try map(original)).isEmpty)
    }
}
