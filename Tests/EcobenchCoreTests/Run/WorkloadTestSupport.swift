import Foundation
import Testing
import EcobenchCore
@testable import EcobenchRun

/// Helpers shared by the workload parser tests.
enum WorkloadTestSupport {
    /// The name bad inputs are parsed under; every error must mention it.
    static let file = "Workloads/bad.yaml"

    /// `Workloads/` of this repository, found from this source file.
    static var workloadsDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Run
            .deletingLastPathComponent()  // EcobenchCoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
            .appendingPathComponent("Workloads")
    }

    /// A valid workload whose lines are known:
    /// 1 name, 2 description, 3 functional_unit, 4 load:, 5 argv, 6 functional_units:, 7 count.
    static let minimal = """
        name: demo
        description: a demo
        functional_unit: request
        load:
          argv: [echo, "{load_s}"]
          functional_units:
            count: 1
        """

    /// `minimal` followed by `extra` lines (starting on line 8).
    static func minimal(plus extra: String) -> String {
        minimal + "\n" + extra
    }

    /// The error that parsing `yaml` throws, or nil if it parses.
    static func error(parsing yaml: String) -> WorkloadError? {
        do {
            _ = try WorkloadParser.parse(yaml: yaml, file: file)
            return nil
        } catch {
            return error
        }
    }

    /// Expects parsing `yaml` to fail on `line` for `field` (empty: the document root), the
    /// one-line message starting with `file:line: field:` and containing `fragment`.
    static func expectError(_ yaml: String, line: Int, field: String, contains fragment: String,
                            kind: WorkloadError.Kind = .invalidValue,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let error = error(parsing: yaml) else {
            Issue.record("expected an error for \(field), but the YAML parsed", sourceLocation: sourceLocation)
            return
        }
        let text = error.description
        let prefix = field.isEmpty ? "\(file):\(line): " : "\(file):\(line): \(field): "
        #expect(text.hasPrefix(prefix), "got: \(text)", sourceLocation: sourceLocation)
        #expect(text.contains(fragment), "got: \(text)", sourceLocation: sourceLocation)
        #expect(!text.contains("\n"), "not one line: \(text)", sourceLocation: sourceLocation)
        #expect(error.kind == kind, "got kind \(error.kind): \(text)", sourceLocation: sourceLocation)
        #expect(error.line == line && (error.field ?? "") == field, sourceLocation: sourceLocation)
    }

    /// Parses a valid YAML string or records an issue.
    static func spec(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> WorkloadSpec? {
        do {
            return try WorkloadParser.parse(yaml: yaml, file: file)
        } catch {
            Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}
