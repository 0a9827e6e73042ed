import Foundation

/// Picks the CPU power model for the estimate: a host power profile the user named, else a
/// profile measured on this hardware (by fingerprint), else the TDP load curve.
package enum EstimateModelResolver {
    package static func resolve(options: SourceOptions, notes: inout [String]) throws -> CPUPowerModel {
        let host = HostInfo.read(procRoot: options.procRoot, sysfsRoot: options.sysfsRoot)
        let tdpCurve = CPUPowerModel.resolve(cpuTDPWatts: options.cpuTDPWatts, cpuModel: host.cpuModel,
                                             logicalCPUs: host.logicalCPUs)
        let fingerprint = (try? HardwareInventory.read(procRoot: options.procRoot))?.fingerprint
        if let path = options.powerProfilePath {
            let profile = try PowerProfile.load(path: path)  // unreadable or malformed: the user's mistake, an error
            if let fingerprint, profile.fingerprint != fingerprint {
                notes.append("\(PowerProfileError.otherHardware(path: path, profileFingerprint: profile.fingerprint, hostFingerprint: fingerprint)); using the TDP curve instead")
                return tdpCurve
            }
            return CPUPowerModel(profile: profile, path: path)
        }
        if let fingerprint, let dir = options.profileDirectory {
            let path = dir + "/\(fingerprint).json"
            if FileManager.default.fileExists(atPath: path) {
                do {
                    let profile = try PowerProfile.load(path: path)
                    notes.append("using the power profile measured on this hardware: \(path)")
                    return CPUPowerModel(profile: profile, path: path)
                } catch {
                    notes.append("\(error); using the TDP curve instead")
                }
            }
        }
        return tdpCurve
    }
}
