/// One source's current value, as `ecobench sensors` shows it: a level read now (°C, rpm, V, A,
/// W), a counter's total (J), or a counter's rate over a short window (ΔE/Δt in W).
public struct LiveReading: Codable, Hashable, Sendable {
    public enum Quantity: String, Codable, Sendable {
        /// W: a power reading, or an energy counter's ΔE/Δt over the window.
        case power
        /// J (Wh, kWh where a BMC counts in them): a cumulative counter's total.
        case energy
        /// Cel (UCUM for °C).
        case temperature
        /// rpm.
        case fan
        /// V.
        case voltage
        /// A.
        case current
        /// Another counter's rate over the window (s/s of CPU time, B/s).
        case rate
        /// Another level (bytes resident).
        case level
    }

    /// The channel name (`rapl.package-0`, `hwmon.<chip>.<label>`, `redfish.<host>.<chassis>.<property>`).
    public var source: String
    public var quantity: Quantity
    /// Nil when the source could not be read (`error` says why).
    public var value: Double?
    public var unit: String
    /// Measured by a sensor, or a model's estimate (never shown as a measurement).
    public var kind: SourceKind
    /// How the value was obtained, in words: "ΔE/Δt over 0.300 s", "energy_uj ÷ 10⁶", "libsensors
    /// power1_average", "the BMC's reading at discovery".
    public var basis: String
    /// The file, sensor or resource#pointer read.
    public var path: String
    public var error: String?

    public init(source: String, quantity: Quantity, value: Double?, unit: String, kind: SourceKind = .measured,
                basis: String, path: String, error: String? = nil) {
        self.source = source
        self.quantity = quantity
        self.value = value
        self.unit = unit
        self.kind = kind
        self.basis = basis
        self.path = path
        self.error = error
    }
}
