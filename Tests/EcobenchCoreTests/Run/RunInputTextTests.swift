import Foundation
import Testing
import EcobenchCore
@testable import EcobenchRun
import EcobenchTestSupport

/// What a run keeps of its inputs: the workload text it parsed, the load's output as written.
@Suite("Run inputs kept as read")
struct RunInputTextTests {
    @Test func theStoredYAMLIsTheTextThatWasParsed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/demo.yaml"
        let text = WorkloadTestSupport.minimal + "\n# a comment, kept   \n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let parsed = try WorkloadParser.parseKeepingText(fileAtPath: path)
        #expect(parsed.yaml == text)
        #expect(parsed.spec.name == "demo")
    }

    @Test func loadOutputThatIsNotUTF8IsDecodedLossily() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/out"
        // "ok " then 0xFF (never valid UTF-8) then "done\n": one U+FFFD, the rest kept.
        try Data([0x6F, 0x6B, 0x20, 0xFF, 0x64, 0x6F, 0x6E, 0x65, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(LaunchedProcess.capturedText(path) == "ok \u{FFFD}done\n")
        #expect(LaunchedProcess.capturedText(dir.path + "/missing").hasPrefix("[output unreadable: \(dir.path)/missing: "))
    }
}
