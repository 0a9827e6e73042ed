import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench run --target kubernetes` against `Tests/tools/k8s_standin.py`, a stand-in for the
/// Kubernetes API server (no real API server can run in the test environment); the binary,
/// TLS, the kubeconfig and the exec plugin are real.
@Suite(.serialized) struct KubernetesTargetTests {
    func arguments(_ dir: String, workload: String, kubeconfig: String) -> [String] {
        ["run", workload, "--target", "kubernetes", "--kubeconfig", kubeconfig, "--kubernetes-poll-seconds", "0.05",
         "--namespace-delete-timeout", "10", "--db", dir + "/db.sqlite", "--out", dir + "/out"]
    }

    @Test func happyPathThroughTheCLIWithAnExecPlugin() throws {
        let dir = try TemporaryDirectory("ecobench-cli-k8s")
        defer { dir.remove() }
        let server = try KubernetesStandIn(folder: dir.path, tokens: ["tok-1"], jobLog: KubernetesWorkloadFixture.jobLog)
        defer { server.stop() }
        let workload = try KubernetesWorkloadFixture.write(in: dir.path)
        let plugin = try KubernetesWorkloadFixture.writePlugin(in: dir.path)
        let kubeconfig = try server.writeKubeconfig(user: .exec(command: plugin, args: ["none"],
                                                                apiVersion: "client.authentication.k8s.io/v1"))
        let result = try CLI.run(arguments(dir.path, workload: workload, kubeconfig: kubeconfig))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("node energy is not measured for the cluster"))
        let requests = server.requests()
        let namespace = try #require(requests.first { $0.kind == "Namespace" })
        #expect(namespace.labels["ecobench.io/workload"] == "tiny")
        let name = try #require(namespace.name)
        #expect(requests.contains { $0.method == "DELETE" && $0.path == "/api/v1/namespaces/\(name)" })
        #expect(requests.last { $0.path == "/api/v1/namespaces/\(name)" }?.status == 404)
        let runID = try #require(name.split(separator: "-").dropFirst().first.map(String.init))
        let section = try String(contentsOfFile: dir.path + "/out/run-\(runID)/kubernetes.json", encoding: .utf8)
        #expect(section.contains("\"scs_flavor\" : \"SCS-4V-16\""))
        #expect(section.contains("\"deleted\" : true"))
        let log = try String(contentsOfFile: dir.path + "/out/run-\(runID)/\(name)-load.log", encoding: .utf8)
        #expect(log.contains("ops: 1234"))
    }

    @Test func readinessTimeoutFailsClearlyAndTearsDown() throws {
        let dir = try TemporaryDirectory("ecobench-cli-k8s-ready")
        defer { dir.remove() }
        let server = try KubernetesStandIn(folder: dir.path, scenarios: ["never-ready"])
        defer { server.stop() }
        let workload = try KubernetesWorkloadFixture.write(in: dir.path, readyTimeoutSeconds: 1)
        let kubeconfig = try server.writeKubeconfig(user: .token("test-token"))
        let result = try CLI.run(arguments(dir.path, workload: workload, kubeconfig: kubeconfig))
        #expect(result.status != 0)
        #expect(result.stderr.contains("not ready within 1 s"), "\(result.stderr)")
        #expect(result.stderr.contains("FailedScheduling"))
        let name = try #require(server.requests().first { $0.kind == "Namespace" }?.name)
        #expect(server.requests().last { $0.path == "/api/v1/namespaces/\(name)" }?.status == 404)
    }

    @Test func expiredTokenIsAClearErrorBeforeAnythingIsCreated() throws {
        let dir = try TemporaryDirectory("ecobench-cli-k8s-token")
        defer { dir.remove() }
        let server = try KubernetesStandIn(folder: dir.path, tokens: ["fresh"])
        defer { server.stop() }
        let workload = try KubernetesWorkloadFixture.write(in: dir.path)
        let kubeconfig = try server.writeKubeconfig(user: .token("expired"))
        let result = try CLI.run(arguments(dir.path, workload: workload, kubeconfig: kubeconfig))
        #expect(result.status != 0)
        #expect(result.stderr.contains("token expired or rejected"), "\(result.stderr)")
        #expect(!server.requests().contains { $0.method == "POST" })
    }

    @Test func sigintDuringLoadDeletesTheNamespaceAndExitsNonZero() throws {
        let dir = try TemporaryDirectory("ecobench-cli-k8s-sigint")
        defer { dir.remove() }
        let server = try KubernetesStandIn(folder: dir.path, scenarios: ["job-slow"])
        defer { server.stop() }
        let workload = try KubernetesWorkloadFixture.write(in: dir.path)
        let kubeconfig = try server.writeKubeconfig(user: .token("test-token"))
        let running = try CLI.start(arguments(dir.path, workload: workload, kubeconfig: kubeconfig))
        let deadline = Date(timeIntervalSinceNow: 30)
        while Date() < deadline && !server.requests().contains(where: { $0.kind == "Job" }) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(running.process.processIdentifier, SIGINT)
        let result = running.finish()
        #expect(result.status != 0)
        #expect(result.stderr.contains("interrupted"), "\(result.stderr)")
        let name = try #require(server.requests().first { $0.kind == "Namespace" }?.name)
        #expect(server.requests().contains { $0.method == "DELETE" && $0.path == "/api/v1/namespaces/\(name)" })
        #expect(server.requests().last { $0.path == "/api/v1/namespaces/\(name)" }?.status == 404)
    }
}
