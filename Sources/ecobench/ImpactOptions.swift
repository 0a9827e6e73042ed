import ArgumentParser
import EcobenchCore
import Foundation

/// How energy becomes SCI and impacts: PUE, embodied emissions, lifetime, reserved share,
/// time-resolved grid intensity, idle policy. Shared by `run` and `report`.
struct ImpactOptions: ParsableArguments {
    @Option(help: "Power usage effectiveness of the data centre (≥ 1; default 1.0 = facility outside the boundary).")
    var pue: Double?

    @Option(name: .customLong("embodied-kgco2e"),
            help: "Total embodied emissions of the host, kg CO2e (default: from the inventory, Cloud Carbon Footprint coefficients).")
    var embodiedKgCO2e: Double?

    @Option(help: "Expected lifespan of the hardware, years (default 4).")
    var lifetimeYears: Double?

    @Option(help: "Share of the host reserved for the workload, 0…1 (default 1: the whole machine).")
    var reservedShare: Double?

    @Option(help: "Grid intensity over time: CSV `timestamp,g_per_kwh` or Electricity Maps carbon-intensity/history JSON.")
    var gridIntensityFile: String?

    @Flag(help: "When the --grid-intensity-file does not cover the run's dates, use the constant intensity (flagged) instead of failing.")
    var gridIntensityFallback = false

    @Option(help: "Impact categories: co2e (default) or all (adds primary energy, abiotic depletion, water).")
    var impacts: String = "co2e"

    @Option(help: "Who carries idle energy: none (default), reserved, proportional.")
    var idlePolicy: String?

    func validate() throws {
        if let pue, !(pue >= 1 && pue.isFinite) {
            throw ValidationError("--pue must be ≥ 1 (a data centre cannot use less energy than its IT), got \(pue)")
        }
        if let embodiedKgCO2e, !(embodiedKgCO2e >= 0 && embodiedKgCO2e.isFinite) {
            throw ValidationError("--embodied-kgco2e must be ≥ 0 kg, got \(embodiedKgCO2e)")
        }
        if let lifetimeYears, !(lifetimeYears > 0 && lifetimeYears.isFinite) {
            throw ValidationError("--lifetime-years must be > 0, got \(lifetimeYears)")
        }
        if let reservedShare, !(0...1).contains(reservedShare) {
            throw ValidationError("--reserved-share must be between 0 and 1, got \(reservedShare)")
        }
        guard ["co2e", "all"].contains(impacts) else { throw ValidationError("--impacts must be co2e or all, got \(impacts)") }
        if let idlePolicy, IdlePolicy(rawValue: idlePolicy) == nil {
            throw ValidationError("--idle-policy must be one of "
                                  + IdlePolicy.allCases.map(\.rawValue).joined(separator: ", ") + ", got \(idlePolicy)")
        }
        if let gridIntensityFile {
            do { _ = try GridIntensitySeries.load(path: gridIntensityFile) } catch { throw ValidationError("\(error)") }
        }
    }

    /// Before a run: a series that cannot cover a run starting now is refused up front (the report
    /// checks the run's whole period again), unless the fallback was asked for.
    func checkGridSeriesCoversNow() throws {
        guard let gridIntensityFile, !gridIntensityFallback else { return }
        let now = Date().timeIntervalSince1970
        let series: GridIntensitySeries
        do { series = try GridIntensitySeries.load(path: gridIntensityFile) } catch { throw CLIError("\(error)") }
        do { try series.checkCoverage(startUnixSeconds: now, endUnixSeconds: now) } catch let error as GridIntensityError {
            throw CLIError("\(error.file): \(error.field.map { $0 + ": " } ?? "")does not cover the run, which would start "
                           + "now (\(series.iso(now))): \(error.message); give a series for the run's dates, or "
                           + "--grid-intensity-fallback to use the constant intensity")
        }
    }

    var parsedIdlePolicy: IdlePolicy? { idlePolicy.flatMap(IdlePolicy.init(rawValue:)) }

    /// True when any option was given (so `report` only overrides what the user asked for).
    var isSet: Bool {
        pue != nil || embodiedKgCO2e != nil || lifetimeYears != nil || reservedShare != nil
            || gridIntensityFile != nil || gridIntensityFallback || impacts != "co2e"
    }

    /// The settings, starting from `base` (a stored run's, or the defaults).
    func settings(base: ImpactSettings = ImpactSettings()) throws -> ImpactSettings {
        var s = base
        if let pue { s.pue = pue; s.pueProvenance = "user-supplied: --pue \(pue)" }
        if let embodiedKgCO2e {
            s.embodiedKgCO2e = embodiedKgCO2e
            s.embodiedProvenance = "user-supplied: --embodied-kgco2e \(embodiedKgCO2e)"
        }
        if let lifetimeYears { s.lifetimeYears = lifetimeYears; s.lifetimeProvenance = "user-supplied: --lifetime-years \(lifetimeYears)" }
        if let reservedShare {
            s.reservedShare = reservedShare
            s.reservedShareProvenance = "user-supplied: --reserved-share \(reservedShare)"
        }
        if let gridIntensityFile {
            do { s.gridSeries = try GridIntensitySeries.load(path: gridIntensityFile) } catch { throw CLIError("\(error)") }
        }
        if gridIntensityFallback { s.gridSeriesFallback = true }
        if impacts == "all" { s.allImpacts = true }
        return s
    }
}
