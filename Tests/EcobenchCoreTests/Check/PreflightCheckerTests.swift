import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchCheck
import EcobenchTestSupport
import Foundation
import Testing

/// The pre-flight checks against fixture trees and constructed samples: each verdict with its
/// value and threshold; absent sysfs files reported as "not exposed".
struct PreflightCheckerTests {
    func snapshot(busy: Int64, idle: Int64, steal: Int64 = 0, swapped: Int64? = 0, atSeconds: Double,
                  processes: [Int32: (comm: String, ticks: Int64)] = [:]) -> PreflightSnapshot {
        PreflightSnapshot(cpu: CPUTimes(user: busy, nice: 0, system: 0, idle: idle, iowait: 0, irq: 0, softirq: 0,
                                        steal: steal),
                          swappedPages: swapped, processes: processes, takenAtNanoseconds: Int64(atSeconds * 1e9))
    }

    @Test func busyStealAndSwapAreJudgedByTheirThresholds() {
        let checker = PreflightChecker()
        let quiet = checker.cpuChecks(snapshot(busy: 0, idle: 0, atSeconds: 0), snapshot(busy: 5, idle: 195, atSeconds: 1))
        #expect(quiet.map(\.status) == [.pass, .pass])
        let busy = checker.cpuChecks(snapshot(busy: 0, idle: 0, atSeconds: 0),
                                     snapshot(busy: 190, idle: 0, steal: 2, atSeconds: 1))
        #expect(busy[0].status == .fail && busy[0].value == "99.0 %", "\(busy[0])")
        #expect(busy[0].threshold == "warn > 10 %, fail > 95 %")
        let steal = checker.cpuChecks(snapshot(busy: 0, idle: 0, atSeconds: 0),
                                      snapshot(busy: 10, idle: 160, steal: 30, atSeconds: 1))
        #expect(steal[1].status == .warn && steal[1].value == "15.0 %", "steal never fails, it warns")
        let swap = checker.swapCheck(snapshot(busy: 0, idle: 0, swapped: 100, atSeconds: 0),
                                     snapshot(busy: 0, idle: 0, swapped: 5100, atSeconds: 2))
        #expect(swap.status == .fail && swap.measured == 2500)
        let noSwapInfo = checker.swapCheck(snapshot(busy: 0, idle: 0, swapped: nil, atSeconds: 0),
                                           snapshot(busy: 0, idle: 0, swapped: nil, atSeconds: 1))
        #expect(noSwapInfo.status == .pass && noSwapInfo.value == "not exposed")
        #expect(PreflightSnapshot.parseSwappedPages(vmstat: "nr_free_pages 5\npswpin 7\npswpout 3\n") == 10)
    }

    @Test func heavyProcessesExcludeEcobenchAndNameTheTopConsumers() {
        var checker = PreflightChecker()
        checker.excludedPIDs = [10]
        let ticks = Int64(ProcStat.ticksPerSecond)
        let before = snapshot(busy: 0, idle: 0, atSeconds: 0,
                              processes: [10: ("ecobench", 0), 20: ("miner", 0), 30: ("sshd", 0)])
        let after = snapshot(busy: 0, idle: 0, atSeconds: 1,
                             processes: [10: ("ecobench", ticks), 20: ("miner", ticks * 9 / 10), 30: ("sshd", 0)])
        let check = checker.heavyProcessCheck(before, after)
        #expect(check.status == .warn && check.value == "1 above limit")
        #expect(check.detail?.contains("miner (pid 20) 90 %") == true, "\(check.detail ?? "")")
        #expect(check.detail?.contains("ecobench") == false)
    }

    @Test func sysfsSettingsFromAFixtureTreeAndNotExposedWhereAbsent() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sys = dir.path + "/sys"
        let files = [
            "devices/system/cpu/cpu0/cpufreq/scaling_governor": "powersave\n",
            "devices/system/cpu/cpu1/cpufreq/scaling_governor": "performance\n",
            "devices/system/cpu/intel_pstate/no_turbo": "0\n",
            "devices/system/clocksource/clocksource0/current_clocksource": "hpet\n",
            "class/hwmon/hwmon0/temp1_input": "61000\n",
            "class/hwmon/hwmon0/temp2_input": "48000\n",
        ]
        for (path, text) in files {
            let full = sys + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        var checker = PreflightChecker(sysfsRoot: sys, previousHottestCelsius: 50)
        let state = SystemStateReader(sysfsRoot: sys)
        #expect(checker.governorCheck(state).status == .warn)
        #expect(checker.governorCheck(state).value == "performance,powersave")
        #expect(checker.turboCheck(state).value == "on" && checker.turboCheck(state).status == .warn)
        #expect(checker.clockSourceCheck(state).status == .warn && checker.clockSourceCheck(state).value == "hpet")
        let thermal = checker.thermalCheck(state)
        #expect(thermal.status == .warn && thermal.measured == 61, "\(thermal)")
        checker.previousHottestCelsius = 60
        #expect(checker.thermalCheck(state).status == .pass)

        let empty = SystemStateReader(sysfsRoot: dir.path + "/nothing")
        for check in [checker.governorCheck(empty), checker.turboCheck(empty), checker.thermalCheck(empty)] {
            #expect(check.status == .pass && check.value == "not exposed", "\(check)")
        }
    }

    @Test func aFullRunOfTheChecksOnThisMachineGivesEveryCheckOnce() throws {
        let checks = try PreflightChecker(sampleSeconds: 0.1).run()
        #expect(checks.map(\.name) == ["cpu_busy", "cpu_steal", "swap_activity", "cpu_governor", "turbo", "thermal",
                                       "heavy_processes", "clock_source"])
        #expect(checks.allSatisfy { !$0.value.isEmpty && !$0.threshold.isEmpty })
        #expect(throws: CollectError.self) { try PreflightChecker(procRoot: "/nonexistent", sampleSeconds: 0.05).run() }
    }
}
