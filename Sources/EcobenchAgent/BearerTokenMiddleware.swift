import Foundation
import Hummingbird

/// Rejects requests without `Authorization: Bearer <token>` with 401 when a token is set.
/// The token is compared in constant time and never written to a response or a log.
/// `acceptsQueryToken` (for browsers, `ecobench serve`) also takes `?token=<token>`.
package struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    package let token: String?
    package let realm: String
    package let acceptsQueryToken: Bool

    package init(token: String?, realm: String = "ecobench-agent", acceptsQueryToken: Bool = false) {
        self.token = token
        self.realm = realm
        self.acceptsQueryToken = acceptsQueryToken
    }

    package func handle(_ request: Request, context: Context,
                        next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else { return try await next(request, context) }
        let given = request.headers[.authorization] ?? ""
        let headerMatches = BearerTokenMiddleware.constantTimeEquals(Array(given.utf8), Array("Bearer \(token)".utf8))
        let queryMatches = acceptsQueryToken && request.uri.queryParameters["token"].map {
            BearerTokenMiddleware.constantTimeEquals(Array(String($0).utf8), Array(token.utf8))
        } == true
        guard headerMatches || queryMatches else {
            return Response(status: .unauthorized,
                            headers: [.wwwAuthenticate: "Bearer realm=\"\(realm)\"", .contentType: "text/plain"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "401 unauthorized: bearer token required\n")))
        }
        return try await next(request, context)
    }

    /// The token from `tokenFile` (its first line, trimmed) or `$ECOBENCH_AGENT_TOKEN`; nil when
    /// neither is given (no authentication). An empty token is an error, never "no token".
    /// Errors name the file or the variable, never the token.
    package static func load(tokenFile: String?,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        var token: String?
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw AgentTokenError("--token-file \(tokenFile): cannot read it")
            }
            token = text.split(separator: "\n", omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: .whitespaces) }
        } else {
            token = environment["ECOBENCH_AGENT_TOKEN"]
        }
        if let token, token.isEmpty {
            throw AgentTokenError(tokenFile.map { "--token-file \($0): the first line is empty" }
                           ?? "ECOBENCH_AGENT_TOKEN is set but empty")
        }
        return token
    }

    /// True when both are equal; the time taken depends only on their lengths.
    package static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}

/// A token that cannot be used; the message names the file or the variable, never the token.
package struct AgentTokenError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
