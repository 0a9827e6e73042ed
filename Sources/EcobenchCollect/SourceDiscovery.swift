import Foundation

/// Decides which probes a machine supports and builds them.
public enum SourceDiscovery {
    /// Probes in this order: RAPL (if any zone is readable), hwmon (libsensors), node CPU time,
    /// disk, network, memory, the workload (if a target is given), and the CPU power estimate
    /// ONLY when no measured node energy is usable. `notes` say what is missing and why.
    ///
    /// Throws only when `<procRoot>/stat` cannot be read (without it nothing is measurable) or
    /// when a power profile the user named cannot be read.
    public static func probes(options: SourceOptions,
                              workload: WorkloadTarget? = nil,
                              consumers: [ConsumerTarget] = []) throws -> (probes: [Probe], notes: [String]) {
        var probes: [Probe] = []
        var notes: [String] = []

        let rapl = RAPLDiscovery.discover(sysfsRoot: options.sysfsRoot)
        notes.append(contentsOf: rapl.notes)
        if !rapl.zones.isEmpty {
            do {
                probes.append(try RAPLProbe(zones: rapl.zones))
                notes.append("RAPL: \(rapl.zones.count) zone(s): " + rapl.zones.map(\.channelName).joined(separator: ", "))
            } catch {
                notes.append("RAPL: \(error)")
            }
        }
        if options.hwmon {
            let hwmon = HwmonDiscovery.discover(configPath: options.sensorsConfigPath)
            probes.append(contentsOf: hwmon.probes as [Probe])
            notes.append(contentsOf: hwmon.notes)
        }

        probes.append(contentsOf: remoteMeters(options, notes: &notes))
        var gpuReader: (any GPUProcessReader)?
        if options.nvml {
            let gpus = NVMLProbe.discover(libraryName: options.nvmlLibrary)
            if let probe = gpus.probe { probes.append(probe) }
            gpuReader = gpus.probe?.processReader
            notes.append(gpus.note)
        }

        probes.append(try CPUStatProbe(procRoot: options.procRoot))
        do { probes.append(try DiskStatsProbe(procRoot: options.procRoot, sysfsRoot: options.sysfsRoot)) }
        catch { notes.append("disk: \(error); node.disk.* not recorded") }
        do { probes.append(try NetDevProbe(procRoot: options.procRoot)) }
        catch { notes.append("network: \(error); node.net.* not recorded") }
        do { probes.append(try MemInfoProbe(procRoot: options.procRoot)) }
        catch { notes.append("memory: \(error); node.memory.used_bytes not recorded") }
        if let workload {
            probes.append(WorkloadProbe(target: workload, procRoot: options.procRoot, gpuReader: gpuReader))
        }
        for consumer in consumers {
            probes.append(WorkloadProbe(target: consumer.target, procRoot: options.procRoot,
                                        channelPrefix: consumer.channelPrefix))
        }

        let measured = NodeEnergySelection.choose(from: probes.flatMap(\.channels))
        if options.allowEstimate && measured == nil {
            let model = try EstimateModelResolver.resolve(options: options, notes: &notes)
            do {
                probes.append(try CPUEstimateProbe(model: model, procRoot: options.procRoot))
                notes.append("no measured node energy: CPU energy is ESTIMATED (\(model.modelDescription); ±\(Int(model.relativeUncertainty * 100)) %)")
            } catch {
                notes.append("CPU estimate: \(error); no energy channel at all")
            }
        }
        return (probes, notes)
    }
}

extension SourceDiscovery {
    /// Redfish BMCs and IPMI: a meter that cannot be reached is a note, and the run goes on
    /// with the other sources.
    package static func remoteMeters(_ options: SourceOptions, notes: inout [String]) -> [Probe] {
        var probes: [Probe] = []
        for text in options.redfishURLs {
            guard let url = URL(string: text) else {
                notes.append("Redfish: '\(text)' is not a URL")
                continue
            }
            do {
                let probe = try RedfishProbe(url: url, credentials: options.redfishCredentials,
                                             verifyTLS: options.redfishVerifyTLS,
                                             caCertificatePEM: options.redfishCACertificatePEM,
                                             pollIntervalSeconds: options.redfishPollSeconds,
                                             referenceSeconds: options.shortestPhaseSeconds)
                probes.append(probe)
                notes.append("Redfish \(probe.channels.count) channel(s) from \(url.host ?? text): "
                             + probe.channels.map(\.name).joined(separator: ", "))
                let nodes = probe.channels.filter { $0.energyRole == .wall }.map(\.name)
                if nodes.count > 1 {
                    notes.append("Redfish \(probe.client.hostLabel): \(nodes.count) chassis with a wall meter are "
                                 + "separate nodes, never summed; this node's energy is the first (\(nodes[0])), "
                                 + "the others are alternatives in the report")
                }
                notes.append(contentsOf: probe.discovery.notes.map { "Redfish: " + $0 })
            } catch {
                notes.append("Redfish \(url.host ?? text): \(error); not used")
            }
        }
        if let command = options.ipmiCommand {
            do {
                probes.append(try IPMIProbe(command: command))
                notes.append("IPMI DCMI power from `\(command.joined(separator: " "))`")
            } catch {
                notes.append("IPMI: \(error); not used")
            }
        }
        return probes
    }

    /// The local sources only (RAPL, hwmon, /proc), with the TDP curve as the estimate.
    public static func probes(sysfsRoot: String = "/sys", procRoot: String = "/proc", cpuTDPWatts: Double? = nil,
                              workload: WorkloadTarget? = nil) throws -> (probes: [Probe], notes: [String]) {
        var options = SourceOptions(sysfsRoot: sysfsRoot, procRoot: procRoot)
        options.cpuTDPWatts = cpuTDPWatts
        options.profileDirectory = nil
        return try probes(options: options, workload: workload)
    }
}
