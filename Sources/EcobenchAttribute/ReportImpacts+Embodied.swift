
extension ReportImpacts {
    /// The host's embodied primary energy and abiotic depletion over its whole life, the share of
    /// it the load phases carry, and the component breakdown it was summed from.
    public struct Embodied: Codable, Sendable {
        /// Whole-life embodied primary energy of the host (MJ).
        public var primaryEnergyMj: Double
        public var primaryEnergyProvenance: String
        /// Whole-life embodied abiotic depletion of elements of the host (kg Sb eq).
        public var adpeKgSbEq: Double
        public var adpeProvenance: String
        /// Why embodied water is not reported.
        public var waterProvenance: String
        /// Σ over the load phases of (TiR / EL) × (RR / ToR): the part of the host's embodied
        /// impacts charged to the application, the same share as SCI's M.
        public var share: Double
        public var components: [Component]
        /// The min and max BoaviztAPI 2.5.0 states for the whole-life totals, from the ranges of
        /// the defaults it fills in (`EmbodiedImpactRange`): the components' sums. Nil in runs
        /// stored before they were recorded.
        public var primaryEnergyMjMin: Double?
        public var primaryEnergyMjMax: Double?
        public var adpeKgSbEqMin: Double?
        public var adpeKgSbEqMax: Double?
        /// Boavizta's whole-life embodied GWP of the same components (kg CO2e) with its min and
        /// max, for comparison: SCI's TE is `sci.inputs.embodied_kg_co2e`; the SCI budget's
        /// `embodied_data` contribution is this range's rectangular bound.
        public var gwpKgCo2e: Double?
        public var gwpKgCo2eMin: Double?
        public var gwpKgCo2eMax: Double?

        package init(primaryEnergyMj: Double, primaryEnergyProvenance: String, adpeKgSbEq: Double,
                     adpeProvenance: String, waterProvenance: String, share: Double, components: [Component],
                     primaryEnergyMjMin: Double? = nil, primaryEnergyMjMax: Double? = nil, adpeKgSbEqMin: Double? = nil,
                     adpeKgSbEqMax: Double? = nil, gwpKgCo2e: Double? = nil, gwpKgCo2eMin: Double? = nil,
                     gwpKgCo2eMax: Double? = nil) {
            self.primaryEnergyMj = primaryEnergyMj
            self.primaryEnergyProvenance = primaryEnergyProvenance
            self.adpeKgSbEq = adpeKgSbEq
            self.adpeProvenance = adpeProvenance
            self.waterProvenance = waterProvenance
            self.share = share
            self.components = components
            self.primaryEnergyMjMin = primaryEnergyMjMin
            self.primaryEnergyMjMax = primaryEnergyMjMax
            self.adpeKgSbEqMin = adpeKgSbEqMin
            self.adpeKgSbEqMax = adpeKgSbEqMax
            self.gwpKgCo2e = gwpKgCo2e
            self.gwpKgCo2eMin = gwpKgCo2eMin
            self.gwpKgCo2eMax = gwpKgCo2eMax
        }
    }

    /// One component of the host as the defaults see it.
    public struct Component: Codable, Sendable, Equatable {
        /// cpu, ram, ssd, gpu, power_supply, case, motherboard, assembly.
        public var component: String
        /// Sockets, modules, drives or units counted.
        public var quantity: Double
        /// What was counted and assumed, e.g. "2 socket(s) (inventory), 16 cores per socket (inventory), die 607 mm² per socket (…)".
        public var basis: String
        public var primaryEnergyMj: Double
        public var adpeKgSbEq: Double
        /// BoaviztAPI 2.5.0's min and max for this component (the defaults' ranges; a figure the
        /// inventory gives is fixed) and its GWP with the same; nil in runs stored before.
        public var primaryEnergyMjMin: Double?
        public var primaryEnergyMjMax: Double?
        public var adpeKgSbEqMin: Double?
        public var adpeKgSbEqMax: Double?
        public var gwpKgCo2e: Double?
        public var gwpKgCo2eMin: Double?
        public var gwpKgCo2eMax: Double?

        public init(component: String, quantity: Double, basis: String, primaryEnergyMj: Double, adpeKgSbEq: Double) {
            self.component = component
            self.quantity = quantity
            self.basis = basis
            self.primaryEnergyMj = primaryEnergyMj
            self.adpeKgSbEq = adpeKgSbEq
        }

        /// A component with BoaviztAPI's value, min and max in each category.
        public init(component: String, quantity: Double, basis: String, range: EmbodiedImpactRange) {
            self.init(component: component, quantity: quantity, basis: basis,
                      primaryEnergyMj: range.value.primaryEnergyMJ, adpeKgSbEq: range.value.adpeKgSbEq)
            primaryEnergyMjMin = range.min.primaryEnergyMJ
            primaryEnergyMjMax = range.max.primaryEnergyMJ
            adpeKgSbEqMin = range.min.adpeKgSbEq
            adpeKgSbEqMax = range.max.adpeKgSbEq
            gwpKgCo2e = range.value.gwpKgCO2e
            gwpKgCo2eMin = range.min.gwpKgCO2e
            gwpKgCo2eMax = range.max.gwpKgCO2e
        }
    }
}
