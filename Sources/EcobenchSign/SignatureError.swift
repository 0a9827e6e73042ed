/// Why a key or signature could not be made, read or checked (not a failed verification:
/// those are `ReportVerification.failures`).
public enum SignatureError: Error, CustomStringConvertible, Sendable {
    case fileExists(String)
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case badKeyFile(path: String, reason: String)
    case noPrivateKey(path: String)
    case missingSignature(path: String, report: String)
    case badSignatureFile(path: String, reason: String)
    case badReport(path: String, reason: String)

    public var description: String {
        switch self {
        case .fileExists(let path):
            return "\(path) already exists: refusing to overwrite it (choose another --out or remove it)"
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .badKeyFile(let path, let reason):
            return "\(path) is not an ecobench key file: \(reason)"
        case .noPrivateKey(let path):
            return "\(path) holds no private key (a .pub file?): sign with the file `ecobench keygen --out` wrote"
        case .missingSignature(let path, let report):
            return "no signature for \(report): \(path) does not exist (sign with `ecobench report RUN --format json "
                + "--out FILE --sign KEY`, or give --sig)"
        case .badSignatureFile(let path, let reason):
            return "\(path) is not an ecobench signature file: \(reason)"
        case .badReport(let path, let reason):
            return "\(path) cannot be checked: \(reason)"
        }
    }
}
