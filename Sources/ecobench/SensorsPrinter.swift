import EcobenchCore
import Foundation

/// The table `ecobench sensors` prints: sources, current readings, RAPL zones, notes.
enum SensorsPrinter {
    static func printTable(_ listing: SensorsCommand.Listing) {
        print("SOURCE".padding(32) + "KIND".padding(11) + "UNIT".padding(7) + "PATH")
        for s in listing.sources {
            print(s.name.padding(32) + s.kind.rawValue.padding(11) + s.unit.padding(7) + s.path)
            if let model = s.model { print("".padding(32) + "model: \(model)") }
        }
        if !listing.readings.isEmpty {
            print(String(format: "\nREADING (now; rates over %.3f s)", listing.windowSeconds).padding(44)
                  + "VALUE".padding(18) + "KIND".padding(11) + "HOW")
            for r in listing.readings {
                print(r.source.padding(44) + value(r).padding(18) + r.kind.rawValue.padding(11)
                      + (r.error.map { "unreadable: \($0)" } ?? r.basis))
            }
        }
        if !listing.raplZones.isEmpty {
            print("\nRAPL ZONE".padding(20) + "NAME".padding(14) + "ENERGY (µJ)".padding(18) + "PATH")
            for z in listing.raplZones {
                print(z.id.padding(19) + z.name.padding(14) + (z.energyUj.map(String.init) ?? "unreadable").padding(18)
                      + z.path)
            }
        }
        if let node = listing.nodeEnergy { print("\nnode energy: \(node)") }
        for note in listing.notes { print("note: \(note)") }
    }

    /// `12.500 W`, `45.5 °C`, `1200 rpm`, `—` when unreadable.
    static func value(_ reading: LiveReading) -> String {
        guard let value = reading.value else { return "—" }
        switch reading.unit {
        case "Cel": return String(format: "%.1f °C", value)
        case "rpm": return String(format: "%.0f rpm", value)
        default: return String(format: "%.3f ", value) + reading.unit
        }
    }
}
