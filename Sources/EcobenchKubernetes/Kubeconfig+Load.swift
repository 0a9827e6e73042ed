import Foundation

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
        let document = try KubeconfigFile.decode(yaml: yaml, file: file)
        let reader = KubeconfigFieldReader(file: file)
        var config = Kubeconfig(file: file, clusters: [:], users: [:], contexts: [:], currentContext: document.currentContext)
        if config.currentContext?.isEmpty == true { config.currentContext = nil }
        for (name, body, path) in try reader.named(document.clusters, "clusters", inner: "cluster", body: \.cluster) {
            let server = try reader.required(body.server, at: path + ".server")
            guard server.hasPrefix("https://") || server.hasPrefix("http://") else {
                throw .kubeconfig(file: file, field: path + ".server", message: "must be an http(s) URL, got '\(server)'")
            }
            config.clusters[name] = Cluster(
                server: server,
                certificateAuthorityPEM: try reader.pem(data: body.certificateAuthorityData, "certificate-authority-data",
                                                        file: body.certificateAuthority, "certificate-authority", at: path),
                insecureSkipTLSVerify: body.insecureSkipTLSVerify ?? false)
        }
        for (name, body, path) in try reader.named(document.users, "users", inner: "user", body: \.user) {
            var user = User(
                clientCertificatePEM: try reader.pem(data: body.clientCertificateData, "client-certificate-data",
                                                     file: body.clientCertificate, "client-certificate", at: path),
                clientKeyPEM: try reader.pem(data: body.clientKeyData, "client-key-data", file: body.clientKey, "client-key", at: path),
                token: body.token, exec: nil)
            if user.token == nil, let tokenFile = body.tokenFile {
                user.token = try reader.readFile(tokenFile, at: path + ".tokenFile").trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if (user.clientCertificatePEM == nil) != (user.clientKeyPEM == nil) {
                throw .kubeconfig(file: file, field: path, message: "a client certificate needs both client-certificate(-data) and client-key(-data)")
            }
            if let exec = body.exec {
                user.exec = try reader.exec(exec, at: path + ".exec")
            }
            for (unsupported, value) in [("auth-provider", body.authProvider), ("username", body.username),
                                         ("password", body.password)] where value != nil {
                throw .kubeconfig(file: file, field: path + "." + unsupported,
                                  message: "is not supported by ecobench; use a token, a client certificate or an exec plugin (e.g. kubelogin for OIDC)")
            }
            config.users[name] = user
        }
        for (name, body, path) in try reader.named(document.contexts, "contexts", inner: "context", body: \.context) {
            config.contexts[name] = Context(cluster: try reader.required(body.cluster, at: path + ".cluster"),
                                            user: try reader.required(body.user, at: path + ".user"),
                                            namespace: body.namespace)
        }
        return config
    }
}
