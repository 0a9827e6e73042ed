import ArgumentParser
import EcobenchCore
import Foundation

struct SensorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensors",
        abstract: "List every power and counter source found on this host, with kind, unit and path.")

    @OptionGroup var collector: CollectorOptions
    @OptionGroup var meters: MeterOptions
    @Flag(help: "JSON instead of a table.") var json = false

    struct Listing: Encodable {
        var sources: [SourceDescriptor]
        var raplZones: [Zone]
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

    func run() throws {
        let discovery: (probes: [any Probe], notes: [String])
        do {
            discovery = try SourceDiscovery.probes(options: try sourceOptions(), workload: nil)
        } catch {
            throw CLIError("\(error)")
        }
        defer { for case let polled as any PolledProbe in discovery.probes { polled.stop() } }
        let channels = discovery.probes.flatMap(\.channels)
        let zones = RAPLDiscovery.discover(sysfsRoot: collector.sysfsRoot).zones.map { zone in
            var energy: Int64?
            var problem: String?
            do { energy = try SysfsFile.readInt64(path: zone.energyPath) } catch { problem = "\(error)" }
            return Listing.Zone(id: zone.id, name: zone.name, channel: zone.channelName, path: zone.directory,
                                energyUj: energy, maxEnergyRangeUj: zone.maxEnergyRangeMicrojoules, error: problem)
        }
        let listing = Listing(sources: channels, raplZones: zones,
                              nodeEnergy: NodeEnergySelection.choose(from: channels).map { "\($0.kind.rawValue): \($0.method)" },
                              notes: discovery.notes)
        if json {
            FileHandle.standardOutput.write(try ReportCoding.encoder(pretty: true).encode(listing))
            print()
            return
        }
        print("SOURCE".padding(32) + "KIND".padding(11) + "UNIT".padding(7) + "PATH")
        for s in channels {
            print(s.name.padding(32) + s.kind.rawValue.padding(11) + s.unit.padding(7) + s.path)
            if let model = s.model { print("".padding(32) + "model: \(model)") }
        }
        if !zones.isEmpty {
            print("\nRAPL ZONE".padding(20) + "NAME".padding(14) + "ENERGY (µJ)".padding(18) + "PATH")
            for z in zones {
                print(z.id.padding(19) + z.name.padding(14) + (z.energyUj.map(String.init) ?? "unreadable").padding(18)
                      + z.path)
            }
        }
        if let node = listing.nodeEnergy { print("\nnode energy: \(node)") }
        for note in discovery.notes { print("note: \(note)") }
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
