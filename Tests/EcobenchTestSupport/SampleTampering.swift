import EcobenchCore
import Foundation

/// Changes stored samples behind ecobench's back, as an attacker or a broken disk would, for the
/// tests that must notice. Samples are packed per source in `sample_chunks` rows (values first,
/// as little-endian doubles), so a value is changed in place in its chunk's blob.
public enum SampleTampering {
    /// Adds `delta` to the `index`-th stored sample of `sourceID` (counting from 0, oldest first;
    /// -1 for the last one).
    public static func add(_ delta: Double, toSample index: Int, sourceID: Int64, databasePath: String) throws {
        let db = try SQLiteDatabase(path: databasePath)
        var chunks: [(rowid: Int64, n: Int, data: [UInt8])] = []
        try db.prepare("SELECT rowid, n, data FROM sample_chunks WHERE source_id = ? ORDER BY t_first_ns")
            .query([.integer(sourceID)]) { row in
                let bytes = row.blob(2) { Array($0) }
                chunks.append((row.int64(0), Int(row.int64(1)), bytes))
            }
        let total = chunks.reduce(0) { $0 + $1.n }
        var remaining = index < 0 ? total + index : index
        for chunk in chunks {
            if remaining < chunk.n {
                var data = chunk.data
                let offset = remaining * 8
                var bits: UInt64 = 0
                for i in 0..<8 { bits |= UInt64(data[offset + i]) << (8 * UInt64(i)) }
                let changed = (Double(bitPattern: bits) + delta).bitPattern
                for i in 0..<8 { data[offset + i] = UInt8((changed >> (8 * UInt64(i))) & 0xff) }
                let update = try db.prepare("UPDATE sample_chunks SET data = ? WHERE rowid = ?")
                try data.withUnsafeBytes { raw in
                    update.reset()
                    update.bindBlobNoCopy(1, raw)
                    update.bind(2, chunk.rowid)
                    try update.step()
                }
                return
            }
            remaining -= chunk.n
        }
        throw TamperingError(description: "source \(sourceID) has only \(total) samples in \(databasePath)")
    }

    public struct TamperingError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Deletes every stored sample of `sourceID`.
    public static func deleteSamples(sourceID: Int64, databasePath: String) throws {
        let db = try SQLiteDatabase(path: databasePath)
        try db.prepare("DELETE FROM sample_chunks WHERE source_id = ?").run([.integer(sourceID)])
    }

    /// The time (ns since the run's start) of the latest stored sample of a run, if any.
    public static func lastSampleNanoseconds(runID: Int64, databasePath: String) throws -> Int64? {
        let store = try RunStore(path: databasePath)
        var last: Int64?
        for source in try store.sources(runID: runID) {
            try store.forEachSample(sourceID: source.id) { t, _ in last = max(last ?? t, t) }
        }
        return last
    }
}
