import Foundation
import EcobenchCore

/// How `run` and `sweep` show the notable pre-flight checks: each warning and failure on stderr,
/// only failures with `--quiet`.
enum PreflightPrinter {
    static func notable(quiet: Bool) -> ([ReportCheck]) -> Void {
        { notable in
            guard !quiet || notable.contains(where: { $0.status == .fail }) else { return }
            for check in notable { FileHandle.standardError.write(Data("pre-flight: \(check.line)\n".utf8)) }
        }
    }
}
