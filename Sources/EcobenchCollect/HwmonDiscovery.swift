/// What libsensors finds: every power, energy, voltage, current, temperature and fan value,
/// V×I pairs (`HwmonPairing`), the probe that samples them, and notes on what was left out.
public struct HwmonDiscovery: Sendable {
    /// Direct readings of every chip, then the V×I pairs.
    public var readings: [HwmonReading]
    /// Empty when libsensors finds nothing usable (the `notes` say why), else one probe.
    public var probes: [HwmonProbe]
    /// Human-readable reasons: libsensors unavailable, no chips, unreadable features.
    public var notes: [String]

    /// Opens libsensors with `configPath` (nil: `/etc/sensors3.conf` and `/etc/sensors.d/`),
    /// reads every chip and builds the probe. Never throws: failures become notes.
    /// `now` is the monotonic clock in seconds the probe integrates power over.
    public static func discover(configPath: String? = nil,
                                now: @escaping @Sendable () -> Double = HwmonProbe.monotonicSeconds)
        -> HwmonDiscovery {
        let library: SensorsLibrary
        do {
            library = try SensorsLibrary(configPath: configPath)
        } catch {
            return HwmonDiscovery(readings: [], probes: [], notes: ["hwmon: \(error)"])
        }
        var (readings, notes) = read(library)
        readings += HwmonPairing.voltageCurrentPairs(readings)
        if library.chips.isEmpty {
            notes.append("hwmon: libsensors found no chips (no /sys/class/hwmon entries, as in most VMs)")
            return HwmonDiscovery(readings: readings, probes: [], notes: notes)
        }
        let probe = HwmonProbe(library: library, readings: readings, now: now)
        if probe.channels.isEmpty {
            notes.append("hwmon: \(library.chips.count) chip(s) but no power, energy, temperature or fan feature")
            return HwmonDiscovery(readings: readings, probes: [], notes: notes)
        }
        return HwmonDiscovery(readings: readings, probes: [probe], notes: notes)
    }

    /// One reading per power, energy, voltage, current, temperature and fan feature of every
    /// chip, read now. Power prefers `power*_average` over `power*_input`.
    public static func read(_ library: SensorsLibrary) -> (readings: [HwmonReading], notes: [String]) {
        var readings: [HwmonReading] = []
        var notes: [String] = []
        for chip in library.chips {
            for feature in chip.features {
                guard let quantity = quantity(of: feature.type) else { continue }
                let preferred = quantity == .power
                    ? feature.subfeature(.average) ?? feature.subfeature(.input)
                    : feature.subfeature(.input)
                guard let sub = preferred else { continue }
                do {
                    let value = try library.value(chip: chip.index, subfeature: sub.number)
                    readings.append(HwmonReading(
                        chip: chip.name, label: feature.label, quantity: quantity, value: value,
                        features: [feature.name], subfeatures: [sub.name],
                        paths: [chip.location(of: sub)], hasExplicitLabel: feature.hasExplicitLabel,
                        chipIndex: chip.index, subfeatureNumbers: [sub.number]))
                } catch {
                    notes.append("hwmon: skipped \(chip.name)/\(sub.name): \(error)")
                }
            }
        }
        return (readings, notes)
    }

    private static func quantity(of type: SensorsChip.FeatureType) -> HwmonReading.Quantity? {
        switch type {
        case .energy: return .energy
        case .power: return .power
        case .voltage: return .voltage
        case .current: return .current
        case .temperature: return .temperature
        case .fan: return .fan
        case .humidity, .other: return nil
        }
    }
}
