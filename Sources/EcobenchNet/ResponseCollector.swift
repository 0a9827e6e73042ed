import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Collects one response for `BlockingHTTPClient`, keeping what arrived even when the request
/// then fails, so that one case can be told apart:
///
/// A body delimited by the end of the connection (no Content-Length, no chunked encoding:
/// HTTP/1.0 servers such as Python's `http.server`, which sushy-static and some embedded BMC
/// web servers use) over TLS, from a server that closes without TLS `close_notify`.
/// AsyncHTTPClient reports that as `NIOSSLError.uncleanShutdown`, because a truncation cannot
/// be ruled out at the TLS layer; browsers and curl accept it. ecobench accepts it too, since
/// every body it reads is JSON or a Prometheus/Kubernetes document whose parser rejects a
/// truncated text; a body with a Content-Length that is cut short stays an error.
package final class ResponseCollector: HTTPClientResponseDelegate, @unchecked Sendable {
    // Safety: the callbacks run one at a time on the request's event loop; the fields are read
    // only after the task's future has completed (happens-after).
    package typealias Response = HTTPResponse

    private var head: HTTPResponseHead?
    private var body = ByteBuffer()

    package func didReceiveHead(task: HTTPClient.Task<HTTPResponse>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        self.head = head
        return task.eventLoop.makeSucceededVoidFuture()
    }

    package func didReceiveBodyPart(task: HTTPClient.Task<HTTPResponse>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        var part = buffer
        body.writeBuffer(&part)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    package func didFinishRequest(task: HTTPClient.Task<HTTPResponse>) throws -> HTTPResponse {
        response()
    }

    /// The response collected so far, when `error` is the unclean end of a connection-delimited
    /// body; nil for every other failure.
    package func acceptedDespite(_ error: Error) -> HTTPResponse? {
        guard let sslError = error as? NIOSSLError, sslError == .uncleanShutdown, let head,
              !head.headers.contains(name: "content-length"),
              !head.headers.contains(name: "transfer-encoding") else { return nil }
        return response()
    }

    private func response() -> HTTPResponse {
        HTTPResponse(status: Int(head?.status.code ?? 0),
                     headers: head?.headers.map { (name: $0.name, value: $0.value) } ?? [],
                     body: Data(body.readableBytesView))
    }
}
