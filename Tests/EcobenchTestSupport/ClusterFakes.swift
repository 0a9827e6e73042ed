import EcobenchCore

/// FAKE node energy source for unit tests of the cluster wiring (the real ones, agents and
/// Prometheus, have their own tests against real servers): each node draws a fixed power per
/// phase, so a window's energy is that power × the window's duration.
public struct FakePhasePowerSource: NodeEnergySource {
    public var label = "fake phase power (test)"
    /// Watts by node, then by phase name.
    public var watts: [String: [String: Double]]

    public init(watts: [String: [String: Double]]) { self.watts = watts }

    public func nodeEnergy(in window: ClusterWindow) throws -> [NodeEnergyReading] {
        watts.sorted { $0.key < $1.key }.compactMap { node, byPhase in
            byPhase[window.phase].map {
                NodeEnergyReading(node: node, source: "fake \(node)", kind: .measured,
                                  energyJoules: $0 * window.durationSeconds, coverage: 1)
            }
        }
    }
}

/// FAKE pod CPU source for unit tests of the cluster wiring (`PrometheusPodCPUSource` is tested
/// against a real Prometheus): each pod burns a fixed CPU rate (CPU s/s) in every window, each
/// node's busy CPU rises at a fixed rate; pods with an empty UID are known by name only (as
/// cAdvisor's series without an `id` label are).
public struct FakePodCPUSource: PodCPUSource {
    public struct Pod: Sendable {
        public var namespace: String?
        public var name: String?
        public var uid: String
        public var node: String
        public var cpuPerSecond: Double

        public init(namespace: String? = nil, name: String? = nil, uid: String, node: String, cpuPerSecond: Double) {
            self.namespace = namespace
            self.name = name
            self.uid = uid
            self.node = node
            self.cpuPerSecond = cpuPerSecond
        }
    }

    public var label = "fake pod CPU (test)"
    public var pods: [Pod]
    public var busyPerSecond: [String: Double]
    /// Busy CPU rate in the baseline window (nothing deployed); nil: `busyPerSecond`.
    public var baselineBusyPerSecond: [String: Double]?

    public init(pods: [Pod], busyPerSecond: [String: Double], baselineBusyPerSecond: [String: Double]? = nil) {
        self.pods = pods
        self.busyPerSecond = busyPerSecond
        self.baselineBusyPerSecond = baselineBusyPerSecond
    }

    public func podCPU(in window: ClusterWindow) throws -> [PodCPUReading] {
        pods.map {
            PodCPUReading(namespace: $0.namespace, pod: $0.name, podUID: $0.uid, node: $0.node,
                          cpuSeconds: $0.cpuPerSecond * window.durationSeconds, source: "fake pod CPU")
        }
    }

    public func nodeBusyCPUSeconds(in window: ClusterWindow) throws -> [String: Double] {
        let rates = window.phase == "baseline" ? baselineBusyPerSecond ?? busyPerSecond : busyPerSecond
        return rates.mapValues { $0 * window.durationSeconds }
    }
}
