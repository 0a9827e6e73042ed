/// Decides which probes a machine supports and builds them.
public enum SourceDiscovery {
    /// Probes in this order: RAPL (if any zone is readable), node CPU time, disk, network,
    /// memory, the workload (if a target is given), and the CPU power estimate ONLY when no
    /// RAPL energy is usable. `notes` say what is missing and why (no powercap, permission,
    /// unreadable files, the estimate's model).
    ///
    /// Throws only when `<procRoot>/stat` cannot be read: without it nothing is measurable.
    public static func probes(sysfsRoot: String = "/sys", procRoot: String = "/proc",
                              cpuTDPWatts: Double? = nil,
                              workload: WorkloadTarget? = nil) throws -> (probes: [Probe], notes: [String]) {
        var probes: [Probe] = []
        var notes: [String] = []

        let rapl = RAPLDiscovery.discover(sysfsRoot: sysfsRoot)
        notes.append(contentsOf: rapl.notes)
        var raplUsable = false
        if !rapl.zones.isEmpty {
            do {
                probes.append(try RAPLProbe(zones: rapl.zones))
                raplUsable = true
                notes.append("RAPL: \(rapl.zones.count) zone(s): " + rapl.zones.map(\.channelName).joined(separator: ", "))
            } catch {
                notes.append("RAPL: \(error)")
            }
        }

        probes.append(try CPUStatProbe(procRoot: procRoot))
        do { probes.append(try DiskStatsProbe(procRoot: procRoot, sysfsRoot: sysfsRoot)) }
        catch { notes.append("disk: \(error); node.disk.* not recorded") }
        do { probes.append(try NetDevProbe(procRoot: procRoot)) }
        catch { notes.append("network: \(error); node.net.* not recorded") }
        do { probes.append(try MemInfoProbe(procRoot: procRoot)) }
        catch { notes.append("memory: \(error); node.memory.used_bytes not recorded") }
        if let workload {
            probes.append(WorkloadProbe(target: workload, procRoot: procRoot))
        }

        if !raplUsable {
            let host = HostInfo.read(procRoot: procRoot, sysfsRoot: sysfsRoot)
            let model = CPUPowerModel.resolve(cpuTDPWatts: cpuTDPWatts, cpuModel: host.cpuModel,
                                              logicalCPUs: host.logicalCPUs)
            do {
                probes.append(try CPUEstimateProbe(model: model, procRoot: procRoot))
                notes.append("no RAPL energy usable: CPU energy is ESTIMATED (\(model.modelDescription); ±\(Int(model.relativeUncertainty * 100)) %)")
            } catch {
                notes.append("CPU estimate: \(error); no energy channel at all")
            }
        }
        return (probes, notes)
    }
}
