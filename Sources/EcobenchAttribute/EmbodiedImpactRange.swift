/// A component's embodied impacts as BoaviztAPI 2.5.0 states them: the value with its defaults,
/// and the min and max it gets from the min and max of each parameter it had to default (RAM
/// and SSD densities, SSD capacity, power supply unit weight, case type, CPU die size among the
/// CPUs with the given core count). What the inventory gives is fixed: its min = max = value.
/// A total's min and max are the components' sums, as BoaviztAPI sums them for a server.
public struct EmbodiedImpactRange: Sendable, Equatable {
    public typealias Impacts = BoaviztaComponentFactors.Impacts

    public var value: Impacts
    public var min: Impacts
    public var max: Impacts

    public init(value: Impacts, min: Impacts, max: Impacts) {
        self.value = value
        self.min = min
        self.max = max
    }

    /// Nothing defaulted that BoaviztAPI gives a range for.
    public static func fixed(_ value: Impacts) -> EmbodiedImpactRange { .init(value: value, min: value, max: value) }

    public static let zero = fixed(.zero)

    public static func + (a: EmbodiedImpactRange, b: EmbodiedImpactRange) -> EmbodiedImpactRange {
        .init(value: a.value + b.value, min: a.min + b.min, max: a.max + b.max)
    }

    public static func * (a: EmbodiedImpactRange, k: Double) -> EmbodiedImpactRange {
        .init(value: a.value * k, min: a.min * k, max: a.max * k)
    }
}

extension EmbodiedImpactRange {
    /// `value` with, per category, the lower and the higher of two alternatives as min and max
    /// (BoaviztAPI 2.5.0's range for a defaulted case type: rack and blade).
    public static func between(_ a: Impacts, _ b: Impacts, value: Impacts) -> EmbodiedImpactRange {
        .init(value: value,
              min: .init(gwpKgCO2e: Swift.min(a.gwpKgCO2e, b.gwpKgCO2e),
                         primaryEnergyMJ: Swift.min(a.primaryEnergyMJ, b.primaryEnergyMJ),
                         adpeKgSbEq: Swift.min(a.adpeKgSbEq, b.adpeKgSbEq)),
              max: .init(gwpKgCO2e: Swift.max(a.gwpKgCO2e, b.gwpKgCO2e),
                         primaryEnergyMJ: Swift.max(a.primaryEnergyMJ, b.primaryEnergyMJ),
                         adpeKgSbEq: Swift.max(a.adpeKgSbEq, b.adpeKgSbEq)))
    }
}
