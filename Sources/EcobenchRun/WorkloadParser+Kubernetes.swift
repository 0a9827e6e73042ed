import Foundation

extension WorkloadParser {
    package static let kubernetesKeys = ["manifests", "load_job", "ready_timeout_s", "job_timeout_s"]

    /// `kubernetes: {manifests: DIR, load_job: FILE, ready_timeout_s:, job_timeout_s:}`; paths
    /// are relative to the workload file's directory. A path that does not exist (or is of the
    /// wrong kind) is kept as a located problem in `pathProblems`, raised only when the workload
    /// runs on Kubernetes: a copy of the file elsewhere still runs locally.
    package static func parseKubernetes(_ field: YAMLField?, workloadDirectory: String) throws(WorkloadError) -> WorkloadSpec.Kubernetes? {
        guard let field else { return nil }
        let mapping = try field.mapping(allowed: kubernetesKeys, required: ["manifests", "load_job"])
        var problems: [String] = []
        func path(_ key: String, directory: Bool) throws(WorkloadError) -> String {
            let value = try mapping.required(key)
            let text = try value.string()
            let full = text.hasPrefix("/") ? text : workloadDirectory + "/" + text
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) {
                problems.append(value.invalid("\(full) does not exist").description)
            } else if isDirectory.boolValue != directory {
                problems.append(value.invalid("\(full) must be a \(directory ? "directory of manifests" : "file")").description)
            }
            return full
        }
        var spec = WorkloadSpec.Kubernetes(manifestsDirectory: try path("manifests", directory: true),
                                           loadJobFile: try path("load_job", directory: false),
                                           location: field.location)
        spec.pathProblems = problems
        if let value = mapping.optional("ready_timeout_s") { spec.readyTimeoutSeconds = try value.seconds(mustBePositive: true) }
        if let value = mapping.optional("job_timeout_s") { spec.jobTimeoutSeconds = try value.seconds(mustBePositive: true) }
        return spec
    }
}
