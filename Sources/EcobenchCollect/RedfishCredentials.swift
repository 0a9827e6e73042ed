/// A Redfish account, supplied by the caller (CLI: `--redfish-user`, the password from
/// `ECOBENCH_REDFISH_PASSWORD` or `--redfish-password-file`).
///
/// The password is never part of any description, mirror, error, channel path or URL: only
/// `RedfishClient` reads it, to build an `Authorization` header or the session-login body.
public struct RedfishCredentials: Sendable, CustomStringConvertible,
                                  CustomDebugStringConvertible, CustomReflectable {
    /// How the client authenticates.
    public enum Scheme: String, Sendable, CaseIterable {
        /// HTTP basic authentication on every request.
        case basic
        /// A Redfish session: POST `/redfish/v1/SessionService/Sessions`, then the
        /// `X-Auth-Token` header; the session is deleted when the client closes.
        case session
    }

    public var user: String
    /// Kept `internal`: nothing outside the module can print it by accident.
    package let password: String
    public var scheme: Scheme

    public init(user: String, password: String, scheme: Scheme = .session) {
        self.user = user
        self.password = password
        self.scheme = scheme
    }

    /// Whether `text` contains the password (for tests and report checks; an empty password
    /// is never "contained").
    public func passwordAppears(in text: String) -> Bool {
        !password.isEmpty && text.contains(password)
    }

    public var description: String { "user \(user) (password redacted, \(scheme.rawValue) auth)" }
    public var debugDescription: String { "RedfishCredentials(\(description))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["user": user, "password": "<redacted>", "scheme": scheme])
    }
}
