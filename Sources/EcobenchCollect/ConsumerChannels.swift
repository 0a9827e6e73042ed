/// Channel names of the workload's separately measured consumers: each service of a workload
/// with `services:` (`service.<name>.*`) and the load generator (`load_generator.*`). Each has
/// the five channels of `WorkloadProbe` under its own prefix, read from its own cgroup.
public enum ConsumerChannels {
    public static let loadGeneratorPrefix = "load_generator"
    public static let servicePrefix = "service."

    public static func servicePrefix(_ name: String) -> String { servicePrefix + name }

    /// `<prefix>.cpu_seconds`, `<prefix>.io_read_bytes`, ... (the suffixes of `WorkloadProbe.channelNames`).
    public static func channel(_ prefix: String, _ suffix: String) -> String { prefix + "." + suffix }

    /// The service names with a `service.<name>.cpu_seconds` channel among `names`, in their order.
    public static func serviceNames(in names: [String]) -> [String] {
        names.compactMap { name in
            guard name.hasPrefix(servicePrefix), name.hasSuffix(".cpu_seconds") else { return nil }
            let inner = name.dropFirst(servicePrefix.count).dropLast(".cpu_seconds".count)
            return inner.isEmpty ? nil : String(inner)
        }
    }
}

/// A consumer the sampler follows besides the workload: its channel prefix and target.
public struct ConsumerTarget: Sendable {
    public var channelPrefix: String
    public var target: WorkloadTarget

    public init(channelPrefix: String, target: WorkloadTarget) {
        self.channelPrefix = channelPrefix
        self.target = target
    }
}
