import EcobenchCollect

/// The inputs of SCI and the other impact categories, each with its provenance, stored with
/// the run so a report can be regenerated (and overridden by `ecobench report`).
public struct ImpactSettings: Codable, Sendable, Equatable {
    /// Power usage effectiveness of the data centre (≥ 1); 1.0 leaves the facility out.
    public var pue: Double = 1.0
    public var pueProvenance: String = "assumed: 1.0 (data centre outside the boundary)"
    /// Total embodied emissions of the host (TE, kg CO2e) and where the figure comes from.
    public var embodiedKgCO2e: Double?
    public var embodiedProvenance: String = "not set"
    /// Expected lifespan (EL) of the hardware, years.
    public var lifetimeYears: Double = 4
    public var lifetimeProvenance: String = "assumed: 4 years (SCI example; Cloud Carbon Footprint rack server lifespan)"
    /// Share of the host reserved for the workload (RR/ToR, 0…1).
    public var reservedShare: Double = 1
    public var reservedShareProvenance: String = "assumed: 1 (the whole machine is reserved for the test)"
    /// Time-resolved grid intensity, when a file was given; else the constant `carbon` value.
    public var gridSeries: GridIntensitySeries?
    /// When the series does not cover the run: true uses the constant intensity with a flag
    /// (`--grid-intensity-fallback`); otherwise (nil/false) the report fails naming file and period.
    public var gridSeriesFallback: Bool?
    /// Also report primary energy, abiotic depletion and water (`--impacts all`).
    public var allImpacts = false

    public init() {}
}

/// Cloud Carbon Footprint's manufacturing-emissions coefficients (ccf-coefficients
/// `constants.py`, after the Dell PowerEdge R740 life-cycle assessment): a commodity rack server
/// with one socket, ≤ 16 GB DRAM and no local storage is 1000 kg CO2e; each further CPU 100 kg,
/// each GB of DRAM above 16 GB 533/384 kg, each SSD 100 kg, each GPU 150 kg.
public enum EmbodiedDefaults {
    public static let baseServerKg = 1000.0
    public static let perExtraCPUKg = 100.0
    public static let dramThresholdGB = 16.0
    public static let perDRAMGBKg = 533.0 / 384.0
    public static let perSSDKg = 100.0
    public static let perGPUKg = 150.0
    public static let source = "Cloud Carbon Footprint coefficients (constants.py, after the Dell R740 LCA)"

    /// TE from the inventory, with the arithmetic spelled out as provenance.
    public static func estimate(host: ReportHost) -> (kg: Double, provenance: String) {
        let sockets = max(1, host.sockets ?? 1)
        let memoryGB = Double(host.memoryBytes) / 1e9
        let devices = host.pciDevices ?? []
        let ssds = devices.filter { $0.kind == .nvme }.count
        let gpus = devices.filter { $0.kind == .gpu || $0.kind == .accelerator }.count
        let dramKg = max(0, memoryGB - dramThresholdGB) * perDRAMGBKg
        let kg = baseServerKg + Double(sockets - 1) * perExtraCPUKg + dramKg + Double(ssds) * perSSDKg
            + Double(gpus) * perGPUKg
        let text = String(format: "assumed: %.0f kg base + %d extra CPU × %.0f + %.1f GB DRAM above %.0f GB × %.3f + %d SSD × %.0f + %d GPU × %.0f = %.1f kg (%@)",
                          baseServerKg, sockets - 1, perExtraCPUKg, max(0, memoryGB - dramThresholdGB),
                          dramThresholdGB, perDRAMGBKg, ssds, perSSDKg, gpus, perGPUKg, kg, source)
        return (kg, text)
    }
}
