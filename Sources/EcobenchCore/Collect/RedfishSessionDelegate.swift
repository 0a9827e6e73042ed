import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Answers URLSession's authentication challenges for `RedfishClient`.
///
/// - HTTP basic/digest challenges (a 401 with `WWW-Authenticate`, as BMCs send) are rejected:
///   credentials travel only in the client's own headers, and on Linux the default handling
///   left the task waiting until the timeout instead of returning the 401.
/// - `--insecure` on Darwin: the server-trust challenge is answered by trusting whatever
///   certificate the BMC presents (self-signed certificates are the norm on BMCs); channels
///   then say "TLS not verified". On Linux swift-corelibs-foundation has no server-trust
///   challenge (`NSURLAuthenticationMethodServerTrust` is unavailable and libcurl's peer
///   verification cannot be switched off through URLSession), so `RedfishClient` refuses
///   `verifyTLS: false` there with `RedfishError.insecureTLSUnsupported`.
final class RedfishSessionDelegate: NSObject, URLSessionDelegate, URLSessionTaskDelegate, @unchecked Sendable {
    // Safety: immutable after init.
    private let trustAnyServer: Bool

    init(trustAnyServer: Bool) {
        self.trustAnyServer = trustAnyServer
    }

    func urlSession(_ session: URLSession, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition,
                                                            URLCredential?) -> Void) {
        answer(challenge, completionHandler)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask,
                    didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition,
                                                            URLCredential?) -> Void) {
        answer(challenge, completionHandler)
    }

    private func answer(_ challenge: URLAuthenticationChallenge,
                        _ completionHandler: @Sendable (URLSession.AuthChallengeDisposition,
                                                        URLCredential?) -> Void) {
        #if !canImport(FoundationNetworking)
        if challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust {
            if trustAnyServer, let trust = challenge.protectionSpace.serverTrust {
                completionHandler(.useCredential, URLCredential(trust: trust))
            } else {
                completionHandler(.performDefaultHandling, nil)
            }
            return
        }
        #endif
        completionHandler(.rejectProtectionSpace, nil)
    }
}
