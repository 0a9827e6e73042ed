extension RackDensity {
    public struct Options: Sendable {
        public var rackUnits: [Double] = []
        public var rackPowerBudgetWatts: [Double] = []
        public var utilisation: Double = 0.5
        public var pricePerKwh: Double?
        public init() {}
    }

    /// Groups the reports by hardware fingerprint (first appearance order) and compares them.
    public static func build(_ reports: [Report], options: Options) throws -> RackDensity {
        guard let unit = reports.first?.run.functionalUnit else { throw ComparisonError.needTwoRuns }
        if let other = reports.first(where: { $0.run.functionalUnit != unit }), let first = reports.first {
            throw ComparisonError.differentFunctionalUnits(first: first.run.id, firstUnit: unit, other: other.run.id,
                                                           otherUnit: other.run.functionalUnit)
        }
        var order: [String] = []
        var byKey: [String: [Report]] = [:]
        for report in reports {
            let key = report.host.fingerprint ?? report.host.hostname
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(report)
        }
        guard order.count >= 2 else {
            throw ComparisonError.invalidOption("--by host needs runs on at least two hardware groups (fingerprints); found one")
        }
        var perUnitSamples: [[Double]] = []
        var groups: [Group] = []
        for (index, key) in order.enumerated() {
            let runs = byKey[key] ?? []
            let loads = runs.flatMap { r in r.phases.filter { $0.name == .load && ($0.functionalUnits ?? 0) > 0 } }
            let units = loads.reduce(0) { $0 + ($1.functionalUnits ?? 0) }
            let seconds = loads.reduce(0) { $0 + $1.durationS }
            let joules = loads.reduce(0) { $0 + $1.energyJ }
            let grams = loads.reduce(0) { $0 + $1.co2eG }
            let perUnit = loads.map { $0.energyJ / ($0.functionalUnits ?? 1) }
            perUnitSamples.append(perUnit)
            let throughput = seconds > 0 ? units / seconds : 0
            let power = seconds > 0 ? joules / seconds : 0
            let rackUnits = index < options.rackUnits.count ? options.rackUnits[index] : nil
            let budget = index < options.rackPowerBudgetWatts.count ? options.rackPowerBudgetWatts[index] : nil
            groups.append(Group(
                name: "group \(index + 1)", fingerprint: key, runs: runs.map(\.run.id), host: runs.first?.host.hostname ?? "",
                nodeEnergyPerUnitJ: SummaryStatistics(perUnit), co2ePerUnitG: units > 0 ? grams / units : nil,
                throughputUnitsPerS: throughput, meanLoadPowerW: power,
                throughputPerKw: power > 0 ? throughput / (power / 1000) : 0, rackUnits: rackUnits,
                throughputPerRackUnit: rackUnits.map { throughput / $0 }, rackPowerBudgetW: budget,
                rackThroughputUnitsPerS: budget.map { power > 0 ? ($0 / power).rounded(.down) * throughput : 0 },
                yearlyKwh: 0, yearlyCo2eKg: 0, yearlyCost: nil))
        }
        let yearlyUnits = groups[0].throughputUnitsPerS * options.utilisation * SCI.secondsPerYear
        for i in groups.indices {
            let perUnit = groups[i].nodeEnergyPerUnitJ?.mean ?? 0
            groups[i].yearlyKwh = yearlyUnits * perUnit / 3.6e6
            groups[i].yearlyCo2eKg = yearlyUnits * (groups[i].co2ePerUnitG ?? 0) / 1000
            groups[i].yearlyCost = options.pricePerKwh.map { $0 * groups[i].yearlyKwh }
        }
        let savings = groups.dropFirst().map { g in
            Saving(group: g.name, kwh: groups[0].yearlyKwh - g.yearlyKwh, co2eKg: groups[0].yearlyCo2eKg - g.yearlyCo2eKg,
                   cost: options.pricePerKwh.map { $0 * (groups[0].yearlyKwh - g.yearlyKwh) },
                   relative: groups[0].yearlyKwh > 0 ? (groups[0].yearlyKwh - g.yearlyKwh) / groups[0].yearlyKwh : 0)
        }
        return RackDensity(functionalUnit: unit, utilisation: options.utilisation, yearlyUnits: yearlyUnits,
                           pricePerKwh: options.pricePerKwh, groups: groups, savings: savings,
                           welch: perUnitSamples.dropFirst().map { WelchTest($0, perUnitSamples[0]) })
    }
}
