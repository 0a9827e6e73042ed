/// A failed SQLite call, with the database file and the statement that failed.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var path: String
    public var sql: String?

    public var description: String {
        var text = "SQLite error \(code) in \(path): \(message)"
        if let sql { text += " (while running: \(sql.prefix(120)))" }
        return text
    }

    /// True when the disk or the database file is full (SQLITE_FULL).
    public var isDiskFull: Bool { code & 0xff == 13 }
    /// True when the database cannot be written (SQLITE_READONLY).
    public var isReadOnly: Bool { code & 0xff == 8 }
}
