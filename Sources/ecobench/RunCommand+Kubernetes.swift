import ArgumentParser
import EcobenchCore
import Foundation

extension RunCommand {
    /// `ecobench run WORKLOAD --target kubernetes`: deploys into the cluster per repetition.
    /// Node energy comes from `energySources` (agents, Prometheus); with none the run is stored
    /// and its cluster section written, and it says node energy was not measured.
    func runOnKubernetes(spec: WorkloadSpec, yaml: String, energySources: [NodeEnergySource],
                         podCPUSources: [PodCPUSource] = [], hypervisorVMEnergy: HypervisorVMEnergySource? = nil) throws {
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
            config.hypervisorVMEnergy = hypervisorVMEnergy
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
    /// Node energy and pod CPU for a cluster run, agents first, over one connection to them.
    ///
    /// Energy: the agents (`--agent`, `agents:`; clocks aligned now, an agent that does not
    /// answer stops the run before anything is deployed) and the Prometheus of
    /// `--prometheus-url`; empty when neither is given (the run then says node energy was not
    /// measured). Pod CPU: the agents' `/pods` (pod cgroup scans) with their busy CPU, then the
    /// Prometheus (agents' pod counters, else cAdvisor); empty without either, and then nothing
    /// is attributed to pods. Nodes that are VMs: the hypervisors' agents' per-VM series in the
    /// same Prometheus (`HypervisorVMEnergySource`, given the nodes' UUIDs by the runner).
    func clusterSources(agents: [AgentEndpoint]) throws
        -> (energy: [NodeEnergySource], podCPU: [PodCPUSource], hypervisorVMs: HypervisorVMEnergySource?) {
        var hypervisorVMs: HypervisorVMEnergySource?
        var energy: [NodeEnergySource] = []
        var podCPU: [PodCPUSource] = []
        if !agents.isEmpty {
            var notes: [String] = []
            let connected: AgentNodeEnergySource
            do {
                connected = try AgentNodeEnergySource.connect(agents, notes: &notes)
            } catch {
                throw CLIError("\(error)")
            }
            if !quiet { for note in notes { FileHandle.standardError.write(Data("ecobench: \(note)\n".utf8)) } }
            energy.append(connected)
            podCPU.append(AgentPodCPUSource(energy: connected))
        }
        if let client = try prometheus.client() {
            energy.append(try prometheus.energySource(client))
            podCPU.append(prometheus.podCPUSource(client))
            hypervisorVMs = HypervisorVMEnergySource(client: client)
        }
        return (energy, podCPU, hypervisorVMs)
    }
}
