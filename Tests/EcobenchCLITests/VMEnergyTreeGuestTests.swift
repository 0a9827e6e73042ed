import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// ecobench inside a real QEMU guest (issue 13 item 2, "inside the guest"): Debian's
/// `qemu-system-x86_64` under TCG (no KVM, no root) boots Debian's kernel with an initramfs of
/// busybox, the built ecobench and its shared libraries (Tests/tools/vm_energy_guest_initramfs.py);
/// the VM's energy tree, advanced here at 25 W through `VMEnergyTree`, is shared into the guest
/// over 9p (`-virtfs`, read-only, mount tag `energy`), and the guest runs `ecobench run
/// --sysfs-root /mnt/energy`. Its report, printed on the console, must take the host attribution
/// as the node's measured energy with 25 W × each phase's duration. Fails (never skips) without
/// qemu-system-x86, linux-image-amd64 or busybox-static (`make deps`).
@Suite(.serialized) struct VMEnergyTreeGuestTests {
    static let uuid = "0b7e4c2a-51d8-4f3e-8a6c-93d2e1f0a4b5"
    static let watts = 25.0

    @Test func ecobenchInAQEMUGuestReadsTheTreeOver9p() throws {
        try Exclusive.run { try guest() }
    }

    func guest() throws {
        let dir = try TemporaryDirectory("ecobench-vm-guest")
        defer { dir.remove() }
        let kernels = ((try? FileManager.default.contentsOfDirectory(atPath: "/boot")) ?? [])
            .filter { $0.hasPrefix("vmlinuz-") }.sorted()
        let kernel = try #require(kernels.last.map { "/boot/" + $0 },
                                  "no /boot/vmlinuz-*: make deps installs linux-image-amd64")
        let qemu = "/usr/bin/qemu-system-x86_64"
        #expect(FileManager.default.isExecutableFile(atPath: qemu), "no \(qemu): make deps installs qemu-system-x86")
        let initramfs = dir.path + "/initramfs.cpio"
        let build = try CLI.capture(try ProjectPython.process([
            CLI.packageRoot + "/Tests/tools/vm_energy_guest_initramfs.py", initramfs, kernel, CLI.executable,
            "/bin/busybox", CLI.packageRoot + "/Workloads/idle.yaml",
            "--no-hwmon", "--no-nvml", "--no-checks", "--repetitions", "1", "--baseline", "2", "--idle", "2",
            "--load", "4", "--cooldown", "2", "--interval", "100", "--db", "/tmp/e.db", "--out", "/tmp/out", "--quiet"]))
        try #require(build.status == 0, "\(build.stdout)\(build.stderr)")

        let tree = VMEnergyTree(directory: dir.path + "/vm-energy")
        let provenance = VMEnergyProvenance(
            instanceUUID: Self.uuid, name: "guest-9p",
            hostMeter: .init(channels: ["rapl.package-0", "rapl.dram"],
                             source: "sum of RAPL packages and DRAM: rapl.package-0 + rapl.dram", kind: "measured"),
            idlePolicy: "proportional", hostRelativeUncertainty: nil, hostUncertaintyBasis: nil,
            agentVersion: "test", updatedUnixNs: 0)
        let writer = try TreeWriter(tree: tree, uuid: Self.uuid, watts: Self.watts, provenance: provenance)
        writer.start()
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["600", qemu, "-accel", "tcg", "-m", "1536", "-nographic", "-no-reboot",
                             "-kernel", kernel, "-initrd", initramfs, "-append", "console=ttyS0 quiet",
                             "-virtfs", "local,path=\(tree.vmRoot(instanceUUID: Self.uuid)),mount_tag=energy,"
                                 + "security_model=none,readonly=on",
                             "-uuid", Self.uuid, "-name", "guest-9p"]
        process.standardInput = FileHandle.nullDevice
        let result = try CLI.capture(process)
        let maxGapS = writer.stop()
        #expect(result.status == 0, "qemu: \(result.stderr)")
        let console = result.stdout.replacingOccurrences(of: "\r", with: "")
        #expect(!console.contains("GUEST-ERROR"), "\(console.suffix(3000))")
        #expect(console.contains("GUEST-RUN-STATUS 0"), "\(console.suffix(3000))")
        let start = try #require(console.range(of: "GUEST-REPORT-START\n"), "\(console.suffix(3000))")
        let end = try #require(console.range(of: "GUEST-REPORT-END", range: start.upperBound..<console.endIndex))
        let report = try ReportCoding.decoder().decode(Report.self, from: Data(console[start.upperBound..<end.lowerBound].utf8))

        #expect(report.host.virtualMachine == true, "the guest's /proc/cpuinfo says hypervisor")
        #expect(report.nodeEnergy.rank == .hostAttribution && report.nodeEnergy.kind == .measured, "\(report.nodeEnergy)")
        #expect(report.nodeEnergy.method.contains("attributed to VM guest-9p (\(Self.uuid)) by CPU time"),
                "\(report.nodeEnergy.method)")
        #expect(report.gaps.isEmpty, "\(report.gaps)")
        // 25 W × each phase's duration (2 s phases: 50 J; the 4 s load: 100 J); the guest reads at
        // most one write interval (maxGapS) old at each edge, plus ≤ 25 ms of the boundary wait and
        // ≤ 50 ms of 9p and TCG latency per reading: |E − P·T| ≤ P·(2·maxGapS + 0.15 s).
        let tolerance = Self.watts * (2 * maxGapS + 0.15)
        #expect(report.phases.count == 4)
        for phase in report.phases {
            let expected = Self.watts * phase.durationS
            #expect(abs(phase.energyJ - expected) <= tolerance,
                    "\(phase.name): \(phase.energyJ) J, expected \(expected) J ± \(tolerance) J (write gap \(maxGapS) s)")
        }
    }
}
