import EcobenchReport
import EcobenchStore

/// One line of the sweeps list (`/sweeps` and `/api/sweeps`): the stored sweep as `ecobench sweep`
/// recorded it (the levels asked for, the level runs stored so far); its figures are on its own page.
package struct ServeSweepRow: Codable, Sendable {
    package var id: Int64
    package var workload: String
    package var createdAt: String
    package var levelsPercent: [Int]
    /// Level percent and run id of each level stored (a sweep still running has fewer than asked).
    package var levels: [Level]
    package var calibrationRunId: Int64?
    package var maxThroughputPerS: Double?
    package var sloP99Ms: Double?

    package struct Level: Codable, Sendable {
        package var levelPercent: Int
        package var runId: Int64
    }

    package init(_ record: SweepRecord) {
        id = record.id
        workload = record.workload
        createdAt = record.createdAt
        levelsPercent = record.levelsPercent
        levels = record.levels.map { Level(levelPercent: $0.levelPercent, runId: $0.runID) }
        calibrationRunId = record.calibrationRunID
        maxThroughputPerS = record.maxThroughputPerSecond
        sloP99Ms = record.sloP99Milliseconds
    }
}

/// `/sweeps`: every stored sweep, newest first, linking to its page and its level runs.
package enum ServeSweepsHTML {
    package static func render(_ rows: [ServeSweepRow], links: ServeLinks) -> String {
        let e = HTMLEscaping.escape
        var out = "<header class=\"top\"><h1>Sweeps</h1><p class=\"sub\">\(rows.count) sweep(s); each level is a run, "
            + "its curve (energy per unit against throughput) on the sweep's page (docs/sweeps.md).</p></header>\n"
        out += "<table class=\"runs\" id=\"sweeps\">\n<thead><tr><th>id</th><th>workload</th><th>created</th>"
            + "<th>levels stored</th><th>max throughput (/s)</th><th>p99 objective (ms)</th></tr></thead>\n<tbody>\n"
        for row in rows {
            let levels = row.levels.map { "<a href=\"\(e(links.url("/runs/\($0.runId)")))\">\($0.levelPercent) %</a>" }
                .joined(separator: " ")
            out += "<tr data-sweep=\"\(row.id)\"><td><a href=\"\(e(links.url("/sweeps/\(row.id)")))\">\(row.id)</a></td>"
                + "<td>\(e(row.workload))</td><td>\(e(row.createdAt))</td>"
                + "<td>\(levels.isEmpty ? "—" : levels) (\(row.levels.count) of \(row.levelsPercent.count))</td>"
                + "<td class=\"num\">\(ServePage.number(row.maxThroughputPerS))</td>"
                + "<td class=\"num\">\(ServePage.number(row.sloP99Ms))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        return ServePage.render(title: "ecobench sweeps", links: links, body: out)
    }
}
