import Foundation
import EcobenchStore

/// `ecobench export`: a dataset of several runs for researchers — tables of runs, hosts,
/// sources, phases, applications and samples, as CSV or JSON, with a data dictionary.
public struct DatasetExporter {
    public enum Format: String, CaseIterable, Sendable { case csv, json }

    public let store: RunStore
    public init(store: RunStore) { self.store = store }

    /// Writes the tables for `runIDs` into `directory`; returns the files written.
    public func export(runIDs: [Int64], format: Format, to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let reports = try runIDs.map { try ReportBuilder(store: store).build(runID: $0) }
        var tables = DatasetTables()
        for report in reports { tables.add(report) }
        var files: [String] = []
        for (name, header, rows) in tables.all {
            let path = directory + "/\(name).\(format.rawValue)"
            let text = format == .csv ? csv(header, rows) : try json(header, rows)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let samples = directory + (format == .csv ? "/samples.csv" : "/samples.jsonl")
        try writeSamples(runIDs: runIDs, format: format, to: samples)
        files.append(samples)
        let dictionary = directory + "/data-dictionary.\(format.rawValue)"
        let dictionaryRows = DatasetDictionary.entries.map { [$0.table, $0.column, $0.unit, $0.description] }
        let header = ["table", "column", "unit", "description"]
        try Data((format == .csv ? csv(header, dictionaryRows) : try json(header, dictionaryRows)).utf8)
            .write(to: URL(fileURLWithPath: dictionary))
        files.append(dictionary)
        return files
    }

    package func csv(_ header: [String], _ rows: [[String]]) -> String { CSVWriter.table(header, rows) }

    /// Throws (naming the columns) rather than writing "[]" for a table that did not encode.
    package func json(_ header: [String], _ rows: [[String]]) throws -> String {
        let objects = rows.map { row in
            Dictionary(zip(header, row).map { key, value in
                (key, DatasetCell(value, isText: DatasetDictionary.textColumns.contains(key)))
            }, uniquingKeysWith: { _, last in last })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(objects) } catch {
            throw ReportError.cannotWrite(path: "table with columns \(header.joined(separator: ","))", reason: "\(error)")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One row per sample: CSV `run_id,t_s,source,unit,kind,value` (value empty for a gap) or a JSON
    /// object per line (value null for a gap).
    package func writeSamples(runIDs: [Int64], format: Format, to path: String) throws {
        let file = try SampleFileBuffer(creating: path)
        if format == .csv {
            try file.append("run_id,t_s,source,unit,kind,value")
            try file.endLine()
        }
        for runID in runIDs {
            for source in try store.sources(runID: runID) {
                let d = source.descriptor
                let prefix = Array((format == .csv ? "\(runID)," : "{\"run_id\":\(runID),\"t_s\":").utf8)
                let middle = Array((format == .csv ? ",\(CSVWriter.field(d.name)),\(d.unit),\(d.kind.rawValue),"
                    : ",\"source\":\"\(d.name)\",\"unit\":\"\(d.unit)\",\"kind\":\"\(d.kind.rawValue)\",\"value\":").utf8)
                let gap = Array((format == .csv ? "" : "null").utf8)
                let end = Array((format == .csv ? "" : "}").utf8)
                try store.forEachSample(sourceID: source.id) { t, value in
                    file.append(utf8: prefix)
                    file.append(Double(t) / 1e9)
                    file.append(utf8: middle)
                    if value.isFinite { file.append(value) } else { file.append(utf8: gap) }
                    file.append(utf8: end)
                    try file.endLine()
                }
            }
        }
        try file.finish()
    }
}
