import EcobenchAttribute

extension ReportBuilder {
    /// A cluster run with pod CPU: recomputes the pods' split with the report's idle policy and
    /// puts the application's pods into the phases, so `applications`, `totals`, CO2e and SCI
    /// carry the application's energy the way a local run's carry its processes'. Per phase with
    /// `node_attribution` rows: idle and dynamic energy are the nodes' sums; the workload's CPU
    /// seconds, dynamic and idle energy are the sums over its `application` pods (the load Job's
    /// pod is not the application and stays unattributed in the phase); node busy CPU is the
    /// nodes' sum. Phases without rows (baseline, or no pod CPU) keep the counters' attribution.
    package static func applyPods(_ section: inout ReportKubernetes, to attributed: inout [PhaseAttribution],
                                  idlePolicy: IdlePolicy, reservedShare: Double, notes: inout [String]) {
        guard section.pods != nil else { return }
        var durations: [KubernetesPodAttribution.PhaseKey: Double] = [:]
        for a in attributed {
            durations[.init(repetition: a.window.repetition, phase: a.window.name.rawValue)] = a.window.durationSeconds
        }
        KubernetesPodAttribution.apply(&section, durations: durations, idlePolicy: idlePolicy, reservedShare: reservedShare)
        let rows = section.nodeAttribution ?? []
        let pods = section.pods ?? []
        var applied = 0
        for index in attributed.indices {
            let window = attributed[index].window
            let mine = rows.filter { $0.repetition == window.repetition && $0.phase == window.name.rawValue }
            guard !mine.isEmpty else { continue }
            let apps = pods.filter {
                $0.repetition == window.repetition && $0.phase == window.name.rawValue && $0.role == .application
            }
            let rowEnergy = mine.reduce(0) { $0 + $1.energyJ }
            let node = attributed[index].nodeEnergyJoules
            if abs(rowEnergy - node) > 1e-6 * max(1, abs(node)) {
                notes.append(String(format: "%@ of repetition %d: the nodes' readings (%.3f J) differ from the stored "
                                    + "counters (%.3f J); pods attributed against the readings",
                                    window.name.rawValue, window.repetition, rowEnergy, node))
            }
            let busy = mine.reduce(0) { $0 + ($1.busyCpuSeconds ?? 0) }
            let cpu = apps.reduce(0) { $0 + $1.cpuSeconds }
            attributed[index].idleEnergyJoules = mine.reduce(0) { $0 + $1.idleEnergyJ }
            attributed[index].dynamicEnergyJoules = mine.reduce(0) { $0 + $1.dynamicEnergyJ }
            attributed[index].nodeBusyCPUSeconds = busy
            attributed[index].workloadCPUSeconds = cpu
            attributed[index].workloadDynamicEnergyJoules = apps.reduce(0) { $0 + ($1.dynamicEnergyJ ?? 0) }
            // Over several nodes the share is the effective one: the pods' dynamic energy over the
            // nodes' (each node's split is `CPUShareSplit`'s, in `ClusterAttribution`).
            let dynamic = attributed[index].dynamicEnergyJoules
            attributed[index].workloadCPUShare = dynamic > 0 ? min(1, attributed[index].workloadDynamicEnergyJoules / dynamic) : 0
            attributed[index].notes = []
            attributed[index].workloadIdleEnergyJoules = apps.reduce(0) { $0 + ($1.idleEnergyJ ?? 0) }
            applied += 1
        }
        if applied > 0 {
            notes.append("cluster run: the application's energy in \(applied) phase(s) is the sum over its pods "
                         + "(kubernetes.pods, role application; idle reference: the repetition's baseline phase); "
                         + "the load Job's pod is reported as load_generator and counted as unattributed")
        }
    }
}
