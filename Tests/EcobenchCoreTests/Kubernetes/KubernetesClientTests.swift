import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchKubernetes

/// Against `Tests/tools/k8s_standin.py`, a stand-in for the API server (no real Kubernetes API
/// server can run here); TLS, client certificates and the exec plugin are real.
@Suite(.serialized) struct KubernetesClientTests {
    @Test func clientCertificateAuthenticatesOverMutualTLS() throws {
        let dir = try TemporaryDirectory("ecobench-k8s-mtls")
        defer { dir.remove() }
        let server = try KubernetesStandIn(folder: dir.path, tokens: [])
        defer { server.stop() }
        let client = try server.authority.clientCertificate(commonName: "ecobench-tester")
        let endpoint = try Kubeconfig.load(file: try server.writeKubeconfig(
            user: .clientCertificate(certificate: client.certificate, key: client.key))).resolve(context: nil)
        let info = try KubernetesClusterInfo.read(client: KubernetesClient(endpoint: endpoint))
        #expect(info.version == "v1.30.4")
        #expect(info.nodes.map(\.name) == ["node-a", "node-b"])
        #expect(info.nodes.first?.scsFlavor == "SCS-4V-16")
        #expect(info.nodes.first?.zone == "de-1a")
        #expect(server.requests().allSatisfy { $0.auth == "cert:ecobench-tester" })

        // Without the certificate the same server answers 401: a clear error, not a crash.
        let anonymous = try Kubeconfig.load(file: try server.writeKubeconfig(user: .token("wrong"), name: "kc2"))
            .resolve(context: nil)
        let error = #expect(throws: KubernetesError.self) {
            try KubernetesClient(endpoint: anonymous).get("/version", as: KubernetesVersionInfo.self)
        }
        #expect(error?.description.contains("token expired or rejected") == true)
    }

    @Test func execPluginTokenIsRenewedOnceAfter401() throws {
        let dir = try TemporaryDirectory("ecobench-k8s-exec")
        defer { dir.remove() }
        // Only the plugin's second token is valid: the first answers 401, as an expired OIDC token would.
        let server = try KubernetesStandIn(folder: dir.path, tokens: ["tok-2"])
        defer { server.stop() }
        let plugin = try KubernetesWorkloadFixture.writePlugin(in: dir.path)
        let endpoint = try Kubeconfig.load(file: try server.writeKubeconfig(
            user: .exec(command: plugin, args: ["none"], apiVersion: "client.authentication.k8s.io/v1"))).resolve(context: nil)
        let client = KubernetesClient(endpoint: endpoint)
        #expect(try client.get("/version", as: KubernetesVersionInfo.self).gitVersion == "v1.30.4")
        _ = try client.get("/version", as: KubernetesVersionInfo.self)
        #expect(KubernetesWorkloadFixture.pluginRuns(plugin) == 2)
        let statuses = server.requests().map(\.status)
        #expect(statuses == [401, 200, 200])
    }

    @Test func expiredExecCredentialIsFetchedAgainBeforeTheRequest() throws {
        let dir = try TemporaryDirectory("ecobench-k8s-expiry")
        defer { dir.remove() }
        let server = try KubernetesStandIn(folder: dir.path, tokens: ["tok-1", "tok-2", "tok-3"])
        defer { server.stop() }
        let plugin = try KubernetesWorkloadFixture.writePlugin(in: dir.path, apiVersion: "client.authentication.k8s.io/v1beta1")
        let endpoint = try Kubeconfig.load(file: try server.writeKubeconfig(
            user: .exec(command: plugin, args: ["2001-01-01T00:00:00Z"],
                        apiVersion: "client.authentication.k8s.io/v1beta1"))).resolve(context: nil)
        let client = KubernetesClient(endpoint: endpoint)
        _ = try client.get("/version", as: KubernetesVersionInfo.self)
        _ = try client.get("/version", as: KubernetesVersionInfo.self)
        // Already expired when issued: each request asks the plugin again, and no request got a 401.
        #expect(KubernetesWorkloadFixture.pluginRuns(plugin) == 2)
        #expect(server.requests().map(\.auth) == ["token:tok-1", "token:tok-2"])
    }

    @Test func pluginThatFailsOrPrintsGarbageIsAClearError() throws {
        let dir = try TemporaryDirectory("ecobench-k8s-badplugin")
        defer { dir.remove() }
        let script = dir.path + "/bad.sh"
        try "#!/bin/sh\necho 'login required' >&2\nexit 1\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let garbage = dir.path + "/garbage.sh"
        try "#!/bin/sh\necho '{\"kind\":\"Other\"}'\n".write(toFile: garbage, atomically: true, encoding: .utf8)
        chmod(garbage, 0o755)
        for (command, expected) in [(script, "exited with status 1: login required"), (garbage, "not ExecCredential"),
                                    ("no-such-plugin-xyz", "not found on PATH")] {
            let config = Kubeconfig.ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: command, args: [],
                                               env: [:], interactiveMode: "Never")
            let plugin = ExecCredentialPlugin(config: config, kubeconfigFile: "kc", clusterServer: "https://x")
            let error = #expect(throws: KubernetesError.self) { try plugin.run() }
            #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
            #expect(error?.description.contains("kc: exec credential plugin") == true)
        }
    }

    @Test func unreachableServerIsNamed() throws {
        let yaml = """
        current-context: c
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        """
        let endpoint = try Kubeconfig.parse(yaml: yaml, file: "kc").resolve(context: nil)
        let error = #expect(throws: KubernetesError.self) {
            try KubernetesClient(endpoint: endpoint, timeoutSeconds: 2).get("/version", as: KubernetesVersionInfo.self)
        }
        #expect(error?.description.contains("https://127.0.0.1:9 unreachable") == true)
    }
}
