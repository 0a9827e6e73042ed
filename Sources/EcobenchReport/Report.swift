import Foundation
import EcobenchModel
import EcobenchCollect
import EcobenchCheck
import EcobenchStore
import EcobenchAttribute

/// The report of one run, as published in `Reports/schema/report.schema.json`.
///
/// Property names mirror the JSON fields (encoded snake_case) and carry their unit:
/// `energyJ` → `energy_j` (joules), `meanPowerW` → `mean_power_w` (watts), `co2eG` → `co2e_g`.
public struct Report: Codable, Sendable {
    public static let schemaVersion = "1.0"

    public var schemaVersion: String = Report.schemaVersion
    public var generator: Generator
    public var run: RunSection
    public var host: ReportHost
    public var sources: [ReportSource]
    public var nodeEnergy: NodeEnergyMethod
    public var phases: [ReportPhase]
    public var applications: [ReportApplication]
    /// Each service of a multi-service workload and the load generator, measured apart
    /// (`ReportConsumer`); nil when the workload has neither.
    public var consumers: [ReportConsumer]? = nil
    public var totals: Totals
    public var carbon: GridIntensity
    /// Software Carbon Intensity (ISO/IEC 21031) per functional unit, with its inputs.
    public var sci: ReportSCI
    /// Primary energy, abiotic depletion and water beside CO2e (`--impacts all`).
    public var impacts: ReportImpacts?
    /// Where a source gave no readings (a BMC that stopped answering, a vanished sensor).
    public var gaps: [ReportGap]
    /// Levels over the run: temperatures, fans, memory.
    public var gauges: [ReportGauge]
    /// Pre-flight checks made before the run (`ecobench check`); empty for runs made before them.
    public var checks: [ReportCheck]
    /// Whether the repetitions agree: RSD of energy per unit and outlier repetitions.
    public var quality: ReportQuality? = nil
    public var notes: [String]
    /// ecobench's own cost during the run (nil for runs stored before it was recorded).
    public var overhead: ReportOverhead? = nil
    /// The cluster of a `--target kubernetes` run (nil for local runs).
    public var kubernetes: ReportKubernetes? = nil
    /// Agent nodes of a multi-node run (`agents:` / `--agent`); nil for single-node runs.
    public var cluster: ReportCluster? = nil
    /// The error budget of every headline figure (`ErrorBudgetBuilder`); nil for reports stored before it.
    public var errorBudgets: [ErrorBudget]? = nil

    public struct Generator: Codable, Sendable {
        public var name: String
        public var version: String
    }

    public struct RunSection: Codable, Sendable {
        public var id: Int64
        public var workload: String
        public var workloadFile: String
        public var description: String
        public var functionalUnit: String
        public var status: RunStatus
        public var interrupted: Bool
        /// True when not every planned repetition completed (interrupted or failed run).
        public var partial: Bool
        public var startedAt: String
        public var endedAt: String?
        /// Wall-clock time (ns since 1970) of the run's clock origin: `start_s` of every phase
        /// and `t_s` of every sample count from it.
        public var clockStartUnixNs: Int64
        public var repetitionsPlanned: Int
        public var repetitionsCompleted: Int
        public var intervalS: Double
        public var idlePolicy: IdlePolicy
        public var phaseDurationsS: PhaseDurations
        public var error: String?
    }

    public struct NodeEnergyMethod: Codable, Sendable {
        public var rank: NodeEnergySelection.Rank
        public var kind: SourceKind
        public var method: String
        public var channels: [String]
        public var relativeUncertainty: Double?
        /// The node energy by every other method the sources allow, with its ratio to this one.
        public var alternatives: [SourceCrossCheck.Alternative]
        /// Meters that disagree beyond tolerance.
        public var flags: [String]
    }

    public struct Totals: Codable, Sendable {
        public var durationS: Double
        public var nodeEnergyJ: Double
        public var attributedEnergyJ: Double
        public var unattributedEnergyJ: Double
        public var co2eG: Double
        public var nodeEnergyKind: SourceKind
        public var relativeUncertainty: Double?
        /// The load generator's energy (nil when not measured apart):
        /// `attributed + load_generator + unattributed = node`.
        public var loadGeneratorEnergyJ: Double? = nil
    }
}

public struct ReportSource: Codable, Sendable {
    public var name: String
    public var kind: SourceKind
    public var unit: String
    public var semantics: SampleSemantics
    public var scope: SourceScope
    public var path: String
    public var energyRole: EnergyRole?
    public var model: String?
    public var relativeUncertainty: Double?
    /// Where `relativeUncertainty` comes from (e.g. a Redfish Sensor's `Accuracy`), when the source names it.
    public var uncertaintyBasis: String?
    public var usedForNodeEnergy: Bool
}

extension HostInfo {
    /// The host as the report shows it; unknown values are written as "unknown" / 0, not guessed.
    public var reportHost: ReportHost {
        ReportHost(hostname: hostname ?? "unknown", cpuModel: cpuModel ?? "unknown", logicalCpus: logicalCPUs,
                   sockets: sockets, memoryBytes: memoryBytes ?? 0, kernel: kernel ?? "unknown", os: os ?? "unknown")
    }
}

extension ReportHost {
    /// Reads the host and its hardware inventory; a PCI inventory that cannot be read leaves a note.
    public static func read(procRoot: String, sysfsRoot: String) -> (host: ReportHost, notes: [String]) {
        var host = HostInfo.read(procRoot: procRoot, sysfsRoot: sysfsRoot).reportHost
        if let cpuinfo = try? String(contentsOfFile: procRoot + "/cpuinfo", encoding: .utf8) {
            host.virtualMachine = cpuinfo.split(separator: "\n").contains {
                $0.hasPrefix("flags") && $0.split(separator: " ").contains("hypervisor")
            }
        }
        do {
            host.merge(try HardwareInventory.read(procRoot: procRoot))
            return (host, [])
        } catch {
            return (host, ["hardware inventory incomplete (no fingerprint): \(error)"])
        }
    }
}
