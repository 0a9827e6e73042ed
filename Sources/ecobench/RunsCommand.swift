import ArgumentParser
import EcobenchCore
import Foundation

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List the runs in the database.")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "JSON lines instead of a table.") var json = false

    func run() throws {
        let store = try database.open()
        try AbandonedRunRecovery.recover(store: store)
        let runs = try store.runs()
        if json {
            for r in runs {
                let line: [String: String] = ["id": String(r.id), "workload": r.run.workload,
                                              "status": r.status.rawValue, "started_at": r.run.startedAt,
                                              "ended_at": r.endedAt ?? ""]
                print(try ReportCoding.encodeString(line))
            }
            return
        }
        if runs.isEmpty {
            print("no runs in \(store.path)")
            return
        }
        print(pad("ID", 5) + pad("WORKLOAD", 18) + pad("STATUS", 12) + pad("STARTED", 30) + "PHASES")
        for r in runs {
            let phases = (try? store.phases(runID: r.id)) ?? []
            let done = phases.filter { $0.endNanoseconds != nil }.count
            print(pad(String(r.id), 5) + pad(r.run.workload, 18) + pad(r.status.rawValue, 12)
                  + pad(r.run.startedAt, 30) + "\(done) completed")
        }
    }

    func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
