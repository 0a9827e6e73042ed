import EcobenchCollect

/// What a device file (docs/eco-digit.md, "Device file") gives; every field may be absent, and
/// `EcoDigitDevice.resolve` fills the gaps from ecobench's inventory, the calibrated power
/// profile or the reference implementation's defaults (`EcoDigitDefaults`). Parsed by
/// `EcoDigitDeviceParser` (Run), which reports a bad value with file, line and field.
public struct EcoDigitDeviceSpec: Sendable {
    /// The device file's path (named in every value's source).
    public var file: String
    public var name: String?
    /// Where the file's values come from (a datasheet, an LCA study), quoted in their sources.
    public var source: String?
    public var lifetimeYears: Double?
    /// Mean utilisation over the device's life, 0…1, per resource.
    public var averageLoad: [EcoDigitResource: Double] = [:]
    /// Capacity per resource (GHz·bit, GB, GB, Mbit/s).
    public var capacity: [EcoDigitResource: Double] = [:]
    /// Mean power over the device's life per resource (W); with `totalPowerW` or a calibrated
    /// profile only their shares count.
    public var powerW: [EcoDigitResource: Double] = [:]
    public var totalPowerW: Double?
    /// A calibrated power profile (`ecobench calibrate`) and its path: gives the total mean power
    /// at the average compute load.
    public var calibratedProfile: PowerProfile?
    public var calibratedProfilePath: String?
    /// Embedded impact per category and resource.
    public var embedded: [EcoDigitCategory: [EcoDigitResource: Double]] = [:]
    /// Impact per kWh of use-phase electricity.
    public var emissionFactorsPerKwh: [EcoDigitCategory: Double] = [:]
    /// PEF normalisation factors (impact per person and year).
    public var normalisationFactors: [EcoDigitCategory: Double] = [:]
    public var weights: [EcoDigitCategory: Double] = [:]

    public init(file: String) { self.file = file }
}
