import ArgumentParser
import EcobenchCore
import Foundation

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs per functional unit (95 % CI, Welch's t-test), or hardware groups per rack (--by host).")

    @Argument(help: "Run ids; the first is the baseline (none needed with --sweep).") var runs: [Int64] = []
    @Option(help: "run (each run against the first) or host (group runs by hardware fingerprint: rack density).")
    var by: String = "run"
    @Option(help: "Rack units of each hardware group, in group order (repeatable).") var rackUnits: [Double] = []
    @Option(help: "Rack power budget in watts of each group, in group order (repeatable).")
    var rackPowerBudgetWatts: [Double] = []
    @Option(help: "Utilisation (0…1) at which the yearly savings are computed.") var utilisation: Double = 0.5
    @Option(help: "Electricity price per kWh for the yearly cost.") var pricePerKwh: Double?
    @Option(help: "With --by host: a load sweep (`ecobench sweep`) whose curve stands for its host's group; its level runs join the comparison (repeatable). Sweeps of the given runs are found by themselves.")
    var sweep: [Int64] = []
    @Flag(help: "JSON instead of text.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard ["run", "host"].contains(by) else { throw ValidationError("--by must be run or host, got \(by)") }
        if !sweep.isEmpty, by != "host" { throw ValidationError("--sweep needs --by host") }
        guard runs.count >= 2 || (by == "host" && !sweep.isEmpty) else {
            throw ValidationError("compare needs at least two run ids")
        }
        guard (0...1).contains(utilisation), utilisation > 0 else {
            throw ValidationError("--utilisation must be in (0, 1], got \(utilisation)")
        }
        if let pricePerKwh, pricePerKwh < 0 { throw ValidationError("--price-per-kwh must be ≥ 0") }
        if rackUnits.contains(where: { $0 <= 0 }) || rackPowerBudgetWatts.contains(where: { $0 <= 0 }) {
            throw ValidationError("--rack-units and --rack-power-budget-watts must be > 0")
        }
    }

    func run() throws {
        let store = try database.open()
        let reports: [Report]
        var sweeps: [SweepReport] = []
        do {
            let build = { (id: Int64) throws -> Report in try ReportBuilder(store: store).build(runID: id) }
            if by == "host" {
                (reports, sweeps) = try RackDensity.inputs(store: store, runIDs: runs, sweepIDs: sweep, report: build)
            } else {
                reports = try runs.map(build)
            }
        } catch {
            throw CLIError("\(error)")
        }
        let encoder = ReportCoding.encoder(pretty: true)
        do {
            if by == "host" {
                var options = RackDensity.Options()
                options.rackUnits = rackUnits
                options.rackPowerBudgetWatts = rackPowerBudgetWatts
                options.utilisation = utilisation
                options.pricePerKwh = pricePerKwh
                options.sweeps = sweeps
                let density = try RackDensity.build(reports, options: options)
                if json { FileHandle.standardOutput.write(try encoder.encode(density)); print() } else {
                    ComparisonPrinter.print(density)
                }
            } else {
                let comparison = try RunComparison.compare(reports)
                if json { FileHandle.standardOutput.write(try encoder.encode(comparison)); print() } else {
                    ComparisonPrinter.print(comparison)
                }
            }
        } catch let error as ComparisonError {
            throw CLIError(error.description)
        }
    }
}
