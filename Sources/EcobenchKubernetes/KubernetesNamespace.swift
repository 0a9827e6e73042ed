import Foundation

/// Creates a run's namespace and deletes it, waiting until the API no longer has it.
public struct KubernetesNamespace {
    public let client: KubernetesClient
    public let name: String

    public init(client: KubernetesClient, name: String) {
        self.client = client
        self.name = name
    }

    package var path: String { "/api/v1/namespaces/" + name }

    /// POST /api/v1/namespaces with the run's labels.
    public func create(labels: [String: String]) throws(KubernetesError) {
        try client.json("POST", "/api/v1/namespaces",
                        body: KubernetesNamespaceObject(metadata: KubernetesObjectMeta(name: name, labels: labels)))
    }

    /// DELETE with background propagation, then GET until 404 (the namespace passes through
    /// `Terminating` while its objects are removed). Does not look at stop signals: teardown
    /// runs to the end, or to `timeoutSeconds`.
    public func delete(timeoutSeconds: Double, pollSeconds: Double) throws(KubernetesError) {
        let options = KubernetesDeleteOptions(propagationPolicy: "Background")
        if try client.json("DELETE", path, body: options, allowMissing: true) == nil { return }
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var phase = "unknown"
        while Date() < deadline {
            guard let object = try client.getIfPresent(path, as: KubernetesNamespaceObject.self) else { return }
            phase = object.status?.phase ?? phase
            Thread.sleep(forTimeInterval: pollSeconds)
        }
        throw .teardown(namespace: name, message: "still present (phase \(phase)) \(Int(timeoutSeconds)) s after DELETE; "
                            + "check it with `kubectl get namespace \(name) -o yaml` (finalizers?)")
    }
}
