import ArgumentParser
import EcobenchCore
import Foundation

extension RunCommand {
    /// `ecobench run WORKLOAD --target kubernetes`: deploys into the cluster per repetition.
    /// Node energy comes from `energySources` (agents, Prometheus); with none the run is stored
    /// and its cluster section written, and it says node energy was not measured.
    func runOnKubernetes(spec: WorkloadSpec, yaml: String, energySources: [NodeEnergySource],
                         podCPUSources: [PodCPUSource] = []) throws {
        let store = try database.open()
        try AbandonedRunRecovery.recover(store: store)
        let stop = StopSignal()
        stop.install()
        let progress = ProgressReporter(mode: .automatic(quiet: quiet))
        let outcome: RunOutcome
        do {
            var config = KubernetesRunConfiguration(
                spec: spec, workloadYAML: yaml, endpoint: try kubernetesTarget.endpoint(),
                namespacePrefix: kubernetesTarget.namespacePrefix, energySources: energySources,
                carbon: carbon.resolved, idlePolicy: impact.parsedIdlePolicy ?? .none, impact: try impact.settings(),
                outputDirectory: out)
            config.podCPUSources = podCPUSources
            config.pollSeconds = kubernetesTarget.kubernetesPollSeconds
            config.teardownTimeoutSeconds = kubernetesTarget.namespaceDeleteTimeout
            config.procRoot = collector.procRoot
            config.sysfsRoot = collector.sysfsRoot
            outcome = try KubernetesRunner(config: config, store: store, stop: stop, progress: progress).run()
        } catch let error as KubernetesError {
            throw CLIError(error.description)
        }
        RunSummaryPrinter.print(outcome, database: store.path, quiet: quiet)
        if outcome.status == .failed {
            throw CLIError(outcome.error ?? "run failed")
        }
        if outcome.status == .interrupted {
            FileHandle.standardError.write(Data("ecobench: \(outcome.error ?? "interrupted")\n".utf8))
            throw ExitCode(130)
        }
        if let reportError = outcome.reportError, let id = outcome.runID {
            if energySources.isEmpty {
                FileHandle.standardError.write(Data("ecobench: \(reportError)\n".utf8))
                return
            }
            throw CLIError("run \(id) is stored but its report could not be written: \(reportError)")
        }
    }
}

extension RunCommand {
    /// Node energy for a cluster run: the agents (`--agent`, `agents:`; clocks aligned now, an
    /// agent that does not answer stops the run before anything is deployed) and the
    /// Prometheus of `--prometheus-url`. Empty when neither is given: the run then says node
    /// energy was not measured.
    func clusterEnergySources(agents: [AgentEndpoint]) throws -> [NodeEnergySource] {
        var sources: [NodeEnergySource] = []
        if !agents.isEmpty {
            var notes: [String] = []
            do {
                sources.append(try AgentNodeEnergySource.connect(agents, notes: &notes))
            } catch {
                throw CLIError("\(error)")
            }
            if !quiet { for note in notes { FileHandle.standardError.write(Data("ecobench: \(note)\n".utf8)) } }
        }
        if let client = try prometheus.client() {
            sources.append(try prometheus.energySource(client))
        }
        return sources
    }

    /// Pod CPU for a cluster run: the Prometheus of `--prometheus-url` (agents' pod cgroup
    /// counters, else cAdvisor). Agents alone serve pod CPU only through `/metrics`, which a
    /// Prometheus scrapes; without `--prometheus-url` nothing is attributed to pods.
    func clusterPodCPUSources() throws -> [PodCPUSource] {
        guard let client = try prometheus.client() else { return [] }
        return [prometheus.podCPUSource(client)]
    }
}
