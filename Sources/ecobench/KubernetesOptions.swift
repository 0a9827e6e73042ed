import ArgumentParser
import EcobenchCore

/// `--target kubernetes` and how to reach the cluster.
struct KubernetesOptions: ParsableArguments {
    @Option(help: "Where the workload runs: local (this machine, the default) or kubernetes (the cluster of --kubeconfig).")
    var target: String = "local"

    @Option(help: "Kubeconfig file (default: first entry of $KUBECONFIG, else ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "Kubeconfig context (default: its current-context).")
    var context: String?

    @Option(help: "Namespaces are named PREFIX-<run id>-r<repetition>.")
    var namespacePrefix: String = "ecobench"

    @Option(help: "Seconds between polls of readiness, the load Job and namespace deletion.")
    var kubernetesPollSeconds: Double = 1

    @Option(help: "Seconds a namespace may take to disappear after DELETE.")
    var namespaceDeleteTimeout: Double = 300

    var isKubernetes: Bool { target == "kubernetes" }

    func validate() throws {
        guard ["local", "kubernetes"].contains(target) else {
            throw ValidationError("--target must be local or kubernetes, got \(target)")
        }
        if !isKubernetes && (kubeconfig != nil || context != nil) {
            throw ValidationError("--kubeconfig and --context need --target kubernetes")
        }
        let valid = !namespacePrefix.isEmpty && namespacePrefix.count <= 40
            && namespacePrefix.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && namespacePrefix.first != "-"
        guard valid else {
            throw ValidationError("--namespace-prefix must be 1-40 characters of a-z, 0-9 and '-' (a DNS label), got \(namespacePrefix)")
        }
        guard kubernetesPollSeconds > 0 && kubernetesPollSeconds <= 60 else {
            throw ValidationError("--kubernetes-poll-seconds must be more than 0 and at most 60, got \(kubernetesPollSeconds)")
        }
        guard namespaceDeleteTimeout > 0 else {
            throw ValidationError("--namespace-delete-timeout must be more than 0, got \(namespaceDeleteTimeout)")
        }
    }

    /// The endpoint of the chosen kubeconfig and context.
    func endpoint() throws -> KubernetesEndpoint {
        let file = kubeconfig ?? Kubeconfig.defaultPath()
        return try Kubeconfig.load(file: file).resolve(context: context)
    }
}
