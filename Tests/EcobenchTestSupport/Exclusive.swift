import Foundation

/// One heavy measurement at a time across all test suites: tests that measure CPU time or
/// energy of a real workload take this lock, so a parallel suite's stress-ng does not blur them.
public enum Exclusive {
    private static let lock = NSLock()

    public static func run<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
