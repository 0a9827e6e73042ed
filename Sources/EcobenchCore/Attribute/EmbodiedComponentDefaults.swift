import Foundation

/// The host's whole-life embodied primary energy and abiotic depletion from its inventory,
/// component by component (CPU, memory, NVMe storage, power supplies, enclosure, motherboard,
/// assembly, GPUs), with Boavizta's manufacturing factors (`BoaviztaComponentFactors`,
/// `BoaviztaCPUDieArea`, `BoaviztaGPU`). What the inventory does not know (die area, module size,
/// densities, drive capacity, power supplies, GPU card) is BoaviztAPI 2.5.0's default and says so
/// in the component's basis.
public enum EmbodiedComponentDefaults {
    public typealias Impacts = BoaviztaComponentFactors.Impacts

    public struct Estimate: Sendable {
        public var components: [ReportImpacts.Component]
        /// Sums over the components; `gwpKgCO2e` is Boavizta's, shown for comparison only.
        public var total: Impacts
        /// Each component's three figures (GWP included), by component name.
        public var impactsByComponent: [String: Impacts]
        public var primaryEnergyProvenance: String
        public var adpeProvenance: String
        /// What the estimate leaves out (non-GPU accelerators, drives behind storage controllers, unknown memory).
        public var notes: [String]
    }

    public static func estimate(host: ReportHost) -> Estimate {
        typealias F = BoaviztaComponentFactors
        var parts: [(component: String, quantity: Double, basis: String, impacts: Impacts)] = []
        var notes: [String] = []

        let sockets = max(1, host.sockets ?? 1)
        let socketSource = host.sockets == nil ? "assumed 1: the inventory gives no socket count" : "inventory"
        let (cores, coreSource) = coresPerSocket(host, sockets: sockets)
        let die = BoaviztaCPUDieArea.areaMm2(cores: cores)
        parts.append(("cpu", Double(sockets),
                      "\(sockets) socket(s) (\(socketSource)), \(cores) cores per socket (\(coreSource)), die "
                        + "\(fixed(die.mm2, 0)) mm² per socket (\(die.basis))",
                      (F.cpuDiePerMm2 * die.mm2 + F.cpuBase) * Double(sockets)))

        if host.memoryBytes > 0 {
            let gib = Double(host.memoryBytes) / 1_073_741_824
            let modules = max(1, (gib / F.ramModuleGB).rounded(.up))
            let dieCm2 = gib / F.ramDensityGBPerCm2
            parts.append(("ram", modules,
                          "\(fixed(gib, 1)) GiB (MemTotal, inventory) in \(Int(modules)) module(s) of ≤ \(Int(F.ramModuleGB)) GB "
                            + "(\(F.version) default module), die \(fixed(gib, 1)) ÷ \(fixed(F.ramDensityGBPerCm2, 4)) GB/cm² = "
                            + "\(fixed(dieCm2, 1)) cm² (\(F.version) default density: mean of ram_manufacture.csv)",
                          F.ramDiePerCm2 * dieCm2 + F.ramBase * modules))
        } else {
            notes.append("memory size unknown: RAM left out of embodied PE and ADPe")
        }

        let devices = host.pciDevices ?? []
        let nvme = devices.filter { $0.kind == .nvme }.count
        if nvme > 0 {
            let dieCm2 = F.ssdDefaultCapacityGB / F.ssdDensityGBPerCm2
            parts.append(("ssd", Double(nvme),
                          "\(nvme) NVMe controller(s) (inventory, PCI class 0x0108), \(Int(F.ssdDefaultCapacityGB)) GB each "
                            + "(\(F.version) default capacity), die \(Int(F.ssdDefaultCapacityGB)) ÷ "
                            + "\(fixed(F.ssdDensityGBPerCm2, 3)) GB/cm² (\(F.version) default density: mean of "
                            + "ssd_manufacture.csv) = \(fixed(dieCm2, 2)) cm² each",
                          (F.ssdDiePerCm2 * dieCm2 + F.ssdBase) * Double(nvme)))
        }
        let controllers = devices.filter { $0.kind == .storage }.count
        if controllers > 0 {
            notes.append("\(controllers) storage controller(s): the drives behind them (SATA/SAS SSDs, HDDs) are not in the "
                         + "inventory and are left out of embodied PE and ADPe")
        }
        let gpus = devices.filter { $0.kind == .gpu }.count
        if gpus > 0 {
            let card = BoaviztaGPU.defaultCard()
            parts.append(("gpu", Double(gpus), "\(gpus) GPU(s) (inventory, PCI class 0x03), each the \(card.basis)",
                          card.impacts * Double(gpus)))
        }
        let accelerators = devices.filter { $0.kind == .accelerator }.count
        if accelerators > 0 {
            notes.append("\(accelerators) accelerator(s) (not GPUs) left out of embodied PE and ADPe: BoaviztAPI has no model for them")
        }

        let psuKg = Double(F.powerSupplyUnits) * F.powerSupplyUnitKg
        parts.append(("power_supply", Double(F.powerSupplyUnits),
                      "\(F.powerSupplyUnits) units × \(F.powerSupplyUnitKg) kg (\(F.version) default power supply; not in the inventory)",
                      F.powerSupplyPerKg * psuKg))
        parts.append(("case", 1, "1 rack enclosure (\(F.version) default case type)", F.rackCase))
        parts.append(("motherboard", 1, "1 (\(F.version) constant per server)", F.motherboard))
        parts.append(("assembly", 1, "1 (\(F.version) constant per server)", F.assembly))

        let total = parts.reduce(Impacts.zero) { $0 + $1.impacts }
        func provenance(_ value: (Impacts) -> Double, unit: String, format: (Double) -> String) -> String {
            "assumed: Boavizta component defaults (\(F.version)) from the inventory: "
                + parts.map { "\($0.component) \(format(value($0.impacts)))" }.joined(separator: " + ")
                + " = \(format(value(total))) \(unit); source: \(F.source); basis per component in impacts.embodied.components"
        }
        return Estimate(
            components: parts.map {
                .init(component: $0.component, quantity: $0.quantity, basis: $0.basis,
                      primaryEnergyMj: $0.impacts.primaryEnergyMJ, adpeKgSbEq: $0.impacts.adpeKgSbEq)
            },
            total: total,
            impactsByComponent: Dictionary(parts.map { ($0.component, $0.impacts) }, uniquingKeysWith: +),
            primaryEnergyProvenance: provenance(\.primaryEnergyMJ, unit: "MJ") { fixed($0, 1) },
            adpeProvenance: provenance(\.adpeKgSbEq, unit: "kg Sb eq") { String(format: "%.4g", $0) },
            notes: notes)
    }

    /// Cores per socket: the inventory's, else logical CPUs per socket (threads counted as
    /// cores), else Boavizta's default.
    static func coresPerSocket(_ host: ReportHost, sockets: Int) -> (Int, String) {
        if let cores = host.coresPerSocket, cores > 0 { return (cores, "inventory") }
        if host.logicalCpus > 0 {
            return (max(1, host.logicalCpus / sockets), "assumed: logical CPUs ÷ sockets, threads counted as cores")
        }
        return (BoaviztaComponentFactors.cpuDefaultCores, "assumed: \(BoaviztaComponentFactors.version) default")
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
