import EcobenchTestSupport
import Foundation
import Testing

/// The same reports from the same stored runs (issue 12): `ecobench report N` over the stored
/// runs in Tests/EcobenchCoreTests/testdata/stored-runs must give every figure of the report that
/// was written when the runs were made, within floating-point noise.
///
/// This is a check that a refactoring changed no figure, not a check of the figures themselves
/// (the truth scenarios, the hand-computed and peer-tool tests do that). The runs and reports were
/// made by `Tests/tools/make_stored_runs.sh` with the ecobench of commit ba4045d, before the stages
/// became targets. A change that is meant to move a figure (a named fix) re-writes the reports from
/// the same database and says so in its commit:
/// `.build/debug/ecobench report N --db <copy of runs.db> > Tests/EcobenchCoreTests/testdata/stored-runs/report-N.json`.
@Suite struct StoredRunReportTests {
    static let directory = CLI.packageRoot + "/Tests/EcobenchCoreTests/testdata/stored-runs"

    /// Run 1: the CPU estimate, two repetitions, grid DE. Run 2: a scripted RAPL zone read locally,
    /// an agent as node "a", grid FR, all impact categories.
    @Test(arguments: [1, 2]) func theReportOfAStoredRunIsUnchanged(run: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A copy: opening the database may migrate it.
        let db = dir.path + "/runs.db"
        try FileManager.default.copyItem(atPath: Self.directory + "/runs.db", toPath: db)
        let result = try CLI.run(["report", String(run), "--db", db])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let stored = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: Self.directory + "/report-\(run).json")))
        let rebuilt = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        var differences: [String] = []
        ReportDifference.compare(stored, rebuilt, path: "", into: &differences)
        #expect(differences.isEmpty, "run \(run): \(differences.count) difference(s): \(differences.prefix(20))")
    }

    /// The comparison itself: it must see a changed figure, a missing field and a changed text,
    /// and let a new field and rounding noise pass.
    @Test func theComparisonSeesAChangedFigureAndPassesNoise() {
        let stored: [String: Any] = ["totals": ["node_energy_j": 128.68, "note": "a"], "generator": ["version": "1"]]
        var noise: [String] = []
        ReportDifference.compare(stored, ["totals": ["node_energy_j": 128.68 * (1 + 1e-13), "note": "a", "new": 1],
                                          "generator": ["version": "2"]], path: "", into: &noise)
        #expect(noise.isEmpty, "\(noise)")
        var changed: [String] = []
        ReportDifference.compare(stored, ["totals": ["node_energy_j": 128.69, "note": "b"]], path: "", into: &changed)
        #expect(changed.count == 2, "\(changed)")
        var missing: [String] = []
        ReportDifference.compare(stored, ["totals": ["note": "a"]], path: "", into: &missing)
        #expect(missing == ["/totals/node_energy_j: missing"], "\(missing)")
    }
}

/// Where two reports differ: every field of the stored one must be in the rebuilt one with the same
/// value (numbers within 1e-9 relative); fields the rebuilt one adds are new, not changes;
/// `generator` (the ecobench version that wrote it) is left out.
enum ReportDifference {
    static let relativeTolerance = 1e-9
    static let ignored: Set<String> = ["/generator"]

    static func compare(_ stored: Any, _ rebuilt: Any?, path: String, into differences: inout [String]) {
        if ignored.contains(path) { return }
        guard let rebuilt else {
            differences.append(path + ": missing")
            return
        }
        switch (stored, rebuilt) {
        case let (a as [String: Any], b as [String: Any]):
            for key in a.keys.sorted() { compare(a[key]!, b[key], path: path + "/" + key, into: &differences) }
        case let (a as [Any], b as [Any]):
            guard a.count == b.count else {
                differences.append(path + ": \(a.count) element(s), now \(b.count)")
                return
            }
            for (index, (x, y)) in zip(a, b).enumerated() { compare(x, y, path: path + "[\(index)]", into: &differences) }
        case let (a as NSNumber, b as NSNumber):
            let x = a.doubleValue, y = b.doubleValue
            if abs(x - y) > relativeTolerance * max(1, abs(x), abs(y)) { differences.append(path + ": \(x), now \(y)") }
        case let (a as String, b as String):
            if a != b { differences.append(path + ": \"\(a)\", now \"\(b)\"") }
        case (is NSNull, is NSNull):
            return
        default:
            differences.append(path + ": \(stored), now \(rebuilt)")
        }
    }
}
