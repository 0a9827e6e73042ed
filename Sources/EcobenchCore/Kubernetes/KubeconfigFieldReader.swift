import Foundation

/// Typed access to the loosely typed kubeconfig YAML, with errors that name the file and
/// the field (`users[alice].user.client-key`).
struct KubeconfigFieldReader {
    let file: String

    var directory: String { URL(fileURLWithPath: file).deletingLastPathComponent().path }

    /// `clusters:` / `users:` / `contexts:` lists of `{name:, <inner>: {...}}`.
    func namedList(_ root: [String: Any], _ key: String,
                   inner: String) throws(KubernetesError) -> [(String, [String: Any], String)] {
        guard let raw = root[key], !(raw is NSNull) else { return [] }
        guard let list = raw as? [Any] else { throw .kubeconfig(file: file, field: key, message: "must be a list") }
        var out: [(String, [String: Any], String)] = []
        for (index, item) in list.enumerated() {
            guard let entry = item as? [String: Any] else {
                throw .kubeconfig(file: file, field: "\(key)[\(index)]", message: "must be a mapping with name and \(inner)")
            }
            let name = try requiredString(entry, "name", at: "\(key)[\(index)].name")
            guard let body = entry[inner] as? [String: Any] else {
                throw .kubeconfig(file: file, field: "\(key)[\(name)].\(inner)", message: "is missing or not a mapping")
            }
            out.append((name, body, "\(key)[\(name)].\(inner)"))
        }
        return out
    }

    func optionalString(_ map: [String: Any], _ key: String, at path: String) throws(KubernetesError) -> String? {
        guard let raw = map[key], !(raw is NSNull) else { return nil }
        if let text = raw as? String { return text }
        if let number = raw as? Int { return String(number) }
        throw .kubeconfig(file: file, field: path, message: "must be a string")
    }

    func requiredString(_ map: [String: Any], _ key: String, at path: String) throws(KubernetesError) -> String {
        guard let value = try optionalString(map, key, at: path), !value.isEmpty else {
            throw .kubeconfig(file: file, field: path, message: "is required")
        }
        return value
    }

    func optionalBool(_ map: [String: Any], _ key: String, at path: String) throws(KubernetesError) -> Bool? {
        guard let raw = map[key], !(raw is NSNull) else { return nil }
        guard let value = raw as? Bool else { throw .kubeconfig(file: file, field: path, message: "must be true or false") }
        return value
    }

    /// A PEM given inline (`…-data`, base64) or as a file path (relative to the kubeconfig).
    func pem(_ map: [String: Any], data dataKey: String, file fileKey: String,
             at path: String) throws(KubernetesError) -> String? {
        if let encoded = try optionalString(map, dataKey, at: path + "." + dataKey) {
            guard let data = Data(base64Encoded: encoded.filter { !$0.isWhitespace }),
                  let text = String(data: data, encoding: .utf8) else {
                throw .kubeconfig(file: file, field: path + "." + dataKey, message: "is not base64-encoded PEM")
            }
            guard text.contains("-----BEGIN") else {
                throw .kubeconfig(file: file, field: path + "." + dataKey, message: "does not decode to PEM (no -----BEGIN line)")
            }
            return text
        }
        guard let name = try optionalString(map, fileKey, at: path + "." + fileKey) else { return nil }
        let text = try readFile(name, at: path + "." + fileKey)
        guard text.contains("-----BEGIN") else {
            throw .kubeconfig(file: file, field: path + "." + fileKey, message: "\(name) is not a PEM file")
        }
        return text
    }

    func readFile(_ name: String, at path: String) throws(KubernetesError) -> String {
        let full = name.hasPrefix("/") ? name : directory + "/" + name
        do { return try String(contentsOfFile: full, encoding: .utf8) } catch {
            throw .kubeconfig(file: file, field: path, message: "cannot read \(full): \(error.localizedDescription)")
        }
    }

    func exec(_ raw: Any, at path: String) throws(KubernetesError) -> Kubeconfig.ExecConfig {
        guard let map = raw as? [String: Any] else { throw .kubeconfig(file: file, field: path, message: "must be a mapping") }
        let apiVersion = try requiredString(map, "apiVersion", at: path + ".apiVersion")
        guard ExecCredentialPlugin.supportedVersions.contains(apiVersion) else {
            throw .kubeconfig(file: file, field: path + ".apiVersion",
                              message: "'\(apiVersion)' is not supported; use "
                                  + ExecCredentialPlugin.supportedVersions.joined(separator: " or "))
        }
        var args: [String] = []
        if let rawArgs = map["args"], !(rawArgs is NSNull) {
            guard let list = rawArgs as? [Any] else { throw .kubeconfig(file: file, field: path + ".args", message: "must be a list") }
            for (index, item) in list.enumerated() {
                guard let text = item as? String ?? (item as? Int).map(String.init) else {
                    throw .kubeconfig(file: file, field: "\(path).args[\(index)]", message: "must be a string")
                }
                args.append(text)
            }
        }
        var env: [String: String] = [:]
        if let rawEnv = map["env"], !(rawEnv is NSNull) {
            guard let list = rawEnv as? [Any] else { throw .kubeconfig(file: file, field: path + ".env", message: "must be a list of {name, value}") }
            for (index, item) in list.enumerated() {
                guard let entry = item as? [String: Any] else {
                    throw .kubeconfig(file: file, field: "\(path).env[\(index)]", message: "must be a mapping {name, value}")
                }
                env[try requiredString(entry, "name", at: "\(path).env[\(index)].name")] =
                    try optionalString(entry, "value", at: "\(path).env[\(index)].value") ?? ""
            }
        }
        let mode = try optionalString(map, "interactiveMode", at: path + ".interactiveMode") ?? "IfAvailable"
        guard ["Never", "IfAvailable", "Always"].contains(mode) else {
            throw .kubeconfig(file: file, field: path + ".interactiveMode", message: "must be Never, IfAvailable or Always, got '\(mode)'")
        }
        if mode == "Always" {
            throw .kubeconfig(file: file, field: path + ".interactiveMode",
                              message: "is Always, but ecobench runs without a terminal for the plugin; log in first (e.g. run kubectl once) so the plugin can use its cached token, and set IfAvailable")
        }
        return Kubeconfig.ExecConfig(apiVersion: apiVersion, command: try requiredString(map, "command", at: path + ".command"),
                                     args: args, env: env, interactiveMode: mode)
    }
}
