import EcobenchModel

/// The report page's style sheet, inlined into the page (no external fonts or files).
package enum HTMLStyle {
    /// Lines of the power chart, one per energy channel, in source order.
    package static let seriesPalette = ["#1f6fb4", "#d1495b", "#2e8b57", "#8e6cc0", "#b5651d", "#d36ba6", "#4a4a4a"]
    /// Phase bands (drawn at 16 % opacity) and their legend swatches.
    package static let phaseFill: [PhaseName: String] = [
        .baseline: "#8c96a3", .idle: "#4f8fd6", .load: "#f08c2e", .cooldown: "#4caf6a",
    ]
    /// Energy bars: what the workload got, its idle share, and the rest of the node.
    package static let workloadColor = "#1f6fb4"
    package static let idleShareColor = "#7fb2e0"
    package static let unattributedColor = "#b9c0c9"

    package static func seriesColor(_ index: Int) -> String { seriesPalette[index % seriesPalette.count] }

    /// The start of a self-contained page, up to and including `<main>`: the title (escaped here),
    /// optional extra `<head>` lines and style rules after the shared sheet.
    package static func pageStart(title: String, headLines: [String] = [], extraCSS: String? = nil) -> String {
        let head = headLines.map { $0 + "\n" }.joined()
        let sheet = extraCSS.map { Self.css + "\n" + $0 } ?? Self.css
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            \(head)<title>\(HTMLEscaping.escape(title))</title>
            <style>
            \(sheet)
            </style>
            </head>
            <body>
            <main>

            """
    }

    package static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f4f5f7; color: #1d232b;
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
        header.top { border-bottom: 1px solid #d9dde3; margin-bottom: 18px; padding-bottom: 12px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 0 0 10px; }
        h3 { font-size: 15px; margin: 16px 0 6px; }
        .sub { color: #56606c; margin: 2px 0; }
        section { background: #fff; border: 1px solid #dfe3e8; border-radius: 8px; padding: 16px 18px;
          margin: 16px 0; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(175px, 1fr)); gap: 10px; }
        .card { background: #fff; border: 1px solid #dfe3e8; border-radius: 8px; padding: 10px 12px; }
        .card .label { color: #56606c; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
        .card .value { font-size: 19px; font-weight: 600; margin-top: 2px; }
        .card .detail { color: #56606c; font-size: 12px; }
        .badge { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 4px; padding: 0 5px;
          vertical-align: 1px; white-space: nowrap; }
        .badge.estimated { background: #fff1d6; color: #8a5300; border: 1px dashed #c98a1b; }
        .badge.measured { background: #e3f4e8; color: #1d6b36; border: 1px solid #7cc294; }
        .badge.assumed { background: #ece8f7; color: #4d3a8a; border: 1px dashed #9583c9; }
        .badge.bad { background: #fde4e4; color: #9b1c1c; border: 1px solid #e39a9a; }
        .est { border-bottom: 1.5px dashed #c98a1b; color: #6b4200; }
        .banner { border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
        .banner.estimated { background: #fff7e6; border: 1px dashed #c98a1b; }
        .banner.bad { background: #fdecec; border: 1px solid #e39a9a; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 4px; font-size: 13px; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e6e9ed; vertical-align: top; }
        th { background: #f6f7f9; font-weight: 600; color: #38414b; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.path, td.mono, span.mono { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12px; }
        td.mono { white-space: nowrap; }
        td.path { overflow-wrap: anywhere; }
        table.kv td:first-child { width: 260px; color: #56606c; }
        svg.chart { width: 100%; height: auto; display: block; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 6px 0 0; font-size: 13px; }
        .swatch { display: inline-block; width: 22px; height: 0; border-top: 3px solid; vertical-align: middle;
          margin-right: 6px; }
        .swatch.dashed { border-top-style: dashed; }
        .swatch.box { width: 14px; height: 12px; border: 0; opacity: .45; vertical-align: -1px; }
        .note { color: #56606c; font-size: 12.5px; }
        ul.notes { margin: 4px 0; padding-left: 20px; }
        footer { color: #7a838e; font-size: 12px; margin-top: 24px; }
        """
}
