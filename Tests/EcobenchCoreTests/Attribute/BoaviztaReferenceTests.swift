import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// ecobench's embodied figures against BoaviztAPI 2.5.0 itself, run on the same inputs with its
/// own defaults (`testdata/boavizta/reference.json`, written by `Tests/tools/boavizta_reference.py`
/// from `pip install boaviztapi==2.5.0`): each component within 1 %, the total within 5 %.
@Suite struct BoaviztaReferenceTests {
    struct Reference: Decodable {
        var version: String
        var configurations: [Configuration]
        var cpuDieArea: DieArea

        enum CodingKeys: String, CodingKey { case version, configurations, cpuDieArea = "cpu_die_area" }
    }

    struct DieArea: Decodable {
        var mean: [String: Double]
        var min: [String: Double]
        var max: [String: Double]

        enum CodingKeys: String, CodingKey {
            case mean = "mean_total_die_size_mm2_by_cores", min = "min_total_die_size_mm2_by_cores"
            case max = "max_total_die_size_mm2_by_cores"
        }
    }

    struct Configuration: Decodable {
        var name: String
        var inputs: Inputs
        var components: [String: Component]
        var total: Figures
        var totalMin: Figures
        var totalMax: Figures

        enum CodingKeys: String, CodingKey {
            case name, inputs, components, total, totalMin = "total_min", totalMax = "total_max"
        }
    }

    struct Inputs: Decodable {
        var sockets: Int
        var coresPerSocket: Int
        var memoryGb: Double
        var nvmeSsds: Int
        var gpus: Int

        enum CodingKeys: String, CodingKey {
            case sockets, gpus, coresPerSocket = "cores_per_socket", memoryGb = "memory_gb", nvmeSsds = "nvme_ssds"
        }
    }

    /// BoaviztAPI's value, and the min and max it states beside it.
    struct Component: Decodable {
        var impacts: Figures
        var min: Figures
        var max: Figures
    }

    struct Figures: Decodable {
        var gwpKgCo2e: Double
        var primaryEnergyMj: Double
        var adpeKgSbEq: Double

        enum CodingKeys: String, CodingKey {
            case gwpKgCo2e = "gwp_kg_co2e", primaryEnergyMj = "primary_energy_mj", adpeKgSbEq = "adpe_kg_sb_eq"
        }
    }

    static func load() throws -> Reference {
        let decoder = JSONDecoder()
        return try decoder.decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("boavizta/reference.json"))))
    }

    /// The host ecobench's inventory would give for a configuration: memory in GiB (BoaviztAPI's
    /// "GB" of a module), one PCI function per NVMe drive and per GPU.
    static func host(_ inputs: Inputs) -> ReportHost {
        var host = ReportHost(hostname: "h", cpuModel: "X", logicalCpus: inputs.sockets * inputs.coresPerSocket * 2,
                              sockets: inputs.sockets, memoryBytes: Int64(inputs.memoryGb) << 30, kernel: "k", os: "o")
        host.coresPerSocket = inputs.coresPerSocket
        var devices: [PCIDevice] = []
        for n in 0..<inputs.nvmeSsds {
            devices.append(PCIDevice(slot: String(format: "0000:%02x:00.0", n + 1), vendorID: 0x144d, deviceID: 1,
                                     classID: 0x0108, vendorName: "Samsung", deviceName: "NVMe", className: "NVM"))
        }
        for n in 0..<inputs.gpus {
            devices.append(PCIDevice(slot: String(format: "0000:%02x:00.0", n + 0x41), vendorID: 0x10de, deviceID: 2,
                                     classID: 0x0302, vendorName: "NVIDIA", deviceName: "GPU", className: "3D"))
        }
        host.pciDevices = devices
        return host
    }

    static func relative(_ value: Double, _ reference: Double) -> Double { abs(value - reference) / abs(reference) }

    @Test func referenceIsBoaviztAPI250() throws {
        #expect(try Self.load().version == "2.5.0")
    }

    @Test func everyComponentWithinOnePercentAndTotalsWithinFive() throws {
        let reference = try Self.load()
        #expect(reference.configurations.count == 3)
        for configuration in reference.configurations {
            let estimate = EmbodiedComponentDefaults.estimate(host: Self.host(configuration.inputs))
            let ours = Dictionary(uniqueKeysWithValues: estimate.components.map { ($0.component, $0) })
            #expect(Set(ours.keys) == Set(configuration.components.keys), "\(configuration.name)")
            for (name, theirs) in configuration.components {
                let component = try #require(ours[name], "\(configuration.name): \(name)")
                let pe = Self.relative(component.primaryEnergyMj, theirs.impacts.primaryEnergyMj)
                let adpe = Self.relative(component.adpeKgSbEq, theirs.impacts.adpeKgSbEq)
                let gwp = Self.relative(estimate.impactsByComponent[name]?.gwpKgCO2e ?? .nan, theirs.impacts.gwpKgCo2e)
                #expect(pe < 0.01, "\(configuration.name) \(name) PE \(component.primaryEnergyMj) vs \(theirs.impacts.primaryEnergyMj)")
                #expect(adpe < 0.01, "\(configuration.name) \(name) ADPe \(component.adpeKgSbEq) vs \(theirs.impacts.adpeKgSbEq)")
                #expect(gwp < 0.01, "\(configuration.name) \(name) GWP vs \(theirs.impacts.gwpKgCo2e)")
            }
            #expect(Self.relative(estimate.total.primaryEnergyMJ, configuration.total.primaryEnergyMj) < 0.05)
            #expect(Self.relative(estimate.total.adpeKgSbEq, configuration.total.adpeKgSbEq) < 0.05)
            #expect(Self.relative(estimate.total.gwpKgCO2e, configuration.total.gwpKgCo2e) < 0.05)
        }
    }

    /// BoaviztAPI's own min and max (from the ranges of the defaults it fills in; what the
    /// configuration gives is fixed): each component's within 1 % in every category, the totals'
    /// (sums over the components) within 5 %.
    @Test func everyComponentsMinAndMaxWithinOnePercentAndTotalsWithinFive() throws {
        let reference = try Self.load()
        for configuration in reference.configurations {
            let estimate = EmbodiedComponentDefaults.estimate(host: Self.host(configuration.inputs))
            for (name, theirs) in configuration.components {
                let ours = try #require(estimate.rangeByComponent[name], "\(configuration.name): \(name)")
                for (bound, mine, reference) in [("min", ours.min, theirs.min), ("max", ours.max, theirs.max)] {
                    let label = "\(configuration.name) \(name) \(bound)"
                    #expect(Self.relative(mine.gwpKgCO2e, reference.gwpKgCo2e) < 0.01, "\(label) GWP \(mine.gwpKgCO2e) vs \(reference.gwpKgCo2e)")
                    #expect(Self.relative(mine.primaryEnergyMJ, reference.primaryEnergyMj) < 0.01, "\(label) PE")
                    #expect(Self.relative(mine.adpeKgSbEq, reference.adpeKgSbEq) < 0.01, "\(label) ADPe")
                }
            }
            for (bound, mine, reference) in [("min", estimate.totalRange.min, configuration.totalMin),
                                             ("max", estimate.totalRange.max, configuration.totalMax)] {
                let label = "\(configuration.name) total \(bound)"
                #expect(Self.relative(mine.gwpKgCO2e, reference.gwpKgCo2e) < 0.05, "\(label) GWP")
                #expect(Self.relative(mine.primaryEnergyMJ, reference.primaryEnergyMj) < 0.05, "\(label) PE")
                #expect(Self.relative(mine.adpeKgSbEq, reference.adpeKgSbEq) < 0.05, "\(label) ADPe")
            }
        }
    }

    /// The die-area tables are BoaviztAPI 2.5.0's dataset: per core count the mean (which
    /// BoaviztAPI rounds to 3 significant figures), the smallest and the largest die.
    @Test func dieAreaTablesAreTheDatasets() throws {
        let table = try Self.load().cpuDieArea
        #expect(Set(table.mean.keys.compactMap { Int($0) }) == Set(BoaviztaCPUDieArea.meanMm2ByCores.keys))
        for (key, mean) in table.mean {
            let cores = try #require(Int(key))
            let ours = try #require(BoaviztaCPUDieArea.meanMm2ByCores[cores])
            // 3 significant figures: within half a unit of the third figure, ≤ 0.5 %.
            #expect(abs(ours - mean) / mean <= 0.005, "\(cores) cores: mean \(ours) vs \(mean)")
            #expect(BoaviztaCPUDieArea.minMm2ByCores[cores] == table.min[key], "\(cores) cores: min")
            #expect(BoaviztaCPUDieArea.maxMm2ByCores[cores] == table.max[key], "\(cores) cores: max")
        }
    }

    /// Every default says which BoaviztAPI version it is from.
    @Test func everyDefaultCitesTheVersion() throws {
        let configuration = try #require(try Self.load().configurations.last)
        let estimate = EmbodiedComponentDefaults.estimate(host: Self.host(configuration.inputs))
        for component in estimate.components {
            #expect(component.basis.contains("BoaviztAPI 2.5.0"), "\(component.component): \(component.basis)")
        }
        #expect(estimate.primaryEnergyProvenance.contains("BoaviztAPI 2.5.0"))
    }
}
