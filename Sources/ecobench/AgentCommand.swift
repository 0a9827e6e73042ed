import ArgumentParser
import EcobenchCore
import Foundation
import Hummingbird

/// `ecobench agent`: samples the node like `run` does, keeps a local buffer and serves it over HTTP.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Run the node agent: sample this node, buffer locally, serve /metrics, /samples, /pods and /clock.")

    @OptionGroup var collector: CollectorOptions
    @OptionGroup var meters: MeterOptions

    @Option(help: "Address to listen on, host:port (loopback unless you name another interface).")
    var listen: String = "127.0.0.1:9464"

    @Option(help: "Buffer database (SQLite, the agent's own file; default <data dir>/agent-buffer.db).")
    var buffer: String?

    @Option(help: "Samples the buffer keeps; the oldest are dropped (and counted) beyond it.")
    var bufferMaxSamples: Int = 100_000

    @Option(help: "Sampling interval in milliseconds.")
    var interval: Double = 100

    @Option(help: "cgroup mount to find Kubernetes pods in (kubepods, systemd or cgroupfs driver, v2 or v1); 'none' to not look.")
    var cgroupRoot: String = "/sys/fs/cgroup"

    @Option(help: "Seconds between pod cgroup scans (stored in the buffer for /pods, shown in /metrics).")
    var podScanInterval: Double = 5

    @Flag(help: "On a hypervisor: find the QEMU/KVM guests (libvirt machine.slice scopes, else qemu-system-* processes with -uuid) and split the host's energy between them by CPU time (ecobench_vm_* series).")
    var vms = false

    @Option(help: "Who carries the host's idle energy with --vms: proportional (default: all energy by CPU share), none (idle to nobody), reserved (idle shared by the guests' vCPUs over the host's CPUs).")
    var vmIdlePolicy: String = "proportional"

    @Option(help: "The host's idle power in watts (assumed, stated by the operator, e.g. measured with no guest running); needed by --vm-idle-policy none and reserved.")
    var hostIdleWatts: Double?

    @Option(help: "Seconds between VM scans with --vms (each scan splits the energy since the one before).")
    var vmScanInterval: Double = 5

    @Option(help: "With --vms: write per guest a powercap-like tree DIR/<uuid>/class/powercap/intel-rapl:0 (its attributed energy) and its provenance, to share into the guest (docs/vm-energy.md).")
    var vmEnergyDir: String?

    @Option(help: "File whose first line is the bearer token clients must send (else $ECOBENCH_AGENT_TOKEN).")
    var tokenFile: String?

    func validate() throws {
        guard interval >= 1 && interval <= 60_000 else {
            throw ValidationError("--interval must be between 1 and 60000 ms, got \(interval)")
        }
        guard bufferMaxSamples >= 1 else { throw ValidationError("--buffer-max-samples must be at least 1") }
        guard podScanInterval >= 0 && podScanInterval <= 3600 else {
            throw ValidationError("--pod-scan-interval must be between 0 and 3600 s, got \(podScanInterval)")
        }
        _ = try Self.parseListen(listen)
        guard let policy = IdlePolicy(rawValue: vmIdlePolicy) else {
            throw ValidationError("--vm-idle-policy must be one of "
                                  + IdlePolicy.allCases.map(\.rawValue).joined(separator: ", ") + ", got \(vmIdlePolicy)")
        }
        if let hostIdleWatts, !(hostIdleWatts >= 0 && hostIdleWatts.isFinite) {
            throw ValidationError("--host-idle-watts must be a finite number ≥ 0, got \(hostIdleWatts)")
        }
        if vms && policy != .proportional && hostIdleWatts == nil {
            throw ValidationError("--vm-idle-policy \(vmIdlePolicy) needs --host-idle-watts (the host's idle power, assumed)")
        }
        if vmEnergyDir != nil && !vms {
            throw ValidationError("--vm-energy-dir needs --vms (it hands in each guest's share of the host's energy)")
        }
        guard vmScanInterval > 0 && vmScanInterval <= 3600 else {
            throw ValidationError("--vm-scan-interval must be above 0 and at most 3600 s, got \(vmScanInterval)")
        }
    }

    /// The VM split of `--vms`: discovery under the proc and cgroup roots, the host's CPUs from its /proc/stat.
    func vmAttribution() -> AgentVMs? {
        guard vms else { return nil }
        let procRoot = collector.procRoot
        let hostCPUs = (try? ProcStat.parse(text: String(contentsOfFile: procRoot + "/stat", encoding: .utf8)))
            .map(\.perCPU.count).flatMap { $0 > 0 ? $0 : nil } ?? ProcessInfo.processInfo.activeProcessorCount
        let settings = LiveEnergySplit.Settings(idlePolicy: IdlePolicy(rawValue: vmIdlePolicy) ?? .proportional,
                                                idleWatts: hostIdleWatts, hostCPUs: hostCPUs)
        AgentCommand.log("VMs: split by CPU time, idle policy \(settings.idlePolicy.rawValue)"
                         + (settings.idlePolicy == .proportional ? "" : String(format: ", host idle %.3f W (assumed)", hostIdleWatts ?? 0))
                         + ", \(hostCPUs) host CPUs")
        return AgentVMs(discovery: VMDiscovery(procRoot: procRoot, cgroupRoot: cgroupRoot == "none" ? nil : cgroupRoot),
                        settings: settings, intervalNanoseconds: Int64(vmScanInterval * 1e9))
    }

    func run() async throws {
        let (host, port) = try Self.parseListen(listen)
        let token = try BearerTokenMiddleware<BasicRequestContext>.load(tokenFile: tokenFile)
        var options = collector.sourceOptions
        try meters.apply(to: &options)
        let found = try SourceDiscovery.probes(options: options)
        for note in found.notes { AgentCommand.log(note) }
        let path = buffer ?? EcobenchPaths.dataDirectory() + "/agent-buffer.db"
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        let store: AgentBuffer
        do { store = try AgentBuffer(path: path, maxSamples: bufferMaxSamples) }
        catch { throw CLIError("--buffer \(path): \(error)") }
        let pods = cgroupRoot == "none" ? nil
            : AgentPodCPU(scanner: PodCgroupScanner(cgroupRoot: cgroupRoot),
                          intervalNanoseconds: Int64(podScanInterval * 1e9))
        if let warning = pods?.scanner.missingKubepodsWarning() { AgentCommand.log(warning) }
        let skew: AgentClockSkew?
        do {
            skew = try AgentClockSkew.fromEnvironment(ProcessInfo.processInfo.environment,
                                                      nowUnixNanoseconds: MonotonicClock.unixNanoseconds())
        } catch { throw CLIError(error.description) }
        if let skew {
            AgentCommand.log(String(format: "test clock: offset %.3f s, drift %.0f ppm (%@)",
                                    Double(skew.offsetNanoseconds) / 1e9, skew.driftPartsPerMillion,
                                    AgentClockSkew.environmentVariable))
        }
        let agent = try AgentCollector(probes: found.probes, buffer: store, intervalNanoseconds: Int64(interval * 1e6),
                                       pods: pods, vms: vmAttribution(),
                                       vmHandIn: vmEnergyDir.map { VMEnergyHandIn(tree: VMEnergyTree(directory: $0),
                                                                                  agentVersion: EcobenchVersion.current,
                                                                                  writeIntervalSeconds: vmScanInterval) },
                                       clockSkew: skew, podLog: { AgentCommand.log($0) })
        agent.start()
        let app = Application(
            router: AgentRoutes.router(collector: agent, token: token, version: EcobenchVersion.current, log: AgentCommand.log),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                AgentCommand.log("listening on http://\(host):\(channel.localAddress?.port ?? port)"
                                 + (token == nil ? " (no token)" : " (bearer token required)"))
            })
        do {
            try await app.runService()
        } catch {
            agent.stop()
            throw CLIError("agent on \(listen): \(error)")
        }
        agent.stop()
        for problem in agent.problems() { AgentCommand.log(problem) }
        AgentCommand.log("stopped; \(store.sampleCount) samples in \(path)")
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data(("ecobench agent: " + line + "\n").utf8))
    }

    /// `host:port` or `[v6]:port` → (host, port).
    static func parseListen(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else {
            throw ValidationError("--listen \(text): expected host:port, e.g. 127.0.0.1:9464")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--listen \(text): no host") }
        return (host, port)
    }
}
