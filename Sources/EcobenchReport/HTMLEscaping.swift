import Foundation

/// Escapes text for HTML and SVG (element content and quoted attribute values alike).
///
/// Everything the report puts into the page that did not come from a literal in this code
/// (workload names, paths, notes, models, PCI names) goes through `escape`, so `<`, `&`, `"`
/// and `'` in a name cannot open a tag, end an attribute or start an entity.
public enum HTMLEscaping {
    /// `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`, `"` → `&quot;`, `'` → `&#39;`; control
    /// characters other than tab, newline and carriage return (invalid in HTML) become U+FFFD.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Escaped text whose line breaks stay visible: each newline becomes `<br>` (an error
    /// message or a note with several lines).
    public static func multiline(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }

    /// Escaped text wrapped in an element: `element("td", "a<b")` → `<td>a&lt;b</td>`.
    /// `attributes` are written as given (they must be literals or already escaped).
    public static func element(_ name: String, _ text: String, attributes: String = "") -> String {
        let open = attributes.isEmpty ? name : name + " " + attributes
        return "<\(open)>\(escape(text))</\(name)>"
    }

    /// A quoted attribute: `attribute("title", "x\"y")` → `title="x&quot;y"`.
    public static func attribute(_ name: String, _ value: String) -> String {
        "\(name)=\"\(escape(value))\""
    }
}
