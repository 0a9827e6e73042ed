import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange, done synchronously on the calling thread with a hard deadline.
struct RedfishHTTPResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    /// A header by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Runs `request` and waits for it; `timeoutSeconds` (+0.5 s grace for libcurl's own
    /// timer) bounds the wait even if the transport never calls back.
    static func fetch(_ request: URLRequest, session: URLSession, url: String,
                      timeoutSeconds: Double) throws -> RedfishHTTPResponse {
        let box = ResultBox()
        let task = session.dataTask(with: request) { data, response, error in
            if let urlError = error as? URLError,
               [.cancelled, .userCancelledAuthentication].contains(urlError.code) {
                // Only RedfishSessionDelegate cancels while we wait: it rejected an HTTP
                // authentication challenge, i.e. the server answered 401.
                box.finish(.success(RedfishHTTPResponse(status: 401, headers: [:], body: Data())))
            } else if let error {
                box.finish(.failure(classify(error, url: url, timeoutSeconds: timeoutSeconds)))
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    headers[String(describing: key)] = String(describing: value)
                }
                box.finish(.success(RedfishHTTPResponse(status: http.statusCode, headers: headers,
                                                        body: data ?? Data())))
            } else {
                box.finish(.failure(.transport(url: url, message: "no HTTP response")))
            }
        }
        task.resume()
        guard box.semaphore.wait(timeout: .now() + timeoutSeconds + 0.5) == .success else {
            task.cancel()
            throw RedfishError.timeout(url: url, seconds: timeoutSeconds)
        }
        return try box.value().get()
    }

    private static func classify(_ error: Error, url: String, timeoutSeconds: Double) -> RedfishError {
        if let urlError = error as? URLError {
            switch urlError.code {
            case .timedOut: return .timeout(url: url, seconds: timeoutSeconds)
            case .serverCertificateUntrusted, .serverCertificateHasBadDate,
                 .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .secureConnectionFailed:
                return .transport(url: url, message: "TLS certificate not accepted (\(urlError.localizedDescription)); "
                                  + "use --insecure only for a BMC you trust")
            default: break
            }
        }
        return .transport(url: url, message: (error as NSError).localizedDescription)
    }

    /// The callback's result, handed from URLSession's queue to the waiting thread.
    private final class ResultBox: @unchecked Sendable {
        // Safety: `result` is written once before `semaphore.signal()` and read after `wait()`.
        let semaphore = DispatchSemaphore(value: 0)
        private var result: Result<RedfishHTTPResponse, RedfishError>?
        private let lock = NSLock()

        func finish(_ value: Result<RedfishHTTPResponse, RedfishError>) {
            lock.withLock { result = value }
            semaphore.signal()
        }

        func value() -> Result<RedfishHTTPResponse, RedfishError> {
            lock.withLock { result } ?? .failure(.transport(url: "", message: "no result"))
        }
    }
}
