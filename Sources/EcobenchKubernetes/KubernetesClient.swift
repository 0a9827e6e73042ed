import Foundation
import EcobenchNet

/// Talks to the Kubernetes REST API over `BlockingHTTPClient`, synchronously: JSON in, JSON
/// out, errors turned into `KubernetesError` with the API's own Status message.
public final class KubernetesClient: @unchecked Sendable {
    // Safety: `http` and `httpTLS` are guarded by `lock`; BlockingHTTPClient is thread-safe.
    public let endpoint: KubernetesEndpoint
    public let timeoutSeconds: Double
    private let lock = NSLock()
    private var http: BlockingHTTPClient?
    private var httpTLS: HTTPTLSSettings?

    public init(endpoint: KubernetesEndpoint, timeoutSeconds: Double = 10) {
        self.endpoint = endpoint
        self.timeoutSeconds = timeoutSeconds
    }

    deinit { shutdown() }

    public func shutdown() {
        lock.withLock { http }?.shutdown()
    }

    /// A JSON request (body encoded from `body`, if any); the answer's bytes, or nil for 404
    /// when `allowMissing`.
    package func exchange(_ method: String, _ path: String, body: (some Encodable)?,
                          allowMissing: Bool) throws(KubernetesError) -> Data? {
        var data: Data?
        if let body {
            do { data = try JSONEncoder().encode(body) } catch {
                throw .unexpectedAnswer(url: endpoint.server + path, message: "request body is not JSON: \(error)")
            }
        }
        let response = try send(method, path, body: data, contentType: "application/json")
        if allowMissing && response.status == 404 { return nil }
        try check(response, path: path)
        return response.body
    }

    /// A JSON request with a body, its answer decoded as `Answer`; nil for 404 when `allowMissing`.
    @discardableResult
    public func json<Body: Encodable, Answer: Decodable>(_ method: String, _ path: String, body: Body,
                                                         allowMissing: Bool = false,
                                                         as type: Answer.Type = KubernetesIgnoredAnswer.self)
        throws(KubernetesError) -> Answer? {
        guard let data = try exchange(method, path, body: body, allowMissing: allowMissing) else { return nil }
        return try decode(Answer.self, from: data, path: path)
    }

    /// GET of a JSON object; nil for 404.
    public func getIfPresent<Answer: Decodable>(_ path: String, as type: Answer.Type = Answer.self) throws(KubernetesError) -> Answer? {
        guard let data = try exchange("GET", path, body: nil as JSONValue?, allowMissing: true) else { return nil }
        return try decode(Answer.self, from: data, path: path)
    }

    /// Decodes an answer, naming the URL and what did not fit.
    package func decode<Answer: Decodable>(_ type: Answer.Type, from data: Data, path: String) throws(KubernetesError) -> Answer {
        do { return try JSONDecoder().decode(Answer.self, from: data) } catch {
            let text = String(decoding: data.prefix(200), as: UTF8.self)
            guard (try? JSONSerialization.jsonObject(with: data)) != nil else {
                throw .unexpectedAnswer(url: endpoint.server + path, message: "not a JSON object: " + text)
            }
            throw .unexpectedAnswer(url: endpoint.server + path, message: "not a \(Answer.self): \(error) (got: \(text))")
        }
    }

    /// GET of a JSON object that must exist.
    public func get<Answer: Decodable>(_ path: String, as type: Answer.Type = Answer.self) throws(KubernetesError) -> Answer {
        let data = try exchange("GET", path, body: nil as JSONValue?, allowMissing: false) ?? Data()
        return try decode(Answer.self, from: data, path: path)
    }

    /// GET of `.items` of a list.
    public func list<Item: Codable & Sendable>(_ path: String, of type: Item.Type) throws(KubernetesError) -> [Item] {
        try get(path, as: KubernetesList<Item>.self).items ?? []
    }

    /// GET of plain text (a pod's log).
    public func text(_ path: String) throws(KubernetesError) -> String {
        let response = try send("GET", path, body: nil, contentType: nil)
        try check(response, path: path)
        return response.bodyText
    }

    /// One request with the current credential; a 401 renews an exec-plugin credential and
    /// retries once.
    package func send(_ method: String, _ path: String, body: Data?, contentType: String?) throws(KubernetesError) -> HTTPResponse {
        var response = try attempt(method, path, body: body, contentType: contentType, renew: false)
        if response.status == 401 && endpoint.credentials.canRenew {
            response = try attempt(method, path, body: body, contentType: contentType, renew: true)
        }
        return response
    }

    private func attempt(_ method: String, _ path: String, body: Data?, contentType: String?,
                         renew: Bool) throws(KubernetesError) -> HTTPResponse {
        let credential = try endpoint.credentials.current(renew: renew)
        var tls = endpoint.tls
        if let certificate = credential?.clientCertificatePEM, let key = credential?.clientKeyPEM {
            tls.clientCertificatePEM = certificate
            tls.clientKeyPEM = key
        }
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let contentType, body != nil { headers.append(("Content-Type", contentType)) }
        if let token = credential?.token { headers.append(("Authorization", "Bearer " + token)) }
        let url = endpoint.server + path
        do {
            return try client(for: tls).send(method, url: url, headers: headers, body: body)
        } catch let error as HTTPTransportError {
            throw .unreachable(server: endpoint.server, detail: error.description)
        } catch let error as KubernetesError {
            throw error
        } catch {
            throw .unreachable(server: endpoint.server, detail: "\(error)")
        }
    }

    private func client(for tls: HTTPTLSSettings) throws -> BlockingHTTPClient {
        try lock.withLock { () throws -> BlockingHTTPClient in
            if let http, httpTLS == tls { return http }
            http?.shutdown()
            let fresh = try BlockingHTTPClient(tls: tls, timeoutSeconds: timeoutSeconds)
            http = fresh
            httpTLS = tls
            return fresh
        }
    }

    /// Throws for any status but 2xx, with the Status object's reason, message and causes.
    package func check(_ response: HTTPResponse, path: String) throws(KubernetesError) {
        guard !(200..<300).contains(response.status) else { return }
        let url = endpoint.server + path
        let status = KubernetesStatus(body: response.body)
        if response.status == 401 || response.status == 403 {
            throw .unauthorized(url: url, status: response.status,
                                message: status?.message ?? String(response.bodyText.prefix(200)))
        }
        throw .api(url: url, status: response.status, reason: status?.reason,
                   message: status?.fullMessage ?? String(response.bodyText.prefix(300)))
    }
}
