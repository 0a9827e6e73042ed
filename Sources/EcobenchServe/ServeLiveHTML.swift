import Foundation
import EcobenchReport

/// The live panel of a running run's page: the state rendered on the server (works without
/// JavaScript: reload to update), and a small inline script that polls `live.json` every 2 s,
/// redraws the power chart and reloads the page (to the full report) when the run ends.
package enum ServeLiveHTML {
    package static func section(_ live: ServeLive, links: ServeLinks) -> String {
        let e = HTMLEscaping.escape
        let latest = live.power.first { $0.role != nil }?.points.last { $0.watts != nil }?.watts
        var out = "<section id=\"live\" data-status=\"\(e(live.status.rawValue))\"><h2>Live</h2>\n"
        out += "<p>status <b id=\"live-status\">\(e(live.status.rawValue))</b> · phase <b id=\"live-phase\">"
            + "\(e(live.phase ?? "—"))</b> (repetition <span id=\"live-repetition\">\(live.repetition.map(String.init) ?? "—")</span>)"
            + " · elapsed <span id=\"live-elapsed\">\(String(format: "%.1f", live.elapsedS))</span> s"
            + " · remaining <span id=\"live-remaining\">\(live.remainingS.map { String(format: "%.0f", $0) } ?? "—")</span> s (planned)"
            + " · latest power <span id=\"live-watts\">\(ServePage.number(latest))</span> W "
            + "(\(e(live.power.first.map { "\($0.source), \($0.kind.rawValue)" } ?? "no energy counter")))</p>\n"
        out += "<svg id=\"live-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"160\" role=\"img\" "
            + "aria-label=\"power over the last \(Int(live.windowS)) s\"><polyline fill=\"none\" stroke=\"\(HTMLStyle.workloadColor)\" "
            + "stroke-width=\"2\" points=\"\"/></svg>\n"
        out += "<script>\n" + script(liveURL: links.url("live.json")) + "</script>\n</section>\n"
        return out
    }

    /// Polls `liveURL` (relative to /runs/{id}/), updates the panel, draws the first series' watts.
    static func script(liveURL: String) -> String {
        let url = liveURL.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            .replacingOccurrences(of: "<", with: "\\u003c")
        return """
            (function () {
              var base = location.pathname.replace(/\\/$/, '') + '/';
              function draw(points) {
                var line = document.querySelector('#live-chart polyline');
                var ws = points.filter(function (p) { return p.watts !== null; });
                if (!ws.length) { line.setAttribute('points', ''); return; }
                var t0 = points[0].t_s, t1 = points[points.length - 1].t_s || t0 + 1;
                var max = Math.max.apply(null, ws.map(function (p) { return p.watts; })) || 1;
                line.setAttribute('points', ws.map(function (p) {
                  return (10 + (p.t_s - t0) / (t1 - t0 || 1) * 620).toFixed(1) + ',' + (150 - p.watts / max * 140).toFixed(1);
                }).join(' '));
              }
              function poll() {
                fetch(base + '\(url)').then(function (r) { return r.json(); }).then(function (live) {
                  if (live.status !== 'running') { location.reload(); return; }
                  document.getElementById('live-phase').textContent = live.phase || '—';
                  document.getElementById('live-repetition').textContent = live.repetition || '—';
                  document.getElementById('live-elapsed').textContent = live.elapsed_s.toFixed(1);
                  document.getElementById('live-remaining').textContent =
                    live.remaining_s === null || live.remaining_s === undefined ? '—' : live.remaining_s.toFixed(0);
                  var series = live.power[0];
                  if (series) {
                    var last = series.points.filter(function (p) { return p.watts !== null; }).pop();
                    document.getElementById('live-watts').textContent = last ? last.watts.toPrecision(4) : '—';
                    draw(series.points);
                  }
                  setTimeout(poll, 2000);
                }).catch(function () { setTimeout(poll, 5000); });
              }
              poll();
            })();

            """
    }
}
