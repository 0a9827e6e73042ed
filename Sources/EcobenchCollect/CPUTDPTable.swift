import Foundation

/// A small table of server CPU models and their TDP, for the CPU power estimate when the
/// user gives no `--cpu-tdp-watts`.
///
/// Values are the manufacturers' published TDP (Intel ARK, AMD EPYC product pages) and
/// thread counts per socket; they were entered from those spec sheets and should be
/// re-checked there when the table is extended.
public enum CPUTDPTable {
    public struct Entry: Hashable, Sendable {
        /// Matched as whole words against the normalised `/proc/cpuinfo` model name ("(R)",
        /// "(TM)" removed): "Xeon Gold 6248" matches "Intel Xeon Gold 6248 CPU @ 2.50GHz", not
        /// "Intel Xeon Gold 6248R CPU" (a different part: 205 W, 48 threads).
        public var model: String
        public var tdpWatts: Double
        public var threadsPerSocket: Int
    }

    public static let sourceNote = "manufacturer TDP"

    public static let entries: [Entry] = [
        Entry(model: "EPYC 9654", tdpWatts: 360, threadsPerSocket: 192),
        Entry(model: "EPYC 7763", tdpWatts: 280, threadsPerSocket: 128),
        Entry(model: "EPYC 7742", tdpWatts: 225, threadsPerSocket: 128),
        Entry(model: "EPYC 7702", tdpWatts: 200, threadsPerSocket: 128),
        Entry(model: "EPYC 7543", tdpWatts: 225, threadsPerSocket: 64),
        Entry(model: "Xeon Platinum 8380", tdpWatts: 270, threadsPerSocket: 80),
        Entry(model: "Xeon Platinum 8280", tdpWatts: 205, threadsPerSocket: 56),
        Entry(model: "Xeon Gold 6248", tdpWatts: 150, threadsPerSocket: 40),
        Entry(model: "Xeon Gold 6130", tdpWatts: 125, threadsPerSocket: 32),
        Entry(model: "Xeon CPU E5-2686 v4", tdpWatts: 145, threadsPerSocket: 36),
    ]

    /// Assumed power per logical CPU at full load when the CPU is unknown: Cloud Carbon
    /// Footprint's AWS average "max watts" per vCPU (3.5 W; `MAX_WATTS_AVG` in its AWS
    /// constants, methodology at https://www.cloudcarbonfootprint.org/docs/methodology/,
    /// derived from SPECpower results). Used here as the TDP share of one logical CPU.
    public static let assumedWattsPerLogicalCPU = 3.5
    public static let assumedSourceNote =
        "Cloud Carbon Footprint average max watts per vCPU for AWS; CPU model not in table"

    /// The longest entry whose words occur, in order and whole, in a `/proc/cpuinfo` model
    /// name: suffix letters matter (6248R is not 6248, 8380H is not 8380).
    public static func lookup(_ modelName: String) -> Entry? {
        let words = normalise(modelName).split(separator: " ").map(String.init)
        return entries
            .filter { contains(words, run: $0.model.split(separator: " ").map(String.init)) }
            .max { $0.model.count < $1.model.count }
    }

    /// Whether `run` occurs in `words` as consecutive whole words.
    package static func contains(_ words: [String], run: [String]) -> Bool {
        guard !run.isEmpty, run.count <= words.count else { return false }
        return (0...(words.count - run.count)).contains { Array(words[$0..<($0 + run.count)]) == run }
    }

    /// "Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz" → "Intel Xeon Platinum 8380 CPU @ 2.30GHz".
    public static func normalise(_ name: String) -> String {
        var s = name.replacingOccurrences(of: "(R)", with: "")
        s = s.replacingOccurrences(of: "(TM)", with: "")
        while s.contains("  ") { s = s.replacingOccurrences(of: "  ", with: " ") }
        return s.trimmingCharacters(in: .whitespaces)
    }
}
