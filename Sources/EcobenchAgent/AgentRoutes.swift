import Hummingbird

/// The agent's HTTP endpoints: `/metrics` (Prometheus), `/samples` (buffered ticks), `/pods`
/// (buffered pod cgroup scans; 404 when the agent runs with `--cgroup-root none`), `/clock`.
package enum AgentRoutes {
    /// Rows one `/samples` answer holds at most; a larger range answers `"truncated":true`.
    package static let maxRowsPerAnswer = 200_000

    /// `version` goes into `/metrics`' build info; `log` takes what the metrics scan reports.
    package static func router(collector: AgentCollector, token: String?, version: String,
                               log: @escaping @Sendable (String) -> Void) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: BearerTokenMiddleware(token: token))
        router.get("/metrics") { _, _ -> Response in
            text(try await BlockingWork.run { collector.metricsText(version: version, log: log) },
                 contentType: AgentCollector.metricsContentType)
        }
        router.get("/clock") { _, _ -> Response in
            text(try await BlockingWork.run { try collector.clockJSON() }, contentType: "application/json")
        }
        router.get("/samples") { request, _ -> Response in
            guard let span = range(request) else { return badRange() }
            do {
                let body = try await BlockingWork.run {
                    try collector.samplesJSON(fromUnixNanoseconds: span.from, toUnixNanoseconds: span.to, limit: span.limit)
                }
                return text(body, contentType: "application/json")
            } catch {
                return text("500 buffer: \(error)\n", contentType: "text/plain", status: .internalServerError)
            }
        }
        router.get("/pods") { request, _ -> Response in
            guard let span = range(request) else { return badRange() }
            do {
                let answer = try await BlockingWork.run {
                    try collector.podsJSON(fromUnixNanoseconds: span.from, toUnixNanoseconds: span.to, limit: span.limit)
                }
                guard let body = answer else {
                    return text("404 this agent does not look for pods (--cgroup-root none)\n", contentType: "text/plain",
                                status: .notFound)
                }
                return text(body, contentType: "application/json")
            } catch {
                return text("500 buffer: \(error)\n", contentType: "text/plain", status: .internalServerError)
            }
        }
        return router
    }

    /// `from`, `to` (unix ns) and `limit` of a range request, defaulted; nil when one is not an integer.
    package static func range(_ request: Request) -> (from: Int64, to: Int64, limit: Int)? {
        let query = request.uri.queryParameters
        let from = query["from"].map { Int64(String($0)) }
        let to = query["to"].map { Int64(String($0)) }
        let limit = query["limit"].map { Int(String($0)) }
        guard from != .some(nil), to != .some(nil), limit != .some(nil) else { return nil }
        return ((from ?? nil) ?? 0, (to ?? nil) ?? Int64.max, min(max((limit ?? nil) ?? maxRowsPerAnswer, 1), maxRowsPerAnswer))
    }

    package static func badRange() -> Response {
        text("400 bad request: from, to (unix ns) and limit must be integers\n", contentType: "text/plain",
             status: .badRequest)
    }

    package static func text(_ body: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
