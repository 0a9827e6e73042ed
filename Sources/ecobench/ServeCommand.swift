import ArgumentParser
import EcobenchCore
import Foundation
import Hummingbird

/// `ecobench serve`: the database's runs in the browser, read-only (docs/serve.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the database read-only over HTTP: runs list, run pages with downloads, compare (docs/serve.md).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on, host:port (loopback unless you name another interface; port 0 picks a free one).")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "File whose first line is the token every request must send (Authorization: Bearer T, or ?token=T).")
    var tokenFile: String?

    @Option(help: "Private key (ecobench keygen) to sign each run's served report.json with: report.json.sig beside it.")
    var signKey: String?

    func validate() throws {
        _ = try AgentCommand.parseListen(listen)
    }

    func run() async throws {
        let (host, port) = try AgentCommand.parseListen(listen)
        let token: String?
        do {
            token = try tokenFile.map { try BearerTokenMiddleware<BasicRequestContext>.load(tokenFile: $0, environment: [:]) } ?? nil
        } catch { throw CLIError("\(error)") }
        let catalog: ServeCatalog
        do { catalog = try ServeCatalog(databasePath: database.resolvedPath) } catch {
            throw CLIError("cannot open database \(database.resolvedPath) read-only: \(error)")
        }
        let signer: ReportSigner?
        do { signer = try signKey.map { try ReportSigner(store: catalog.store, keyPath: $0) } } catch { throw CLIError("\(error)") }
        let app = Application(
            router: ServeRoutes.router(catalog: catalog, token: token, signer: signer),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                ServeCommand.log("serving \(catalog.store.path) (read-only) on http://\(host):\(channel.localAddress?.port ?? port)/"
                                 + (token == nil ? " (no token)" : " (token required)")
                                 + (signer.map { ", signing reports with key \($0.key.keyId)" } ?? ""))
                BlockingWork.queue.async {
                    let start = Date()
                    let built = catalog.warm()
                    ServeCommand.log("cached the list rows of \(built) finished run(s) in "
                                     + String(format: "%.1f s", Date().timeIntervalSince(start)))
                }
            })
        do { try await app.runService() } catch { throw CLIError("serve on \(listen): \(error)") }
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data(("ecobench serve: " + line + "\n").utf8))
    }
}
