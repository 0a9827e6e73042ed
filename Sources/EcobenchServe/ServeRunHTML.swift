import EcobenchReport

/// `/runs/{id}`: the run's HTML report as `ecobench report --format html` renders it, with the
/// server's navigation, the downloads and (while the run is running) the live panel inserted after `<body>`.
package enum ServeRunHTML {
    package static func render(reportHTML: String, runID: Int64, links: ServeLinks, live: String = "",
                               signed: Bool = false) -> String {
        var bar = ServePage.navigation(links) + "\n"
            + downloads(ServeDownload.allCases.map(\.rawValue) + (signed ? [ServeDownload.signatureName] : []),
                        under: "/runs/\(runID)", links: links)
        if !live.isEmpty { bar += "<main>\n" + live + "</main>\n" }
        return insertNavigation(into: reportHTML, bar: bar)
    }

    /// The download links of `names` under `path`.
    package static func downloads(_ names: [String], under path: String, links: ServeLinks) -> String {
        let e = HTMLEscaping.escape
        var bar = "<div class=\"downloads\" style=\"max-width:1180px;margin:12px auto 0;padding:0 28px\">downloads:"
        for name in names {
            bar += " <a download href=\"\(e(links.url(path + "/" + name)))\">\(name)</a>"
        }
        return bar + "</div>\n"
    }

    /// `page` with `bar` right after its `<body>` (at the start when it has none).
    package static func insertNavigation(into page: String, bar: String) -> String {
        guard let body = page.range(of: "<body>") else { return bar + page }
        var page = page
        page.insert(contentsOf: "\n" + bar, at: body.upperBound)
        return page
    }
}
