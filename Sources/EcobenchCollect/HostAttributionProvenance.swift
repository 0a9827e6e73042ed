import EcobenchModel
import Foundation

/// Reads a VM energy tree's provenance (`<sysfsRoot>/ecobench-host-attribution.json`, written by
/// the hypervisor's agent beside `class/`), for the RAPL discovery of a `host-attribution` zone.
package enum HostAttributionProvenance {
    /// The provenance file under `sysfsRoot`.
    package static func path(sysfsRoot: String) -> String {
        sysfsRoot + "/" + VMEnergyProvenance.fileName
    }

    /// The provenance, or nil and a note naming the file and the field that is wrong (or that it is missing).
    package static func read(sysfsRoot: String) -> (provenance: VMEnergyProvenance?, note: String?) {
        let file = path(sysfsRoot: sysfsRoot)
        guard let data = FileManager.default.contents(atPath: file) else {
            return (nil, "RAPL: zone \(VMEnergyProvenance.zoneName) without \(file) (missing or unreadable): "
                         + "the hypervisor's meter, policy and uncertainty are unknown")
        }
        do {
            return (try ReportCoding.decoder().decode(VMEnergyProvenance.self, from: data), nil)
        } catch let error as DecodingError {
            return (nil, "RAPL: \(file): \(describe(error)); the hypervisor's meter, policy and uncertainty are unknown")
        } catch {
            return (nil, "RAPL: \(file): \(error); the hypervisor's meter, policy and uncertainty are unknown")
        }
    }

    /// The file's text as the agent writes it (`ReportCoding`: snake_case keys, sorted, pretty).
    package static func encode(_ provenance: VMEnergyProvenance) throws -> String {
        try ReportCoding.encodeString(provenance, pretty: true) + "\n"
    }

    /// A decoding error in words: the field (snake_case path) and what is wrong with it.
    private static func describe(_ error: DecodingError) -> String {
        func field(_ path: [CodingKey]) -> String {
            path.isEmpty ? "(top level)" : path.map { $0.intValue.map { "[\($0)]" } ?? snake($0.stringValue) }
                .joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "field \(field(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field \(field(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "not valid JSON at \(field(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// `instanceUUID` → `instance_uuid`, as the file spells its keys.
    private static func snake(_ name: String) -> String {
        var out = ""
        for (i, ch) in name.enumerated() {
            if ch.isUppercase {
                let next = name.index(name.startIndex, offsetBy: i + 1, limitedBy: name.endIndex)
                let prevUpper = i > 0 && name[name.index(name.startIndex, offsetBy: i - 1)].isUppercase
                let nextLower = next.map { $0 < name.endIndex && name[$0].isLowercase } ?? false
                if i > 0 && (!prevUpper || nextLower) { out += "_" }
                out += ch.lowercased()
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
