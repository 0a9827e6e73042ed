/// Which Redfish `Sensor` is the wall (a chassis's power inlet), by the schema's
/// `PhysicalContext` and `PhysicalSubContext` (DMTF `PhysicalContext` schema).
///
/// The wall is the whole chassis, its system board or its power subsystem as a whole, or
/// an AC input (`Chassis`, `SystemBoard`, `PowerSubsystem`, `ACInput`, `ACUtilityInput`),
/// and not an `Output` sub-context. Any other context (`CPU`, `Memory`, `VoltageRegulator`,
/// `GPU`, `PowerOutlet`...) is a component, and so is a sensor WITHOUT a context: a BMC that
/// does not say what a power sensor covers may be reporting a CPU aggregate (issue 11: two
/// blade nodes' CPU sensors, 23 W and 22 W, were once summed into a "wall" of 45 W where each
/// node drew 240 W). One `PowerSupply`'s sensor is that supply's share, not the wall (the
/// supplies come as PSU channels from `PowerSubsystem`/`Power`).
package enum RedfishWallContext {
    package static let wallContexts: Set<String> = ["Chassis", "SystemBoard", "PowerSubsystem", "ACInput", "ACUtilityInput"]

    package static func isWall(_ reading: RedfishReading) -> Bool {
        switch reading.what {
        case .chassisPower: return true
        case .sensor:
            guard let context = reading.physicalContext, wallContexts.contains(context) else { return false }
            return reading.physicalSubContext != "Output"
        case .psuInput, .psuOutput, .powerShelf, .rackPDU: return false
        }
    }
}
