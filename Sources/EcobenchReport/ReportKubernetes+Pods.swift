/// Per-pod attribution of a cluster run (Reports/README.md, `kubernetes.pods`): what the pod
/// CPU sources reported (inputs, stored with the run) and the split of each node's energy that
/// the report derives from them with its idle policy (outputs, recomputed by `ecobench report`).
extension ReportKubernetes {
    /// What a pod is to the workload: part of the application (the manifests' objects) or the
    /// load Job's pod, which drives the application and is reported apart from it.
    public enum PodRole: String, Codable, Sendable, Equatable {
        case application
        case loadGenerator = "load_generator"
    }

    public struct Pod: Codable, Sendable, Equatable {
        public var repetition: Int
        public var phase: String
        public var namespace: String
        public var pod: String
        public var uid: String
        public var node: String
        /// Label `app.kubernetes.io/name`, else `app`.
        public var app: String?
        /// Label `app.kubernetes.io/component`.
        public var component: String?
        public var role: PodRole
        /// CPU seconds of the pod's cgroup in the phase window.
        public var cpuSeconds: Double
        /// The pod CPU source and series, e.g. `prometheus http://… ecobench_pod_cpu_seconds_total`.
        public var source: String
        /// `cpu_seconds / max(node busy CPU seconds, Σ pods' CPU seconds on the node)`.
        public var share: Double?
        public var dynamicEnergyJ: Double?
        public var idleEnergyJ: Double?
        /// `dynamic_energy_j + idle_energy_j`.
        public var attributedEnergyJ: Double?

        public init(repetition: Int, phase: String, namespace: String, pod: String, uid: String, node: String,
                    app: String?, component: String?, role: PodRole, cpuSeconds: Double, source: String) {
            self.repetition = repetition
            self.phase = phase
            self.namespace = namespace
            self.pod = pod
            self.uid = uid
            self.node = node
            self.app = app
            self.component = component
            self.role = role
            self.cpuSeconds = cpuSeconds
            self.source = source
        }
    }

    public struct NodeBusyCPU: Codable, Sendable, Equatable {
        public var repetition: Int
        public var phase: String
        public var node: String
        public var busyCpuSeconds: Double
        public var source: String

        public init(repetition: Int, phase: String, node: String, busyCpuSeconds: Double, source: String) {
            self.repetition = repetition
            self.phase = phase
            self.node = node
            self.busyCpuSeconds = busyCpuSeconds
            self.source = source
        }
    }

    /// One node's energy in one attributed phase window and how it splits. Invariant (tested):
    /// `attributed_energy_j + unattributed_energy_j == energy_j`, and
    /// `attributed_energy_j == application_energy_j + load_generator_energy_j`.
    public struct NodeAttribution: Codable, Sendable, Equatable {
        public var repetition: Int
        public var phase: String
        public var node: String
        public var energyJ: Double
        /// Node energy of the repetition's baseline phase (nothing deployed) over its duration.
        public var idlePowerW: Double?
        public var idleEnergyJ: Double
        public var dynamicEnergyJ: Double
        public var busyCpuSeconds: Double?
        public var attributedEnergyJ: Double
        public var applicationEnergyJ: Double
        public var loadGeneratorEnergyJ: Double
        public var unattributedEnergyJ: Double
        public var notes: [String]
    }
}
