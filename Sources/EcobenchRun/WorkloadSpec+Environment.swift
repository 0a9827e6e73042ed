import Foundation

extension WorkloadSpec {
    /// Checks that every `requires` binary is an executable file on `path` (a `PATH`-style,
    /// colon-separated list of directories; a binary containing `/` is checked as a path).
    /// Kept apart from parsing so that parsing stays pure. Throws `.missingBinary` for the
    /// first missing binary, naming its line and the Debian package to install, if given.
    public func validateEnvironment(path: String) throws(WorkloadError) {
        let directories = path.split(separator: ":", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "." : String($0) }
        for requirement in requirements {
            if WorkloadSpec.findExecutable(requirement.binary, in: directories) == nil {
                var message = "required binary '\(requirement.binary)' not found on PATH"
                if let package = requirement.debianPackage {
                    message += "; install the Debian package '\(package)' (apt-get install \(package))"
                }
                throw requirement.location.error(.missingBinary, message)
            }
        }
    }

    /// The full path of `binary` in `directories`, or nil.
    public static func findExecutable(_ binary: String, in directories: [String]) -> String? {
        let manager = FileManager.default
        if binary.contains("/") {
            return isExecutableFile(binary, manager) ? binary : nil
        }
        for directory in directories {
            let candidate = directory.hasSuffix("/") ? directory + binary : directory + "/" + binary
            if isExecutableFile(candidate, manager) { return candidate }
        }
        return nil
    }

    private static func isExecutableFile(_ path: String, _ manager: FileManager) -> Bool {
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return false
        }
        return manager.isExecutableFile(atPath: path)
    }
}
