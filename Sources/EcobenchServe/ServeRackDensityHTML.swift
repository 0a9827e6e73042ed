import Foundation
import EcobenchReport

/// `/compare?runs=…&by=host`: `compare --by host`'s result (`RackDensity`) as a table per hardware
/// group, with the sweep-curve figures where a group has a sweep, and the yearly savings.
package enum ServeRackDensityHTML {
    package static func render(_ density: RackDensity, links: ServeLinks) -> String {
        let e = HTMLEscaping.escape, n = { (v: Double?) in ServePage.number(v) }
        var out = "<header class=\"top\"><h1>Compare hardware groups</h1><p class=\"sub\">runs grouped by host "
            + "fingerprint, per \(e(density.functionalUnit)); docs/sweeps.md and Reports/README.md (Comparisons).</p></header>\n"
        out += "<section><h2>Groups</h2>\n<table class=\"runs\" id=\"rack-groups\"><thead><tr><th>group</th><th>host</th>"
            + "<th>runs</th><th>node energy per unit (J)</th><th>throughput (units/s)</th><th>load power (W)</th>"
            + "<th>units/s per kW</th><th>units/s per rack unit</th><th>idle power (W)</th><th>yearly kWh</th>"
            + "<th>yearly CO2e (kg)</th><th>sweep: power at the common load (W)</th></tr></thead><tbody>\n"
        for g in density.groups {
            let runs = g.runs.map { "<a href=\"\(e(links.url("/runs/\($0)")))\">\($0)</a>" }.joined(separator: " ")
            let sweep = g.sweep.map { s in
                "<a href=\"\(e(links.url("/sweeps/\(s.sweepId)")))\">sweep \(s.sweepId)</a>: " + n(s.nodePowerW?.value)
            } ?? "—"
            out += "<tr data-group=\"\(e(g.name))\"><td>\(e(g.name))</td><td>\(e(g.host))</td><td>\(runs)</td>"
                + "<td class=\"num\">\(n(g.nodeEnergyPerUnitJ?.mean))</td><td class=\"num\">\(n(g.throughputUnitsPerS))</td>"
                + "<td class=\"num\">\(n(g.meanLoadPowerW))</td><td class=\"num\">\(n(g.throughputPerKw))</td>"
                + "<td class=\"num\">\(n(g.throughputPerRackUnit))</td><td class=\"num\">\(n(g.idlePowerW))</td>"
                + "<td class=\"num\">\(n(g.yearlyKwh))</td><td class=\"num\">\(n(g.yearlyCo2eKg))</td><td>\(sweep)</td></tr>\n"
        }
        out += "</tbody></table>\n"
        for saving in density.savings {
            out += "<p>\(e(saving.group)) saves \(n(saving.kwh)) kWh and \(n(saving.co2eKg)) kg CO2e a year against "
                + "\(e(density.groups.first?.name ?? "group 1")).</p>\n"
        }
        out += "</section>\n"
        return ServePage.render(title: "ecobench compare --by host", links: links, body: out)
    }
}
