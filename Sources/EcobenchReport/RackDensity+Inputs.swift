import EcobenchStore

extension RackDensity {
    /// What `compare --by host` compares (the CLI and `ecobench serve` alike): the given runs'
    /// reports and the sweeps named or found (a sweep any given run is a level of), whose level runs
    /// with achieved work join the comparison. `report` builds (or finds) one run's report.
    public static func inputs(store: RunStore, runIDs: [Int64], sweepIDs: [Int64],
                              report: (Int64) throws -> Report) throws -> (reports: [Report], sweeps: [SweepReport]) {
        var ids = runIDs
        var sweeps: [SweepReport] = []
        let given = Set(runIDs)
        let found = try store.sweeps().filter { s in s.levels.contains { given.contains($0.runID) } }.map(\.id)
        for id in sweepIDs + found where !sweeps.contains(where: { $0.sweep.id == id }) {
            let sweep = try SweepReportBuilder(store: store).build(sweepID: id)
            sweeps.append(sweep)
            ids += sweep.levels.filter { $0.achievedRatePerS > 0 && !ids.contains($0.runId) }.map(\.runId)
        }
        return (try ids.map(report), sweeps)
    }
}
