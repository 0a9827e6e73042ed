/// A table for the HTML report. Headers are escaped here; cells are HTML fragments that the
/// caller built with `HTMLEscaping` (so a cell may carry a badge beside its escaped text).
package struct HTMLTable {
    package struct Column {
        package var title: String
        package var numeric: Bool

        package init(_ title: String, numeric: Bool = false) {
            self.title = title
            self.numeric = numeric
        }
    }

    package var columns: [Column]
    package var rows: [[String]] = []
    package var caption: String?
    /// CSS classes per column for the cells (e.g. `path` for monospace), besides `num`.
    package var cellClasses: [Int: String] = [:]
    package var cssClass: String?

    package init(_ columns: [Column], caption: String? = nil) {
        self.columns = columns
        self.caption = caption
    }

    package mutating func add(_ cells: [String]) { rows.append(cells) }

    /// Two-column key/value table: keys escaped, values as HTML fragments.
    package static func keyValue(_ pairs: [(String, String)]) -> String {
        var table = HTMLTable([Column("field"), Column("value")])
        table.rows = pairs.map { [HTMLEscaping.escape($0.0), $0.1] }
        table.cssClass = "kv"
        return table.render(header: false)
    }

    package func render(header: Bool = true) -> String {
        var out = cssClass.map { "<table class=\"\($0)\">\n" } ?? "<table>\n"
        if let caption { out += "<caption class=\"note\">\(HTMLEscaping.escape(caption))</caption>\n" }
        if header {
            out += "<thead><tr>" + columns.map { column in
                "<th" + (column.numeric ? " class=\"num\"" : "") + ">\(HTMLEscaping.escape(column.title))</th>"
            }.joined() + "</tr></thead>\n"
        }
        out += "<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                var classes: [String] = []
                if index < columns.count, columns[index].numeric { classes.append("num") }
                if let extra = cellClasses[index] { classes.append(extra) }
                out += classes.isEmpty ? "<td>" : "<td class=\"\(classes.joined(separator: " "))\">"
                out += cell + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
