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

        public init(component: String, quantity: Double, basis: String, primaryEnergyMj: Double, adpeKgSbEq: Double) {
            self.component = component
            self.quantity = quantity
            self.basis = basis
            self.primaryEnergyMj = primaryEnergyMj
            self.adpeKgSbEq = adpeKgSbEq
        }
    }
}
