#if !canImport(FoundationNetworking)
import Foundation

/// `--insecure` on Darwin: accepts whatever certificate the BMC presents (self-signed
/// certificates are the norm on BMCs). Everything read through a client using it is labelled
/// "TLS not verified" in its channel paths and models.
///
/// Not built on Linux: swift-corelibs-foundation has no server-trust challenge
/// (`NSURLAuthenticationMethodServerTrust` is unavailable there, and libcurl's peer
/// verification cannot be switched off through URLSession), so `RedfishClient` refuses
/// `verifyTLS: false` on Linux with `RedfishError.insecureTLSUnsupported`.
final class RedfishInsecureTrustDelegate: NSObject, URLSessionDelegate, URLSessionTaskDelegate,
                                          @unchecked Sendable {
    // Safety: stateless.
    func urlSession(_ session: URLSession, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition,
                                                            URLCredential?) -> Void) {
        accept(challenge, completionHandler)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask,
                    didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition,
                                                            URLCredential?) -> Void) {
        accept(challenge, completionHandler)
    }

    private func accept(_ challenge: URLAuthenticationChallenge,
                        _ completionHandler: @Sendable (URLSession.AuthChallengeDisposition,
                                                        URLCredential?) -> Void) {
        if challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust,
           let trust = challenge.protectionSpace.serverTrust {
            completionHandler(.useCredential, URLCredential(trust: trust))
            return
        }
        // Basic-auth challenges are not answered here: credentials go in our own header.
        completionHandler(.performDefaultHandling, nil)
    }
}
#endif
