/// ECO:DIGIT's four digital basic resources (DBR) and its impact categories, as
/// eco-digit/testbench `arthur/app/calculation/calculation.py` names them (docs/eco-digit.md).
public enum EcoDigitResource: String, CaseIterable, Codable, Sendable {
    /// CPU work; capacity in GHz·bit.
    case compute
    /// Main memory; capacity in GB (10⁹ bytes).
    case memorize
    /// Storage; capacity in GB.
    case store
    /// Network; capacity in Mbit/s.
    case transfer

    /// The capacity's unit and the unit of digital work (capacity × seconds; transfer: Mbit).
    public var capacityUnit: String {
        switch self {
        case .compute: return "GHz·bit"
        case .memorize, .store: return "GB"
        case .transfer: return "Mbit/s"
        }
    }
}

/// The impact categories ECO:DIGIT weights into its score (the reference's TOX has weight 0 and is left out).
public enum EcoDigitCategory: String, CaseIterable, Codable, Sendable {
    case gwp, ced, adp, water, weee

    /// The category's unit as the reference's factors use it.
    public var unit: String {
        switch self {
        case .gwp: return "kg CO2e"
        case .ced: return "MJ"
        case .adp: return "kg Sb eq"
        case .water: return "m³"
        case .weee: return "kg"
        }
    }
}

/// One value per digital basic resource (JSON: an object with the four resource names).
public struct EcoDigitPerResource<Value: Codable & Sendable>: Codable, Sendable {
    public var compute: Value
    public var memorize: Value
    public var store: Value
    public var transfer: Value

    public init(_ value: (EcoDigitResource) throws -> Value) rethrows {
        compute = try value(.compute)
        memorize = try value(.memorize)
        store = try value(.store)
        transfer = try value(.transfer)
    }

    public subscript(resource: EcoDigitResource) -> Value {
        switch resource {
        case .compute: return compute
        case .memorize: return memorize
        case .store: return store
        case .transfer: return transfer
        }
    }
}

/// One value per impact category (JSON: an object with the five category names).
public struct EcoDigitPerCategory<Value: Codable & Sendable>: Codable, Sendable {
    public var gwp: Value
    public var ced: Value
    public var adp: Value
    public var water: Value
    public var weee: Value

    public init(_ value: (EcoDigitCategory) throws -> Value) rethrows {
        gwp = try value(.gwp)
        ced = try value(.ced)
        adp = try value(.adp)
        water = try value(.water)
        weee = try value(.weee)
    }

    public subscript(category: EcoDigitCategory) -> Value {
        switch category {
        case .gwp: return gwp
        case .ced: return ced
        case .adp: return adp
        case .water: return water
        case .weee: return weee
        }
    }
}

extension EcoDigitPerResource where Value == Double {
    /// Σ over the four resources.
    public var sum: Double { EcoDigitResource.allCases.reduce(0) { $0 + self[$1] } }
}
