import Foundation

/// One node agent a run reads from: its name in the workload (`agents:`) or on the command
/// line (`--agent NAME=URL`), its base URL and the bearer token it expects, if any.
/// `description` never shows the token.
public struct AgentEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// `[A-Za-z0-9._-]+`: names the node in reports and errors.
    public var name: String
    /// Base URL without a trailing slash, e.g. `http://10.0.0.5:9464`.
    public var url: String
    /// The bearer token (from a token file or `$ECOBENCH_AGENT_TOKEN`); never logged.
    public var token: String?

    public init(name: String, url: String, token: String? = nil) {
        self.name = name
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        self.url = base
        self.token = token
    }

    public var description: String { "agent \(name) (\(url))" }

    /// True when `name` is usable as a node name.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    /// True when `url` is an absolute http(s) URL with a host and no user information
    /// (credentials belong in a token file, never in a URL that reports show).
    public static func isValidURL(_ url: String) -> Bool {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty else { return false }
        return parsed.user == nil && parsed.password == nil
    }

    /// The token in the first line of `path` (trimmed), or an error naming the file (never the token).
    public static func readToken(file path: String) throws(AgentClientError) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .tokenFile(path: path, problem: "cannot read it")
        }
        let first = text.split(separator: "\n", omittingEmptySubsequences: false).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !first.isEmpty else { throw .tokenFile(path: path, problem: "the first line is empty") }
        return first
    }
}
