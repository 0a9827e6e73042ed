import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Truth scenarios through the RAPL paths (issue 11 item 5): a scripted power with a known
/// integral (Tests/tools/power_script.py logs it) is read, in one run, by the local sampler
/// (`--sysfs-root`), by an agent (`--agent`) and by Prometheus scraping a second agent
/// (`--prometheus-url`). Per phase and path the reported energy must lie within the scenario's
/// actual error budget of the true energy (`TruthCheck.scenarioBudgetJ`, from the writer's log and
/// the path's sampling, never from ecobench's output), within the uncertainty the report states
/// (`TruthCheck.statedUncertaintyJ`: the node-energy error budget of a local phase or of a
/// cluster node's phase), no wider than 3 × that budget, and the paths must agree.
@Suite(.serialized) struct RAPLTruthTests {
    static let phases = PhaseDurations(baselineS: 2, idleS: 1, loadS: 2, cooldownS: 1)
    /// RAPL's `max_energy_range_uj` on many Intel parts (the fixture default).
    static let range: Int64 = 262_143_328_850

    @Test func constantPower() throws {
        try Exclusive.run { try TruthScenario(profile: "constant:20").check() }
    }

    /// 8 W, 30 W while the load command runs (it creates the flag at its start, removes it at its end).
    @Test func stepAtTheLoadPhase() throws {
        try Exclusive.run { try TruthScenario(profile: "step:8:30:{flag}").check() }
    }

    /// 26 W for 1 s, 6 W for 1 s, repeated: every phase edge may fall next to a flip.
    @Test func oneSecondOnOneSecondOffBurst() throws {
        try Exclusive.run { try TruthScenario(profile: "burst:6:26:1").check() }
    }

    /// A 40 J range at 20 W wraps every 2 s, starting 1 J below the top: several wraps in the run,
    /// each one 1 J per 50 ms tick (far below half the range and below 2 kW × the tick).
    @Test func wrapNearTheTopOfTheRange() throws {
        try Exclusive.run {
            try TruthScenario(profile: "constant:20", options: ["--max-range", "40000000", "--start", "39000000"]).check()
        }
    }

    /// The counter at 0.9 of the range is rewritten to 0.3 of it 0.5 s into the load phase: no
    /// plausible wrap (0.4 of the range, 105 kJ in 50 ms), a reset. The interval across it counts
    /// 0 J on every path (one reading interval lost: 20 W × 0.05 s = 1 J of the load's 40 J),
    /// which the scenario's budget carries for the load phase.
    @Test func resetNearTheTopOfTheRange() throws {
        try Exclusive.run {
            let top = String(Self.range / 10 * 9), low = String(Self.range / 10 * 3)
            try TruthScenario(profile: "constant:20", options: ["--start", top, "--reset-at-flag", "{flag}:0.5:" + low],
                              lostSecondsInLoad: 0.05).check { report in
                // Honest: the local run shows the reset as a gap in the load phase …
                #expect(report.gaps.contains { gap in
                    gap.source == "rapl.package-0" && gap.phases.contains { $0.name == .load && $0.coveredS > 0 }
                }, "\(report.notes)")
                // … the agent's window is not fully covered and says why …
                let agent = try #require(report.cluster?.nodes.first { $0.name == "a" })
                let load = try #require(agent.phases.first { $0.name == "load" })
                #expect(load.coverage < 1 && load.notes.contains { $0.contains("1 unreadable reading(s)") }, "\(load.notes)")
                // … naming the cause the agent's RAPL probe gave (ReadingFailure.reset, docs/reliability.md):
                // the zone's energy_uj went back from at least the start value (0.9 of the range) to
                // at least the value written (0.3 of it), counted in µJ.
                let cause = try #require(load.notes.first { $0.contains("1 unreadable reading(s) (reset: ") }, "\(load.notes)")
                #expect(cause.contains("intel-rapl:0/energy_uj went back from ")
                        && cause.contains("(no plausible wrap; counted on from the new value)"), "\(cause)")
                let values = try Self.resetValues(cause)
                #expect(values.from >= Self.range / 10 * 9 && values.to >= Self.range / 10 * 3 && values.to < values.from,
                        "\(cause)")
                // … the node's gap flag quotes it …
                #expect(agent.flags.contains { $0.contains("(reset: ") }, "\(agent.flags)")
                #expect(agent.flags.contains { $0.hasPrefix("gap: 1 of 4 phase window(s)") }, "\(agent.flags)")
                // … and the other phases are untouched.
                #expect(agent.phases.filter { $0.name != "load" }.allSatisfy { $0.coverage > 0.99 })
                // Prometheus reads the scraped agent's counter, flat across the reset, and the agent's
                // unreadable-reading counters beside it: the load window loses the uncovered time and
                // says so in the agent path's words (the step shows at the first scrape after the
                // reset, ≤ 1 s + the agent's commit lag after 0.5 s into a 2 s load) …
                let scraped = try #require(report.cluster?.nodes.first { $0.name == "127.0.0.2" })
                let scrapedLoad = try #require(scraped.phases.first { $0.name == "load" })
                #expect(scrapedLoad.coverage < 1 && scrapedLoad.notes.contains { $0.contains("1 unreadable reading(s)") },
                        "\(scrapedLoad.notes)")
                // … and the other phases are untouched.
                #expect(scraped.phases.filter { $0.name != "load" }.allSatisfy { phase in
                    phase.coverage > 0.99 && !phase.notes.contains { $0.contains("unreadable") }
                }, "\(scraped.phases.map(\.notes))")
            }
        }
    }
}

extension RAPLTruthTests {
    /// The a and b of "went back from <a> µJ to <b> µJ" in a reset's cause.
    static func resetValues(_ text: String) throws -> (from: Int64, to: Int64) {
        let words = text.split(separator: " ")
        let back = try #require(words.firstIndex(of: "went"), "\(text)")
        guard words.count > back + 7, words[back + 1] == "back", words[back + 2] == "from", words[back + 4] == "µJ",
              words[back + 5] == "to", words[back + 7] == "µJ", let from = Int64(words[back + 3]),
              let to = Int64(words[back + 6]) else {
            throw AgentHarness.HarnessError("no 'went back from <a> µJ to <b> µJ' in: \(text)")
        }
        return (from, to)
    }
}

/// One scenario through the three paths, and the checks.
struct TruthScenario {
    var profile: String
    var options: [String] = []
    /// Seconds a path counts 0 J in the load phase (a counter reset: the interval of the reading
    /// that saw it, on the local sampler or the agent; Prometheus reads the agent's counter).
    var lostSecondsInLoad = 0.0

    /// Local sampler: 50 ms between readings; a reading may be late by the writer's 5 ms period
    /// (the counter is a staircase) plus 5 ms of scheduling.
    static let local = TruthCheck.PathSampling(spacingSeconds: 0.05, lagSeconds: 0.01)
    /// Agent: the same, plus the clock offset's residual on one host (half a loopback round trip, ≤ 5 ms).
    static let agent = TruthCheck.PathSampling(spacingSeconds: 0.05, lagSeconds: 0.015)
    /// Prometheus: scrapes every 1 s; a scraped value lags its scrape time by the agent's 50 ms
    /// interval, its buffer commit (100 ms), the writer's period and scheduling: 0.3 s.
    static let prometheus = TruthCheck.PathSampling(spacingSeconds: 1.0, lagSeconds: 0.3)

    struct Figure {
        var path: String
        var phase: String
        var reportedJ: Double
        var truthJ: Double
        var budgetJ: Double
        var statedJ: Double?
    }

    func check(_ extra: (Report) throws -> Void = { _ in }) throws {
        let harness = try TruthHarness(profile: profile, options: options)
        defer { harness.tearDown() }
        let agentURL = try harness.startAgent("a", host: "127.0.0.1")
        let scraped = try harness.startAgent("p", host: "127.0.0.2")
        let prometheusURL = try harness.startPrometheus(scraping: scraped)
        let report = try harness.run(phases: RAPLTruthTests.phases, agentURL: agentURL, prometheusURL: prometheusURL)
        // The truth on the run's clock (monotonic, anchored at the run's start): this VM's wall
        // clock was seen slewed by NTP (up to 5000 ppm) during scenarios.
        let log = try harness.truth().onRunClock(clockStartUnixNanoseconds: report.run.clockStartUnixNs)
        #expect(report.nodeEnergy.channels == ["rapl.package-0"], "\(report.nodeEnergy.channels)")

        var figures: [Figure] = []
        for phase in report.phases {
            let start = report.run.clockStartUnixNs + Int64((phase.startS * 1e9).rounded())
            figures.append(try figure("local", phase.name.rawValue, start: start, seconds: phase.durationS,
                                      reportedJ: phase.energyJ, log: log, sampling: Self.local,
                                      statedJ: TruthCheck.statedUncertaintyJ(localPhase: phase, in: report)))
        }
        let cluster = try #require(report.cluster, "no cluster section: \(report.notes)")
        for (path, name, sampling) in [("agent", "a", Self.agent), ("prometheus", "127.0.0.2", Self.prometheus)] {
            let node = try #require(cluster.nodes.first { $0.name == name }, "no node \(name): \(cluster.nodes.map(\.name))")
            #expect(node.phases.count == 4)
            for phase in node.phases {
                figures.append(try figure(path, phase.name, start: phase.startUnixNs, seconds: phase.durationS,
                                          reportedJ: phase.energyJ, log: log, sampling: sampling,
                                          statedJ: TruthCheck.statedUncertaintyJ(nodePhase: phase, of: node)))
            }
        }
        #expect(figures.count == 12)
        try extra(report)
        for f in figures {
            print("truth \(profile) \(f.path) \(f.phase): reported \(f.reportedJ) J, true \(f.truthJ) J, "
                  + "error \(f.reportedJ - f.truthJ) J, budget \(f.budgetJ) J, stated \(f.statedJ.map { "\($0)" } ?? "none")")
            #expect(abs(f.reportedJ - f.truthJ) <= f.budgetJ,
                    "\(f.path) \(f.phase): \(f.reportedJ) J, true \(f.truthJ) J, budget ±\(f.budgetJ) J")
            guard let stated = f.statedJ else {
                Issue.record("\(f.path) \(f.phase): the report states no uncertainty to check the truth against")
                continue
            }
            // Local phase boundaries are read just after RAPL's update (the sampler waits for it);
            // an agent states how stale its readings can be (`staleness_bound_s`), which bounds
            // edges between its readings.
            #expect(TruthCheck.contains(truthJ: f.truthJ, reportedJ: f.reportedJ, statedUncertaintyJ: stated),
                    "\(f.path) \(f.phase): \(f.reportedJ) ± \(stated) J misses the true \(f.truthJ) J")
            let wide = "\(f.path) \(f.phase): ±\(stated) J is wider than 3 × the scenario's budget \(f.budgetJ) J"
            #expect(TruthCheck.notAbsurdlyWide(statedUncertaintyJ: stated, scenarioBudgetJ: f.budgetJ), "\(wide)")
        }
        // Paths agree per phase, within their uncertainties (stated where both state one, else budgets).
        for phase in Set(figures.map(\.phase)) {
            let same = figures.filter { $0.phase == phase }
            guard let a = same.first else { continue }
            for b in same.dropFirst() {
                let stated = a.statedJ.flatMap { sa in b.statedJ.map { (sa, $0) } }
                let (ua, ub) = stated ?? (a.budgetJ, b.budgetJ)
                let agree = TruthCheck.agree(a.reportedJ, b.reportedJ, uncertaintyAJ: ua, uncertaintyBJ: ub)
                #expect(agree, "\(phase): \(a.path) \(a.reportedJ) J and \(b.path) \(b.reportedJ) J differ beyond ±\(ua) ±\(ub) J")
            }
        }
    }

    func figure(_ path: String, _ phase: String, start: Int64, seconds: Double, reportedJ: Double, log: TruthLog,
                sampling: TruthCheck.PathSampling, statedJ: Double?) throws -> Figure {
        let truth = try #require(log.joules(fromUnixNanoseconds: start, seconds: seconds),
                                 "\(path) \(phase): window outside the writer's log")
        let budget = TruthCheck.scenarioBudgetJ(log, startUnixNanoseconds: start, seconds: seconds, sampling: sampling,
                                                lostSeconds: phase == "load" ? lostSecondsInLoad : 0)
        return Figure(path: path, phase: phase, reportedJ: reportedJ, truthJ: truth, budgetJ: budget, statedJ: statedJ)
    }
}
