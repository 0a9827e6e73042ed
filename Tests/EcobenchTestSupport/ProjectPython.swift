import EcobenchCore
import Foundation

/// The project's Python, which every Python tool of the tests runs on: the virtual environment
/// `make python-deps` makes at `.venv` (jsonschema, PyYAML, sushy-tools, cryptography), named by
/// `ECOBENCH_PYTHON` (the Makefile exports it) or found at `<package root>/.venv/bin/python3`.
/// A missing one is an error that says how to make it, never a skipped test.
public enum ProjectPython {
    public static var interpreter: String {
        if let named = ProcessInfo.processInfo.environment["ECOBENCH_PYTHON"], !named.isEmpty { return named }
        return CLI.packageRoot + "/.venv/bin/python3"
    }

    /// The interpreter's path, or a `Missing` error naming the command that makes it.
    public static func require() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: interpreter) else { throw Missing(path: interpreter) }
        return interpreter
    }

    /// A process that runs `python3 arguments…` on the project's Python.
    public static func process(_ arguments: [String]) throws -> ChildProcess {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: try require())
        process.arguments = arguments
        return process
    }

    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "the project's Python \(path) does not exist: run `make python-deps` (make test does)"
        }
    }
}
