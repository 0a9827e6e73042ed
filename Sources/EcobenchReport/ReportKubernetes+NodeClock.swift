import EcobenchCluster

extension ReportKubernetes {
    /// One clock alignment of one node's energy source (an ecobench agent) at the start or the end
    /// of a Kubernetes run, as a local run stores it in `node_clocks`: agent clock − controller
    /// clock from the `/clock` round trip with the smallest round trip; `error` (no offset) when
    /// the agent did not answer.
    public struct NodeClock: Codable, Sendable, Equatable {
        public var node: String
        public var url: String
        /// `start` (when the sources connected, before the run) or `end` (after the run).
        public var moment: String
        public var offsetMs: Double?
        public var rttMs: Double?
        public var rounds: Int?
        public var error: String?

        public init(record: NodeClockRecord) {
            node = record.node
            url = record.url
            moment = record.moment.rawValue
            offsetMs = record.alignment.map { Double($0.offsetNanoseconds) / 1e6 }
            rttMs = record.alignment.map { Double($0.roundTripNanoseconds) / 1e6 }
            rounds = record.alignment?.rounds
            error = record.error
        }
    }
}
