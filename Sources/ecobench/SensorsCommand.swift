import ArgumentParser
import EcobenchCore
import Foundation

struct SensorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensors",
        abstract: "List every power and counter source found on this host, with kind, unit, path and its current reading.")

    @OptionGroup var collector: CollectorOptions
    @OptionGroup var meters: MeterOptions
    @Flag(help: "JSON instead of a table.") var json = false
    @Option(help: "Window in milliseconds over which energy counters are read twice for their power (ΔE/Δt).")
    var windowMs: Double = 300

    struct Listing: Encodable {
        var sources: [SourceDescriptor]
        var raplZones: [Zone]
        /// Every source's current value (LiveReadings): rates over `windowSeconds`, totals, levels.
        var readings: [LiveReading]
        var windowSeconds: Double
        var nodeEnergy: String?
        var notes: [String]

        struct Zone: Encodable {
            var id: String
            var name: String
            var channel: String
            var path: String
            var energyUj: Int64?
            var maxEnergyRangeUj: Int64
            var error: String?
        }
    }

    func validate() throws {
        guard windowMs >= 50 && windowMs <= 5000 else {
            throw ValidationError("--window-ms must be between 50 and 5000 ms, got \(windowMs)")
        }
    }

    func run() throws {
        let discovery: (probes: [any Probe], notes: [String])
        do {
            discovery = try SourceDiscovery.probes(options: try sourceOptions(), workload: nil)
        } catch {
            throw CLIError("\(error)")
        }
        defer { for case let polled as any PolledProbe in discovery.probes { polled.stop() } }
        let channels = discovery.probes.flatMap(\.channels)
        let raplZones = RAPLDiscovery.discover(sysfsRoot: collector.sysfsRoot).zones
        let zones = raplZones.map { zone in
            var energy: Int64?
            var problem: String?
            do { energy = try SysfsFile.readInt64(path: zone.energyPath) } catch { problem = "\(error)" }
            return Listing.Zone(id: zone.id, name: zone.name, channel: zone.channelName, path: zone.directory,
                                energyUj: energy, maxEnergyRangeUj: zone.maxEnergyRangeMicrojoules, error: problem)
        }
        let readings = LiveReadings.read(probes: discovery.probes, raplZones: raplZones, windowSeconds: windowMs / 1000)
        let listing = Listing(sources: channels, raplZones: zones, readings: readings, windowSeconds: windowMs / 1000,
                              nodeEnergy: NodeEnergySelection.choose(from: channels).map { "\($0.kind.rawValue): \($0.method)" },
                              notes: discovery.notes + (collector.noHwmon ? [] : HwmonSkippedDirectories.notes()))
        if json {
            FileHandle.standardOutput.write(try ReportCoding.encoder(pretty: true).encode(listing))
            print()
            return
        }
        SensorsPrinter.printTable(listing)
    }
}

extension SensorsCommand {
    func sourceOptions() throws -> SourceOptions {
        var options = collector.sourceOptions
        try meters.apply(to: &options)
        return options
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
