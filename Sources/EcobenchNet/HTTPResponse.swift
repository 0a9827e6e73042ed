import Foundation

/// One HTTP answer, fully read.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header fields in the order received (names as sent).
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header of that name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body as UTF-8 text (invalid bytes replaced), for error messages and logs.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
