import ArgumentParser
import EcobenchCore
import Foundation

/// `ecobench cluster-energy`: per-node energy (and per-pod attribution where pod CPU is known)
/// for a time window, read from Prometheus.
struct ClusterEnergyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-energy",
        abstract: "Per-node energy and per-pod attribution for a time window, from Prometheus.")

    @OptionGroup var prometheus: PrometheusOptions

    @Option(help: "Window start: RFC 3339 (2025-01-31T12:00:00Z) or unix seconds.")
    var from: String

    @Option(help: "Window end: RFC 3339 or unix seconds.")
    var to: String

    @Option(help: "Start of a window with the workload absent, for idle power (RFC 3339 or unix seconds).")
    var idleFrom: String?

    @Option(help: "End of that idle window.")
    var idleTo: String?

    @Option(help: "Who carries idle energy: none, reserved, proportional.")
    var idlePolicy: String = "none"

    @Option(help: "With --idle-policy reserved: the share of each node's idle energy the pods carry (0-1).")
    var reservedShare: Double = 1

    @Option(name: .customLong("vm-node"),
            help: "A node that is an OpenStack VM: NODE=INSTANCE_UUID (repeatable); its energy is then read from its hypervisor's ecobench_vm_energy_joules_total. Without it, kube-state-metrics' kube_node_info (provider_id, system_uuid) in the same Prometheus names them.")
    var vmNodes: [String] = []

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard prometheus.url != nil else { throw ValidationError("cluster-energy needs --prometheus-url") }
        _ = try Self.window(from, to, "--from", "--to")
        if (idleFrom == nil) != (idleTo == nil) { throw ValidationError("give both --idle-from and --idle-to, or neither") }
        if let idleFrom, let idleTo { _ = try Self.window(idleFrom, idleTo, "--idle-from", "--idle-to") }
        guard IdlePolicy(rawValue: idlePolicy) != nil else {
            throw ValidationError("--idle-policy must be one of "
                                  + IdlePolicy.allCases.map(\.rawValue).joined(separator: ", ") + ", got \(idlePolicy)")
        }
        guard (0...1).contains(reservedShare) else { throw ValidationError("--reserved-share must be within 0…1") }
        _ = try parsedVMNodes()
    }

    /// `--vm-node NODE=UUID` → node → lowercase UUID.
    func parsedVMNodes() throws -> [String: String] {
        var out: [String: String] = [:]
        for entry in vmNodes {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let uuid = OpenStackInstanceID.uuid(systemUUID: parts[1]) else {
                throw ValidationError("--vm-node \(entry): expected NODE=INSTANCE_UUID (8-4-4-4-12 hex digits)")
            }
            out[parts[0]] = uuid
        }
        return out
    }

    /// Prometheus' node energy, then the hypervisors' share for the nodes that are VMs (given, or
    /// named by kube_node_info at the window's end), one reading per node (`RankedNodeEnergySource`).
    func energySource(_ client: PrometheusClient, load: ClusterWindow) throws -> any NodeEnergySource {
        let own = try prometheus.energySource(client)
        var instances = try HypervisorVMEnergySource.instancesFromKubeStateMetrics(
            client, atSeconds: Double(load.endUnixNanoseconds) / 1e9)
        instances.merge(try parsedVMNodes()) { _, given in given }
        guard !instances.isEmpty else { return own }
        return RankedNodeEnergySource([own, HypervisorVMEnergySource(client: client, instanceUUIDs: instances)])
    }

    func run() throws {
        guard let client = try prometheus.client() else { throw CLIError("cluster-energy needs --prometheus-url") }
        defer { client.shutdown() }
        let load = try Self.window(from, to, "--from", "--to")
        let idle = try idleFrom.flatMap { start in try idleTo.map { try Self.window(start, $0, "--idle-from", "--idle-to") } }
        let result: ClusterAttributionResult
        do {
            let energySource = try energySource(client, load: load)
            result = try ClusterAttribution(idlePolicy: IdlePolicy(rawValue: idlePolicy) ?? .none, reservedShare: reservedShare)
                .measure(load: load, idle: idle, energy: energySource, pods: prometheus.podCPUSource(client))
        } catch is ClusterAttribution.NoNodeEnergy {
            let exporters = try prometheus.parsedExporters().map(\.rawValue).joined(separator: ", ")
            throw CLIError("Prometheus \(client.baseURL) has no node energy series in the window (looked for: \(exporters))")
        } catch {
            throw CLIError("\(error)")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            ClusterEnergyPrinter.print(result)
        }
    }

    static func window(_ start: String, _ end: String, _ startName: String, _ endName: String) throws -> ClusterWindow {
        guard let from = seconds(start) else { throw ValidationError("\(startName) \(start): not RFC 3339 or unix seconds") }
        guard let to = seconds(end) else { throw ValidationError("\(endName) \(end): not RFC 3339 or unix seconds") }
        guard to > from else { throw ValidationError("\(endName) must be after \(startName)") }
        return ClusterWindow(phase: "window", repetition: 1, startUnixNanoseconds: Int64(from * 1e9),
                             endUnixNanoseconds: Int64(to * 1e9))
    }

    static func seconds(_ text: String) -> Double? {
        if let seconds = Double(text), seconds.isFinite, seconds > 0 { return seconds }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
