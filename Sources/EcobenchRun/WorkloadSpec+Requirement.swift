extension WorkloadSpec {
    /// A binary that must be on `PATH` before anything runs (`requires:`), and the Debian
    /// package that provides it (`packages:`), if given.
    public struct Requirement: Hashable, Sendable {
        /// Name looked up on `PATH` (or a path, if it contains `/`).
        public var binary: String
        /// Debian package to suggest when the binary is missing.
        public var debianPackage: String?
        /// Where the binary is listed under `requires`.
        public var location: SourceLocation

        public init(binary: String, debianPackage: String? = nil, location: SourceLocation) {
            self.binary = binary
            self.debianPackage = debianPackage
            self.location = location
        }
    }
}
