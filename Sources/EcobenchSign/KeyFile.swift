import Crypto
import Foundation
import EcobenchModel

/// An Ed25519 key as `ecobench keygen` writes it: a small JSON document (snake_case, sorted keys).
///
/// Private key file (mode 0600): `format` "ecobench-private-key-v1", `algorithm` "ed25519",
/// `key_id`, `public_key`, `private_key` (base64 of the 32-byte raw keys), `created_at`.
/// Public key file (`KEY.pub`): the same without `private_key`, `format` "ecobench-public-key-v1".
/// `key_id` is the first 16 hex digits of the SHA-256 of the raw 32-byte public key.
public struct KeyFile: Codable, Sendable, Equatable {
    public static let privateFormat = "ecobench-private-key-v1"
    public static let publicFormat = "ecobench-public-key-v1"
    public static let algorithm = "ed25519"

    public var format: String
    public var algorithm: String
    public var keyId: String
    public var publicKey: String
    public var privateKey: String?
    public var createdAt: String

    /// A new random key pair.
    public static func generate(createdAt: String) -> KeyFile {
        let key = Curve25519.Signing.PrivateKey()
        return KeyFile(format: privateFormat, algorithm: algorithm, keyId: keyID(key.publicKey.rawRepresentation),
                       publicKey: key.publicKey.rawRepresentation.base64EncodedString(),
                       privateKey: key.rawRepresentation.base64EncodedString(), createdAt: createdAt)
    }

    /// The first 16 hex digits of the SHA-256 of a raw public key.
    public static func keyID(_ rawPublicKey: Data) -> String {
        String(FieldDigest.sha256Hex(rawPublicKey).prefix(16))
    }

    /// This key without its private part, as written to `KEY.pub`.
    public var publicOnly: KeyFile {
        KeyFile(format: KeyFile.publicFormat, algorithm: algorithm, keyId: keyId, publicKey: publicKey, privateKey: nil,
                createdAt: createdAt)
    }

    public func verifyingKey(path: String) throws -> Curve25519.Signing.PublicKey {
        guard let raw = Data(base64Encoded: publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { throw SignatureError.badKeyFile(path: path, reason: "public_key is not a base64 32-byte Ed25519 key") }
        return key
    }

    public func signingKey(path: String) throws -> Curve25519.Signing.PrivateKey {
        guard let encoded = privateKey else { throw SignatureError.noPrivateKey(path: path) }
        guard let raw = Data(base64Encoded: encoded), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw SignatureError.badKeyFile(path: path, reason: "private_key is not a base64 32-byte Ed25519 key") }
        guard key.publicKey.rawRepresentation == (try verifyingKey(path: path)).rawRepresentation else {
            throw SignatureError.badKeyFile(path: path, reason: "private_key and public_key do not belong together")
        }
        return key
    }

    /// Reads and checks a key file (private or public).
    public static func load(path: String) throws -> KeyFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SignatureError.cannotRead(path: path, reason: "no such readable file")
        }
        let key: KeyFile
        do { key = try ReportCoding.decoder().decode(KeyFile.self, from: data) } catch {
            throw SignatureError.badKeyFile(path: path, reason: "\(error)")
        }
        guard [privateFormat, publicFormat].contains(key.format), key.algorithm == algorithm else {
            throw SignatureError.badKeyFile(path: path, reason: "format \(key.format), algorithm \(key.algorithm)")
        }
        let raw = try key.verifyingKey(path: path).rawRepresentation
        guard keyID(raw) == key.keyId else {
            throw SignatureError.badKeyFile(path: path, reason: "key_id \(key.keyId) does not match its public_key")
        }
        if key.privateKey != nil { _ = try key.signingKey(path: path) }
        return key
    }

    /// Writes the key to a file that must not exist yet (O_EXCL), with `mode` (0600 for a private key).
    public func writeNew(path: String, mode: mode_t) throws {
        var data = try ReportCoding.encoder(pretty: true).encode(self)
        data.append(0x0A)
        try KeyFile.createExclusive(path: path, mode: mode, contents: data)
    }

    package static func createExclusive(path: String, mode: mode_t, contents: Data) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == EEXIST { throw SignatureError.fileExists(path) }
            throw SignatureError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        _ = fchmod(fd, mode)  // the umask may have narrowed it; never widened beyond `mode`
        let written = contents.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == contents.count else {
            throw SignatureError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
