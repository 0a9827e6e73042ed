import Foundation

/// A decoded `GET /samples` answer: sources once, then [t_unix_ns, values…] rows.
struct AgentSamplesAnswer {
    struct Row: Equatable {
        var time: Int64
        var values: [Double?]
    }

    var sources: [String]
    var rows: [Row]
    var clockUnixNanoseconds: Int64

    init(_ body: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let sources = object["sources"] as? [String], let rows = object["rows"] as? [[Any]],
              let clock = object["clock"] as? [String: Any], let unix = clock["unix_ns"] as? NSNumber else {
            throw AgentHarness.HarnessError("not a /samples answer: \(body.prefix(300))")
        }
        self.sources = sources
        self.clockUnixNanoseconds = unix.int64Value
        self.rows = try rows.map { row in
            guard let time = row.first as? NSNumber, row.count == sources.count + 1 else {
                throw AgentHarness.HarnessError("bad row \(row)")
            }
            return Row(time: time.int64Value, values: row.dropFirst().map { ($0 as? NSNumber)?.doubleValue })
        }
    }
}
