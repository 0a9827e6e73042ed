/// Builds the server's links. When the page was asked for with `?token=` (a browser without an
/// Authorization header), every link carries it on, so following links stays authorised.
package struct ServeLinks: Sendable {
    package var token: String?

    package init(token: String?) { self.token = token }

    /// `path` with `items` (and the token) as a percent-encoded query string; HTML-escape before use.
    package func url(_ path: String, _ items: [(String, String)] = []) -> String {
        let all = items + (token.map { [("token", $0)] } ?? [])
        guard !all.isEmpty else { return path }
        return path + "?" + all.map { ServeLinks.encode($0.0) + "=" + ServeLinks.encode($0.1) }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    package static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
