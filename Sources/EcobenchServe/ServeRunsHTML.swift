import EcobenchReport

/// `/`: the runs table with filters (a plain GET form), sortable column headers and pages.
package enum ServeRunsHTML {
    package static func render(_ page: ServeRunPage, query: ServeRunQuery, links: ServeLinks) -> String {
        let e = HTMLEscaping.escape
        var out = "<header class=\"top\"><h1>Runs</h1><p class=\"sub\">\(page.total) run(s) match; "
            + "node energy as the report states it (measured or estimated: the kind column), energy per unit "
            + "with its 95 % confidence interval over repetitions.</p></header>\n"
        out += filterForm(query, links: links)
        out += "<form method=\"get\" action=\"/compare\">"
        if let token = links.token { out += "<input type=\"hidden\" name=\"token\" value=\"\(e(token))\">" }
        out += "<table class=\"runs\" id=\"runs\">\n<thead><tr><th>compare</th>"
        for (key, title) in [(ServeRunQuery.SortKey.id, "id"), (.workload, "workload"), (.host, "host"),
                             (.status, "status"), (.started, "started")] {
            let descending = query.sort == key ? !query.descending : true
            let href = links.url("/", query.queryItems(sort: key, descending: descending))
            let arrow = query.sort == key ? (query.descending ? " ▼" : " ▲") : ""
            out += "<th><a href=\"\(e(href))\">\(title)\(arrow)</a></th>"
        }
        out += "<th>node energy (J)</th><th>kind</th><th>energy per unit (J)</th><th>95 % CI</th></tr></thead>\n<tbody>\n"
        for row in page.runs { out += rowHTML(row, links: links) }
        out += "</tbody></table>\n<p><button type=\"submit\">Compare selected runs</button></p></form>\n"
        out += pager(page, query: query, links: links)
        return ServePage.render(title: "ecobench runs", links: links, body: out)
    }

    static func rowHTML(_ row: ServeRunRow, links: ServeLinks) -> String {
        let e = HTMLEscaping.escape
        let ci = row.energyPerUnitJ.flatMap { s in
            s.ci95Low.flatMap { low in s.ci95High.map { "[\(ServePage.number(low)), \(ServePage.number($0))]" } }
        } ?? "—"
        let host = (row.hostname ?? "—") + (row.hostFingerprint.map { " · " + $0.prefix(12) } ?? "")
        let energy = row.reportError == nil ? ServePage.number(row.nodeEnergyJ)
            : "<span title=\"\(e(row.reportError ?? ""))\">no report</span>"
        return "<tr data-run=\"\(row.id)\"><td><input type=\"checkbox\" name=\"run\" value=\"\(row.id)\"></td>"
            + "<td><a href=\"\(e(links.url("/runs/\(row.id)")))\">\(row.id)</a></td><td>\(e(row.workload))</td>"
            + "<td>\(e(host))</td><td>\(e(row.status.rawValue))</td><td>\(e(row.startedAt))</td>"
            + "<td class=\"num\">\(energy)</td><td>\(e(row.nodeEnergyKind?.rawValue ?? "—"))</td>"
            + "<td class=\"num\">\(ServePage.number(row.energyPerUnitJ?.mean))</td><td class=\"num\">\(ci)</td></tr>\n"
    }

    static func filterForm(_ query: ServeRunQuery, links: ServeLinks) -> String {
        let e = HTMLEscaping.escape
        var out = "<form class=\"filters\" method=\"get\" action=\"/\">"
        out += "workload <input name=\"workload\" value=\"\(e(query.workload ?? ""))\">"
        out += "host <input name=\"host\" value=\"\(e(query.host ?? ""))\">"
        out += "status <select name=\"status\"><option value=\"\">any</option>"
        for status in ["running", "completed", "failed", "interrupted"] {
            out += "<option\(query.status == status ? " selected" : "")>\(status)</option>"
        }
        out += "</select>"
        if let token = links.token { out += "<input type=\"hidden\" name=\"token\" value=\"\(e(token))\">" }
        return out + "<button type=\"submit\">Filter</button></form>\n"
    }

    static func pager(_ page: ServeRunPage, query: ServeRunQuery, links: ServeLinks) -> String {
        let pages = max(1, (page.total + page.perPage - 1) / page.perPage)
        var out = "<p class=\"pager\">page \(page.page) of \(pages)"
        if page.page > 1 {
            out += " · <a rel=\"prev\" href=\"\(HTMLEscaping.escape(links.url("/", query.queryItems(page: page.page - 1))))\">previous</a>"
        }
        if page.page < pages {
            out += " · <a rel=\"next\" href=\"\(HTMLEscaping.escape(links.url("/", query.queryItems(page: page.page + 1))))\">next</a>"
        }
        return out + "</p>\n"
    }
}
