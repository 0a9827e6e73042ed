import Foundation

/// Every source's current value for `ecobench sensors`, from the probes a run would use.
///
/// - Counters (RAPL, hwmon energy, the CPU estimate, CPU time, bytes): the probe is read twice,
///   `windowSeconds` apart, and the rate is Δ/Δt (J → W), through the probe's own counter
///   arithmetic (RAPL wraps: `EnergyCounter`); an estimate's rate stays labelled estimated.
/// - RAPL zones: the counter's total, `energy_uj` ÷ 10⁶ J, read at the window's end.
/// - hwmon: every libsensors reading as discovery read it (W, J, V, A, °C, rpm; V×I pairs in W).
/// - Polled meters (Redfish, IPMI) are not rated over a window shorter than their refresh
///   (≈ 1 s): their own readings are shown, the BMC's values at discovery and the latest IPMI
///   DCMI power.
public enum LiveReadings {
    public static func read(probes: [any Probe], raplZones: [RAPLZone], windowSeconds: Double) -> [LiveReading] {
        let first = probes.map(snapshot)
        MonotonicClock.sleep(untilNanoseconds: MonotonicClock.nowNanoseconds() + Int64(windowSeconds * 1e9))
        let second = probes.map(snapshot)
        var rows: [LiveReading] = []
        for (index, probe) in probes.enumerated() {
            switch probe {
            case let redfish as RedfishProbe: rows += redfishRows(redfish)
            case let ipmi as IPMIProbe: rows += ipmiRows(ipmi)
            default:
                rows += rateRows(probe, first[index], second[index], gauges: !(probe is HwmonProbe))
                if let hwmon = probe as? HwmonProbe { rows += hwmon.readings.map(row) }
            }
        }
        rows += raplZones.map(totalRow)
        return rows
    }

    /// One read of every channel of a probe, stamped with the middle of the read (monotonic, s):
    /// a reading belongs to the time it was taken, not to the window's start.
    struct Snapshot {
        var values: Result<[Double], Error>
        var seconds: Double
    }

    static func snapshot(_ probe: any Probe) -> Snapshot {
        var values = [Double](repeating: .nan, count: probe.channels.count)
        let before = MonotonicClock.nowNanoseconds()
        let result: Result<[Double], Error>
        do {
            try values.withUnsafeMutableBufferPointer { try probe.read(into: $0) }
            result = .success(values)
        } catch {
            result = .failure(error)
        }
        let after = MonotonicClock.nowNanoseconds()
        return Snapshot(values: result, seconds: Double(before / 2 + after / 2) / 1e9)
    }

    /// Δ/Δt of each counter channel; gauges' latest value (hwmon's come from its readings).
    static func rateRows(_ probe: any Probe, _ first: Snapshot, _ second: Snapshot, gauges: Bool) -> [LiveReading] {
        let seconds = second.seconds - first.seconds
        var rows: [LiveReading] = []
        for (index, channel) in probe.channels.enumerated() {
            let basis: String
            var row: LiveReading
            if channel.semantics == .counter {
                basis = String(format: "Δ/Δt over %.3f s", seconds)
                let energy = channel.unit == "J"
                row = LiveReading(source: channel.name, quantity: energy ? .power : .rate, value: nil,
                                  unit: energy ? "W" : channel.unit + "/s", kind: channel.kind,
                                  basis: channel.model.map { basis + "; " + $0 } ?? basis, path: channel.path)
            } else {
                guard gauges else { continue }
                row = LiveReading(source: channel.name, quantity: quantity(ofUnit: channel.unit), value: nil,
                                  unit: channel.unit, kind: channel.kind, basis: "read now", path: channel.path)
            }
            switch (first.values, second.values) {
            case (.success(let a), .success(let b)):
                let value = channel.semantics == .counter ? (b[index] - a[index]) / seconds : b[index]
                if value.isFinite { row.value = value } else { row.error = "no reading in the window (a gap)" }
            case (.failure(let error), _), (_, .failure(let error)):
                row.error = "\(error)"
            }
            rows.append(row)
        }
        return rows
    }

    static func quantity(ofUnit unit: String) -> LiveReading.Quantity {
        switch unit {
        case "W": return .power
        case "J": return .energy
        case "Cel": return .temperature
        case "rpm": return .fan
        case "V": return .voltage
        case "A": return .current
        default: return .level
        }
    }

    /// A hwmon reading as libsensors gave it at discovery.
    static func row(_ reading: HwmonReading) -> LiveReading {
        LiveReading(source: "hwmon.\(HwmonChannel.sanitised(reading.chip)).\(HwmonChannel.sanitised(reading.label))",
                    quantity: reading.quantity == .powerFromVoltageCurrent ? .power : quantity(ofUnit: reading.unit),
                    value: reading.value, unit: reading.unit,
                    basis: "libsensors " + reading.subfeatures.joined(separator: " × "),
                    path: reading.paths.joined(separator: " × "))
    }

    /// A RAPL zone's counter total, J.
    static func totalRow(_ zone: RAPLZone) -> LiveReading {
        var row = LiveReading(source: zone.channelName, quantity: .energy, value: nil, unit: "J",
                              basis: "energy_uj ÷ 10⁶ (wraps at \(zone.maxEnergyRangeMicrojoules) µJ)",
                              path: zone.energyPath)
        do { row.value = Double(try SysfsFile.readInt64(path: zone.energyPath)) / 1e6 } catch { row.error = "\(error)" }
        return row
    }

    /// Every power or energy value the BMC offered, as it gave it at discovery.
    static func redfishRows(_ probe: RedfishProbe) -> [LiveReading] {
        probe.discovery.readings.map { reading in
            LiveReading(source: "redfish.\(probe.client.hostLabel).\(reading.chassisID).\(reading.propertyName)",
                        quantity: reading.unit == .watts ? .power : .energy, value: reading.discoveredValue,
                        unit: reading.unit.rawValue, basis: "the BMC's reading at discovery (\(reading.what.rawValue))",
                        path: reading.resourceURI + "#" + reading.jsonPointer,
                        error: reading.discoveredValue == nil ? "null or absent on the BMC" : nil)
        }
    }

    /// The latest DCMI power reading.
    static func ipmiRows(_ probe: IPMIProbe) -> [LiveReading] {
        let latest = probe.latestReading
        return [LiveReading(source: "ipmi.dcmi.power", quantity: .power, value: latest?.instantaneousWatts, unit: "W",
                            basis: "DCMI instantaneous power, latest poll", path: probe.command.joined(separator: " "),
                            error: latest == nil ? (probe.lastError ?? "no reading yet") : nil)]
    }
}
