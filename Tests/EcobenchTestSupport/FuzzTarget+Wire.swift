import EcobenchCore
import Foundation

/// The decoders of what crosses a wire or a trust boundary (issue 12, point 5): the canonical-JSON
/// parser of signed reports, the agent's `/samples`, `/pods` and `/clock`, Prometheus API answers,
/// kubeconfig, exec credentials, the Kubernetes objects ecobench reads and manifests. Each must
/// refuse garbage with its own typed error and never crash.
extension FuzzTarget {
    /// A kubeconfig whose user runs an exec plugin: its resolved endpoint gives both the
    /// `ExecCredentialPlugin` whose output parser is fuzzed and the client whose answer decoder is.
    static let endpoint: KubernetesEndpoint? = {
        let yaml = """
        current-context: fuzz
        clusters: [{name: c, cluster: {server: "https://k8s.invalid:6443"}}]
        users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: fuzz-plugin}}}]
        contexts: [{name: fuzz, context: {cluster: c, user: u, namespace: ns}}]
        """
        return try? Kubeconfig.parse(yaml: yaml, file: "fuzz-kubeconfig").resolve(context: nil)
    }()

    /// Runs `parse`, whose errors are typed as `E` by its signature: only a crash can be a finding.
    static func typed<E: Error>(_ parse: () throws(E) -> Void) -> Outcome {
        do throws(E) {
            try parse()
            return .parsed
        } catch {
            return .typedError
        }
    }

    /// Whether a number literal of `value` is beyond a Double's range (`1e400`).
    static func hasNumberBeyondDouble(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let literal): return !(Double(literal)?.isFinite ?? false)
        case .array(let elements): return elements.contains(where: hasNumberBeyondDouble)
        case .object(let members): return members.contains { hasNumberBeyondDouble($0.value) }
        case .string, .bool, .null: return false
        }
    }

    /// A file holding `bytes` for the parsers that read a path, removed after `body`. Written in
    /// place with write(2), not `FileManager.createFile` (a temporary file and a rename each time,
    /// which made these targets ten times slower).
    static func withFile(_ bytes: [UInt8], suffix: String, _ body: (String) -> Outcome) -> Outcome {
        let path = FileManager.default.temporaryDirectory.path + "/ecobench-fuzz-\(getpid())\(suffix)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .untypedError("cannot write the input file \(path): errno \(errno)") }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        defer { unlink(path) }
        guard written == bytes.count else { return .untypedError("cannot write the input file \(path): errno \(errno)") }
        return body(path)
    }

    public static let wire: [FuzzTarget] = [
        // The strict parser that canonicalises signed reports: a document it accepts must have a
        // canonical form that parses again and is its own canonical form (members sorted once stay sorted).
        FuzzTarget(name: "canonicaljson") { bytes, _ in
            let document: JSONValue
            do { document = try JSONValueParser.parse(bytes) } catch is JSONValueParser.Failure {
                return .typedError
            } catch { return .untypedError("\(type(of: error)): \(error)") }
            let canonical = document.canonical
            guard let again = try? JSONValueParser.parse(canonical) else {
                return .untypedError("the canonical form does not parse: \(String(decoding: canonical, as: UTF8.self))")
            }
            guard again.canonical == canonical else {
                return .untypedError("the canonical form is not stable: \(String(decoding: canonical, as: UTF8.self))")
            }
            // Differential: what this strict parser accepts, an independent one (Foundation's) accepts
            // too, but for numbers beyond a Double, which Foundation refuses and JSON allows.
            if (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) == nil,
               !hasNumberBeyondDouble(document) {
                return .untypedError("accepted, but JSONSerialization refuses it")
            }
            return .parsed
        },
        FuzzTarget(name: "agentsamples") { bytes, _ in
            typed { () throws(AgentSamplesDecoder.FieldError) in _ = try AgentSamplesDecoder.samples(Data(bytes)) }
        },
        FuzzTarget(name: "agentpods") { bytes, _ in
            typed { () throws(AgentSamplesDecoder.FieldError) in _ = try AgentSamplesDecoder.podScans(Data(bytes)) }
        },
        FuzzTarget(name: "agentclock") { bytes, _ in
            typed { () throws(AgentSamplesDecoder.FieldError) in _ = try AgentSamplesDecoder.clock(Data(bytes)) }
        },
        // Each input as a 200 answer and as an error status (whose body is read for errorType/error).
        FuzzTarget(name: "prometheus") { bytes, _ in
            let outcomes = [200, 422].map { status in
                expecting(PrometheusError.self) {
                    _ = try PrometheusResponseParser.parse(status: status, body: Data(bytes),
                                                           url: "http://prometheus.invalid:9090", query: "fuzz")
                }
            }
            if let finding = outcomes.first(where: { if case .untypedError = $0 { true } else { false } }) { return finding }
            return scannerAgreesWithTheDecoder(bytes) ?? outcomes[0]
        },
        FuzzTarget(name: "kubeconfig") { bytes, _ in
            typed { () throws(KubernetesError) in
                // Relative file fields point into a folder that does not exist: nothing is read.
                let config = try Kubeconfig.parse(yaml: text(bytes), file: "/nonexistent-ecobench-fuzz/kubeconfig")
                for name in [nil] + config.contexts.keys.sorted() { _ = try? config.resolve(context: name) }
            }
        },
        FuzzTarget(name: "execcredential") { bytes, _ in
            guard let plugin = endpoint?.credentials.plugin else { return .untypedError("the fuzz kubeconfig does not resolve") }
            return typed { () throws(KubernetesError) in _ = try plugin.parse(Data(bytes)) }
        },
        // Every object type the client reads, and what the runner makes of pods and nodes.
        FuzzTarget(name: "kubeobjects") { bytes, _ in
            guard let endpoint else { return .untypedError("the fuzz kubeconfig does not resolve") }
            let client = KubernetesClient(endpoint: endpoint)
            let data = Data(bytes)
            _ = KubernetesStatus(body: data)?.fullMessage
            var decoded = 0
            func attempt<T: Decodable>(_ type: T.Type, _ use: (T) -> Void = { _ in }) {
                do throws(KubernetesError) {
                    use(try client.decode(type, from: data, path: "/fuzz"))
                    decoded += 1
                } catch {}
            }
            attempt(KubernetesList<KubernetesPod>.self) { list in
                for pod in list.items ?? [] {
                    _ = KubernetesPodInfo.parse(pod, namespace: "ns", loadJobName: "load")
                    _ = KubernetesPodState(pod).summary
                }
            }
            attempt(KubernetesList<KubernetesNode>.self) { list in _ = (list.items ?? []).map(KubernetesClusterInfo.node) }
            attempt(KubernetesList<KubernetesEvent>.self)
            attempt(KubernetesJob.self)
            attempt(KubernetesReplicated.self)
            attempt(KubernetesNamespaceObject.self)
            attempt(KubernetesVersionInfo.self)
            return decoded > 0 ? .parsed : .typedError
        },
        FuzzTarget(name: "kubemanifest") { bytes, _ in
            withFile(bytes, suffix: "-manifest.yaml") { path in
                typed { () throws(KubernetesError) in
                    for (document, object) in try KubernetesManifest.documents(inFile: path, substitutions: ["load_s": "30"]) {
                        _ = try KubernetesManifest.make(object, file: path, document: document)
                    }
                }
            }
        },
    ]
}

extension FuzzTarget {
    /// Differential check of the Prometheus fast path: what `PrometheusAnswerScanner` reads, the
    /// Codable decoder it falls back to must read alike (labels equal, times and values bit for bit).
    static func scannerAgreesWithTheDecoder(_ bytes: [UInt8]) -> Outcome? {
        guard let scanned = PrometheusAnswerScanner.series(Data(bytes)) else { return nil }
        guard let decoded = try? PrometheusResponseParser.decode(status: 200, body: Data(bytes),
                                                                 url: "http://prometheus.invalid:9090", query: "fuzz") else {
            return .untypedError("the scanner read an answer the decoder refuses")
        }
        func bits(_ series: [PrometheusSeries]) -> [[String: String]: [[UInt64]]] {
            Dictionary(series.map { ($0.labels, $0.points.map { [$0.timeSeconds.bitPattern, $0.value.bitPattern] }) },
                       uniquingKeysWith: { first, _ in first })
        }
        guard scanned.count == decoded.count, bits(scanned) == bits(decoded) else {
            return .untypedError("the scanner and the decoder read different series")
        }
        return nil
    }
}
