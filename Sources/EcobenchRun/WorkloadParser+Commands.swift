import Foundation
import EcobenchCollect

extension WorkloadParser {
    package static let commandKeys = ["argv", "shell", "env", "timeout_s", "cwd"]
    package static let readinessKeys = ["tcp", "command", "timeout_s"]
    package static let functionalUnitKeys = ["regex", "match", "stream", "per_seconds", "count"]

    /// A command mapping (`argv` xor `shell`, `env`, `timeout_s`, `cwd`), plus `extraKeys`
    /// that the caller reads from the returned mapping.
    package static func parseCommand(_ field: YAMLField, extraKeys: [String] = [],
                                     requiredExtraKeys: [String] = [],
                                     extraPlaceholders: [String] = []) throws(WorkloadError)
        -> (command: WorkloadSpec.Command, mapping: YAMLMapping) {
        let mapping = try field.mapping(allowed: commandKeys + extraKeys, required: requiredExtraKeys)
        let invocation: WorkloadSpec.Command.Invocation
        switch (mapping.contains("argv"), mapping.contains("shell")) {
        case (true, true):
            throw field.invalid("has both 'argv' and 'shell'; give exactly one")
        case (false, false):
            throw field.invalid("needs 'argv' (a list, run without a shell) or 'shell' (a string for /bin/sh -c)")
        case (true, false):
            let argvField = try mapping.required("argv")
            if case .scalar = argvField.node, !argvField.isNull {
                throw argvField.invalid("must be a list of strings, got \(argvField.described) "
                                        + "(split it into words, or use 'shell:' for a command line)")
            }
            let items = try argvField.items()
            guard let first = items.first else { throw argvField.invalid("must not be empty") }
            _ = try first.string()
            var words: [String] = []
            for item in items {
                let word = try item.string(allowEmpty: true)
                try checkPlaceholders(in: word, item, extra: extraPlaceholders)
                words.append(word)
            }
            invocation = .argv(words)
        case (false, true):
            let shellField = try mapping.required("shell")
            let script = try shellField.string()
            try checkPlaceholders(in: script, shellField, extra: extraPlaceholders)
            invocation = .shell(script)
        }
        var environment: [String: String] = [:]
        if let envField = mapping.optional("env") {
            let env = try envField.mapping(allowed: nil)
            for key in env.keys {
                let valueField = try env.required(key)
                guard isEnvironmentName(key) else {
                    throw valueField.invalid("is not a valid environment variable name ([A-Za-z_][A-Za-z0-9_]*)")
                }
                let value = try valueField.string(allowEmpty: true)
                try checkPlaceholders(in: value, valueField, extra: extraPlaceholders)
                environment[key] = value
            }
        }
        let timeout = try mapping.optional("timeout_s")?.seconds(mustBePositive: true)
        var workingDirectory: String?
        if let cwdField = mapping.optional("cwd") {
            let cwd = try cwdField.string()
            try checkPlaceholders(in: cwd, cwdField, extra: extraPlaceholders)
            workingDirectory = cwd
        }
        let command = WorkloadSpec.Command(invocation: invocation, environment: environment,
                                           timeoutSeconds: timeout, workingDirectory: workingDirectory,
                                           location: field.location)
        return (command, mapping)
    }

    package static func parseFunctionalUnits(_ field: YAMLField) throws(WorkloadError) -> WorkloadSpec.FunctionalUnits {
        let mapping = try field.mapping(allowed: functionalUnitKeys)
        let methods = mapping.keys.filter { ["regex", "per_seconds", "count"].contains($0) }
        guard methods.count == 1, let methodKey = methods.first else {
            throw field.invalid(methods.isEmpty
                ? "needs exactly one of 'regex', 'per_seconds', 'count'"
                : "has more than one counting method (\(methods.joined(separator: ", "))); give exactly one")
        }
        if methodKey != "regex" {
            for key in ["match", "stream"] where mapping.contains(key) {
                throw try mapping.required(key).invalid("only applies to 'regex', not '\(methodKey)'")
            }
        }
        let methodField = try mapping.required(methodKey)
        let method: WorkloadSpec.FunctionalUnits.Method
        switch methodKey {
        case "regex":
            let pattern = try methodField.string()
            let regex: NSRegularExpression
            do {
                regex = try NSRegularExpression(pattern: pattern)
            } catch {
                throw methodField.invalid("regex does not compile: '\(pattern)'")
            }
            guard regex.numberOfCaptureGroups >= 1 else {
                throw methodField.invalid("regex needs a capture group around the number, e.g. 'requests: (\\d+)'")
            }
            let aggregation = try enumValue(mapping.optional("match"), default: .first,
                                            as: WorkloadSpec.FunctionalUnits.Aggregation.self, ["first", "sum"])
            let stream = try enumValue(mapping.optional("stream"), default: .both,
                                       as: WorkloadSpec.FunctionalUnits.Stream.self, ["stdout", "stderr", "both"])
            method = .regex(pattern: pattern, aggregation: aggregation, stream: stream)
        case "per_seconds":
            method = .perSeconds(try positiveNumber(methodField))
        default:
            method = .count(try positiveNumber(methodField))
        }
        return WorkloadSpec.FunctionalUnits(method: method, location: field.location)
    }

    package static func parseReadinessCheck(_ field: YAMLField) throws(WorkloadError) -> WorkloadSpec.ReadinessCheck {
        let mapping = try field.mapping(allowed: readinessKeys)
        let timeout = try mapping.optional("timeout_s")?.seconds(mustBePositive: true)
            ?? WorkloadSpec.ReadinessCheck.defaultTimeoutSeconds
        let probe: WorkloadSpec.ReadinessCheck.Probe
        switch (mapping.contains("tcp"), mapping.contains("command")) {
        case (true, true):
            throw field.invalid("has both 'tcp' and 'command'; give exactly one")
        case (false, false):
            throw field.invalid("needs 'tcp' (host:port) or 'command' ({argv: [...]} that must exit 0)")
        case (true, false):
            let tcpField = try mapping.required("tcp")
            let (host, port) = try hostAndPort(tcpField)
            probe = .tcp(host: host, port: port)
        case (false, true):
            probe = .command(try parseCommand(try mapping.required("command")).command)
        }
        return WorkloadSpec.ReadinessCheck(probe: probe, timeoutSeconds: timeout, location: field.location)
    }

    /// `host:port` or `[v6]:port`, port 1–65535.
    private static func hostAndPort(_ field: YAMLField) throws(WorkloadError) -> (String, Int) {
        let text = try field.string()
        let problem = "must be host:port (e.g. 127.0.0.1:8080 or [::1]:8080), got \"\(text)\""
        guard let colon = text.lastIndex(of: ":") else { throw field.invalid(problem) }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (1...65_535).contains(port) else {
            throw field.invalid(problem)
        }
        return (host, port)
    }

    private static func positiveNumber(_ field: YAMLField) throws(WorkloadError) -> Double {
        guard let value = field.number, value.isFinite, value > 0 else {
            throw field.invalid("must be a number > 0, got \(field.described)")
        }
        return value
    }

    private static func enumValue<Value: RawRepresentable<String>>(
        _ field: YAMLField?, default fallback: Value, as type: Value.Type, _ names: [String]
    ) throws(WorkloadError) -> Value {
        guard let field else { return fallback }
        let text = try field.string()
        guard let value = Value(rawValue: text) else {
            throw field.invalid("must be one of \(names.joined(separator: ", ")), got \(field.described)")
        }
        return value
    }

    /// Rejects `{name}` that is not one of the six placeholders or `extra` (a sweep's `{rate}`).
    private static func checkPlaceholders(in text: String, _ field: YAMLField,
                                          extra: [String] = []) throws(WorkloadError) {
        guard let unknown = WorkloadSpec.unknownPlaceholders(in: text).first(where: { !extra.contains($0) }) else {
            return
        }
        let known = WorkloadSpec.Placeholder.allCases.map(\.rawValue) + extra
        let hint = KeySuggestion.closest(to: unknown, among: known).map { "; did you mean {\($0)}?" } ?? ""
        let spelled = known.map { "{\($0)}" }.joined(separator: ", ")
        throw field.error(.unknownPlaceholder,
                          "unknown placeholder {\(unknown)}\(hint) (known: \(spelled); "
                              + "write {{ and }} for literal braces)")
    }

    private static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.first, first == "_" || first.isASCII && first.isLetter else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}
