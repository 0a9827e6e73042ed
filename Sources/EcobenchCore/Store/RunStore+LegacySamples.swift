/// Databases written before migration 3 keep one row per sample in `samples`; they are
/// re-packed into `sample_chunks` once, when a writable store opens them.
extension RunStore {
    func convertLegacySamples() throws {
        var legacy = false
        try db.prepare("SELECT EXISTS(SELECT 1 FROM samples)").query { legacy = $0.int64(0) != 0 }
        guard legacy else { return }
        try db.transaction {
            let read = try db.prepare("SELECT source_id, t_ns, value FROM samples ORDER BY source_id, t_ns")
            let insert = try db.prepare("INSERT INTO sample_chunks(source_id, t_first_ns, n, data) VALUES (?, ?, ?, ?)")
            var source: Int64 = -1
            var times: [Int64] = []
            var values: [Double] = []
            var chunk: [UInt8] = []
            func flush() throws {
                guard !times.isEmpty else { return }
                chunk.removeAll(keepingCapacity: true)
                times.withUnsafeBufferPointer { t in
                    values.withUnsafeBufferPointer { v in
                        SampleChunkCodec.encode(times: t, values: v, width: 1, channel: 0, ticks: 0..<t.count, into: &chunk)
                    }
                }
                insert.reset()
                insert.bind(1, source)
                insert.bind(2, times[0])
                insert.bind(3, Int64(times.count))
                try chunk.withUnsafeBytes { bytes in
                    insert.bindBlobNoCopy(4, bytes)
                    try insert.step()
                }
                insert.reset()
                times.removeAll(keepingCapacity: true)
                values.removeAll(keepingCapacity: true)
            }
            try read.query { row in
                let id = row.int64(0)
                if id != source || times.count == SampleChunkCodec.maxTicks {
                    try flush()
                    source = id
                }
                times.append(row.int64(1))
                values.append(row.optionalDouble(2) ?? .nan)
            }
            try flush()
            try db.execute("DELETE FROM samples")
        }
    }
}
