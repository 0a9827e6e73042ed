import EcobenchStore

extension ReportWriter {
    /// What a finished run writes: its report built from the store, its result rows stored, and
    /// `report.json`, `report.html` and the CSVs in `directory`. A report that cannot be built
    /// is an error string, not a throw: the run itself is stored and `ecobench report` retries.
    public static func writeRunReport(store: RunStore, runID: Int64, directory: String)
        -> (files: [String], report: Report?, error: String?) {
        do {
            let built = try ReportBuilder(store: store).build(runID: runID)
            try store.replaceResults(runID: runID, rows: ReportBuilder.resultRows(built))
            let writer = ReportWriter(store: store)
            var files = try writer.write(built, format: .json, to: directory + "/report.json")
            files += try writer.write(built, format: .html, to: directory + "/report.html")
            files += try writer.write(built, format: .csv, to: directory)
            return (files, built, nil)
        } catch {
            return ([], nil, "\(error)")
        }
    }
}
