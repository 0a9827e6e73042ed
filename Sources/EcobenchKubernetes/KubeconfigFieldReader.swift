import Foundation

/// Checks of a decoded `KubeconfigFile` that the types cannot express (required fields, PEM
/// contents, files next to the kubeconfig), with errors that name the file and the field
/// (`users[alice].user.client-key`).
package struct KubeconfigFieldReader {
    package let file: String

    package var directory: String { URL(fileURLWithPath: file).deletingLastPathComponent().path }

    /// `clusters:` / `users:` / `contexts:` lists of `{name:, <inner>: {...}}`, with each
    /// entry's path (`clusters[c].cluster`).
    package func named<Entry, Body>(_ list: [Entry]?, _ key: String, inner: String,
                                    body: (Entry) -> Body?) throws(KubernetesError) -> [(String, Body, String)]
        where Entry: NamedKubeconfigEntry {
        var out: [(String, Body, String)] = []
        for (index, entry) in (list ?? []).enumerated() {
            let name = try required(entry.name, at: "\(key)[\(index)].name")
            guard let content = body(entry) else {
                throw .kubeconfig(file: file, field: "\(key)[\(name)].\(inner)", message: "is missing or not a mapping")
            }
            out.append((name, content, "\(key)[\(name)].\(inner)"))
        }
        return out
    }

    package func required(_ value: String?, at path: String) throws(KubernetesError) -> String {
        guard let value, !value.isEmpty else { throw .kubeconfig(file: file, field: path, message: "is required") }
        return value
    }

    /// A PEM given inline (`…-data`, base64) or as a file path (relative to the kubeconfig).
    package func pem(data encoded: String?, _ dataKey: String, file name: String?, _ fileKey: String,
                     at path: String) throws(KubernetesError) -> String? {
        if let encoded {
            guard let data = Data(base64Encoded: encoded.filter { !$0.isWhitespace }),
                  let text = String(data: data, encoding: .utf8) else {
                throw .kubeconfig(file: file, field: path + "." + dataKey, message: "is not base64-encoded PEM")
            }
            guard text.contains("-----BEGIN") else {
                throw .kubeconfig(file: file, field: path + "." + dataKey, message: "does not decode to PEM (no -----BEGIN line)")
            }
            return text
        }
        guard let name else { return nil }
        let text = try readFile(name, at: path + "." + fileKey)
        guard text.contains("-----BEGIN") else {
            throw .kubeconfig(file: file, field: path + "." + fileKey, message: "\(name) is not a PEM file")
        }
        return text
    }

    package func readFile(_ name: String, at path: String) throws(KubernetesError) -> String {
        let full = name.hasPrefix("/") ? name : directory + "/" + name
        do { return try String(contentsOfFile: full, encoding: .utf8) } catch {
            throw .kubeconfig(file: file, field: path, message: "cannot read \(full): \(error.localizedDescription)")
        }
    }

    package func exec(_ entry: KubeconfigFile.ExecEntry, at path: String) throws(KubernetesError) -> Kubeconfig.ExecConfig {
        let apiVersion = try required(entry.apiVersion, at: path + ".apiVersion")
        guard ExecCredentialPlugin.supportedVersions.contains(apiVersion) else {
            throw .kubeconfig(file: file, field: path + ".apiVersion",
                              message: "'\(apiVersion)' is not supported; use "
                                  + ExecCredentialPlugin.supportedVersions.joined(separator: " or "))
        }
        var env: [String: String] = [:]
        for (index, variable) in (entry.env ?? []).enumerated() {
            env[try required(variable.name, at: "\(path).env[\(index)].name")] = variable.value ?? ""
        }
        let mode = entry.interactiveMode ?? "IfAvailable"
        guard ["Never", "IfAvailable", "Always"].contains(mode) else {
            throw .kubeconfig(file: file, field: path + ".interactiveMode", message: "must be Never, IfAvailable or Always, got '\(mode)'")
        }
        if mode == "Always" {
            throw .kubeconfig(file: file, field: path + ".interactiveMode",
                              message: "is Always, but ecobench runs without a terminal for the plugin; log in first (e.g. run kubectl once) so the plugin can use its cached token, and set IfAvailable")
        }
        return Kubeconfig.ExecConfig(apiVersion: apiVersion, command: try required(entry.command, at: path + ".command"),
                                     args: entry.args ?? [], env: env, interactiveMode: mode)
    }
}

/// An entry of a kubeconfig's named lists.
package protocol NamedKubeconfigEntry { var name: String? { get } }
extension KubeconfigFile.NamedCluster: NamedKubeconfigEntry {}
extension KubeconfigFile.NamedUser: NamedKubeconfigEntry {}
extension KubeconfigFile.NamedContext: NamedKubeconfigEntry {}
