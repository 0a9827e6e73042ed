import ArgumentParser
import EcobenchCore
import Foundation

/// `--db PATH`, shared by every command that reads or writes the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"),
            help: "SQLite database (default: $ECOBENCH_DB, else ~/.local/share/ecobench/ecobench.db).")
    var path: String?

    var resolvedPath: String { path ?? RunStore.defaultPath() }

    func open() throws -> RunStore {
        do {
            return try RunStore(path: resolvedPath)
        } catch {
            throw CLIError("cannot open database \(resolvedPath): \(error)" + readOnlyHint)
        }
    }

    /// Says so when the database's file system is mounted read-only (SQLite only says it cannot open).
    var readOnlyHint: String {
        var info = statvfs()
        let dir = (resolvedPath as NSString).deletingLastPathComponent
        guard statvfs(dir.isEmpty ? "." : dir, &info) == 0, info.f_flag & UInt(ST_RDONLY) != 0 else { return "" }
        return " (the file system holding it is mounted read-only: give a writable --db)"
    }
}

/// A one-line error for the user; ArgumentParser prints it and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
