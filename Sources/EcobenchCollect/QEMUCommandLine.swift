/// What a QEMU command line says about its guest: `-uuid U`, `-name N` (or `-name guest=N,…`),
/// `-smp N` (or `-smp cpus=N,…`; `-smp sockets=S,cores=C,threads=T` multiplies them).
/// `/proc/<pid>/cmdline` holds the arguments separated by NUL bytes.
public struct QEMUCommandLine: Sendable, Equatable {
    public var executable: String
    public var uuid: String?
    public var name: String?
    public var vcpus: Int?

    /// Parses NUL-separated arguments; nil when the executable is not `qemu-system-*` (or `qemu-kvm`).
    public init?(cmdline: String) {
        let arguments = cmdline.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.isEmpty }
        self.init(arguments: arguments)
    }

    public init?(arguments: [String]) {
        guard let first = arguments.first else { return nil }
        let base = first.split(separator: "/").last.map(String.init) ?? first
        guard base.hasPrefix("qemu-system-") || base == "qemu-kvm" else { return nil }
        executable = base
        var index = 1
        while index < arguments.count {
            // QEMU accepts `-opt` and `--opt`.
            let option = arguments[index].hasPrefix("--") ? String(arguments[index].dropFirst()) : arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch option {
            case "-uuid": uuid = value?.lowercased()
            case "-name": name = value.map(Self.guestName)
            case "-smp": vcpus = value.flatMap(Self.vcpus)
            default: break
            }
            index += 1
        }
    }

    /// `-name guest=N,debug-threads=on` → N; `-name N` → N (a `,,` is an escaped comma).
    static func guestName(_ value: String) -> String {
        let parts = value.replacingOccurrences(of: ",,", with: "\u{1}").split(separator: ",")
            .map { $0.replacingOccurrences(of: "\u{1}", with: ",") }
        for part in parts where part.hasPrefix("guest=") { return String(part.dropFirst("guest=".count)) }
        guard let first = parts.first, !first.contains("=") else { return "" }
        return first
    }

    /// `-smp 4`, `-smp 4,sockets=1,…`, `-smp cpus=4,…`, `-smp sockets=2,cores=2,threads=1`.
    static func vcpus(_ value: String) -> Int? {
        var fields: [String: Int] = [:]
        for (index, part) in value.split(separator: ",").enumerated() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 1, index == 0, let n = Int(pair[0]) { fields["cpus"] = n }
            if pair.count == 2, let n = Int(pair[1]) { fields[String(pair[0])] = n }
        }
        if let cpus = fields["cpus"], cpus > 0 { return cpus }
        let topology = ["sockets", "dies", "clusters", "cores", "threads"].compactMap { fields[$0] }
        guard !topology.isEmpty else { return nil }
        let product = topology.reduce(1, *)
        return product > 0 ? product : nil
    }
}
