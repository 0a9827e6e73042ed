import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

@Suite struct ReportFormatTests {
    func syntheticReport(_ dir: TemporaryDirectory) throws -> (RunStore, Report) {
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 2, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 4, powerWatts: 60, busyCPUPerSecond: 1.6, workloadCPUPerSecond: 1.2, functionalUnits: 100),
        ]])
        return (store, try ReportBuilder(store: store).build(runID: id))
    }

    @Test func impactManifestUsesIFParameterNamesAndParses() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, report) = try syntheticReport(dir)
        let yaml = ImpactManifestWriter.yaml(report)
        for key in ["energy:", "carbon-operational:", "carbon-embodied:", "carbon:", "sci:", "\"request\":"] {
            #expect(yaml.contains(key), "missing \(key)")
        }
        let path = dir.path + "/m.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try ProjectPython.process(["-c", """
            import sys, yaml
            m = yaml.safe_load(open(sys.argv[1]))
            i = m['tree']['children']['synthetic']['inputs'][0]
            assert abs(i['carbon'] - i['carbon-operational'] - i['carbon-embodied']) < 1e-12, i
            assert i['request'] == 100, i
            """, path])
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "the manifest is not the YAML it claims to be")
    }

    @Test func sciDisclosureCarriesScoreBoundaryAndInputs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, report) = try syntheticReport(dir)
        let disclosure = SCIDisclosure(report)
        #expect(disclosure.functionalUnit == "request")
        #expect(disclosure.scoreGPerUnit == report.sci.repetitions[0].sciGPerUnit)
        #expect(disclosure.boundary.contains("embodied"))
        #expect(disclosure.inputs.embodiedProvenance.contains("Cloud Carbon Footprint"))
    }

    @Test func exportWritesEveryTableAndADictionary() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, report) = try syntheticReport(dir)
        for format in DatasetExporter.Format.allCases {
            let files = try DatasetExporter(store: store).export(runIDs: [report.run.id], format: format,
                                                                 to: dir.path + "/\(format.rawValue)")
            let names = files.map { ($0 as NSString).lastPathComponent }
            for table in ["runs", "hosts", "sources", "phases", "applications", "data-dictionary"] {
                #expect(names.contains("\(table).\(format.rawValue)"), "\(names)")
            }
        }
        let phases = try String(contentsOfFile: dir.path + "/csv/phases.csv", encoding: .utf8).split(separator: "\n")
        #expect(phases.count == 3)  // header + baseline + load
        let runs = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/json/runs.json")))
        let first = try #require((runs as? [[String: Any]])?.first)
        #expect(first["run_id"] as? Int == Int(report.run.id))
        #expect(first["workload"] as? String == "synthetic")
    }
}
