import Foundation

/// Locates fixture trees kept under `Tests/EcobenchCoreTests/testdata`.
public enum Fixtures {
    public static var testdata: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // EcobenchTestSupport
            .deletingLastPathComponent()  // Tests
            .appendingPathComponent("EcobenchCoreTests/testdata")
    }

    public static func path(_ relative: String) -> String {
        testdata.appendingPathComponent(relative).path
    }
}
