import ArgumentParser
import EcobenchCore
import Foundation

/// `--prometheus-url` and its companions: read node energy and pod CPU from a Prometheus that
/// already scrapes ecobench agents, Kepler, node-exporter or cAdvisor.
struct PrometheusOptions: ParsableArguments {
    @Option(name: .customLong("prometheus-url"),
            help: "Prometheus server to read node energy and pod CPU from (http(s)://host:port[/prefix]).")
    var url: String?

    @Option(name: .customLong("prometheus-token-file"),
            help: "File whose first line is a bearer token for the Prometheus API.")
    var tokenFile: String?

    @Option(name: .customLong("prometheus-node-label"),
            help: "Series label naming the node ('instance' without its port by default; e.g. node, node_name).")
    var nodeLabel: String = "instance"

    @Option(name: .customLong("prometheus-exporters"),
            help: "Exporters to read node energy from, comma-separated, ties broken in this order (default: agent,kepler,kepler-0.7,node-rapl,hwmon).")
    var exporters: String?

    @Option(name: .customLong("prometheus-hwmon-chip"),
            help: "Regex of node-exporter hwmon chips that meter a whole node (their power is used as a wall meter); hwmon is not read without it.")
    var hwmonChip: String?

    @Option(name: .customLong("prometheus-timeout"), help: "Seconds to wait for each Prometheus answer.")
    var timeoutSeconds: Double = 15

    func validate() throws {
        if let url {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                  parsed.host != nil else {
                throw ValidationError("--prometheus-url \(url): expected http://host:port or https://host:port[/prefix]")
            }
            guard parsed.user == nil else {
                throw ValidationError("--prometheus-url: put credentials in --prometheus-token-file, not in the URL")
            }
        }
        guard nodeLabel.range(of: "^[a-zA-Z_][a-zA-Z0-9_]*$", options: .regularExpression) != nil else {
            throw ValidationError("--prometheus-node-label \(nodeLabel): not a Prometheus label name")
        }
        _ = try parsedExporters()
        guard timeoutSeconds > 0 && timeoutSeconds <= 600 else {
            throw ValidationError("--prometheus-timeout must be between 0 and 600 s, got \(timeoutSeconds)")
        }
    }

    func parsedExporters() throws -> [PrometheusEnergyExporter] {
        guard let exporters else { return PrometheusEnergyExporter.allCases }
        return try exporters.split(separator: ",").map { name in
            guard let exporter = PrometheusEnergyExporter(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--prometheus-exporters: unknown exporter '\(name)' (known: "
                                      + PrometheusEnergyExporter.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            return exporter
        }
    }

    /// The client, or nil without `--prometheus-url`.
    func client() throws -> PrometheusClient? {
        guard let url else { return nil }
        let token = try tokenFile.map { try PrometheusClient.token(fromFile: $0) }
        return try PrometheusClient(baseURL: url, bearerToken: token, timeoutSeconds: timeoutSeconds)
    }

    func energySource(_ client: PrometheusClient) throws -> PrometheusNodeEnergySource {
        PrometheusNodeEnergySource(client: client, nodeLabel: PrometheusNodeLabel(nodeLabel),
                                   exporters: try parsedExporters(), hwmonChipRegex: hwmonChip)
    }

    func podCPUSource(_ client: PrometheusClient) -> PrometheusPodCPUSource {
        PrometheusPodCPUSource(client: client, nodeLabel: PrometheusNodeLabel(nodeLabel))
    }
}
