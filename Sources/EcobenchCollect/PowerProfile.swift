import Foundation
import EcobenchModel

/// A host's power against CPU utilisation, measured with a real meter by `ecobench calibrate`
/// (as the ECO:DIGIT energy profiler does with BMC readings). The estimator prefers it over
/// the TDP curve on machines of the same hardware (same fingerprint).
public struct PowerProfile: Codable, Sendable, Equatable {
    public static let formatName = "ecobench-power-profile/1"

    public struct Point: Codable, Sendable, Equatable {
        /// Target load of the level (0…1), as asked of the load generator.
        public var targetLoad: Double
        /// Measured CPU utilisation of the node (0…1, from /proc/stat).
        public var utilisation: Double
        /// Mean node power over the level's repetitions (W).
        public var powerWatts: Double
        /// Sample standard deviation of the repetitions (W).
        public var sdWatts: Double?
        public var repetitions: Int

        public init(targetLoad: Double, utilisation: Double, powerWatts: Double, sdWatts: Double?, repetitions: Int) {
            self.targetLoad = targetLoad
            self.utilisation = utilisation
            self.powerWatts = powerWatts
            self.sdWatts = sdWatts
            self.repetitions = repetitions
        }
    }

    public struct Meter: Codable, Sendable, Equatable {
        public var kind: SourceKind
        public var method: String
        public var channels: [String]

        public init(kind: SourceKind, method: String, channels: [String]) {
            self.kind = kind
            self.method = method
            self.channels = channels
        }
    }

    public var format: String = PowerProfile.formatName
    public var createdAt: String
    public var fingerprint: String
    public var cpuModel: String
    public var logicalCpus: Int
    public var meter: Meter
    /// Sorted by utilisation.
    public var points: [Point]
    /// Spread of the levels around the fitted curve relative to the mean power, at least the
    /// meter's own relative uncertainty.
    public var relativeUncertainty: Double

    public init(createdAt: String, fingerprint: String, cpuModel: String, logicalCpus: Int, meter: Meter,
                points: [Point], relativeUncertainty: Double) {
        self.createdAt = createdAt
        self.fingerprint = fingerprint
        self.cpuModel = cpuModel
        self.logicalCpus = logicalCpus
        self.meter = meter
        self.points = points.sorted { $0.utilisation < $1.utilisation }
        self.relativeUncertainty = relativeUncertainty
    }

    public static func load(path: String) throws -> PowerProfile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw PowerProfileError.unreadable(path: path, reason: error.localizedDescription)
        }
        let profile: PowerProfile
        do { profile = try ReportCoding.decoder().decode(PowerProfile.self, from: data) } catch {
            throw PowerProfileError.malformed(path: path, reason: "\(error)")
        }
        guard profile.format == formatName else {
            throw PowerProfileError.malformed(path: path, reason: "format is '\(profile.format)', expected '\(formatName)'")
        }
        guard profile.points.count >= 2 else {
            throw PowerProfileError.malformed(path: path, reason: "points: needs at least 2 load levels, has \(profile.points.count)")
        }
        for (i, p) in profile.points.enumerated() where !(p.powerWatts >= 0 && p.powerWatts.isFinite)
            || !(0...1).contains(p.utilisation) {
            throw PowerProfileError.malformed(path: path, reason: "points[\(i)]: utilisation must be 0…1 and power_watts ≥ 0")
        }
        return profile
    }

    public func write(to path: String) throws {
        var data = try ReportCoding.encoder(pretty: true).encode(self)
        data.append(0x0A)
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

public enum PowerProfileError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    case otherHardware(path: String, profileFingerprint: String, hostFingerprint: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "power profile \(path): cannot read: \(reason)"
        case .malformed(let path, let reason): return "power profile \(path): \(reason)"
        case .otherHardware(let path, let theirs, let ours):
            return "power profile \(path) was measured on other hardware (fingerprint \(theirs.prefix(12))…, "
                + "this host \(ours.prefix(12))…): refusing it; calibrate this host with `ecobench calibrate`"
        }
    }
}
