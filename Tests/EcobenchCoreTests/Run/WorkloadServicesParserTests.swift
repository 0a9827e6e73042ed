import Foundation
import Testing
import EcobenchCore
@testable import EcobenchRun

/// `services:`: a list of named commands beside the single `service:`.
@Suite struct WorkloadServicesParserTests {
    typealias Support = WorkloadTestSupport

    @Test func parsesNamedServicesInOrder() throws {
        let yaml = Support.minimal(plus: """
            services:
              - name: web
                argv: [nginx]
              - name: cache
                shell: exec redis-server
            ready:
              - tcp: 127.0.0.1:1
            """)
        let spec = try WorkloadParser.parse(yaml: yaml, file: Support.file)
        #expect(spec.services.map(\.name) == ["web", "cache"])
        #expect(spec.services[0].command.invocation == .argv(["nginx"]))
        #expect(spec.service == nil)
        #expect(spec.hasService)
    }

    @Test func referenceWorkloadHasTwoServices() throws {
        let url = Support.workloadsDirectory.appendingPathComponent("web-cache.yaml")
        let spec = try WorkloadParser.parse(yaml: String(contentsOf: url, encoding: .utf8), file: url.path)
        #expect(spec.services.map(\.name) == ["web", "cache"])
    }

    @Test func rejectsBadServiceLists() {
        Support.expectError(Support.minimal(plus: "services:\n  - name: Web\n    argv: [a]"), line: 9,
                            field: "services[0].name", contains: "lower-case")
        Support.expectError(Support.minimal(plus: "services:\n  - name: a\n    argv: [a]\n  - name: a\n    argv: [b]"),
                            line: 11, field: "services[1].name", contains: "used twice")
        Support.expectError(Support.minimal(plus: "service: {argv: [s]}\nservices:\n  - name: a\n    argv: [a]"),
                            line: 10, field: "services", contains: "not both")  // the list's first line
    }
}
