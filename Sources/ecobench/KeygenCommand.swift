import ArgumentParser
import EcobenchCore
import Foundation

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing reports.",
        discussion: """
            Writes the private key to --out (mode 0600) and the public key to <out>.pub, both small JSON \
            files (base64 raw keys and a key id: the first 16 hex digits of the SHA-256 of the public key). \
            Existing files are never overwritten. Give the .pub file to whoever checks your reports \
            (`ecobench verify REPORT --key KEY.pub`).
            """)

    @Option(help: "Private key file to create; the public key goes to <out>.pub.") var out: String

    func run() throws {
        let publicPath = out + ".pub"
        for path in [out, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw CLIError(SignatureError.fileExists(path).description)
        }
        let key = KeyFile.generate(createdAt: ReportSigner.timestamp(Date()))
        do {
            try key.writeNew(path: out, mode: 0o600)
            try key.publicOnly.writeNew(path: publicPath, mode: 0o644)
        } catch {
            throw CLIError("\(error)")
        }
        print("key id:      \(key.keyId)")
        print("private key: \(out) (keep it secret; mode 0600)")
        print("public key:  \(publicPath)")
    }
}
