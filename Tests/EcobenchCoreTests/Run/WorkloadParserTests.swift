import Foundation
import Testing
import EcobenchCore
@testable import EcobenchRun

@Suite("Workload parser: shipped workloads and well-formed input")
struct WorkloadParserTests {
    private func shipped(_ name: String) throws -> WorkloadSpec {
        let path = WorkloadTestSupport.workloadsDirectory.appendingPathComponent(name).path
        return try WorkloadParser.parse(fileAtPath: path)
    }

    @Test func parsesIdle() throws {
        let spec = try shipped("idle.yaml")
        #expect(spec.name == "idle")
        #expect(spec.functionalUnit == "minute")
        #expect(spec.load.functionalUnits.method == .perSeconds(60))
        #expect(spec.load.command?.invocation == .argv(["sleep", "{load_s}"]))
        #expect(spec.phases == WorkloadSpec.Phases(baselineSeconds: 10, idleSeconds: 10,
                                                   loadSeconds: 30, cooldownSeconds: 10))
        #expect(spec.repetitions == 3)
        #expect(spec.service == nil)
        #expect(spec.workloadDirectory == WorkloadTestSupport.workloadsDirectory.standardizedFileURL.path)
    }

    @Test func parsesCPUStressAndCountsRealStressNGOutput() throws {
        let spec = try shipped("cpu-stress.yaml")
        #expect(spec.name == "cpu-stress")
        #expect(spec.requirements.map(\.binary) == ["stress-ng"])
        #expect(spec.requirements.first?.debianPackage == "stress-ng")
        // stress-ng 0.15.06, `--cpu 2 --timeout 2s --metrics-brief`, all on stderr.
        let stderr = """
            stress-ng: info:  [5414] setting to a 2 second run per stressor
            stress-ng: info:  [5414] dispatching hogs: 2 cpu
            stress-ng: metrc: [5414] stressor       bogo ops real time  usr time  sys time   bogo ops/s     bogo ops/s
            stress-ng: metrc: [5414]                           (secs)    (secs)    (secs)   (real time) (usr+sys time)
            stress-ng: metrc: [5414] cpu                8530      2.00      3.99      0.00      4263.21        2140.14
            stress-ng: info:  [5414] successful run completed in 2.00s
            """
        let units = try spec.load.functionalUnits.units(stdout: "", stderr: stderr, loadDurationSeconds: 2)
        #expect(units == 8530)
    }

    @Test func parsesNginxStaticAndCountsWrkRequests() throws {
        let spec = try shipped("nginx-static.yaml")
        #expect(spec.name == "nginx-static")
        #expect(spec.requirements.map(\.binary) == ["nginx", "wrk"])
        #expect(spec.service != nil)
        #expect(spec.readiness.first?.probe == .tcp(host: "127.0.0.1", port: 18080))
        #expect(spec.readiness.first?.timeoutSeconds == 10)
        #expect(spec.setup.count == 3 && spec.teardown.count == 1)
        let stdout = """
            Running 3s test @ http://127.0.0.1:18080/index.html
              2 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   671.01us  794.90us   8.52ms   86.47%
                Req/Sec    33.04k     3.42k   45.89k    81.67%
              197591 requests in 3.01s, 843.63MB read
            Requests/sec:  65590.66
            """
        let units = try spec.load.functionalUnits.units(stdout: stdout, stderr: "", loadDurationSeconds: 3)
        #expect(units == 197_591)
        let values = spec.placeholderValues(runDirectory: "/tmp/run")
        let service = try #require(spec.service).resolved(with: values)
        #expect(service.argv.contains("\(spec.workloadDirectory)/nginx-static/nginx.conf"))
        #expect(FileManager.default.fileExists(atPath: "\(spec.workloadDirectory)/nginx-static/nginx.conf"))
    }

    @Test func parsesEveryOptionalKey() throws {
        let yaml = """
            name: full-1
            description: everything
            functional_unit: transaction
            requires: [sh]
            packages: {sh: dash}
            setup:
              - argv: [mkdir, -p, "{run_dir}/x"]
                env: {MODE: fast, COUNT: 3}
                timeout_s: 5
                cwd: sub
            service:
              shell: "exec server --port 9 > {run_dir}/log"
            ready:
              - tcp: "[::1]:9"
              - command: {argv: [true]}
                timeout_s: 2.5
            load:
              argv: [client, "{load_s}"]
              functional_units:
                regex: 'done (\\d+)'
                match: sum
                stream: stderr
            teardown:
              - shell: rm -rf {run_dir}/x
            phases: {baseline_s: 0, idle_s: 1.5, load_s: 2, cooldown_s: 0}
            repetitions: 5
            """
        let spec = try #require(WorkloadTestSupport.spec(yaml))
        #expect(spec.requirements == [WorkloadSpec.Requirement(
            binary: "sh", debianPackage: "dash",
            location: .init(file: WorkloadTestSupport.file, line: 4, field: "requires[0]"))])
        #expect(spec.setup.first?.environment == ["MODE": "fast", "COUNT": "3"])
        #expect(spec.setup.first?.timeoutSeconds == 5)
        #expect(spec.setup.first?.workingDirectory == "sub")
        #expect(spec.service?.invocation == .shell("exec server --port 9 > {run_dir}/log"))
        #expect(spec.readiness.map(\.probe).first == .tcp(host: "::1", port: 9))
        #expect(spec.readiness.last?.timeoutSeconds == 2.5)
        #expect(spec.load.functionalUnits.method == .regex(pattern: "done (\\d+)", aggregation: .sum, stream: .stderr))
        #expect(spec.teardown.count == 1)
        #expect(spec.phases.idleSeconds == 1.5 && spec.phases.baselineSeconds == 0)
        #expect(spec.repetitions == 5)
        #expect(spec.allCommands.count == 5)
    }

    @Test func missingFileNamesTheFile() {
        #expect(throws: WorkloadError.self) { try WorkloadParser.parse(fileAtPath: "Workloads/nope.yaml") }
        do {
            _ = try WorkloadParser.parse(fileAtPath: "Workloads/nope.yaml")
        } catch {
            #expect(error.description == "Workloads/nope.yaml: no such file")
            #expect(error.kind == .unreadableFile)
        }
    }

    @Test func unreadableFileNamesTheFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecobench-workload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = directory.appendingPathComponent("binary.yaml")
        try Data([0x6e, 0x61, 0xff, 0xfe, 0x0a]).write(to: binary)
        for (path, fragment) in [(binary.path, "not UTF-8"), (directory.path, "is a directory")] {
            do {
                _ = try WorkloadParser.parse(fileAtPath: path)
                Issue.record("\(path) parsed")
            } catch {
                #expect(error.description.hasPrefix("\(path): "))
                #expect(error.description.contains(fragment))
                #expect(error.kind == .unreadableFile)
            }
        }
    }
}

extension WorkloadParserTests {
    /// Every complete workload shown in `Workloads/README.md` must parse, so the docs stay true.
    @Test func readmeExamplesParse() throws {
        let readme = try String(contentsOf: WorkloadTestSupport.workloadsDirectory
            .appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst()
            .compactMap { $0.components(separatedBy: "```").first }
            .filter { $0.hasPrefix("name:") }
        #expect(!blocks.isEmpty)
        for block in blocks {
            #expect(WorkloadTestSupport.spec(block) != nil)
        }
    }
}
