import EcobenchCollect

/// The device the ECO:DIGIT model prices the software's digital work with: every input with its
/// unit, basis (measured or assumed) and source. Built by `resolve` from a device file, the run's
/// inventory (`ReportHost`) and the reference's defaults, in that order of preference, except
/// that memory capacity comes from the inventory unless the file gives it.
public struct EcoDigitDevice: Codable, Sendable {
    public var name: String
    public var lifetimeYears: EcoDigitValue
    public var averageLoad: EcoDigitPerResource<EcoDigitValue>
    public var capacity: EcoDigitPerResource<EcoDigitValue>
    /// P_brutto_average per resource: the mean power the reference prices work with (W).
    public var powerW: EcoDigitPerResource<EcoDigitValue>
    public var embedded: EcoDigitPerCategory<EcoDigitEmbedded>
    public var emissionFactorsPerKwh: EcoDigitPerCategory<EcoDigitValue>
    public var normalisationFactors: EcoDigitPerCategory<EcoDigitValue>
    public var weights: EcoDigitPerCategory<EcoDigitValue>

    public static func resolve(_ spec: EcoDigitDeviceSpec?, host: ReportHost) -> EcoDigitDevice {
        let file = spec?.file
        func given(_ field: String) -> String {
            "given in \(file ?? "the device file") (\(field))" + (spec?.source.map { "; \($0)" } ?? "")
        }
        func pick(_ value: Double?, _ field: String, _ fallback: Double?, _ defaultSource: String, unit: String) -> EcoDigitValue {
            if let value { return EcoDigitValue(value, unit: unit, basis: .assumed, source: given(field)) }
            return EcoDigitValue(fallback ?? 0, unit: unit, basis: .assumed, source: "default: " + defaultSource)
        }
        let lifetime = pick(spec?.lifetimeYears, "lifetime_years", EcoDigitDefaults.lifetimeYears,
                            EcoDigitDefaults.sampleDevice, unit: "years")
        let averageLoad = EcoDigitPerResource { r in
            pick(spec?.averageLoad[r], "average_load.\(r.rawValue)", EcoDigitDefaults.averageLoad[r],
                 EcoDigitDefaults.sampleDevice, unit: "fraction")
        }
        let capacity = EcoDigitPerResource { r -> EcoDigitValue in
            if r == .memorize, spec?.capacity[r] == nil, host.memoryBytes > 0 {
                return EcoDigitValue(Double(host.memoryBytes) / 1e9, unit: r.capacityUnit, basis: .measured,
                                     source: "ecobench inventory: the host's memory (report host.memory_bytes ÷ 10⁹)")
            }
            return pick(spec?.capacity[r], "capacity.\(r.rawValue)", EcoDigitDefaults.capacity[r],
                        EcoDigitDefaults.sampleDevice, unit: r.capacityUnit)
        }
        return EcoDigitDevice(
            name: spec?.name ?? (spec == nil ? "reference sample device (HPE ProLiant DL360 Gen9)" : host.hostname),
            lifetimeYears: lifetime, averageLoad: averageLoad, capacity: capacity,
            powerW: Self.power(spec, averageComputeLoad: averageLoad.compute.value, given: given),
            embedded: EcoDigitPerCategory { c in
                if let split = spec?.embedded[c] {
                    return EcoDigitEmbedded(perResource: EcoDigitPerResource { split[$0] ?? 0 }, unit: c.unit,
                                            basis: .assumed, source: given("embedded.\(c.rawValue)"))
                }
                return EcoDigitEmbedded(perResource: EcoDigitPerResource { EcoDigitDefaults.embedded[c]?[$0] ?? 0 },
                                        unit: c.unit, basis: .assumed, source: "default: " + EcoDigitDefaults.sampleDevice)
            },
            emissionFactorsPerKwh: EcoDigitPerCategory { c in
                pick(spec?.emissionFactorsPerKwh[c], "factors.per_kwh.\(c.rawValue)", EcoDigitDefaults.emissionFactorsPerKwh[c],
                     EcoDigitDefaults.config + " emission_factors", unit: c.unit + "/kWh")
            },
            normalisationFactors: EcoDigitPerCategory { c in
                pick(spec?.normalisationFactors[c], "factors.normalisation.\(c.rawValue)", EcoDigitDefaults.normalisationFactors[c],
                     EcoDigitDefaults.config + " normalization_emission_factors", unit: c.unit + " per person and year")
            },
            weights: EcoDigitPerCategory { c in
                pick(spec?.weights[c], "factors.weights.\(c.rawValue)", EcoDigitDefaults.weights[c],
                     EcoDigitDefaults.config + " pef_weights", unit: "fraction")
            })
    }

    /// Per-resource watts: as given (or defaulted) when no total is known; else the total
    /// (the file's `power.total_w`, or the calibrated profile's power at the average compute
    /// load) split by the given watts' shares, as the reference's `power_profile_per_hardware` does.
    static func power(_ spec: EcoDigitDeviceSpec?, averageComputeLoad: Double,
                      given: (String) -> String) -> EcoDigitPerResource<EcoDigitValue> {
        let fromFile = spec.map { !$0.powerW.isEmpty } ?? false
        let shares = EcoDigitPerResource { r in (fromFile ? spec?.powerW[r] : EcoDigitDefaults.powerW[r]) ?? 0 }
        let sharesSource = fromFile ? given("power") : "default: " + EcoDigitDefaults.sampleDevice + " power_profile avg"
        let total: (watts: Double, basis: EcoDigitValue.Basis, source: String)?
        if let watts = spec?.totalPowerW {
            total = (watts, .assumed, given("power.total_w"))
        } else if let profile = spec?.calibratedProfile {
            let watts = CPUPowerModel(profile: profile, path: spec?.calibratedProfilePath ?? "").powerWatts(utilisation: averageComputeLoad)
            total = (watts, profile.meter.kind == .measured ? .measured : .assumed,
                     "calibrated power profile \(spec?.calibratedProfilePath ?? "") (\(profile.meter.kind.rawValue): \(profile.meter.method)) "
                     + "at the average compute load \(averageComputeLoad)")
        } else {
            total = nil
        }
        guard let total, shares.sum > 0 else {
            return EcoDigitPerResource { EcoDigitValue(shares[$0], unit: "W", basis: .assumed, source: sharesSource) }
        }
        return EcoDigitPerResource { r in
            EcoDigitValue(total.watts * shares[r] / shares.sum, unit: "W", basis: total.basis,
                          source: total.source + "; split by the shares of " + sharesSource)
        }
    }
}
