import Foundation

extension WorkloadParser {
    static let kubernetesKeys = ["manifests", "load_job", "ready_timeout_s", "job_timeout_s"]

    /// `kubernetes: {manifests: DIR, load_job: FILE, ready_timeout_s:, job_timeout_s:}`; paths
    /// are relative to the workload file's directory and must exist.
    static func parseKubernetes(_ field: YAMLField?, workloadDirectory: String) throws(WorkloadError) -> WorkloadSpec.Kubernetes? {
        guard let field else { return nil }
        let mapping = try field.mapping(allowed: kubernetesKeys, required: ["manifests", "load_job"])
        func path(_ key: String, directory: Bool) throws(WorkloadError) -> String {
            let value = try mapping.required(key)
            let text = try value.string()
            let full = text.hasPrefix("/") ? text : workloadDirectory + "/" + text
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
                throw value.invalid("\(full) does not exist")
            }
            guard isDirectory.boolValue == directory else {
                throw value.invalid("\(full) must be a \(directory ? "directory of manifests" : "file")")
            }
            return full
        }
        var spec = WorkloadSpec.Kubernetes(manifestsDirectory: try path("manifests", directory: true),
                                           loadJobFile: try path("load_job", directory: false),
                                           location: field.location)
        if let value = mapping.optional("ready_timeout_s") { spec.readyTimeoutSeconds = try value.seconds(mustBePositive: true) }
        if let value = mapping.optional("job_timeout_s") { spec.jobTimeoutSeconds = try value.seconds(mustBePositive: true) }
        return spec
    }
}
