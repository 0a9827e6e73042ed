import Foundation
import EcobenchModel
import EcobenchCollect

/// Tells the user where the run is: a live line on a terminal, plain log lines otherwise,
/// nothing with `--quiet`. Writes to standard error so reports on stdout stay clean.
public final class ProgressReporter: @unchecked Sendable {
    public enum Mode: Sendable {
        case live, plain, quiet
        /// Live when standard error is a terminal, plain otherwise.
        public static func automatic(quiet: Bool) -> Mode {
            quiet ? .quiet : (isatty(STDERR_FILENO) == 1 ? .live : .plain)
        }
    }

    package let mode: Mode
    private var phaseLabel = ""
    private var phaseStart: Int64 = 0
    private var phaseSeconds = 0.0
    private var remainingAfterPhase = 0.0
    private var lastEnergy: (t: Int64, joules: Double)?
    private var powerWatts: Double?
    private var lastDraw: Int64 = 0
    private var energyIndexes: [Int] = []
    private var powerLabel = ""

    public init(mode: Mode) { self.mode = mode }

    /// Tells the reporter which sampler channels make up node energy, to show current power.
    public func watchPower(channels: [SourceDescriptor]) {
        guard let selection = NodeEnergySelection.choose(from: channels) else { return }
        energyIndexes = selection.channels.compactMap { name in channels.firstIndex { $0.name == name } }
        powerLabel = "\(selection.kind.rawValue): " + selection.channels.joined(separator: "+")
    }

    public func log(_ message: String) {
        switch mode {
        case .quiet: return
        case .live: write("\r\u{1B}[K" + message + "\n")
        case .plain: write(message + "\n")
        }
    }

    /// A phase starts; `remainingAfterSeconds` is the planned time of every phase after it.
    public func beginPhase(repetition: Int, of total: Int, name: PhaseName, plannedSeconds: Double,
                           remainingAfterSeconds: Double) {
        phaseLabel = "repetition \(repetition)/\(total) \(name.rawValue)"
        phaseStart = MonotonicClock.nowNanoseconds()
        phaseSeconds = plannedSeconds
        remainingAfterPhase = remainingAfterSeconds
        if mode == .plain { log("\(timestamp()) \(phaseLabel) (\(format(seconds: plannedSeconds)))") }
        lastDraw = 0
    }

    /// Called often while waiting; redraws the live line at most twice a second.
    public func update(sample: (timeNanoseconds: Int64, values: [Double])) {
        guard mode == .live else { return }
        if sample.timeNanoseconds >= 0, !energyIndexes.isEmpty {
            let joules = energyIndexes.reduce(0.0) { $0 + sample.values[$1] }
            if let last = lastEnergy, sample.timeNanoseconds - last.t >= 900_000_000, joules.isFinite {
                powerWatts = (joules - last.joules) / (Double(sample.timeNanoseconds - last.t) / 1e9)
                lastEnergy = (sample.timeNanoseconds, joules)
            } else if lastEnergy == nil, joules.isFinite {
                lastEnergy = (sample.timeNanoseconds, joules)
            }
        }
        let now = MonotonicClock.nowNanoseconds()
        guard now - lastDraw >= 500_000_000 else { return }
        lastDraw = now
        let elapsed = Double(now - phaseStart) / 1e9
        let remaining = max(0, phaseSeconds - elapsed) + remainingAfterPhase
        var line = "\(phaseLabel)  \(String(format: "%.1f", elapsed))/\(String(format: "%.0f", phaseSeconds)) s"
        line += "  run remaining \(format(seconds: remaining))"
        if let powerWatts { line += String(format: "  power %.1f W (%@)", powerWatts, powerLabel) }
        write("\r\u{1B}[K" + line)
    }

    public func finish() {
        if mode == .live { write("\r\u{1B}[K") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    package func format(seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
