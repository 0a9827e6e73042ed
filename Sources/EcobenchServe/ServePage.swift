import Foundation
import EcobenchReport

/// The shell of the server's own pages: the report's stylesheet, a navigation bar, no script
/// and no asset from elsewhere.
package enum ServePage {
    package static func render(title: String, links: ServeLinks, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(HTMLEscaping.escape(title))</title>
        <style>
        \(HTMLStyle.css)
        nav.serve { background: #1d232b; padding: 8px 28px; }
        nav.serve a { color: #fff; margin-right: 18px; text-decoration: none; }
        table.runs td, table.runs th { padding: 4px 8px; border-bottom: 1px solid #e3e6ea; text-align: left; }
        table.runs td.num { text-align: right; font-variant-numeric: tabular-nums; }
        form.filters input, form.filters select { margin-right: 8px; }
        </style>
        </head>
        <body>
        \(navigation(links))
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    package static func navigation(_ links: ServeLinks) -> String {
        "<nav class=\"serve\"><a href=\"\(HTMLEscaping.escape(links.url("/")))\">Runs</a>"
            + "<a href=\"\(HTMLEscaping.escape(links.url("/sweeps")))\">Sweeps</a>"
            + "<a href=\"\(HTMLEscaping.escape(links.url("/api/runs")))\">API</a></nav>"
    }

    /// A number with `digits` significant figures, or an em dash.
    package static func number(_ value: Double?, digits: Int = 4) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.\(digits)g", value)
    }
}
