/// Creates manifests in a namespace with POST to their collection (no server-side apply: the
/// namespace is new for every repetition, so there is never an object to update). A rejected
/// object (422 Invalid, 400, 409...) is reported with the manifest file, the object and the
/// API's causes (`field spec.ports[0].port: Invalid value...`).
public struct KubernetesApplier {
    public let client: KubernetesClient
    public let namespace: String

    public init(client: KubernetesClient, namespace: String) {
        self.client = client
        self.namespace = namespace
    }

    public func create(_ manifest: KubernetesManifest) throws(KubernetesError) {
        do {
            try client.json("POST", manifest.kind.collectionPath(namespace: namespace), body: manifest.object)
        } catch .api(_, let status, let reason, let message) {
            throw .manifest(file: manifest.file, object: manifest.label,
                            message: "rejected by the API server (HTTP \(status)\(reason.map { " \($0)" } ?? "")): \(message)")
        }
    }

    public func createAll(_ manifests: [KubernetesManifest]) throws(KubernetesError) {
        for manifest in manifests { try create(manifest) }
    }
}
