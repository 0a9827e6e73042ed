import ArgumentParser
import EcobenchCore

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
            throw CLIError("cannot open database \(resolvedPath): \(error)")
        }
    }
}

/// A one-line error for the user; ArgumentParser prints it and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
