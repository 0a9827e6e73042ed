import Foundation
import EcobenchCollect
import EcobenchModel
import EcobenchReport
import EcobenchStore

/// The server's view of the database: opened read-only (SQLite `SQLITE_OPEN_READONLY`; in WAL
/// mode a reader sees each committed transaction while a run writes), reports built by
/// ReportBuilder on demand. Rows of runs that are no longer running are cached: their stored
/// data does not change, so the list does not rebuild their reports.
package final class ServeCatalog: @unchecked Sendable {
    package let store: RunStore
    private let lock = NSLock()
    private var cachedRows: [Int64: ServeRunRow] = [:]

    package init(databasePath: String) throws {
        store = try RunStore(path: databasePath, readOnly: true)
        let version = try store.schemaVersion()
        guard version.stored == version.current else {
            throw ServeDatabaseError(version.stored < version.current
                ? "its schema is version \(version.stored), this ecobench reads \(version.current): serve never writes, so "
                  + "migrate it once with `ecobench runs --db \(databasePath)`"
                : "its schema is version \(version.stored), newer than this ecobench's \(version.current)")
        }
    }

    /// The page of runs `query` selects; figures are filled for the page's rows only.
    package func runs(_ query: ServeRunQuery) throws -> ServeRunPage {
        let records = try store.runs()
        let rows = records.map { record in cached(record.id, status: record.status) ?? ServeCatalog.bareRow(record) }
        let (page, total) = query.apply(rows)
        let filled = page.map { row in cached(row.id, status: row.status) ?? fill(row) }
        return ServeRunPage(total: total, page: query.page, perPage: query.perPage, runs: filled)
    }

    /// Builds and caches the rows of every run that is not running (so each page's first view is
    /// fast too); returns how many were built. Runs on a background queue after the server starts.
    @discardableResult
    package func warm() -> Int {
        var built = 0
        for record in (try? store.runs()) ?? [] where record.status != .running && cached(record.id, status: record.status) == nil {
            _ = fill(ServeCatalog.bareRow(record))
            built += 1
        }
        return built
    }

    /// The run's report; nil when there is no run `id`.
    package func report(_ id: Int64) throws -> Report? {
        guard try store.run(id: id) != nil else { return nil }
        return try ReportBuilder(store: store).build(runID: id)
    }

    private func cached(_ id: Int64, status: RunStatus) -> ServeRunRow? {
        lock.lock()
        defer { lock.unlock() }
        guard let row = cachedRows[id], row.status == status else { return nil }
        return row
    }

    private func fill(_ bare: ServeRunRow) -> ServeRunRow {
        var row = bare
        do {
            row.fill(from: try ReportBuilder(store: store).build(runID: row.id))
        } catch {
            row.reportError = "\(error)"
        }
        if row.status != .running {
            lock.lock()
            cachedRows[row.id] = row
            lock.unlock()
        }
        return row
    }

    /// A row from the run's record alone (its host from the stored inventory).
    static func bareRow(_ record: RunRecord) -> ServeRunRow {
        let host = try? ReportCoding.decoder().decode(ReportHost.self, from: Data(record.run.hostJSON.utf8))
        return ServeRunRow(id: record.id, workload: record.run.workload, status: record.status,
                           startedAt: record.run.startedAt, endedAt: record.endedAt, hostname: host?.hostname,
                           hostFingerprint: host?.fingerprint, functionalUnit: record.run.functionalUnit)
    }
}

/// A database the server cannot read (a schema other than this ecobench's).
package struct ServeDatabaseError: Error, CustomStringConvertible, Sendable {
    package var description: String
    package init(_ description: String) { self.description = description }
}
