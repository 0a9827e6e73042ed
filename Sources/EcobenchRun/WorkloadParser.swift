import Foundation
import Yams

/// Reads a workload YAML file into a `WorkloadSpec`, checking everything that can be checked
/// without running anything. Pure apart from reading the file: `requires` binaries are
/// checked separately by `WorkloadSpec.validateEnvironment(path:)`.
public enum WorkloadParser {
    package static let topLevelKeys = ["name", "description", "functional_unit", "requires", "packages",
                               "setup", "service", "services", "ready", "load", "teardown", "phases", "repetitions", "kubernetes", "agents", "sweep"]
    package static let requiredTopLevelKeys = ["name", "description", "functional_unit", "load"]
    package static let phaseKeys = ["baseline_s", "idle_s", "load_s", "cooldown_s"]
    /// Keys people put at the top level that belong deeper, for "did you mean".
    package static let misplacedTopLevelKeys = [
        "baseline_s": "phases", "idle_s": "phases", "load_s": "phases", "cooldown_s": "phases",
        "argv": "load", "shell": "load", "functional_units": "load", "tcp": "ready",
    ]

    /// Parses the file at `path`; errors name it as given (e.g. `Workloads/idle.yaml`).
    public static func parse(fileAtPath path: String) throws(WorkloadError) -> WorkloadSpec {
        try parseKeepingText(fileAtPath: path).spec
    }

    /// Parses the file at `path` and returns the text it parsed, to store with a run: the
    /// bytes read once, so the stored YAML is exactly what the spec came from.
    public static func parseKeepingText(fileAtPath path: String) throws(WorkloadError) -> (spec: WorkloadSpec, yaml: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw WorkloadError(kind: .unreadableFile, file: path, line: nil, field: nil,
                                message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw WorkloadError(kind: .unreadableFile, file: path, line: nil, field: nil,
                                message: "is a directory, not a workload file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw WorkloadError(kind: .unreadableFile, file: path, line: nil, field: nil,
                                message: "cannot read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw WorkloadError(kind: .unreadableFile, file: path, line: nil, field: nil,
                                message: "is not UTF-8 text")
        }
        return (try parse(yaml: text, file: path), text)
    }

    /// Parses YAML text as if read from `file`, which names it in errors and whose directory
    /// becomes `{workload_dir}` (made absolute against the current directory).
    public static func parse(yaml: String, file: String) throws(WorkloadError) -> WorkloadSpec {
        let root = try compose(yaml, file: file)
        let top = try root.mapping(allowed: topLevelKeys, required: requiredTopLevelKeys,
                                   misplaced: misplacedTopLevelKeys)

        let name = try top.required("name").string()
        if name.isEmpty || !name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            throw try top.required("name").invalid(
                "must be lowercase letters, digits and '-' only ([a-z0-9-]+), got \"\(name)\"")
        }
        let description = try top.required("description").string()
        let functionalUnit = try top.required("functional_unit").string()
        let requirements = try parseRequirements(top)

        var setup: [WorkloadSpec.Command] = []
        for item in try top.optional("setup")?.items() ?? [] {
            setup.append(try parseCommand(item).command)
        }
        let service = try top.optional("service").map { field throws(WorkloadError) in
            try parseCommand(field).command
        }
        let services = try parseServices(top.optional("services"))
        if service != nil, let both = top.optional("services") {
            throw both.invalid("give either 'service' (one) or 'services' (a list), not both")
        }
        var readiness: [WorkloadSpec.ReadinessCheck] = []
        for item in try top.optional("ready")?.items() ?? [] {
            readiness.append(try parseReadinessCheck(item))
        }
        if service == nil, services.isEmpty, let first = top.optional("ready") {
            throw first.invalid("readiness checks need a service to wait for")
        }
        let load = try parseLoad(try top.required("load"))
        var teardown: [WorkloadSpec.Command] = []
        for item in try top.optional("teardown")?.items() ?? [] {
            teardown.append(try parseCommand(item).command)
        }
        let phases = try parsePhases(top.optional("phases"))
        let repetitions = try top.optional("repetitions")?.integer(minimum: 1) ?? WorkloadSpec.defaultRepetitions

        var spec = WorkloadSpec(name: name, description: description, functionalUnit: functionalUnit,
                                requirements: requirements, setup: setup, service: service,
                                readiness: readiness, load: load, teardown: teardown, phases: phases,
                                repetitions: repetitions, file: file,
                                workloadDirectory: workloadDirectory(of: file))
        spec.services = services
        spec.kubernetes = try parseKubernetes(top.optional("kubernetes"), workloadDirectory: spec.workloadDirectory)
        spec.agents = try parseAgents(top.optional("agents"), workloadDirectory: spec.workloadDirectory)
        spec.sweep = try parseSweep(top.optional("sweep"), load: load)
        return spec
    }

    /// The document's root node; YAML syntax errors carry libyaml's line.
    package static func compose(_ yaml: String, file: String) throws(WorkloadError) -> YAMLField {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (line, problem) = describe(error, in: yaml)
            throw WorkloadError(kind: .invalidYAML, file: file, line: line, field: nil,
                                message: "invalid YAML: \(problem)")
        } catch {
            throw WorkloadError(kind: .invalidYAML, file: file, line: nil, field: nil,
                                message: "invalid YAML: \(error)")
        }
        guard let node else {
            throw WorkloadError(kind: .invalidValue, file: file, line: 1, field: nil,
                                message: "file is empty; expected a mapping with keys "
                                    + requiredTopLevelKeys.joined(separator: ", "))
        }
        let root = YAMLField(node: node, file: file, path: "", fallbackLine: 1)
        guard case .mapping = node else {
            throw root.invalid("the top level must be a mapping (key: value lines), got \(root.described)")
        }
        return root
    }

    /// Line and one-line problem text of a Yams error.
    private static func describe(_ error: YamlError, in yaml: String) -> (Int?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let contextText = context.map { " (\($0.text) on line \($0.mark.line))" } ?? ""
            return (mark.line, problem + contextText)
        case let .reader(problem, offset, _, _):
            let line = offset.map { offset in
                yaml.utf8.prefix(offset).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            }
            return (line, problem)
        default:
            return (nil, "\(error)")
        }
    }

    /// `requires` and `packages` of `top` (the document, or a `sweep:` block).
    package static func parseRequirements(_ top: YAMLMapping) throws(WorkloadError) -> [WorkloadSpec.Requirement] {
        var requirements: [WorkloadSpec.Requirement] = []
        for item in try top.optional("requires")?.items() ?? [] {
            let binary = try item.string()
            if binary.contains(where: \.isWhitespace) {
                throw item.invalid("must be a binary name without spaces, got \"\(binary)\"")
            }
            requirements.append(WorkloadSpec.Requirement(binary: binary, location: item.location))
        }
        guard let packagesField = top.optional("packages") else { return requirements }
        if requirements.isEmpty {
            throw packagesField.invalid("names the Debian packages of 'requires' binaries, but 'requires' is empty")
        }
        let packages = try packagesField.mapping(allowed: requirements.map(\.binary))
        for index in requirements.indices {
            if let package = packages.optional(requirements[index].binary) {
                requirements[index].debianPackage = try package.string()
            }
        }
        return requirements
    }

    private static func parsePhases(_ field: YAMLField?) throws(WorkloadError) -> WorkloadSpec.Phases {
        var phases = WorkloadSpec.Phases()
        guard let field else { return phases }
        let mapping = try field.mapping(allowed: phaseKeys)
        if let value = mapping.optional("baseline_s") {
            phases.baselineSeconds = try value.seconds(mustBePositive: false)
        }
        if let value = mapping.optional("idle_s") {
            phases.idleSeconds = try value.seconds(mustBePositive: false)
        }
        if let value = mapping.optional("load_s") {
            phases.loadSeconds = try value.seconds(mustBePositive: true)
        }
        if let value = mapping.optional("cooldown_s") {
            phases.cooldownSeconds = try value.seconds(mustBePositive: false)
        }
        return phases
    }

    package static func workloadDirectory(of file: String) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
    }
}
