import Foundation
import EcobenchCollect
import EcobenchReport

/// Reads an ECO:DIGIT device file (docs/eco-digit.md, "Device file"): every key optional, every
/// number checked, errors naming file, line and field (`WorkloadError`, as workload files do).
public enum EcoDigitDeviceParser {
    static let topLevelKeys = ["name", "source", "lifetime_years", "average_load", "capacity", "power",
                               "calibrated_profile", "embedded", "factors"]
    static let resources = EcoDigitResource.allCases.map(\.rawValue)
    static let categories = EcoDigitCategory.allCases.map(\.rawValue)

    public static func parse(fileAtPath path: String) throws(WorkloadError) -> EcoDigitDeviceSpec {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw WorkloadError(kind: .unreadableFile, file: path, line: nil, field: nil,
                                message: "cannot read the device file: \(error.localizedDescription)")
        }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml: String, file: String) throws(WorkloadError) -> EcoDigitDeviceSpec {
        var spec = EcoDigitDeviceSpec(file: file)
        let content = yaml.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        if content.allSatisfy({ $0.isEmpty || $0.hasPrefix("#") }) { return spec }  // nothing given: every value defaulted
        let top = try WorkloadParser.compose(yaml, file: file).mapping(allowed: topLevelKeys)
        spec.name = try top.optional("name")?.string()
        spec.source = try top.optional("source")?.string()
        spec.lifetimeYears = try top.optional("lifetime_years").map { f throws(WorkloadError) in try number(f, positive: true) }
        if let f = top.optional("average_load") {
            spec.averageLoad = try perResource(f) { f throws(WorkloadError) in
                let value = try number(f, positive: true)
                guard value <= 1 else { throw f.invalid("must be a fraction in (0, 1], got \(value)") }
                return value
            }
        }
        if let f = top.optional("capacity") {
            spec.capacity = try perResource(f) { f throws(WorkloadError) in try number(f, positive: true) }
        }
        if let f = top.optional("power") {
            let power = try f.mapping(allowed: resources.map { $0 + "_w" } + ["total_w"])
            for r in EcoDigitResource.allCases {
                if let value = power.optional(r.rawValue + "_w") { spec.powerW[r] = try number(value, positive: false) }
            }
            spec.totalPowerW = try power.optional("total_w").map { f throws(WorkloadError) in try number(f, positive: true) }
        }
        if let f = top.optional("calibrated_profile") {
            let given = try f.string()
            let directory = (file as NSString).deletingLastPathComponent
            let path = given.hasPrefix("/") || directory.isEmpty ? given : directory + "/" + given
            do { spec.calibratedProfile = try PowerProfile.load(path: path) } catch {
                throw f.invalid("cannot use the calibrated power profile: \(error)")
            }
            spec.calibratedProfilePath = path
        }
        if let f = top.optional("embedded") {
            let embedded = try f.mapping(allowed: categories)
            for c in EcoDigitCategory.allCases {
                guard let value = embedded.optional(c.rawValue) else { continue }
                spec.embedded[c] = try perResource(value) { f throws(WorkloadError) in try number(f, positive: false) }
            }
        }
        if let f = top.optional("factors") {
            let factors = try f.mapping(allowed: ["per_kwh", "normalisation", "weights"])
            spec.emissionFactorsPerKwh = try perCategory(factors.optional("per_kwh"), positive: false)
            spec.normalisationFactors = try perCategory(factors.optional("normalisation"), positive: true)
            spec.weights = try perCategory(factors.optional("weights"), positive: false)
        }
        return spec
    }

    /// A finite number ≥ 0 (> 0 if `positive`).
    static func number(_ field: YAMLField, positive: Bool) throws(WorkloadError) -> Double {
        guard let value = field.number, value.isFinite, positive ? value > 0 : value >= 0 else {
            throw field.invalid("must be a number \(positive ? "> 0" : "≥ 0"), got \(field.described)")
        }
        return value
    }

    static func perResource(_ field: YAMLField,
                            _ value: (YAMLField) throws(WorkloadError) -> Double) throws(WorkloadError) -> [EcoDigitResource: Double] {
        let mapping = try field.mapping(allowed: resources)
        var result: [EcoDigitResource: Double] = [:]
        for r in EcoDigitResource.allCases {
            if let f = mapping.optional(r.rawValue) { result[r] = try value(f) }
        }
        return result
    }

    static func perCategory(_ field: YAMLField?, positive: Bool) throws(WorkloadError) -> [EcoDigitCategory: Double] {
        guard let field else { return [:] }
        let mapping = try field.mapping(allowed: categories)
        var result: [EcoDigitCategory: Double] = [:]
        for c in EcoDigitCategory.allCases {
            if let f = mapping.optional(c.rawValue) { result[c] = try number(f, positive: positive) }
        }
        return result
    }
}
