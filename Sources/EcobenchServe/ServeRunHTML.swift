import EcobenchReport

/// `/runs/{id}`: the run's HTML report as `ecobench report --format html` renders it, with the
/// server's navigation, the downloads and (while the run is running) the live panel inserted after `<body>`.
package enum ServeRunHTML {
    package static func render(reportHTML: String, runID: Int64, links: ServeLinks, live: String = "") -> String {
        let e = HTMLEscaping.escape
        var bar = ServePage.navigation(links)
        bar += "\n<div class=\"downloads\" style=\"max-width:1180px;margin:12px auto 0;padding:0 28px\">downloads:"
        for file in ServeDownload.allCases {
            bar += " <a download href=\"\(e(links.url("/runs/\(runID)/\(file.rawValue)")))\">\(file.rawValue)</a>"
        }
        bar += "</div>\n"
        if !live.isEmpty { bar += "<main>\n" + live + "</main>\n" }
        guard let body = reportHTML.range(of: "<body>") else { return bar + reportHTML }
        var page = reportHTML
        page.insert(contentsOf: "\n" + bar, at: body.upperBound)
        return page
    }
}
