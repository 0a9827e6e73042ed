/// Node network traffic from `/proc/net/dev`: receive and transmit bytes of every
/// interface except loopback `lo`.
public struct NetDev: Hashable, Sendable {
    public var rxBytes: Int64
    public var txBytes: Int64

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> NetDev {
        var rx: Int64 = 0
        var tx: Int64 = 0
        var lineStart = 0
        let n = bytes.count
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            // "  eth0: 14015703 357 ..." — the name ends at ':'; the counters may touch it.
            var colon = lineStart
            while colon < lineEnd && bytes[colon] != 0x3A { colon += 1 }
            if colon < lineEnd {
                var nameStart = lineStart
                while nameStart < colon && bytes[nameStart] == 0x20 { nameStart += 1 }
                let isLoopback = colon - nameStart == 2 && bytes[nameStart] == 0x6C && bytes[nameStart + 1] == 0x6F
                let isHeader = colon - nameStart == 0
                if !isLoopback && !isHeader {
                    let line = UnsafeBufferPointer(rebasing: bytes[(colon + 1)..<lineEnd])
                    var s = ByteScanner(line)
                    // No array per line: the sampler parses this every tick.
                    var count = 0
                    var rxField: Int64 = 0
                    var txField: Int64 = 0
                    while let v = s.nextInt64() {
                        if count == 0 { rxField = v } else if count == 8 { txField = v }
                        count += 1
                    }
                    if count >= 9 {
                        rx = rx.saturatingAdding(rxField)
                        tx = tx.saturatingAdding(txField)
                    }
                }
            }
            lineStart = lineEnd + 1
        }
        return NetDev(rxBytes: rx, txBytes: tx)
    }

    public static func parse(text: String) -> NetDev {
        text.withUTF8Bytes { parse($0) }
    }
}
