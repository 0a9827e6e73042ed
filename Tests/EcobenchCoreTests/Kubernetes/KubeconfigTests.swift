import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchKubernetes

@Suite struct KubeconfigTests {
    static let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

    @Test func inlineDataAndFileFieldsResolveToTheSamePEM() throws {
        let dir = try TemporaryDirectory("ecobench-kubeconfig")
        defer { dir.remove() }
        try Self.pem.write(toFile: dir.path + "/ca.pem", atomically: true, encoding: .utf8)
        try "  secret-token\n".write(toFile: dir.path + "/token", atomically: true, encoding: .utf8)
        let yaml = """
        current-context: by-file
        clusters:
        - name: inline
          cluster: {server: "https://a.example:6443/", certificate-authority-data: \(Data(Self.pem.utf8).base64EncodedString())}
        - name: files
          cluster: {server: "https://b.example:6443", certificate-authority: ca.pem}
        users:
        - name: u
          user: {tokenFile: token}
        contexts:
        - {name: by-data, context: {cluster: inline, user: u}}
        - {name: by-file, context: {cluster: files, user: u, namespace: team}}
        """
        let config = try Kubeconfig.parse(yaml: yaml, file: dir.path + "/config")
        let byData = try config.resolve(context: "by-data")
        let byFile = try config.resolve(context: nil)
        #expect(byData.tls.trustRootsPEM == Self.pem)
        #expect(byFile.tls.trustRootsPEM == Self.pem)
        #expect(byData.server == "https://a.example:6443")
        #expect(byFile.contextName == "by-file")
        #expect(byFile.defaultNamespace == "team")
        #expect(try byFile.credentials.current()?.token == "secret-token")
    }

    @Test func missingContextNamesFileAndField() throws {
        let yaml = """
        current-context: gone
        clusters: [{name: c, cluster: {server: "https://x:6443"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: real, context: {cluster: c, user: u}}]
        """
        let config = try Kubeconfig.parse(yaml: yaml, file: "/tmp/kc.yaml")
        let error = #expect(throws: KubernetesError.self) { try config.resolve(context: nil) }
        let text = error?.description ?? ""
        #expect(text.contains("/tmp/kc.yaml"))
        #expect(text.contains("current-context"))
        #expect(text.contains("gone") && text.contains("real"))
        let explicit = #expect(throws: KubernetesError.self) { try config.resolve(context: "other") }
        #expect(explicit?.description.contains("no context named 'other'") == true)
    }

    @Test func badFieldsAreNamed() throws {
        let cases: [(String, String)] = [
            ("clusters: [{name: c, cluster: {server: ftp://x}}]", "clusters[c].cluster.server"),
            ("users: [{name: u, user: {client-certificate-data: \(Data(Self.pem.utf8).base64EncodedString())}}]", "users[u].user"),
            ("users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}}}]",
             "users[u].user.exec.apiVersion"),
            ("users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x, interactiveMode: Always}}}]",
             "users[u].user.exec.interactiveMode"),
            ("users: [{name: u, user: {auth-provider: {name: oidc}}}]", "users[u].user.auth-provider"),
            ("clusters: [{name: c, cluster: {server: 'https://x', certificate-authority-data: '!!!'}}]",
             "clusters[c].cluster.certificate-authority-data"),
            // Wrong YAML types, found by decoding the typed file: entries named by their name.
            ("clusters: [{name: c, cluster: {server: [https://x]}}]", "clusters[c].cluster.server: must be a string"),
            ("clusters: [{name: c, cluster: {server: 'https://x', insecure-skip-tls-verify: maybe}}]",
             "clusters[c].cluster.insecure-skip-tls-verify: must be true or false"),
            ("users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x, args: {a: b}}}}]",
             "users[u].user.exec.args: must be a list"),
            ("contexts: {name: c}", "contexts: must be a list"),
            ("contexts: [{name: c, context: {cluster: k}}]", "contexts[c].context.user: is required"),
        ]
        for (yaml, field) in cases {
            let error = #expect(throws: KubernetesError.self) { try Kubeconfig.parse(yaml: yaml, file: "kc") }
            #expect(error?.description.contains("kc: \(field)") == true, "\(error?.description ?? "no error") for \(yaml)")
        }
    }

    /// What `KUBERNETES_EXEC_INFO` carries, written out by hand from the client.authentication.k8s.io
    /// ExecCredential spec (keys sorted, no whitespace, slashes unescaped).
    @Test func execInfoIsTheExecCredentialSpec() {
        let config = Kubeconfig.ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: "x", args: [], env: [:],
                                           interactiveMode: "Never")
        let plugin = ExecCredentialPlugin(config: config, kubeconfigFile: "kc", clusterServer: "https://k8s.example:6443")
        #expect(plugin.execInfo() == #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","#
            + #""spec":{"cluster":{"server":"https://k8s.example:6443"},"interactive":false}}"#)
    }

    @Test func unreadableFileIsNamed() {
        let error = #expect(throws: KubernetesError.self) { try Kubeconfig.load(file: "/nonexistent/kubeconfig") }
        #expect(error?.description.contains("/nonexistent/kubeconfig") == true)
    }

    @Test func kubeconfigEnvironmentVariableChoosesTheFile() {
        #expect(Kubeconfig.defaultPath(environment: ["KUBECONFIG": "/a:/b", "HOME": "/h"]) == "/a")
        #expect(Kubeconfig.defaultPath(environment: ["HOME": "/h"]) == "/h/.kube/config")
    }
}
