import EcobenchCore
import Foundation
import Testing

@Suite("Hardware inventory and its fingerprint")
struct HardwareInventoryTests {
    static let gpu = PCIDevice(slot: "0000:01:00.0", vendorID: 0x10de, deviceID: 0x2330, classID: 0x0302)
    static let nic = PCIDevice(slot: "0000:02:00.0", vendorID: 0x15b3, deviceID: 0x1021, classID: 0x0200)

    static func inventory(memoryBytes: UInt64 = 512 << 30, kernel: String = "Linux 6.1.0 x86_64",
                          pci: [PCIDevice] = [gpu, nic]) -> HardwareInventory {
        HardwareInventory(cpuModel: "AMD EPYC 9654", logicalCpus: 384, sockets: 2, coresPerSocket: 96,
                          threadsPerCore: 2, memoryBytes: memoryBytes, kernel: kernel, pciDevices: pci)
    }

    /// The FIPS 180-4 example vectors, through the SHA-256 the signatures and digests use
    /// (swift-crypto's, behind `FieldDigest.sha256Hex`).
    @Test func sha256MatchesKnownVectors() {
        func hex(_ text: String) -> String { FieldDigest.sha256Hex(Array(text.utf8)) }
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(String(repeating: "a", count: 1000))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// The fingerprint is the SHA-256 of the canonical description, byte for byte as before
    /// swift-crypto replaced the hand-written hash. Expected value from Python's hashlib:
    /// sha256(b"cpu_model=AMD EPYC 9654\nsockets=2\ncores_per_socket=96\nthreads_per_core=2\n"
    ///        b"memory_gib=512\npci=10de:2330:0302,15b3:1021:0200").hexdigest()
    @Test func fingerprintIsTheSHA256OfTheCanonicalDescription() {
        let base = Self.inventory()
        #expect(base.canonicalDescription == "cpu_model=AMD EPYC 9654\nsockets=2\ncores_per_socket=96\nthreads_per_core=2\n"
                    + "memory_gib=512\npci=10de:2330:0302,15b3:1021:0200")
        #expect(base.fingerprint == "7178a1200a4e46926dca0bd3d9f61593af29b56688885061c498cb8a63556640")
    }

    @Test func fingerprintIgnoresKernelOrderSlotsAndSmallMemoryChanges() {
        let base = Self.inventory()
        #expect(base.fingerprint.count == 64)
        #expect(Self.inventory().fingerprint == base.fingerprint)
        #expect(Self.inventory(kernel: "Linux 6.8.0 x86_64").fingerprint == base.fingerprint)
        #expect(Self.inventory(pci: [Self.nic, Self.gpu]).fingerprint == base.fingerprint)
        var moved = Self.gpu
        moved.slot = "0000:41:00.0"
        #expect(Self.inventory(pci: [moved, Self.nic]).fingerprint == base.fingerprint)
        // MemTotal varies by a few MiB with kernel reservations; GiB rounding absorbs that.
        #expect(Self.inventory(memoryBytes: (512 << 30) - (40 << 20)).fingerprint == base.fingerprint)
    }

    @Test func fingerprintChangesWithMemoryOrPCIDevices() {
        let base = Self.inventory()
        #expect(Self.inventory(memoryBytes: 256 << 30).fingerprint != base.fingerprint)
        #expect(Self.inventory(pci: [Self.gpu]).fingerprint != base.fingerprint)
        let other = PCIDevice(slot: "0000:01:00.0", vendorID: 0x10de, deviceID: 0x2331, classID: 0x0302)
        #expect(Self.inventory(pci: [other, Self.nic]).fingerprint != base.fingerprint)
    }

    @Test func readsThisMachineTwiceToTheSameFingerprint() throws {
        let first = try HardwareInventory.read()
        let second = try HardwareInventory.read()
        #expect(first.fingerprint == second.fingerprint)
        #expect(first.logicalCpus >= 1 && first.memoryBytes > 0 && !first.kernel.isEmpty)
        #expect(first.logicalCpus == ProcessInfo.processInfo.processorCount)
    }

    @Test func readsProcFilesUnderProcRoot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var cpuinfo = ""
        for cpu in 0..<8 {  // 2 sockets × 2 cores × 2 threads
            cpuinfo += "processor\t: \(cpu)\nmodel name\t: Test CPU @ 2.0GHz\n"
                + "physical id\t: \(cpu / 4)\ncore id\t\t: \((cpu / 2) % 2)\n\n"
        }
        try Data(cpuinfo.utf8).write(to: root.appendingPathComponent("cpuinfo"))
        try Data("MemTotal:       16318412 kB\nMemFree: 1 kB\n".utf8).write(to: root.appendingPathComponent("meminfo"))
        let inventory = try HardwareInventory.read(procRoot: root.path, pciDevices: [Self.nic])
        #expect(inventory.cpuModel == "Test CPU @ 2.0GHz")
        #expect(inventory.logicalCpus == 8 && inventory.sockets == 2)
        #expect(inventory.coresPerSocket == 2 && inventory.threadsPerCore == 2)
        #expect(inventory.memoryBytes == 16318412 * 1024)
        #expect(inventory.canonicalDescription.contains("memory_gib=16"))
        #expect(inventory.canonicalDescription.contains("pci=15b3:1021:0200"))
    }

    @Test func encodesAsSnakeCaseJSON() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(Self.inventory(pci: [Self.nic])), as: UTF8.self)
        for key in ["cpu_model", "logical_cpus", "cores_per_socket", "threads_per_core",
                    "memory_bytes", "pci_devices", "vendor_id", "class_id", "fingerprint"] {
            #expect(json.contains("\"\(key)\""), "missing \(key)")
        }
        #expect(json.contains("\"kind\":\"nic\""))
    }
}
