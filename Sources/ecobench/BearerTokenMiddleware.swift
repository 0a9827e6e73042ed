import Hummingbird

/// Rejects requests without `Authorization: Bearer <token>` with 401 when a token is set.
/// The token is compared in constant time and never written to a response or a log.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else { return try await next(request, context) }
        let given = request.headers[.authorization] ?? ""
        guard BearerTokenMiddleware.constantTimeEquals(Array(given.utf8), Array("Bearer \(token)".utf8)) else {
            return Response(status: .unauthorized,
                            headers: [.wwwAuthenticate: "Bearer realm=\"ecobench-agent\"", .contentType: "text/plain"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "401 unauthorized: bearer token required\n")))
        }
        return try await next(request, context)
    }

    /// True when both are equal; the time taken depends only on their lengths.
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}
