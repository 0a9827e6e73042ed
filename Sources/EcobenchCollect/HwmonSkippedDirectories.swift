import Foundation

/// hwmon directories libsensors leaves out, so that `ecobench sensors` can say so: libsensors
/// (lib/sysfs.c, `sensors_read_one_sysfs_chip`) takes a chip's name from `<hwmon>/name`, else
/// from `<hwmon>/device/name` (old drivers), and skips a directory with neither. Its values
/// are then in no ecobench channel (node_exporter's hwmon collector still reads them).
public enum HwmonSkippedDirectories {
    /// One note per skipped directory under `classHwmon` (libsensors reads `/sys/class/hwmon`).
    public static func notes(classHwmon: String = "/sys/class/hwmon") -> [String] {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: classHwmon)) ?? []).sorted()
        return entries.compactMap { entry in
            let directory = classHwmon + "/" + entry
            let named = ["name", "device/name"].contains {
                FileManager.default.isReadableFile(atPath: directory + "/" + $0)
            }
            guard !named else { return nil }
            return "hwmon: \(directory) has no name file (nor device/name): libsensors skips it, so its sensors "
                + "are in no channel"
        }
    }
}
