import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small synchronous Redfish client over URLSession (FoundationNetworking on Linux): GET
/// JSON with a timeout, basic or session authentication. Meant for a background polling
/// thread, never for the sampler's thread.
///
/// TLS is verified unless `verifyTLS` is false (`--insecure`); then `tlsNote` says
/// "TLS not verified" and probes copy it into their channels. The URL is reduced to
/// scheme://host[:port]: user information in it is dropped, never used or printed.
public final class RedfishClient: @unchecked Sendable, CustomStringConvertible {
    // Safety: `token`/`sessionPath` are guarded by `lock`; the rest is immutable.
    /// scheme://host[:port] without user information or path.
    public let baseURL: URL
    /// host[:port] as used in channel names.
    public let hostLabel: String
    public let timeoutSeconds: Double
    public let verifyTLS: Bool
    let credentials: RedfishCredentials?
    private let session: URLSession
    private let lock = NSLock()
    private var token: String?
    private var sessionPath: String?

    static let sessionsPath = "/redfish/v1/SessionService/Sessions"

    public init(url: URL, credentials: RedfishCredentials?, timeoutSeconds: Double = 2,
                verifyTLS: Bool = true) throws {
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
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        #if canImport(FoundationNetworking)
        if !verifyTLS { throw RedfishError.insecureTLSUnsupported(url: base.absoluteString) }
        #endif
        let delegate = RedfishSessionDelegate(trustAnyServer: !verifyTLS)
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
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
    public func getJSON(_ path: String) throws -> Any {
        let response = try authorized("GET", path)
        let url = urlString(path)
        switch response.status {
        case 200...299:
            do {
                return try JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed])
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
    public func getObject(_ path: String) throws -> [String: Any] {
        guard let object = try getJSON(path) as? [String: Any] else {
            throw RedfishError.malformedJSON(url: urlString(path), detail: "\(path) is not a JSON object")
        }
        return object
    }

    /// Logs in with a Redfish session (only for `.session` credentials; a no-op otherwise).
    public func openSession() throws {
        guard let credentials, credentials.scheme == .session else { return }
        let body = try JSONSerialization.data(withJSONObject: ["UserName": credentials.user,
                                                                "Password": credentials.password])
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
        if location == nil, let object = try? JSONSerialization.jsonObject(with: response.body) {
            location = (object as? [String: Any])?["@odata.id"] as? String
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
        session.finishTasksAndInvalidate()
    }

    /// One request with the current authentication; with a session, a 401 (session expired)
    /// logs in again once.
    private func authorized(_ method: String, _ path: String) throws -> RedfishHTTPResponse {
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
                      headers: [String: String]) throws -> RedfishHTTPResponse {
        let url = urlString(path)
        guard let requestURL = URL(string: url) else { throw RedfishError.invalidURL(url) }
        var request = URLRequest(url: requestURL, cachePolicy: .reloadIgnoringLocalCacheData,
                                 timeoutInterval: timeoutSeconds)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try RedfishHTTPResponse.fetch(request, session: session, url: url,
                                             timeoutSeconds: timeoutSeconds)
    }

    private static func redacted(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "<unparseable URL>" }
        parts.user = nil
        parts.password = nil
        return parts.string ?? "<unparseable URL>"
    }
}
