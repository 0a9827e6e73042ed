import Foundation
import EcobenchNet

/// A small synchronous Redfish client over `BlockingHTTPClient` (AsyncHTTPClient): GET JSON
/// with a timeout, basic or session authentication. Meant for a background polling thread,
/// never for the sampler's thread.
///
/// TLS is verified against the system trust store, or against `caCertificatePEM` (the BMC's
/// own CA, `--redfish-ca-cert`), unless `verifyTLS` is false (`--insecure`); then `tlsNote`
/// says "TLS not verified" and probes copy it into their channels. The URL is reduced to
/// scheme://host[:port]: user information in it is dropped, never used or printed.
public final class RedfishClient: @unchecked Sendable, CustomStringConvertible {
    // Safety: `token`/`sessionPath` are guarded by `lock`; the rest is immutable.
    /// scheme://host[:port] without user information or path.
    public let baseURL: URL
    /// host[:port] as used in channel names.
    public let hostLabel: String
    public let timeoutSeconds: Double
    public let verifyTLS: Bool
    package let credentials: RedfishCredentials?
    private let http: BlockingHTTPClient
    private let lock = NSLock()
    private var token: String?
    private var sessionPath: String?

    package static let sessionsPath = "/redfish/v1/SessionService/Sessions"

    public init(url: URL, credentials: RedfishCredentials?, timeoutSeconds: Double = 2,
                verifyTLS: Bool = true, caCertificatePEM: String? = nil) throws {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false),
              let host = parts.host, !host.isEmpty,
              ["http", "https"].contains(parts.scheme?.lowercased() ?? "") else {
            throw RedfishError.invalidURL(Self.redacted(url))
        }
        parts.user = nil
        parts.password = nil
        parts.path = ""
        parts.query = nil
        parts.fragment = nil
        guard let base = parts.url else { throw RedfishError.invalidURL(Self.redacted(url)) }
        baseURL = base
        hostLabel = parts.port.map { "\(host):\($0)" } ?? host
        self.timeoutSeconds = timeoutSeconds
        self.verifyTLS = verifyTLS
        self.credentials = credentials
        do {
            http = try BlockingHTTPClient(tls: HTTPTLSSettings(verifyPeer: verifyTLS, trustRootsPEM: caCertificatePEM),
                                          timeoutSeconds: timeoutSeconds)
        } catch {
            throw RedfishError.transport(url: base.absoluteString, message: "\(error)")
        }
    }

    /// "; TLS not verified" (`--insecure`), "; plain HTTP, no TLS" or "", appended to channel
    /// models so a report shows how far the numbers' origin was authenticated.
    public var tlsNote: String {
        if baseURL.scheme?.lowercased() == "http" { return "; plain HTTP, no TLS" }
        return verifyTLS ? "" : "; TLS not verified"
    }

    public var description: String {
        let who = credentials.map { " as \($0)" } ?? " without credentials"
        let tls = tlsNote.isEmpty ? "TLS verified" : String(tlsNote.dropFirst(2))
        return "Redfish \(baseURL.absoluteString)\(who), \(tls)"
    }

    /// The full URL string of a service path, for errors and channel paths.
    public func urlString(_ path: String) -> String { baseURL.absoluteString + path }

    /// GETs `path` (e.g. `/redfish/v1/Chassis`) and decodes its JSON body.
    public func getJSON(_ path: String) throws -> JSONValue {
        let response = try authorized("GET", path)
        let url = urlString(path)
        switch response.status {
        case 200...299:
            do {
                return try JSONValue.decode(response.body)
            } catch {
                throw RedfishError.malformedJSON(
                    url: url, detail: "body of \(path) is not valid JSON (\(response.body.count) bytes)")
            }
        case 401: throw RedfishError.authenticationFailed(url: url, user: credentials?.user)
        case 404: throw RedfishError.resourceMissing(url: url)
        default: throw RedfishError.httpStatus(url: url, status: response.status)
        }
    }

    /// GETs a JSON object (not an array or scalar).
    public func getObject(_ path: String) throws -> JSONValue {
        let object = try getJSON(path)
        guard object.objectMembers != nil else {
            throw RedfishError.malformedJSON(url: urlString(path), detail: "\(path) is not a JSON object")
        }
        return object
    }

    /// Logs in with a Redfish session (only for `.session` credentials; a no-op otherwise).
    public func openSession() throws {
        guard let credentials, credentials.scheme == .session else { return }
        let body = try JSONEncoder().encode(RedfishSessionRequest(userName: credentials.user, password: credentials.password))
        let response = try send("POST", Self.sessionsPath, body: body, headers: [:])
        let url = urlString(Self.sessionsPath)
        guard (200...299).contains(response.status) else {
            if [400, 401, 403].contains(response.status) {
                throw RedfishError.authenticationFailed(url: url, user: credentials.user)
            }
            throw RedfishError.httpStatus(url: url, status: response.status)
        }
        guard let newToken = response.header("X-Auth-Token"), !newToken.isEmpty else {
            throw RedfishError.malformedJSON(url: url, detail: "session created without an X-Auth-Token header")
        }
        var location = response.header("Location")
        if location == nil {  // a body that is not JSON leaves the session without a path to delete
            location = (try? JSONValue.decode(response.body))?["@odata.id"]?.stringValue
        }
        lock.withLock {
            token = newToken
            sessionPath = location.map { URLComponents(string: $0)?.path ?? $0 }
        }
    }

    /// Deletes the session, if any, and releases the URLSession. Errors are ignored: the
    /// BMC expires forgotten sessions itself.
    public func close() {
        let (path, current) = lock.withLock { (sessionPath, token) }
        if let path, let current { _ = try? send("DELETE", path, body: nil, headers: ["X-Auth-Token": current]) }
        lock.withLock {
            token = nil
            sessionPath = nil
        }
        http.shutdown()
    }

    /// One request with the current authentication; with a session, a 401 (session expired)
    /// logs in again once.
    private func authorized(_ method: String, _ path: String) throws -> HTTPResponse {
        guard let credentials else { return try send(method, path, body: nil, headers: [:]) }
        if credentials.scheme == .basic {
            let pair = Data("\(credentials.user):\(credentials.password)".utf8).base64EncodedString()
            return try send(method, path, body: nil, headers: ["Authorization": "Basic \(pair)"])
        }
        if lock.withLock({ token }) == nil { try openSession() }
        var response = try send(method, path, body: nil, headers: ["X-Auth-Token": lock.withLock { token } ?? ""])
        if response.status == 401 {
            try openSession()
            response = try send(method, path, body: nil, headers: ["X-Auth-Token": lock.withLock { token } ?? ""])
        }
        return response
    }

    private func send(_ method: String, _ path: String, body: Data?,
                      headers: [String: String]) throws -> HTTPResponse {
        let url = urlString(path)
        var fields: [(String, String)] = [("Accept", "application/json")]
        if body != nil { fields.append(("Content-Type", "application/json")) }
        fields += headers.map { ($0.key, $0.value) }
        do {
            return try http.send(method, url: url, headers: fields, body: body)
        } catch let error as HTTPTransportError {
            switch error {
            case .timeout(_, let seconds): throw RedfishError.timeout(url: url, seconds: seconds)
            case .tls(_, let detail):
                throw RedfishError.transport(url: url, message: "TLS certificate not accepted (\(detail)); give the BMC's CA "
                                             + "with --redfish-ca-cert, or use --insecure only for a BMC you trust")
            case .connection(_, let detail): throw RedfishError.transport(url: url, message: detail)
            case .invalidURL: throw RedfishError.invalidURL(url)
            case .badTLSMaterial(let detail): throw RedfishError.transport(url: url, message: detail)
            }
        }
    }

    private static func redacted(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "<unparseable URL>" }
        parts.user = nil
        parts.password = nil
        return parts.string ?? "<unparseable URL>"
    }
}

/// The body of a Redfish session login (`POST /redfish/v1/SessionService/Sessions`).
package struct RedfishSessionRequest: Encodable {
    package var userName: String
    package var password: String

    package enum CodingKeys: String, CodingKey { case userName = "UserName", password = "Password" }
}
