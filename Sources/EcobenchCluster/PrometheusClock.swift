import Foundation
import EcobenchCollect

/// The clock of the Prometheus server that answers queries, read with `vector(time())`
/// (evaluated at the server's now), and the time of its latest scrape (`min(timestamp(up))`).
///
/// Prometheus stamps each scraped sample with the scraping server's clock at the scrape. The
/// offset measured here is that of the server answering the API; with federation, remote-write
/// or Thanos the scraper may be another machine, whose clock is then assumed NTP-synced with it.
public struct PrometheusClock: Sendable {
    public let client: PrometheusClient

    public init(client: PrometheusClient) { self.client = client }

    /// The server's unix time in ns now (millisecond resolution, as Prometheus has it).
    public func unixNanoseconds() throws(PrometheusError) -> Int64 {
        let expression = "vector(time())"
        let series: [PrometheusSeries]
        do { series = try client.query(expression) } catch let error as PrometheusError { throw error } catch {
            throw .unreachable(url: client.baseURL, detail: "\(error)")
        }
        guard let value = series.first?.points.last?.value, value.isFinite, value > 0 else {
            throw .malformed(url: client.baseURL, query: expression, field: "data.result[0].value",
                             detail: "no time in the answer")
        }
        return Int64((value * 1e9).rounded())
    }

    /// Measured like an agent's `/clock`: Prometheus' clock minus the controller's.
    public func align(rounds: Int = ClockAlignment.defaultRounds) throws(PrometheusError) -> ClockAlignment {
        try ClockAlignment.measure(rounds: rounds, localClock: MonotonicClock.unixNanoseconds,
                                   agentClock: { () throws(PrometheusError) -> Int64 in try unixNanoseconds() })
    }

    /// The oldest of every target's latest scrape time (unix seconds on Prometheus' clock), nil
    /// when Prometheus scrapes nothing: once it is past a window's end, every target has a
    /// sample after it to interpolate the window's edge.
    public func oldestLatestScrapeSeconds() throws -> Double? {
        try client.query("min(timestamp(up))").first?.points.last?.value
    }

    /// Waits until every target was scraped after `unixSeconds` (Prometheus' clock), at most
    /// `maxSeconds` or until `cancelled()`; true when it was. Query errors end the wait early
    /// (the readings that follow say what is missing through their coverage).
    public func waitForScrape(after unixSeconds: Double, maxSeconds: Double, pollSeconds: Double = 0.5,
                              cancelled: () -> Bool = { false }) -> Bool {
        let deadline = Date().addingTimeInterval(maxSeconds)
        while true {
            guard let latest = try? oldestLatestScrapeSeconds() else { return false }
            if latest > unixSeconds { return true }
            if Date() >= deadline || cancelled() { return false }
            Thread.sleep(forTimeInterval: min(pollSeconds, max(0.01, deadline.timeIntervalSinceNow)))
        }
    }
}
