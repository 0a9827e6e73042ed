import EcobenchCore
import Foundation
import Testing

@Suite("PCI inventory through libpci")
struct PCIInventoryTests {
    /// `lspci -n` lines: `00:02.0 0180: 1af4:1042 (rev 01)` → ["1af4:1042", ...].
    static func lspciIDs() throws -> [String]? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/lspci") else { return nil }
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/lspci")
        process.arguments = ["-n"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            return fields.count >= 3 ? String(fields[2]) : nil
        }
    }

    @Test  // needs lspci (apt pciutils, installed by `make test`) to compare with
    func findsWhatLspciFinds() throws {
        let devices = try PCIInventory.read()
        let expected = try #require(try Self.lspciIDs())
        #expect(devices.count == expected.count)
        let ids = devices.map { String($0.identity.prefix(9)) }  // vvvv:dddd
        #expect(ids.sorted() == expected.sorted())
        for device in devices {
            #expect(!device.vendorName.isEmpty, "no vendor name for \(device.slot)")
            #expect(!device.className.isEmpty || device.classID == 0xffff, "no class name for \(device.slot)")
            if device.vendorID == 0x1af4 {  // this VM's virtio devices are all in pci.ids
                #expect(device.vendorName == "Red Hat, Inc." && device.deviceName.hasPrefix("Virtio"))
            }
            #expect(device.slot.count == 12 && device.slot.hasPrefix("0000:"))
        }
    }

    @Test func kindsFollowTheClassCode() {
        #expect(PCIDevice.Kind(classID: 0x0300) == .gpu)
        #expect(PCIDevice.Kind(classID: 0x0302) == .gpu)
        #expect(PCIDevice.Kind(classID: 0x0200) == .nic)
        #expect(PCIDevice.Kind(classID: 0x0108) == .nvme)
        #expect(PCIDevice.Kind(classID: 0x0106) == .storage)
        #expect(PCIDevice.Kind(classID: 0x0180) == .storage)
        #expect(PCIDevice.Kind(classID: 0x1200) == .accelerator)
        #expect(PCIDevice.Kind(classID: 0x0b40) == .accelerator)
        #expect(PCIDevice.Kind(classID: 0x0600) == .other)
        #expect(PCIDevice.Kind(classID: 0xffff) == .other)
    }

    @Test func identityIsLowerCaseHexVendorDeviceClass() {
        let nic = PCIDevice(slot: "0000:00:03.0", vendorID: 0x1AF4, deviceID: 0x1041, classID: 0x0200)
        #expect(nic.identity == "1af4:1041:0200")
        #expect(nic.kind == .nic)
    }
}
