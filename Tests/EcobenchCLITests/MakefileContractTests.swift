import EcobenchTestSupport
import EcobenchCore
import Foundation
import Testing

/// The README's two commands on a machine that lacks a Swift toolchain (issue 18): `make run`
/// stops before anything else (no apt-get, no virtual environment) with one line that names
/// the version needed and where to get it. The toolchain is taken off PATH by dropping every
/// folder that holds a `swift`; make itself is called by its full path.
@Suite struct MakefileContractTests {
    static let make = ["/usr/bin/make", "/bin/make"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func runMake(_ arguments: [String], path: String) throws -> CLI.Result {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: try #require(Self.make, "make is not installed"))
        process.arguments = ["--no-print-directory", "-C", CLI.packageRoot] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = path
        environment.removeValue(forKey: "SWIFT")
        environment.removeValue(forKey: "MAKEFLAGS")
        environment.removeValue(forKey: "MAKELEVEL")
        process.environment = environment
        return try CLI.capture(process)
    }

    static var pathWithoutSwift: String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .filter { !FileManager.default.isExecutableFile(atPath: "\($0)/swift") }
            .joined(separator: ":")
    }

    @Test func makeRunWithoutASwiftToolchainSaysSoInOneLine() throws {
        let result = try runMake(["run"], path: Self.pathWithoutSwift)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty, "nothing may run before the check: \(result.stdout)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        let line = String(lines.first ?? "")
        #expect(line.contains("needs a Swift 6.0 or newer toolchain (no 'swift' on PATH)"), "\(line)")
        #expect(line.contains("swift.org") && line.contains("swiftly"), "\(line)")
    }

    @Test func makeTestWithAnOldToolchainNamesTheVersionFound() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fake = dir.path + "/swift"
        try "#!/bin/sh\necho 'Swift version 5.10.1 (swift-5.10.1-RELEASE)'\n".write(toFile: fake, atomically: true,
                                                                                   encoding: .utf8)
        chmod(fake, 0o755)
        let result = try runMake(["test"], path: dir.path + ":" + Self.pathWithoutSwift)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("(found Swift 5.10)"), "\(result.stderr)")
    }
}
