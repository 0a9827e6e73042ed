import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The one place that speaks HTTP(S) for ecobench's remote sources (Redfish BMCs, agents,
/// Prometheus, Kubernetes): AsyncHTTPClient on SwiftNIO, used synchronously from the caller's
/// own thread (pollers and the run's control thread, never an event loop or a Swift task).
///
/// Chosen over URLSession because FoundationNetworking on Linux can neither skip certificate
/// verification (`--insecure`) nor present a client certificate (kubeconfig) nor trust a
/// private CA without changing the system store. No other file imports AsyncHTTPClient or NIOSSL.
public final class BlockingHTTPClient: @unchecked Sendable {
    // Safety: `client` is thread-safe; `isShutDown` is guarded by `lock`.
    private let client: HTTPClient
    private let lock = NSLock()
    private var isShutDown = false
    public let tls: HTTPTLSSettings
    public let timeoutSeconds: Double

    public init(tls: HTTPTLSSettings = .verified, timeoutSeconds: Double = 5) throws {
        self.tls = tls
        self.timeoutSeconds = timeoutSeconds
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try Self.makeTLSConfiguration(tls),
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(timeoutSeconds * 1000)),
                           read: .milliseconds(Int64(timeoutSeconds * 1000))))
        configuration.decompression = .disabled
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit { shutdown() }

    /// Sends one request and waits for the whole answer, at most `timeoutSeconds` (the
    /// client's default when nil). Any HTTP status is an answer; only a missing answer throws.
    public func send(_ method: String, url: String, headers: [(String, String)] = [], body: Data? = nil,
                     timeoutSeconds: Double? = nil) throws -> HTTPResponse {
        let seconds = timeoutSeconds ?? self.timeoutSeconds
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url, method: HTTPMethod(rawValue: method),
                                             headers: HTTPHeaders(headers),
                                             body: body.map { .byteBuffer(ByteBuffer(bytes: $0)) })
        } catch {
            throw HTTPTransportError.invalidURL(url)
        }
        let deadline = NIODeadline.now() + .milliseconds(Int64(seconds * 1000))
        let collector = ResponseCollector()
        do {
            return try client.execute(request: request, delegate: collector, deadline: deadline).futureResult.wait()
        } catch {
            if let response = collector.acceptedDespite(error) { return response }
            throw Self.classify(error, url: url, seconds: seconds)
        }
    }

    /// GET shorthand.
    public func get(_ url: String, headers: [(String, String)] = [], timeoutSeconds: Double? = nil) throws -> HTTPResponse {
        try send("GET", url: url, headers: headers, body: nil, timeoutSeconds: timeoutSeconds)
    }

    /// Closes connections; later requests fail. Safe to call more than once.
    public func shutdown() {
        let first = lock.withLock { () -> Bool in
            defer { isShutDown = true }
            return !isShutDown
        }
        if first { try? client.syncShutdown() }
    }

    private static func classify(_ error: Error, url: String, seconds: Double) -> HTTPTransportError {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return .timeout(url: url, seconds: seconds)
            default: break
            }
        }
        let text = String(describing: error)
        if error is NIOSSLError || error is BoringSSLError || text.contains("CERTIFICATE_VERIFY_FAILED")
            || text.contains("handshakeFailed") || text.contains("SSL") {
            return .tls(url: url, detail: text)
        }
        if let io = error as? IOError { return .connection(url: url, detail: io.description) }
        return .connection(url: url, detail: text)
    }

    private static func makeTLSConfiguration(_ settings: HTTPTLSSettings) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !settings.verifyPeer { configuration.certificateVerification = .none }
        do {
            if let roots = settings.trustRootsPEM {
                let certificates = try NIOSSLCertificate.fromPEMBytes(Array(roots.utf8))
                guard !certificates.isEmpty else { throw HTTPTransportError.badTLSMaterial(detail: "CA bundle holds no certificate") }
                configuration.trustRoots = .certificates(certificates)
            }
            switch (settings.clientCertificatePEM, settings.clientKeyPEM) {
            case (nil, nil): break
            case (let certificate?, let key?):
                let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificate.utf8))
                guard !chain.isEmpty else { throw HTTPTransportError.badTLSMaterial(detail: "client certificate PEM holds no certificate") }
                configuration.certificateChain = chain.map { .certificate($0) }
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem))
            default:
                throw HTTPTransportError.badTLSMaterial(detail: "a client certificate needs both the certificate and its key")
            }
        } catch let error as HTTPTransportError {
            throw error
        } catch {
            throw HTTPTransportError.badTLSMaterial(detail: "cannot parse PEM: \(error)")
        }
        return configuration
    }
}
