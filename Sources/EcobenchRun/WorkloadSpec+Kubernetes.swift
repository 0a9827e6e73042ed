extension WorkloadSpec {
    /// How the workload runs on Kubernetes (`kubernetes:` in the workload file): the manifests
    /// applied in each repetition's namespace and the Job that generates the load. The Job's
    /// log is counted with `load.functional_units`, as the local load command's output is.
    public struct Kubernetes: Hashable, Sendable {
        /// Directory of `.yaml` manifests (absolute), applied in file-name order.
        public var manifestsDirectory: String
        /// The load Job's manifest (absolute); `{load_s}` and the other phase placeholders are
        /// replaced in its text.
        public var loadJobFile: String
        /// How long Deployments, StatefulSets and pods may take to become ready.
        public var readyTimeoutSeconds: Double
        /// How long the load Job may run; default: load_s + max(60, load_s).
        public var jobTimeoutSeconds: Double?
        public var location: SourceLocation
        /// Located errors (`file:line: kubernetes.manifests: … does not exist`) for paths that
        /// are missing or of the wrong kind; a Kubernetes run refuses to start with any.
        public var pathProblems: [String] = []

        public init(manifestsDirectory: String, loadJobFile: String, readyTimeoutSeconds: Double = 300,
                    jobTimeoutSeconds: Double? = nil, location: SourceLocation) {
            self.manifestsDirectory = manifestsDirectory
            self.loadJobFile = loadJobFile
            self.readyTimeoutSeconds = readyTimeoutSeconds
            self.jobTimeoutSeconds = jobTimeoutSeconds
            self.location = location
        }
    }
}

extension WorkloadSpec {
    /// Why this workload cannot run on the Kubernetes target, located in its file; nil if it can.
    /// `load.steps` are run by the local runner only: on a cluster the load is the Job.
    public var kubernetesUnsupported: WorkloadError? {
        guard let first = load.steps.first else { return nil }
        return first.command.location.with(field: "load.steps").error(
            .invalidValue, "steps are not run on the Kubernetes target, whose load is the Job in kubernetes.load_job; "
                + "run this workload locally, or give its load as one command")
    }
}
