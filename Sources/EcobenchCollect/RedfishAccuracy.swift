import EcobenchModel

/// A Redfish `Sensor`'s stated `Accuracy`: "the estimated percent error of measured versus
/// actual values" (DMTF `Sensor` schema, percent). ecobench takes it as a rectangular bound
/// ±a % of the reading, so the relative standard uncertainty is (a/100)/√3 (GUM 4.3.7); the
/// error budget's meter contribution is that times the figure (100 J at a = 2: 2 J/√3 = 1.155 J).
public struct RedfishAccuracy: Sendable, Hashable {
    /// The bound a, in percent of the reading.
    public var percent: Double
    /// The `Sensor` resource that states it (`@odata.id` path): the reading's own resource, or
    /// the sensor an excerpt's `DataSourceUri` names.
    public var sensorURI: String

    /// nil unless `percent` is a finite number ≥ 0 (a negative or non-numeric value is no statement).
    public init?(percent: Double?, sensorURI: String) {
        guard let percent, percent.isFinite, percent >= 0 else { return nil }
        self.percent = percent
        self.sensorURI = sensorURI
    }

    /// (a/100)/√3.
    public var relativeStandardUncertainty: Double { ErrorBudget.rectangular(percent / 100) }

    /// The label of the meter contribution, naming where the bound comes from (`url`: the
    /// sensor's full address).
    public func basis(url: String) -> String {
        let a = RedfishResolution.text(percent)
        let u = relativeStandardUncertainty * 100
        return "Redfish Sensor Accuracy, \(url): ±\(a) % of the reading (DMTF Sensor.Accuracy), rectangular, "
            + "u = \(a) %/√3 = \(RedfishSourceChoice.format(u)) % of the value"
    }
}
