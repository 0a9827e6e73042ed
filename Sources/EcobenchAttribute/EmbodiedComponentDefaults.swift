import Foundation
import EcobenchCollect

/// The host's whole-life embodied primary energy and abiotic depletion from its inventory,
/// component by component (CPU, memory, NVMe storage, power supplies, enclosure, motherboard,
/// assembly, GPUs), with Boavizta's manufacturing factors (`BoaviztaComponentFactors`,
/// `BoaviztaCPUDieArea`, `BoaviztaGPU`). What the inventory does not know (die area, module size,
/// densities, drive capacity, power supplies, GPU card) is BoaviztAPI 2.5.0's default and says so
/// in the component's basis. Each component also carries the min and max BoaviztAPI 2.5.0 states
/// for it from the ranges of those defaults (`EmbodiedImpactRange`); the totals' are the sums.
public enum EmbodiedComponentDefaults {
    public typealias Impacts = BoaviztaComponentFactors.Impacts

    public struct Estimate: Sendable {
        public var components: [ReportImpacts.Component]
        /// Sums over the components; `gwpKgCO2e` is Boavizta's, shown for comparison only.
        public var total: Impacts
        /// Each component's three figures (GWP included), by component name.
        public var impactsByComponent: [String: Impacts]
        /// Each component's value, min and max, by component name, and their sums.
        public var rangeByComponent: [String: EmbodiedImpactRange]
        public var totalRange: EmbodiedImpactRange
        public var primaryEnergyProvenance: String
        public var adpeProvenance: String
        /// What the estimate leaves out (non-GPU accelerators, drives behind storage controllers, unknown memory).
        public var notes: [String]
    }

    public static func estimate(host: ReportHost) -> Estimate {
        typealias F = BoaviztaComponentFactors
        typealias R = EmbodiedImpactRange
        var parts: [(component: String, quantity: Double, basis: String, range: R)] = []
        var notes: [String] = []

        let sockets = max(1, host.sockets ?? 1)
        let socketSource = host.sockets == nil ? "assumed 1: the inventory gives no socket count" : "inventory"
        let (cores, coreSource) = coresPerSocket(host, sockets: sockets)
        let die = BoaviztaCPUDieArea.areaMm2(cores: cores)
        func cpu(_ mm2: Double) -> Impacts { (F.cpuDiePerMm2 * mm2 + F.cpuBase) * Double(sockets) }
        parts.append(("cpu", Double(sockets),
                      "\(sockets) socket(s) (\(socketSource)), \(cores) cores per socket (\(coreSource)), die "
                        + "\(fixed(die.mm2, 0)) mm² per socket (\(die.basis); range \(fixed(die.minMm2, 0))–"
                        + "\(fixed(die.maxMm2, 0)) mm²)",
                      R(value: cpu(die.mm2), min: cpu(die.minMm2), max: cpu(die.maxMm2))))

        if host.memoryBytes > 0 {
            let gib = Double(host.memoryBytes) / 1_073_741_824
            let modules = max(1, (gib / F.ramModuleGB).rounded(.up))
            let dieCm2 = gib / F.ramDensityGBPerCm2
            func ram(_ density: Double) -> Impacts { F.ramDiePerCm2 * (gib / density) + F.ramBase * modules }
            parts.append(("ram", modules,
                          "\(fixed(gib, 1)) GiB (MemTotal, inventory) in \(Int(modules)) module(s) of ≤ \(Int(F.ramModuleGB)) GB "
                            + "(\(F.version) default module), die \(fixed(gib, 1)) ÷ \(fixed(F.ramDensityGBPerCm2, 4)) GB/cm² = "
                            + "\(fixed(dieCm2, 1)) cm² (\(F.version) default density: mean of ram_manufacture.csv, "
                            + "range \(F.ramDensityMinGBPerCm2)–\(F.ramDensityMaxGBPerCm2) GB/cm²)",
                          R(value: ram(F.ramDensityGBPerCm2), min: ram(F.ramDensityMaxGBPerCm2),
                            max: ram(F.ramDensityMinGBPerCm2))))
        } else {
            notes.append("memory size unknown: RAM left out of embodied PE and ADPe")
        }

        let devices = host.pciDevices ?? []
        let nvme = devices.filter { $0.kind == .nvme }.count
        if nvme > 0 {
            let dieCm2 = F.ssdDefaultCapacityGB / F.ssdDensityGBPerCm2
            func ssd(_ gb: Double, _ density: Double) -> Impacts { (F.ssdDiePerCm2 * (gb / density) + F.ssdBase) * Double(nvme) }
            parts.append(("ssd", Double(nvme),
                          "\(nvme) NVMe controller(s) (inventory, PCI class 0x0108), \(Int(F.ssdDefaultCapacityGB)) GB each "
                            + "(\(F.version) default capacity), die \(Int(F.ssdDefaultCapacityGB)) ÷ "
                            + "\(fixed(F.ssdDensityGBPerCm2, 3)) GB/cm² (\(F.version) default density: mean of "
                            + "ssd_manufacture.csv) = \(fixed(dieCm2, 2)) cm² each; range \(Int(F.ssdCapacityMinGB))–"
                            + "\(Int(F.ssdCapacityMaxGB)) GB at \(F.ssdDensityMaxGBPerCm2)–\(F.ssdDensityMinGBPerCm2) GB/cm²",
                          R(value: ssd(F.ssdDefaultCapacityGB, F.ssdDensityGBPerCm2),
                            min: ssd(F.ssdCapacityMinGB, F.ssdDensityMaxGBPerCm2),
                            max: ssd(F.ssdCapacityMaxGB, F.ssdDensityMinGBPerCm2))))
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
                          R.fixed(card.impacts * Double(gpus))))
        }
        let accelerators = devices.filter { $0.kind == .accelerator }.count
        if accelerators > 0 {
            notes.append("\(accelerators) accelerator(s) (not GPUs) left out of embodied PE and ADPe: BoaviztAPI has no model for them")
        }

        func psu(_ unitKg: Double) -> Impacts { F.powerSupplyPerKg * (Double(F.powerSupplyUnits) * unitKg) }
        parts.append(("power_supply", Double(F.powerSupplyUnits),
                      "\(F.powerSupplyUnits) units × \(F.powerSupplyUnitKg) kg (\(F.version) default power supply, range "
                        + "\(F.powerSupplyUnitMinKg)–\(F.powerSupplyUnitMaxKg) kg; not in the inventory)",
                      R(value: psu(F.powerSupplyUnitKg), min: psu(F.powerSupplyUnitMinKg), max: psu(F.powerSupplyUnitMaxKg))))
        parts.append(("case", 1, "1 rack enclosure (\(F.version) default case type; range between rack and blade)",
                      R.between(F.rackCase, F.bladeCase, value: F.rackCase)))
        parts.append(("motherboard", 1, "1 (\(F.version) constant per server)", R.fixed(F.motherboard)))
        parts.append(("assembly", 1, "1 (\(F.version) constant per server)", R.fixed(F.assembly)))

        let totalRange = parts.reduce(R.zero) { $0 + $1.range }
        let total = totalRange.value
        func provenance(_ value: (Impacts) -> Double, unit: String, format: (Double) -> String) -> String {
            "assumed: Boavizta component defaults (\(F.version)) from the inventory: "
                + parts.map { "\($0.component) \(format(value($0.range.value)))" }.joined(separator: " + ")
                + " = \(format(value(total))) \(unit); source: \(F.source); basis per component in impacts.embodied.components"
        }
        return Estimate(
            components: parts.map {
                ReportImpacts.Component(component: $0.component, quantity: $0.quantity, basis: $0.basis, range: $0.range)
            },
            total: total,
            impactsByComponent: Dictionary(parts.map { ($0.component, $0.range.value) }, uniquingKeysWith: +),
            rangeByComponent: Dictionary(parts.map { ($0.component, $0.range) }, uniquingKeysWith: +),
            totalRange: totalRange,
            primaryEnergyProvenance: provenance(\.primaryEnergyMJ, unit: "MJ") { fixed($0, 1) },
            adpeProvenance: provenance(\.adpeKgSbEq, unit: "kg Sb eq") { String(format: "%.4g", $0) },
            notes: notes)
    }

    /// Cores per socket: the inventory's, else logical CPUs per socket (threads counted as
    /// cores), else Boavizta's default.
    package static func coresPerSocket(_ host: ReportHost, sockets: Int) -> (Int, String) {
        if let cores = host.coresPerSocket, cores > 0 { return (cores, "inventory") }
        if host.logicalCpus > 0 {
            return (max(1, host.logicalCpus / sockets), "assumed: logical CPUs ÷ sockets, threads counted as cores")
        }
        return (BoaviztaComponentFactors.cpuDefaultCores, "assumed: \(BoaviztaComponentFactors.version) default")
    }

    package static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
