import Foundation
import EcobenchAgent
import EcobenchAttribute
import EcobenchCollect
import EcobenchReport
import EcobenchSign
import EcobenchStore
import Hummingbird

/// `ecobench serve`'s routes. Runs are addressed by integer id only and files by the fixed names
/// of `ServeDownload`; nothing a request sends becomes a path. Blocking work (SQLite reads,
/// report building) runs on `BlockingWork`'s queue, never on the event loop.
package enum ServeRoutes {
    /// With `signer`, run pages also offer `report.json.sig`: the detached signature of the served
    /// `report.json`, made with the server's key (Reports/README.md, "Signed reports").
    package static func router(catalog: ServeCatalog, token: String?, signer: ReportSigner? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: BearerTokenMiddleware(token: token, realm: "ecobench-serve", acceptsQueryToken: true))
        router.get("/") { request, _ -> Response in
            let links = links(request)
            return try await answer {
                let query = try ServeRunQuery(parameters(request))
                let page = try catalog.runs(query)
                return html(ServeRunsHTML.render(page, query: query, links: links))
            }
        }
        router.get("/api/runs") { request, _ -> Response in
            try await answer {
                json(try ServeDownload.json(try catalog.runs(try ServeRunQuery(parameters(request)))))
            }
        }
        router.get("/runs/:id") { request, context -> Response in
            let links = links(request)
            return try await answer {
                let id = try runID(context.parameters.get("id"))
                let live = try ServeLive.read(store: catalog.store, runID: id, nowUnixNanoseconds: MonotonicClock.unixNanoseconds())
                guard let live else { throw ServeAnswer(.notFound, "404 no run \(id)") }
                let panel = live.status == .running ? ServeLiveHTML.section(live, links: links) : ""
                do {
                    guard let report = try catalog.report(id) else { throw ServeAnswer(.notFound, "404 no run \(id)") }
                    let page = try HTMLReport.render(report: report, store: catalog.store)
                    return html(ServeRunHTML.render(reportHTML: page, runID: id, links: links, live: panel,
                                                    signed: signer != nil))
                } catch where live.status == .running {
                    // A run in its first phases may not have a report yet: the live panel alone.
                    return html(ServePage.render(title: "run \(id) (running)", links: links,
                                                 body: "<header class=\"top\"><h1>run \(id) <span class=\"sub\">· running</span></h1></header>\n"
                                                     + panel))
                }
            }
        }
        router.get("/runs/:id/:file") { _, context -> Response in
            try await answer {
                let name = context.parameters.get("file") ?? ""
                if name == "live.json" {
                    let id = try runID(context.parameters.get("id"))
                    let now = MonotonicClock.unixNanoseconds()
                    guard let live = try ServeLive.read(store: catalog.store, runID: id, nowUnixNanoseconds: now) else {
                        throw ServeAnswer(.notFound, "404 no run \(id)")
                    }
                    return json(try ServeDownload.json(live))
                }
                if name == ServeDownload.signatureName, let signer {
                    let (id, report) = try found(context.parameters.get("id"), catalog)
                    let signature = try signer.signature(of: try ReportWriter.json(report), named: "run \(id)'s report.json")
                    return Response(status: .ok, headers: [.contentType: "application/json"],
                                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: try signature.encoded())))
                }
                guard let file = ServeDownload(rawValue: name) else {
                    throw ServeAnswer(.notFound, "no such file: a run offers "
                                      + ServeDownload.allCases.map(\.rawValue).joined(separator: ", "))
                }
                let (_, report) = try found(context.parameters.get("id"), catalog)
                return Response(status: .ok, headers: [.contentType: file.contentType],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: try file.body(report, store: catalog.store))))
            }
        }
        router.get("/compare") { request, _ -> Response in
            let links = links(request)
            return try await answer {
                if try byHost(request) { return html(ServeRackDensityHTML.render(try rackDensity(request, catalog), links: links)) }
                return html(ServeCompareHTML.render(try comparison(request, catalog), links: links))
            }
        }
        router.get("/api/compare") { request, _ -> Response in
            try await answer {
                if try byHost(request) { return json(try ServeDownload.json(try rackDensity(request, catalog))) }
                return json(try ServeDownload.json(try comparison(request, catalog)))
            }
        }
        router.get("/sweeps") { request, _ -> Response in
            let links = links(request)
            return try await answer { html(ServeSweepsHTML.render(try sweepRows(catalog), links: links)) }
        }
        router.get("/api/sweeps") { _, _ -> Response in
            try await answer { json(try ServeDownload.json(try sweepRows(catalog))) }
        }
        router.get("/sweeps/:id") { request, context -> Response in
            let links = links(request)
            return try await answer {
                let sweep = try sweepReport(context.parameters.get("id"), catalog)
                return html(ServeRunHTML.insertNavigation(into: SweepHTML.render(sweep),
                                                          bar: ServePage.navigation(links) + "\n" + ServeRunHTML.downloads(
                                                              ["sweep.json"], under: "/sweeps/\(sweep.sweep.id)", links: links)))
            }
        }
        router.get("/sweeps/:id/:file") { _, context -> Response in
            try await answer {
                guard context.parameters.get("file") == "sweep.json" else { throw ServeAnswer(.notFound, "no such file: a sweep offers sweep.json") }
                return json(try ServeDownload.json(try sweepReport(context.parameters.get("id"), catalog)))
            }
        }
        return router
    }

    /// Runs `body` on the blocking queue; a `ServeAnswer` becomes its status and message,
    /// a request error 400, anything else 500 with the error's text.
    static func answer(_ body: @escaping @Sendable () throws -> Response) async throws -> Response {
        try await BlockingWork.run {
            do { return try body() } catch let error as ServeAnswer {
                return text(error.message, status: error.status)
            } catch let error as ServeRequestError {
                return text("400 bad request: \(error.description)", status: .badRequest)
            } catch {
                return text("500 \(error)", status: .internalServerError)
            }
        }
    }

    /// The run `text` names and its report: 400 when `text` is not a positive integer, 404 when no such run.
    static func found(_ text: String?, _ catalog: ServeCatalog) throws -> (Int64, Report) {
        let id = try runID(text)
        guard let report = try catalog.report(id) else { throw ServeAnswer(.notFound, "404 no run \(id)") }
        return (id, report)
    }

    /// A run id: decimal digits only, at least 1.
    package static func runID(_ text: String?) throws -> Int64 {
        guard let text, !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(text), id >= 1 else {
            throw ServeRequestError("a run id is a positive integer")
        }
        return id
    }

    /// `runs=3,4` or `run=3&run=4` (the list's checkboxes): at least two ids, compared as `ecobench compare` does.
    static func comparison(_ request: Request, _ catalog: ServeCatalog) throws -> RunComparison {
        let query = request.uri.queryParameters
        let texts = query[values: "runs"].flatMap { $0.split(separator: ",").map(String.init) }
            + query[values: "run"].map(String.init)
        let ids = try texts.map { try runID($0) }
        guard ids.count >= 2 else { throw ServeRequestError("compare needs at least two run ids: ?runs=3,4") }
        var reports: [Report] = []
        for id in ids {
            guard let report = try catalog.report(id) else { throw ServeAnswer(.notFound, "404 no run \(id)") }
            reports.append(report)
        }
        do { return try RunComparison.compare(reports) } catch let error as ComparisonError {
            throw ServeRequestError(error.description)
        }
    }

    /// `by=host` asks for `compare --by host`; any other `by` is a bad request.
    static func byHost(_ request: Request) throws -> Bool {
        guard let by = request.uri.queryParameters["by"] else { return false }
        guard by == "host" else { throw ServeRequestError("by must be host (compare --by host), not \(by)") }
        return true
    }

    /// `compare --by host` over `runs` (at least one when `sweep` names a sweep, else two), with
    /// `sweep` (ids), `utilisation` (0–1, default 0.5) and `rack_units` (per group, comma-separated).
    static func rackDensity(_ request: Request, _ catalog: ServeCatalog) throws -> RackDensity {
        let query = request.uri.queryParameters
        func ids(_ name: String) throws -> [Int64] {
            try query[values: Substring(name)].flatMap { $0.split(separator: ",").map(String.init) }.map { try runID($0) }
        }
        let runs = try ids("runs") + ids("run"), sweeps = try ids("sweep")
        guard runs.count >= 2 || (!sweeps.isEmpty && !runs.isEmpty) || sweeps.count >= 2 else {
            throw ServeRequestError("compare by host needs two runs, or sweeps: ?runs=3,4&by=host or ?sweep=1&sweep=2&by=host")
        }
        var options = RackDensity.Options()
        if let text = query["utilisation"] {
            guard let u = Double(String(text)), u > 0, u <= 1 else { throw ServeRequestError("utilisation must be in (0, 1]") }
            options.utilisation = u
        }
        if let text = query["rack_units"] {
            let units = text.split(separator: ",").map { Double(String($0)) }
            guard units.allSatisfy({ ($0 ?? 0) > 0 }) else { throw ServeRequestError("rack_units must be positive numbers") }
            options.rackUnits = units.compactMap { $0 }
        }
        let inputs = try RackDensity.inputs(store: catalog.store, runIDs: runs, sweepIDs: sweeps) { id in
            guard let report = try catalog.report(id) else { throw ServeAnswer(.notFound, "404 no run \(id)") }
            return report
        }
        options.sweeps = inputs.sweeps
        do { return try RackDensity.build(inputs.reports, options: options) } catch let error as ComparisonError {
            throw ServeRequestError(error.description)
        }
    }

    /// The sweep `text` names: 400 when not a positive integer, 404 when no such sweep.
    /// Every stored sweep, newest first.
    static func sweepRows(_ catalog: ServeCatalog) throws -> [ServeSweepRow] {
        try catalog.store.sweeps().sorted { $0.id > $1.id }.map(ServeSweepRow.init)
    }

    static func sweepReport(_ text: String?, _ catalog: ServeCatalog) throws -> SweepReport {
        let id = try runID(text)
        guard try catalog.store.sweep(id: id) != nil else { throw ServeAnswer(.notFound, "404 no sweep \(id)") }
        return try SweepReportBuilder(store: catalog.store).build(sweepID: id)
    }

    static func parameters(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where out[String(key)] == nil { out[String(key)] = String(value) }
        return out
    }

    static func links(_ request: Request) -> ServeLinks {
        ServeLinks(token: request.uri.queryParameters["token"].map(String.init))
    }

    static func html(_ body: String) -> Response { text(body, contentType: "text/html; charset=utf-8") }

    static func json(_ data: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ body: String, contentType: String = "text/plain; charset=utf-8", status: HTTPResponse.Status = .ok)
        -> Response {
        Response(status: status, headers: [.contentType: contentType],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body.hasSuffix("\n") ? body : body + "\n")))
    }
}

/// An answer other than 200 that a route gives on purpose (404 for an unknown run or file).
struct ServeAnswer: Error {
    var status: HTTPResponse.Status
    var message: String
    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }
}
