import EcobenchServe
import EcobenchStore
import Testing

/// The runs list's query string: parsing, filters, sorting and pages over hand-made rows.
struct ServeRunQueryTests {
    static func row(_ id: Int64, _ workload: String, host: String, status: RunStatus, started: String) -> ServeRunRow {
        ServeRunRow(id: id, workload: workload, status: status, startedAt: started, hostname: host,
                    hostFingerprint: "f\(host)", functionalUnit: "request")
    }

    static let rows = [row(1, "nginx", host: "a", status: .completed, started: "2026-01-03"),
                       row(2, "postgres", host: "b", status: .failed, started: "2026-01-01"),
                       row(3, "nginx", host: "b", status: .completed, started: "2026-01-02"),
                       row(10, "nginx", host: "a", status: .running, started: "2026-01-04")]

    @Test func defaultsAreNewestFirstFiftyPerPage() throws {
        let query = try ServeRunQuery([:])
        #expect(query == ServeRunQuery())
        let (page, total) = query.apply(Self.rows)
        // id descending; 10 sorts above 3 (numeric, not text order).
        #expect(page.map(\.id) == [10, 3, 2, 1] && total == 4)
    }

    @Test func filtersSortAndPage() throws {
        let nginx = try ServeRunQuery(["workload": "nginx", "sort": "started", "order": "asc"])
        #expect(nginx.apply(Self.rows).page.map(\.id) == [3, 1, 10])
        // host matches the hostname or a fingerprint prefix.
        #expect(try ServeRunQuery(["host": "b"]).apply(Self.rows).page.map(\.id) == [3, 2])
        #expect(try ServeRunQuery(["host": "fa"]).apply(Self.rows).page.map(\.id) == [10, 1])
        #expect(try ServeRunQuery(["status": "completed", "sort": "id", "order": "asc"]).apply(Self.rows).page.map(\.id) == [1, 3])
        // 4 rows, 3 per page: page 2 holds the 4th (id ascending: 1, 2, 3 | 10); page 3 is empty.
        let second = try ServeRunQuery(["sort": "id", "order": "asc", "per_page": "3", "page": "2"]).apply(Self.rows)
        #expect(second.page.map(\.id) == [10] && second.total == 4)
        #expect(try ServeRunQuery(["per_page": "3", "page": "3"]).apply(Self.rows).page.isEmpty)
        // Ties on the key go by id.
        #expect(try ServeRunQuery(["sort": "workload", "order": "asc"]).apply(Self.rows).page.map(\.id) == [1, 3, 10, 2])
    }

    @Test func badValuesNameTheParameter() {
        for (name, value) in [("sort", "energy"), ("order", "up"), ("page", "0"), ("page", "x"), ("per_page", "501")] {
            #expect(throws: ServeRequestError.self) { try ServeRunQuery([name: value]) }
            do { _ = try ServeRunQuery([name: value]) } catch { #expect(error.description.hasPrefix(name)) }
        }
    }

    @Test func linksPercentEncodeAndCarryTheToken() {
        let links = ServeLinks(token: "t&k")
        // '&' → %26, ' ' → %20, 'é' (C3 A9 in UTF-8) → %C3%A9.
        #expect(links.url("/", [("workload", "a b"), ("host", "é")]) == "/?workload=a%20b&host=%C3%A9&token=t%26k")
        #expect(ServeLinks(token: nil).url("/runs/1") == "/runs/1")
    }

    @Test func runIDsAreDecimalDigitsOnly() throws {
        #expect(try ServeRoutes.runID("42") == 42)
        for bad in ["0", "-1", "+1", "1e3", "0x1", " 1", "1/..", "", "99999999999999999999"] {
            #expect(throws: ServeRequestError.self) { try ServeRoutes.runID(bad) }
        }
    }
}
