import EcobenchModel
import EcobenchStore
import EcobenchAttribute

/// Builds the ECO:DIGIT section of a run: the loads come from the Blue Angel figures (one reading
/// of the node counters, `BlueAngelBuilder`), the measured energy from the report's attribution
/// (`ReportBuilder`/`StoredRunAttribution`): no second energy formula here.
public enum EcoDigitBuilder {
    public static func build(report: Report, store: RunStore, device spec: EcoDigitDeviceSpec?) throws -> EcoDigitReport {
        let device = EcoDigitDevice.resolve(spec, host: report.host)
        let blueAngel = try BlueAngelBuilder.build(report: report, store: store)
        var warnings = blueAngel.warnings.filter { !$0.hasPrefix("scenario ") }
        let loads = blueAngel.scenarios.first { $0.phase == .load }?.repetitions ?? []
        let baselines = blueAngel.scenarios.first { $0.phase == .baseline }?.repetitions ?? []
        var repetitions: [EcoDigitRepetition] = []
        for load in loads {
            let baseline = baselines.first { $0.repetition == load.repetition }
            if baseline == nil { warnings.append("repetition \(load.repetition): no baseline phase; idle load taken as 0") }
            let gross = grossLoad(load, device: device)
            let idle = baseline.map { grossLoad($0, device: device) } ?? EcoDigitPerResource { _ in 0 }
            let net = EcoDigitMethod.netLoad(gross: gross, idle: idle)
            let work = EcoDigitMethod.digitalWork(netLoad: net, device: device, seconds: load.durationS)
            let energy = EcoDigitMethod.energyJoules(digitalWork: work, device: device)
            let impacts = EcoDigitPerCategory {
                EcoDigitMethod.impact($0, energyJoules: energy.sum, digitalWork: work, device: device)
            }
            let measured = report.phases.filter { $0.name == .load && $0.repetition == load.repetition }
                .reduce(0) { $0 + $1.workloadEnergyJ }
            repetitions.append(EcoDigitRepetition(
                repetition: load.repetition, durationS: load.durationS, grossLoad: gross, idleLoad: idle, netLoad: net,
                digitalWork: work, modelledEnergyJ: energy, modelledEnergyTotalJ: energy.sum,
                measuredWorkloadEnergyJ: measured, measuredNetNodeEnergyJ: load.netEnergyWh.map { $0 * 3600 },
                modelledOverMeasured: measured > 0 ? energy.sum / measured : nil, impacts: impacts,
                score: EcoDigitCategory.allCases.reduce(0) { $0 + impacts[$1].pefWeighted },
                referenceScore: EcoDigitCategory.allCases.reduce(0) { $0 + impacts[$1].referenceNormalisedWeighted }))
        }
        if repetitions.isEmpty { warnings.append("no completed load phase: nothing to score") }
        if device.capacity.memorize.basis != .measured, spec?.capacity[.memorize] == nil {
            warnings.append("memory capacity is the reference's default, not this host's")
        }
        if let profile = spec?.calibratedProfile, let host = report.host.fingerprint, profile.fingerprint != host {
            warnings.append("the calibrated power profile was measured on other hardware (fingerprint \(profile.fingerprint.prefix(12))…, "
                            + "the run's host \(host.prefix(12))…)")
        }
        let measuredSum = repetitions.reduce(0) { $0 + $1.measuredWorkloadEnergyJ }
        let summary = EcoDigitSummary(
            modelledEnergyJ: SummaryStatistics(repetitions.map(\.modelledEnergyTotalJ)),
            measuredWorkloadEnergyJ: SummaryStatistics(repetitions.map(\.measuredWorkloadEnergyJ)),
            modelledOverMeasured: measuredSum > 0 ? repetitions.reduce(0) { $0 + $1.modelledEnergyTotalJ } / measuredSum : nil,
            score: SummaryStatistics(repetitions.map(\.score)),
            referenceScore: SummaryStatistics(repetitions.map(\.referenceScore)))
        return EcoDigitReport(
            generator: report.generator,
            run: .init(id: report.run.id, workload: report.run.workload, functionalUnit: report.run.functionalUnit,
                       repetitionsCompleted: report.run.repetitionsCompleted),
            device: device, measuredEnergyKind: report.nodeEnergy.kind, measuredEnergyMethod: report.nodeEnergy.method,
            measuredRelativeUncertainty: report.nodeEnergy.relativeUncertainty,
            repetitions: repetitions, summary: summary, warnings: warnings)
    }

    /// Gross load (0…1, capped at 1 as the reference does) of one phase per resource:
    /// compute = node CPU utilisation; memorize = mean used memory ÷ capacity; store = bytes
    /// written ÷ capacity (the change of the occupied share, which the reference reads from the
    /// guest's disk); transfer = bits sent and received ÷ (capacity × duration). A figure the
    /// run did not record counts 0 (the Blue Angel warnings name it).
    static func grossLoad(_ figures: BlueAngelFigures, device: EcoDigitDevice) -> EcoDigitPerResource<Double> {
        func share(_ amount: Double?, of capacity: Double) -> Double {
            guard let amount, capacity > 0 else { return 0 }
            return min(max(0, amount / capacity), 1)
        }
        let bits = ((figures.networkSentMegabytes ?? 0) + (figures.networkReceivedMegabytes ?? 0)) * 8
        return EcoDigitPerResource { r in
            switch r {
            case .compute: return share(figures.cpuUtilisationPercent, of: 100)
            case .memorize: return share(figures.memoryMeanMegabytes.map { $0 / 1000 }, of: device.capacity.memorize.value)
            case .store: return share(figures.storageWriteMegabytes.map { $0 / 1000 }, of: device.capacity.store.value)
            case .transfer: return share(bits, of: device.capacity.transfer.value * figures.durationS)
            }
        }
    }
}
