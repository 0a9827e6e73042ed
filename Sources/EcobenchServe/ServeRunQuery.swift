/// The runs list's query string: filters (`workload`, `host`, `status`), `sort`, `order`, `page`
/// and `per_page`. Values are checked here; a bad one is a 400 naming the parameter.
package struct ServeRunQuery: Sendable, Equatable {
    package enum SortKey: String, Sendable, CaseIterable { case id, workload, host, status, started }

    package var workload: String?
    /// Matches the hostname exactly or a prefix of the hardware fingerprint.
    package var host: String?
    package var status: String?
    package var sort: SortKey = .id
    package var descending = true
    package var page = 1
    package var perPage = 50

    package static let maxPerPage = 500

    package init() {}

    /// Parses `parameters` (name → value); throws a message naming the bad parameter.
    package init(_ parameters: [String: String]) throws(ServeRequestError) {
        func nonEmpty(_ name: String) -> String? { parameters[name].flatMap { $0.isEmpty ? nil : $0 } }
        workload = nonEmpty("workload")
        host = nonEmpty("host")
        status = nonEmpty("status")
        if let text = nonEmpty("sort") {
            guard let key = SortKey(rawValue: text) else {
                throw ServeRequestError("sort must be one of " + SortKey.allCases.map(\.rawValue).joined(separator: ", "))
            }
            sort = key
        }
        if let text = nonEmpty("order") {
            guard text == "asc" || text == "desc" else { throw ServeRequestError("order must be asc or desc") }
            descending = text == "desc"
        }
        if let text = nonEmpty("page") {
            guard let value = Int(text), value >= 1 else { throw ServeRequestError("page must be an integer ≥ 1") }
            page = value
        }
        if let text = nonEmpty("per_page") {
            guard let value = Int(text), (1...ServeRunQuery.maxPerPage).contains(value) else {
                throw ServeRequestError("per_page must be an integer from 1 to \(ServeRunQuery.maxPerPage)")
            }
            perPage = value
        }
    }

    /// True when `row` passes the filters.
    package func matches(_ row: ServeRunRow) -> Bool {
        if let workload, row.workload != workload { return false }
        if let status, row.status.rawValue != status { return false }
        if let host, row.hostname != host, !(row.hostFingerprint?.hasPrefix(host) ?? false) { return false }
        return true
    }

    /// `rows` filtered, sorted (ties by id) and cut to this page; `total` counts the filtered rows.
    package func apply(_ rows: [ServeRunRow]) -> (page: [ServeRunRow], total: Int) {
        let kept = rows.filter(matches)
        let sorted = kept.sorted { a, b in
            let (x, y) = descending ? (b, a) : (a, b)
            let keyX = key(x), keyY = key(y)
            return keyX == keyY ? x.id < y.id : keyX < keyY
        }
        let start = min((page - 1) * perPage, sorted.count)
        return (Array(sorted[start..<min(start + perPage, sorted.count)]), kept.count)
    }

    func key(_ row: ServeRunRow) -> String {
        switch sort {
        case .id: String(repeating: "0", count: max(0, 20 - String(row.id).count)) + String(row.id)
        case .workload: row.workload
        case .host: row.hostname ?? ""
        case .status: row.status.rawValue
        case .started: row.startedAt
        }
    }

    /// This query as a query string (without page unless asked), for links that keep the filters.
    package func queryItems(page: Int? = nil, sort newSort: SortKey? = nil, descending newDescending: Bool? = nil)
        -> [(String, String)] {
        var items: [(String, String)] = []
        if let workload { items.append(("workload", workload)) }
        if let host { items.append(("host", host)) }
        if let status { items.append(("status", status)) }
        items.append(("sort", (newSort ?? sort).rawValue))
        items.append(("order", (newDescending ?? descending) ? "desc" : "asc"))
        if perPage != 50 { items.append(("per_page", String(perPage))) }
        if let page { items.append(("page", String(page))) }
        return items
    }
}

/// A request the server refuses with 400; the message names the parameter, never echoes a token.
package struct ServeRequestError: Error, CustomStringConvertible, Sendable {
    package var description: String
    package init(_ description: String) { self.description = description }
}
