import CSQLite

/// A prepared statement: bind, step, read columns, reset. Reused on hot paths.
public final class SQLiteStatement: @unchecked Sendable {
    private unowned let database: SQLiteDatabase
    private let statement: OpaquePointer
    package let sql: String

    package init(database: SQLiteDatabase, statement: OpaquePointer, sql: String) {
        self.database = database
        self.statement = statement
        self.sql = sql
    }

    deinit { sqlite3_finalize(statement) }

    public func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement, index, value)
    }

    public func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(statement, index, value)
    }

    public func bind(_ index: Int32, _ value: String?) {
        if let value {
            sqlite3_bind_text(statement, index, value, -1, ecobench_sqlite_transient())
        } else {
            sqlite3_bind_null(statement, index)
        }
    }

    public func bindNull(_ index: Int32) { sqlite3_bind_null(statement, index) }

    /// Binds bytes without copying: they must stay valid until the next `step()`/`reset()`.
    public func bindBlobNoCopy(_ index: Int32, _ bytes: UnsafeRawBufferPointer) {
        sqlite3_bind_blob(statement, index, bytes.baseAddress, Int32(bytes.count), nil)
    }

    /// The bytes of a BLOB column, valid only inside `body`.
    public func blob<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let count = Int(sqlite3_column_bytes(statement, column))
        return try body(UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, column), count: count))
    }

    /// Binds in order from index 1: Int64, Int, Double, String, nil.
    public func bind(_ values: [SQLiteValue]) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let v): bind(index, v)
            case .real(let v): bind(index, v)
            case .text(let v): bind(index, v)
            case .null: bindNull(index)
            }
        }
    }

    /// Steps once: true when a row is available.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(rc, sql: sql)
            sqlite3_reset(statement)
            throw error
        }
    }

    public func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
    public func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: text)
    }
    public func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
    public func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// Binds, steps through every row calling `row`, and resets.
    public func query(_ values: [SQLiteValue] = [], row: (SQLiteStatement) throws -> Void) throws {
        reset()
        bind(values)
        defer { reset() }
        while try step() { try row(self) }
    }

    /// Binds, runs to completion, resets.
    public func run(_ values: [SQLiteValue] = []) throws {
        reset()
        bind(values)
        defer { reset() }
        try step()
    }
}

public enum SQLiteValue: Sendable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    public static func int(_ v: Int) -> SQLiteValue { .integer(Int64(v)) }
    public static func optional(_ v: String?) -> SQLiteValue { v.map(SQLiteValue.text) ?? .null }
    public static func optional(_ v: Double?) -> SQLiteValue { v.map(SQLiteValue.real) ?? .null }
    public static func optional(_ v: Int64?) -> SQLiteValue { v.map(SQLiteValue.integer) ?? .null }
}
