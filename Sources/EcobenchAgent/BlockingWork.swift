import Dispatch

/// The agent's blocking work (SQLite reads of its buffer for `/samples` and `/pods`, the cgroup
/// walk and /proc reads behind `/metrics`) runs on this queue's threads, never on the HTTP
/// server's event loop, so a slow answer cannot stall the others (issue 12, point 6).
package enum BlockingWork {
    package static let queue = DispatchQueue(label: "ecobench.agent.blocking", qos: .userInitiated, attributes: .concurrent)

    package static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
