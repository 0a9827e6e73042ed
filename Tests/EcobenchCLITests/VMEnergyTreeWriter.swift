import EcobenchCore
import Foundation

/// Advances one VM's tree at a fixed power every 10 ms through `VMEnergyTree` (each write an
/// atomic replacement) and logs the longest a reader could have seen an old value: from one
/// value's stamp until the next write landed.
final class TreeWriter: @unchecked Sendable {
    private let tree: VMEnergyTree
    private let uuid: String
    private let watts: Double
    private let provenance: VMEnergyProvenance
    private let lock = NSCondition()
    private var stopping = false
    private var stopped = false
    private var maxGapSeconds = 0.0

    init(tree: VMEnergyTree, uuid: String, watts: Double, provenance: VMEnergyProvenance) throws {
        self.tree = tree
        self.uuid = uuid
        self.watts = watts
        self.provenance = provenance
        try write(joules: 1000)  // the tree exists before the run discovers it
    }

    private func write(joules: Double) throws {
        try tree.write([VMEnergyTree.Entry(instanceUUID: uuid, name: provenance.name, cumulativeJoules: joules,
                                           provenance: provenance)])
    }

    func start() {
        let thread = Thread { [self] in
            let start = DispatchTime.now().uptimeNanoseconds
            var last = start
            while true {
                lock.lock()
                if stopping { stopped = true; lock.broadcast(); lock.unlock(); return }
                let now = DispatchTime.now().uptimeNanoseconds
                // 1000 J at the start, then watts × the time since.
                try? write(joules: 1000 + watts * Double(now - start) / 1e9)
                // Until this write landed, readers saw the value stamped `last`.
                let landed = DispatchTime.now().uptimeNanoseconds
                maxGapSeconds = max(maxGapSeconds, Double(landed - last) / 1e9)
                last = now
                _ = lock.wait(until: Date(timeIntervalSinceNow: 0.01))
                lock.unlock()
            }
        }
        thread.start()
    }

    /// Stops the writer; returns the longest interval between two writes (s).
    func stop() -> Double {
        lock.lock()
        stopping = true
        lock.broadcast()
        while !stopped { lock.wait() }
        let gap = maxGapSeconds
        lock.unlock()
        return gap
    }
}
