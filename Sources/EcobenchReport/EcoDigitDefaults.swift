/// The reference implementation's defaults, used where neither the device file nor ecobench's
/// inventory gives a value; each is labelled assumed with this source. Read from
/// eco-digit/testbench (commit 209791a): `arthur/app/calculation/calculation_config.yaml`
/// (factors, weights) and the sample device `arthur/app/tests/calculation/sample_data/`
/// (`infrastructure_definition.json`: lifetime, average load; `device_specs/
/// server_hpe_proliant_dl360_gen9.json`: performance, `power_profile` averages, `embedded`
/// split over the resources with the reference's z-factors: group sum ÷ sum of the groups' components × `Sum`).
public enum EcoDigitDefaults {
    static let repository = "eco-digit/testbench@209791a"
    static let config = repository + " arthur/app/calculation/calculation_config.yaml"
    static let sampleDevice = repository + " sample device HPE ProLiant DL360 Gen9 (arthur/app/tests/calculation/sample_data)"

    static let lifetimeYears = 4.0
    static let averageLoad: [EcoDigitResource: Double] = [.compute: 0.2, .memorize: 0.1, .store: 0.5, .transfer: 0.02]
    static let capacity: [EcoDigitResource: Double] = [.compute: 128, .memorize: 8, .store: 4000, .transfer: 100]
    static let powerW: [EcoDigitResource: Double] = [.compute: 109.8, .memorize: 23.4, .store: 35, .transfer: 5.8]
    static let embedded: [EcoDigitCategory: [EcoDigitResource: Double]] = [
        .gwp: [.compute: 82.2628, .memorize: 155.939, .store: 207.418, .transfer: 22.9374],
        .ced: [.compute: 1176.39, .memorize: 2019.75, .store: 2614.71, .transfer: 294.884],
        .adp: [.compute: 0.068415, .memorize: 0.0144044, .store: 0.00866731, .transfer: 0.00201408],
        .water: [.compute: 22.6505, .memorize: 53.0525, .store: 90.1651, .transfer: 11.0643],
        .weee: [.compute: 2.85714, .memorize: 1.42857, .store: 14.2857, .transfer: 1.42857],
    ]
    static let emissionFactorsPerKwh: [EcoDigitCategory: Double] = [
        .gwp: 0.421, .ced: 8.37, .adp: 0.00000524, .water: 0.239, .weee: 0]
    static let normalisationFactors: [EcoDigitCategory: Double] = [
        .gwp: 7550, .ced: 576647, .adp: 0.06, .water: 11500, .weee: 7.73]
    static let weights: [EcoDigitCategory: Double] = [.gwp: 0.2, .ced: 0.2, .adp: 0.2, .water: 0.2, .weee: 0.2]
}
