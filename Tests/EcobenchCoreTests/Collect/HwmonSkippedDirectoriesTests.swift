import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// libsensors takes a chip's name from `name`, else `device/name`, and skips a hwmon directory
/// with neither (lm-sensors lib/sysfs.c): exactly those are noted.
@Suite struct HwmonSkippedDirectoriesTests {
    @Test func aDirectoryWithoutNameOrDeviceNameIsNoted() throws {
        let temp = try TemporaryDirectory("hwmon-skipped")
        defer { temp.remove() }
        let files = ["hwmon0/name": "coretemp", "hwmon1/device/name": "w83627ehf", "hwmon2/temp1_input": "30000"]
        for (file, value) in files {
            let path = temp.path + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try (value + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let notes = HwmonSkippedDirectories.notes(classHwmon: temp.path)
        #expect(notes == ["hwmon: \(temp.path)/hwmon2 has no name file (nor device/name): libsensors skips it, "
                          + "so its sensors are in no channel"])
        #expect(HwmonSkippedDirectories.notes(classHwmon: temp.path + "/missing").isEmpty)
    }
}
