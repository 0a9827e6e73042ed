import Foundation
import Yams
import EcobenchNet

/// One object of a workload's manifests: a document of a (multi-document) YAML file.
public struct KubernetesManifest {
    public var file: String
    /// 1-based document number in the file.
    public var document: Int
    public var kind: KubernetesResourceKind
    public var name: String
    /// The object as the user wrote it (any kind's fields), sent as the POST body.
    public var object: JSONValue

    /// `deploy.yaml#2 Deployment web`: how errors name the object.
    public var label: String { "document \(document), \(kind.kind) \(name)" }

    /// Every document of the `.yaml`/`.yml` files directly in `directory`, by file name.
    public static func loadDirectory(_ directory: String) throws(KubernetesError) -> [KubernetesManifest] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw .manifest(file: directory, object: nil, message: "cannot list manifests: \(error.localizedDescription)")
        }
        var out: [KubernetesManifest] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            out += try loadFile(directory + "/" + name)
        }
        if out.isEmpty { throw .manifest(file: directory, object: nil, message: "holds no .yaml manifest") }
        return out
    }

    /// Every non-empty document of one file, with placeholders such as `{load_s}` replaced.
    public static func loadFile(_ file: String, substitutions: [String: String] = [:]) throws(KubernetesError) -> [KubernetesManifest] {
        var out: [KubernetesManifest] = []
        for (document, object) in try documents(inFile: file, substitutions: substitutions) {
            out.append(try make(object, file: file, document: document))
        }
        return out
    }

    /// The file's non-empty YAML documents as JSON objects (1-based numbers),
    /// without checking their kinds.
    public static func documents(inFile file: String,
                                 substitutions: [String: String] = [:]) throws(KubernetesError) -> [(Int, JSONValue)] {
        var text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw .manifest(file: file, object: nil, message: "cannot read: \(error.localizedDescription)")
        }
        for (name, value) in substitutions { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        let nodes: [Node]
        do { nodes = Array(try Yams.compose_all(yaml: text)) } catch {
            throw .manifest(file: file, object: nil, message: "invalid YAML: \(error)")
        }
        var out: [(Int, JSONValue)] = []
        for (index, node) in nodes.enumerated() {
            let object = YAMLJSONConverter.convert(node)
            if object == .null { continue }
            guard object.objectMembers != nil else {
                throw .manifest(file: file, object: "document \(index + 1)", message: "is not a mapping (a Kubernetes object)")
            }
            out.append((index + 1, object))
        }
        return out
    }

    package static func make(_ object: JSONValue, file: String, document: Int) throws(KubernetesError) -> KubernetesManifest {
        let at = "document \(document)"
        guard let apiVersion = object["apiVersion"]?.stringValue, let kindName = object["kind"]?.stringValue else {
            throw .manifest(file: file, object: at, message: "needs apiVersion and kind")
        }
        guard let metadata = object["metadata"], let name = metadata["name"]?.stringValue, !name.isEmpty else {
            throw .manifest(file: file, object: at, message: "needs metadata.name (generateName is not supported)")
        }
        guard let kind = KubernetesResourceKind.find(apiVersion: apiVersion, kind: kindName) else {
            throw .manifest(file: file, object: "\(at), \(kindName) \(name)",
                            message: "\(apiVersion) \(kindName) is not supported by ecobench (supported: "
                                + KubernetesResourceKind.supportedList + "); cluster-scoped objects must be set up by hand")
        }
        if let namespace = metadata["namespace"]?.stringValue {
            throw .manifest(file: file, object: "\(at), \(kindName) \(name)",
                            message: "sets metadata.namespace '\(namespace)'; leave it out: ecobench creates a namespace per repetition")
        }
        return KubernetesManifest(file: file, document: document, kind: kind, name: name, object: object)
    }
}
