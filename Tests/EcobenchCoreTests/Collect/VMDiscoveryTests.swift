import EcobenchCore
import Foundation
import Testing

/// Finding QEMU/KVM guests on fixture trees: `qemu-system-*` command lines in a proc tree,
/// libvirt's machine.slice scopes under cgroup v2 and v1, and the two together.
@Suite struct VMDiscoveryTests {
    static let uuidA = "6f1c2e3d-0000-4000-8000-00000000000a"
    static let uuidB = "6f1c2e3d-0000-4000-8000-00000000000b"
    static let uuidC = "6f1c2e3d-0000-4000-8000-00000000000c"

    final class Tree {
        let root: String
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("vm-discovery-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }

        func write(_ path: String, _ text: String) throws {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: false, encoding: .utf8)
        }

        func mkdir(_ path: String) throws {
            try FileManager.default.createDirectory(atPath: root + "/" + path, withIntermediateDirectories: true)
        }

        /// `proc/<pid>/cmdline` (NUL-separated) and a stat line with utime/stime ticks in fields 14/15.
        func process(_ pid: Int, _ arguments: [String], utime: Int, stime: Int) throws {
            try write("proc/\(pid)/cmdline", arguments.joined(separator: "\0") + "\0")
            try write("proc/\(pid)/stat", "\(pid) (\((arguments.first as NSString?)?.lastPathComponent.prefix(15) ?? "")) S 1 \(pid) \(pid) 0 -1 "
                      + "4194560 100 0 0 0 \(utime) \(stime) 0 0 20 0 5 0 1000 1000000 500 0 0\n")
        }
    }

    @Test func commandLinesGiveUUIDNameAndVCPUs() throws {
        let libvirt = try #require(QEMUCommandLine(arguments: [
            "/usr/bin/qemu-system-x86_64", "-name", "guest=instance-0000002a,debug-threads=on", "-uuid", Self.uuidA.uppercased(),
            "-smp", "4,sockets=4,dies=1,cores=1,threads=1"]))
        #expect(libvirt.uuid == Self.uuidA && libvirt.name == "instance-0000002a" && libvirt.vcpus == 4)
        let plain = try #require(QEMUCommandLine(arguments: ["qemu-system-aarch64", "--name", "vm1", "-smp", "sockets=2,cores=3,threads=1"]))
        #expect(plain.uuid == nil && plain.name == "vm1" && plain.vcpus == 6)  // 2 × 3 × 1
        #expect(QEMUCommandLine(arguments: ["/usr/bin/qemu-img", "-uuid", Self.uuidA]) == nil)
        #expect(QEMUCommandLine(arguments: ["/usr/sbin/nginx"]) == nil)
    }

    @Test func processesUnderAProcRoot() throws {
        let tree = try Tree()
        try tree.process(1234, ["/usr/bin/qemu-system-x86_64", "-accel", "tcg", "-uuid", Self.uuidA, "-name", "vm-a", "-smp", "2"],
                         utime: 250, stime: 50)
        try tree.process(1300, ["/usr/bin/qemu-system-x86_64", "-name", "no-uuid"], utime: 1, stime: 1)
        try tree.process(1400, ["/usr/sbin/sshd", "-D"], utime: 9, stime: 9)
        try tree.write("proc/stat", "cpu 1 2 3 4\n")
        let result = QEMUProcessScanner(procRoot: tree.root + "/proc/", ticksPerSecond: 100).scan()
        // (250 + 50) ticks / 100 Hz = 3.0 s
        #expect(result.guests == [VMGuestCPU(instanceUUID: Self.uuidA, name: "vm-a", cpuSeconds: 3.0, vcpus: 2,
                                             origin: .process, path: tree.root + "/proc/1234/stat")])
        #expect(result.problems.count == 1 && result.problems[0].contains("1300/cmdline") && result.problems[0].contains("-uuid"))
    }

    @Test func machineSliceScopesV2AndV1() throws {
        // cgroup v2: the scope's cpu.stat usage_usec 12 500 000 µs = 12.5 s; QEMU in libvirt/emulator,
        // no -smp on its command line: cpu.max 200000/100000 → 2 vCPUs.
        let v2 = try Tree()
        try v2.write("cgroup/cgroup.controllers", "cpu io memory\n")
        let scope = "cgroup/machine.slice/machine-qemu\\x2d1\\x2dinstance\\x2d0000002a.scope"
        try v2.write(scope + "/cpu.stat", "usage_usec 12500000\nuser_usec 10000000\nsystem_usec 2500000\n")
        try v2.write(scope + "/cpu.max", "200000 100000\n")
        try v2.write(scope + "/cgroup.procs", "")
        try v2.write(scope + "/libvirt/emulator/cgroup.procs", "4242\n")
        try v2.mkdir(scope + "/libvirt/vcpu0")
        try v2.process(4242, ["/usr/bin/qemu-system-x86_64", "-name", "guest=instance-0000002a,debug-threads=on",
                              "-uuid", Self.uuidA], utime: 1, stime: 1)
        try v2.mkdir("cgroup/machine.slice/systemd-machined.service")
        let found = MachineSliceScanner(cgroupRoot: v2.root + "/cgroup", procRoot: v2.root + "/proc").scan()
        #expect(found.problems.isEmpty, "\(found.problems)")
        #expect(found.guests == [VMGuestCPU(instanceUUID: Self.uuidA, name: "instance-0000002a", cpuSeconds: 12.5, vcpus: 2,
                                            origin: .machineSliceV2, path: v2.root + "/" + scope + "/cpu.stat")])
        #expect(MachineSliceScanner.scopeGuestName("machine-qemu\\x2d3\\x2dweb\\x2d1.scope") == "web-1")

        // cgroup v1: cpuacct.usage 7 500 000 000 ns = 7.5 s; vCPUs from the vcpu0/vcpu1 directories.
        let v1 = try Tree()
        let scope1 = "cgroup/cpuacct/machine.slice/machine-qemu\\x2d2\\x2dvm\\x2db.scope"
        try v1.write(scope1 + "/cpuacct.usage", "7500000000\n")
        try v1.write(scope1 + "/cgroup.procs", "5151\n")
        try v1.mkdir(scope1 + "/vcpu0")
        try v1.mkdir(scope1 + "/vcpu1")
        try v1.mkdir(scope1 + "/emulator")
        try v1.process(5151, ["/usr/bin/qemu-system-x86_64", "-uuid", Self.uuidB], utime: 1, stime: 1)
        let old = MachineSliceScanner(cgroupRoot: v1.root + "/cgroup", procRoot: v1.root + "/proc").scan()
        #expect(old.guests == [VMGuestCPU(instanceUUID: Self.uuidB, name: "vm-b", cpuSeconds: 7.5, vcpus: 2,
                                          origin: .machineSliceV1, path: v1.root + "/" + scope1 + "/cpuacct.usage")])
    }

    @Test func discoveryTakesScopesFirstThenOtherQEMUProcesses() throws {
        let tree = try Tree()
        try tree.write("cgroup/cgroup.controllers", "cpu\n")
        let scope = "cgroup/machine.slice/machine-qemu\\x2d1\\x2da.scope"
        try tree.write(scope + "/cpu.stat", "usage_usec 4000000\n")
        try tree.write(scope + "/cgroup.procs", "100\n")
        try tree.process(100, ["qemu-system-x86_64", "-uuid", Self.uuidA, "-name", "a", "-smp", "1"], utime: 300, stime: 0)
        try tree.process(200, ["qemu-system-x86_64", "-uuid", Self.uuidC, "-name", "c"], utime: 150, stime: 50)
        let found = VMDiscovery(procRoot: tree.root + "/proc", cgroupRoot: tree.root + "/cgroup").scan()
        // a from its scope (4 s, not its process's 3 s), c from its process ((150 + 50) / USER_HZ).
        #expect(found.guests.map(\.instanceUUID) == [Self.uuidA, Self.uuidC])
        #expect(found.guests[0].cpuSeconds == 4.0 && found.guests[0].origin == .machineSliceV2 && found.guests[0].vcpus == 1)
        #expect(abs(found.guests[1].cpuSeconds - 200 / ProcStat.ticksPerSecond) < 1e-12 && found.guests[1].origin == .process)
        let processesOnly = VMDiscovery(procRoot: tree.root + "/proc", cgroupRoot: nil).scan()
        #expect(processesOnly.guests.map(\.origin) == [.process, .process])
        // No /proc/stat in the tree: no host busy CPU, and the scan says why.
        #expect(found.hostBusyCPUSeconds == nil && found.problems.contains { $0.hasPrefix("host busy CPU:") }, "\(found.problems)")
    }

    /// The scan reads the host's busy CPU with the guests: /proc/stat's aggregate user + nice + system
    /// + irq + softirq (not idle, iowait, steal): (100 + 20 + 30 + 6 + 7) ticks = 163 / USER_HZ.
    @Test func theScanReadsTheHostsBusyCPUAtTheSameMoment() throws {
        let tree = try Tree()
        try tree.write("proc/stat", "cpu  100 20 30 400 5 6 7 8 0 0\ncpu0 100 20 30 400 5 6 7 8 0 0\nintr 1\n")
        let found = VMDiscovery(procRoot: tree.root + "/proc", cgroupRoot: nil).scan()
        let busy = try #require(found.hostBusyCPUSeconds)
        #expect(abs(busy - 163 / ProcStat.ticksPerSecond) < 1e-12 && found.problems.isEmpty, "\(found.problems)")
    }
}
