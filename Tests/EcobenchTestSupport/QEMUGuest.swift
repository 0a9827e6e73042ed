import EcobenchCore
import Foundation

/// A real QEMU guest for the hypervisor tests: Debian's `qemu-system-x86_64` under TCG (no KVM,
/// no root) booting Debian's kernel with a tiny initramfs (busybox static and an `/init` that
/// prints `ecobench-guest: busy`, runs a shell busy loop for `busySeconds` of guest time, prints
/// `ecobench-guest: idle`, sleeps `idleSeconds` and powers off). The console goes to a file so a
/// test can wait for a line. `make deps` installs qemu-system-x86, linux-image-amd64 and
/// busybox-static; without them `start` throws (a test fails, it never skips).
public final class QEMUGuest: @unchecked Sendable {
    public let uuid: String
    public let name: String
    public let vcpus: Int
    public let directory: String
    public var consolePath: String { directory + "/console.log" }
    public var initramfsPath: String { directory + "/initramfs.cpio" }
    public private(set) var process: ChildProcess?

    public init(uuid: String, name: String, vcpus: Int = 1, directory: String) {
        self.uuid = uuid
        self.name = name
        self.vcpus = vcpus
        self.directory = directory
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    public static let qemuPath = "/usr/bin/qemu-system-x86_64"
    public static let busyboxPath = "/bin/busybox"

    /// The newest readable `/boot/vmlinuz-*` (Debian's linux-image-amd64).
    public static func kernelPath() throws -> String {
        let kernels = ((try? FileManager.default.contentsOfDirectory(atPath: "/boot")) ?? [])
            .filter { $0.hasPrefix("vmlinuz-") }.sorted().map { "/boot/" + $0 }
            .filter { FileManager.default.isReadableFile(atPath: $0) }
        guard let kernel = kernels.last else {
            throw Missing(description: "no readable /boot/vmlinuz-*: `make deps` installs linux-image-amd64")
        }
        return kernel
    }

    /// Writes the initramfs (a newc cpio archive, uncompressed: the kernel unpacks it as is).
    public func writeInitramfs(busySeconds: Int, idleSeconds: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.busyboxPath),
              let busybox = FileManager.default.contents(atPath: Self.busyboxPath) else {
            throw Missing(description: "\(Self.busyboxPath) missing: `make deps` installs busybox-static")
        }
        let bb = "/bin/busybox"
        let initScript = """
            #!/bin/busybox sh
            \(bb) echo "ecobench-guest: busy"
            end=$(( $(\(bb) date +%s) + \(busySeconds) ))
            while [ $(\(bb) date +%s) -lt $end ]; do i=0; while [ $i -lt 5000 ]; do i=$((i+1)); done; done
            \(bb) echo "ecobench-guest: idle"
            \(bb) sleep \(idleSeconds)
            \(bb) echo "ecobench-guest: poweroff"
            \(bb) poweroff -f

            """
        var archive = CPIOWriter()
        archive.directory("bin")
        archive.directory("dev")
        archive.directory("proc")
        archive.file("bin/busybox", Array(busybox), mode: 0o755)
        archive.file("init", Array(initScript.utf8), mode: 0o755)
        try Data(archive.finish()).write(to: URL(fileURLWithPath: initramfsPath))
    }

    /// Boots the guest (`-accel tcg -m 256`, `-uuid`, `-name guest=…`, `-smp vcpus`), console to `consolePath`.
    public func start() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.qemuPath) else {
            throw Missing(description: "\(Self.qemuPath) missing: `make deps` installs qemu-system-x86")
        }
        let kernel = try Self.kernelPath()
        let qemu = ChildProcess()
        qemu.executableURL = URL(fileURLWithPath: Self.qemuPath)
        qemu.arguments = ["-accel", "tcg", "-m", "256", "-smp", "\(vcpus)", "-display", "none", "-no-reboot",
                          "-serial", "file:" + consolePath, "-monitor", "none", "-kernel", kernel, "-initrd", initramfsPath,
                          "-append", "console=ttyS0 quiet panic=-1", "-uuid", uuid, "-name", "guest=\(name),debug-threads=on"]
        qemu.standardInput = nil  // nil: /dev/null
        qemu.standardOutput = nil
        qemu.standardError = nil
        try qemu.run()
        process = qemu
    }

    /// Waits until the console shows `line` (or the guest exits, or `seconds` pass).
    public func waitForConsole(_ line: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if console().contains(line) { return true }
            if let process, !process.isRunning { return console().contains(line) }
            usleep(100_000)
        }
        return false
    }

    public func console() -> String {
        (try? String(contentsOfFile: consolePath, encoding: .utf8)) ?? ""
    }

    /// Kills QEMU if it still runs.
    public func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A newc ("070701") cpio archive, as the kernel's initramfs unpacker reads it.
struct CPIOWriter {
    private var bytes: [UInt8] = []
    private var inode = 1

    mutating func directory(_ name: String) { entry(name, mode: 0o040755, data: []) }

    mutating func file(_ name: String, _ data: [UInt8], mode: Int) { entry(name, mode: 0o100000 | mode, data: data) }

    mutating func finish() -> [UInt8] {
        entry("TRAILER!!!", mode: 0, data: [])
        return bytes
    }

    private mutating func entry(_ name: String, mode: Int, data: [UInt8]) {
        let nameBytes = Array(name.utf8) + [0]
        // magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
        let fields = [inode, mode, 0, 0, 1, 0, data.count, 0, 0, 0, 0, nameBytes.count, 0]
        inode += 1
        bytes += Array("070701".utf8)
        for field in fields { bytes += Array(String(format: "%08X", field).utf8) }
        bytes += nameBytes
        pad()
        bytes += data
        pad()
    }

    private mutating func pad() {
        while bytes.count % 4 != 0 { bytes.append(0) }
    }
}
