import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
import EcobenchTestSupport

@Suite("Collect: /proc parsers")
struct CollectProcParserTests {
    let proc = Fixtures.path("intel-2s/proc")

    @Test func procStatAggregateAndPerCPU() throws {
        let text = try String(contentsOfFile: proc + "/stat", encoding: .utf8)
        let stat = try ProcStat.parse(text: text)
        #expect(stat.aggregate == CPUTimes(user: 10000, nice: 200, system: 3000, idle: 80000,
                                           iowait: 500, irq: 100, softirq: 50, steal: 25))
        #expect(stat.perCPU.count == 4)
        #expect(stat.perCPU[1].softirq == 12)
        #expect(stat.aggregate.busyTicks == 13350)
        #expect(stat.aggregate.totalTicks == 93875)
    }

    @Test func cpuUtilisationExcludesSteal() {
        let d = CPUTimes(user: 30, nice: 0, system: 10, idle: 50, iowait: 10, irq: 0, softirq: 0, steal: 100)
        #expect(d.utilisation == 0.4)
        #expect(CPUTimes().utilisation == 0)
    }

    @Test func processStatWithSpacesAndParensInComm() throws {
        let text = try String(contentsOfFile: proc + "/4242/stat", encoding: .utf8)
        let s = try ProcessStat.parse(text: text)
        #expect(s.pid == 4242)
        #expect(s.comm == "my (weird) prog")
        #expect(s.state == UInt8(ascii: "S"))
        #expect(s.ppid == 1)
        #expect(s.utimeTicks == 150 && s.stimeTicks == 50)
        #expect(s.startTimeTicks == 35298)
        #expect(s.rssPages == 414)
        let tricky = try ProcessStat.parse(text: "77 (a) b) 1 2) R 5 0 0 0 -1 0 0 0 0 0 9 8 0 0 20 0 1 0 123 0 7\n")
        #expect(tricky.comm == "a) b) 1 2")
        #expect(tricky.ppid == 5 && tricky.utimeTicks == 9 && tricky.stimeTicks == 8 && tricky.rssPages == 7)
        #expect(throws: CollectError.self) { _ = try ProcessStat.parse(text: "12 no comm here") }
    }

    @Test func processIOAndStatus() throws {
        let io = try ProcessIO.parse(text: String(contentsOfFile: proc + "/4242/io", encoding: .utf8))
        #expect(io == ProcessIO(readBytes: 40960, writeBytes: 8192))
        #expect(throws: CollectError.missingField(path: "io", field: "write_bytes")) {
            _ = try ProcessIO.parse(text: "read_bytes: 1\n")
        }
        let status = try String(contentsOfFile: proc + "/4242/status", encoding: .utf8)
        let rss: Int64? = ProcessStatus.residentBytes(text: status)
        #expect(rss == Int64(1656 * 1024))
        #expect(ProcessStatus.residentBytes(text: "Name:\tkthreadd\n") == nil)
    }

    @Test func diskStatsWholeDisksFromSysBlock() throws {
        let text = try String(contentsOfFile: proc + "/diskstats", encoding: .utf8)
        let filter = DiskStats.DeviceFilter(sysfsRoot: Fixtures.path("intel-2s/sys"))
        let d = DiskStats.parse(text: text, filter: filter)
        // sda + nvme0n1 + dm-0 (dm-0 is a whole block device in /sys/block).
        #expect(d.readBytes == (2757626 + 20000 + 4000) * 512)
        #expect(d.writeBytes == (843576 + 40000 + 4800) * 512)
    }

    @Test func diskStatsPartitionFallbackWithoutSysBlock() throws {
        let text = try String(contentsOfFile: Fixtures.path("amd-1s/proc/diskstats"), encoding: .utf8)
        let filter = DiskStats.DeviceFilter(sysfsRoot: Fixtures.path("amd-1s/sys"))
        #expect(filter.wholeDisks == nil)
        let d = DiskStats.parse(text: text, filter: filter)
        #expect(d.readBytes == (2757626 + 20000 + 100) * 512)
        #expect(d.writeBytes == (843576 + 40000 + 200) * 512)
        #expect(DiskStats.DeviceFilter.looksLikePartition("sda1"))
        #expect(DiskStats.DeviceFilter.looksLikePartition("xvda2"))
        #expect(DiskStats.DeviceFilter.looksLikePartition("nvme0n1p3"))
        #expect(!DiskStats.DeviceFilter.looksLikePartition("nvme0n1"))
        #expect(!DiskStats.DeviceFilter.looksLikePartition("md0"))
        #expect(!DiskStats.DeviceFilter.looksLikePartition("sda"))
    }

    @Test func netDevExcludesLoopback() throws {
        let n = NetDev.parse(text: try String(contentsOfFile: proc + "/net/dev", encoding: .utf8))
        #expect(n.rxBytes == 14015703 + 1000000)
        #expect(n.txBytes == 19883 + 2000000)
    }

    @Test func memInfoUsed() throws {
        let m = try MemInfo.parse(text: try String(contentsOfFile: proc + "/meminfo", encoding: .utf8))
        #expect(m.usedBytes == (24684084 - 24002352) * 1024)
        #expect(throws: CollectError.missingField(path: "meminfo", field: "MemAvailable")) {
            _ = try MemInfo.parse(text: "MemTotal: 5 kB\n")
        }
    }

    @Test func nodeProbesCountFromTheirFirstRead() throws {
        let tree = try FixtureCopy("intel-2s")
        let cpu = try CPUStatProbe(procRoot: tree.root + "/proc", ticksPerSecond: 100)
        #expect(try readProbe(cpu) == [Double](repeating: 0, count: 10))
        try tree.write("proc/stat", "cpu  10100 200 3050 80100 500 100 50 25 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n")
        let v = try readProbe(cpu)
        #expect(value("node.cpu.user_seconds", in: v, of: cpu) == 1)
        #expect(value("node.cpu.system_seconds", in: v, of: cpu) == 0.5)
        #expect(value("node.cpu.idle_seconds", in: v, of: cpu) == 1)
        #expect(value("node.cpu.busy_seconds", in: v, of: cpu) == 1.5)
        #expect(value("node.cpu.total_seconds", in: v, of: cpu) == 2.5)
        #expect(cpu.channels.allSatisfy { $0.unit == "s" && $0.scope == .node && $0.path.hasSuffix("proc/stat") })

        let disk = try DiskStatsProbe(procRoot: tree.root + "/proc", sysfsRoot: tree.root + "/sys")
        let net = try NetDevProbe(procRoot: tree.root + "/proc")
        let mem = try MemInfoProbe(procRoot: tree.root + "/proc")
        #expect(try readProbe(disk) == [0, 0])
        #expect(try readProbe(net) == [0, 0])
        #expect(try readProbe(mem) == [Double((24684084 - 24002352) * 1024)])
        try tree.write("proc/net/dev", "h\nh\n lo: 9 9 0 0 0 0 0 0 9 9 0 0 0 0 0 0\n eth0: 14016703 0 0 0 0 0 0 0 19983 0 0 0 0 0 0 0\n eth1:1000000 0 0 0 0 0 0 0 2000000 0 0 0 0 0 0 0\n")
        #expect(try readProbe(net) == [1000, 100])
        try tree.write("proc/diskstats", "   8       0 sda 0 0 2757630 0 0 0 843586 0 0 0 0 0 0 0 0 0 0\n 259 0 nvme0n1 0 0 20000 0 0 0 40000 0\n 252 0 dm-0 0 0 4000 0 0 0 4800 0\n")
        #expect(try readProbe(disk) == [4 * 512, 10 * 512])
    }
}
