import ArgumentParser
import EcobenchCore
import Foundation

struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Print the hardware: CPU, sockets, cores, threads, memory, kernel, PCI devices, fingerprint.")

    @Option(help: "Root of the procfs tree to read.") var procRoot: String = "/proc"
    @Flag(help: "JSON instead of text.") var json = false

    func run() throws {
        let inventory: HardwareInventory
        do { inventory = try HardwareInventory.read(procRoot: procRoot) } catch {
            throw CLIError("cannot read the hardware inventory: \(error)")
        }
        if json {
            FileHandle.standardOutput.write(try ReportCoding.encoder(pretty: true).encode(inventory))
            print()
            return
        }
        print("CPU:         \(inventory.cpuModel)")
        print("topology:    \(inventory.sockets) socket(s) × \(inventory.coresPerSocket) core(s) × "
              + "\(inventory.threadsPerCore) thread(s), \(inventory.logicalCpus) logical CPUs")
        print(String(format: "memory:      %.1f GiB", Double(inventory.memoryBytes) / 1_073_741_824))
        print("kernel:      \(inventory.kernel)")
        print("fingerprint: \(inventory.fingerprint)")
        print("PCI devices: \(inventory.pciDevices.count)")
        for d in inventory.pciDevices {
            let ids = String(format: "%04x:%04x", d.vendorID, d.deviceID)
            print("  \(d.slot)  \(ids)  \(d.kind.rawValue.padding(11))\(d.vendorName) \(d.deviceName) (\(d.className))")
        }
    }
}
