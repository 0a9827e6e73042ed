import Foundation
import Yams

extension Kubeconfig {
    /// Reads and checks a kubeconfig. Relative file fields (certificate-authority,
    /// client-certificate, client-key, tokenFile) are relative to the kubeconfig's directory,
    /// as kubectl reads them. Errors name the file and the field.
    public static func load(file: String) throws(KubernetesError) -> Kubeconfig {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw .kubeconfig(file: file, field: nil, message: "cannot read: \(error.localizedDescription)")
        }
        return try parse(yaml: text, file: file)
    }

    public static func parse(yaml: String, file: String) throws(KubernetesError) -> Kubeconfig {
        let loaded: Any?
        do { loaded = try Yams.load(yaml: yaml) } catch {
            throw .kubeconfig(file: file, field: nil, message: "invalid YAML: \(error)")
        }
        guard let root = loaded as? [String: Any] else {
            throw .kubeconfig(file: file, field: nil, message: "is not a YAML mapping (expected a kubeconfig)")
        }
        let reader = KubeconfigFieldReader(file: file)
        var config = Kubeconfig(file: file, clusters: [:], users: [:], contexts: [:],
                                currentContext: try reader.optionalString(root, "current-context", at: "current-context"))
        if config.currentContext?.isEmpty == true { config.currentContext = nil }
        for (name, body, path) in try reader.namedList(root, "clusters", inner: "cluster") {
            let server = try reader.requiredString(body, "server", at: path + ".server")
            guard server.hasPrefix("https://") || server.hasPrefix("http://") else {
                throw .kubeconfig(file: file, field: path + ".server", message: "must be an http(s) URL, got '\(server)'")
            }
            config.clusters[name] = Cluster(
                server: server,
                certificateAuthorityPEM: try reader.pem(body, data: "certificate-authority-data",
                                                        file: "certificate-authority", at: path),
                insecureSkipTLSVerify: try reader.optionalBool(body, "insecure-skip-tls-verify",
                                                               at: path + ".insecure-skip-tls-verify") ?? false)
        }
        for (name, body, path) in try reader.namedList(root, "users", inner: "user") {
            var user = User(
                clientCertificatePEM: try reader.pem(body, data: "client-certificate-data", file: "client-certificate", at: path),
                clientKeyPEM: try reader.pem(body, data: "client-key-data", file: "client-key", at: path),
                token: try reader.optionalString(body, "token", at: path + ".token"), exec: nil)
            if user.token == nil, let tokenFile = try reader.optionalString(body, "tokenFile", at: path + ".tokenFile") {
                user.token = try reader.readFile(tokenFile, at: path + ".tokenFile")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if (user.clientCertificatePEM == nil) != (user.clientKeyPEM == nil) {
                throw .kubeconfig(file: file, field: path, message: "a client certificate needs both client-certificate(-data) and client-key(-data)")
            }
            if let exec = body["exec"] {
                user.exec = try reader.exec(exec, at: path + ".exec")
            }
            for unsupported in ["auth-provider", "username", "password"] where body[unsupported] != nil {
                throw .kubeconfig(file: file, field: path + "." + unsupported,
                                  message: "is not supported by ecobench; use a token, a client certificate or an exec plugin (e.g. kubelogin for OIDC)")
            }
            config.users[name] = user
        }
        for (name, body, path) in try reader.namedList(root, "contexts", inner: "context") {
            config.contexts[name] = Context(cluster: try reader.requiredString(body, "cluster", at: path + ".cluster"),
                                            user: try reader.requiredString(body, "user", at: path + ".user"),
                                            namespace: try reader.optionalString(body, "namespace", at: path + ".namespace"))
        }
        return config
    }
}
