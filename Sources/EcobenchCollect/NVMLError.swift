/// Failures of the NVIDIA Management Library, loaded at run time.
public enum NVMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `dlopen` failed: no NVIDIA driver (or no GPU) on this machine.
    case libraryNotFound(library: String, dlerror: String)
    /// The library lacks a function ecobench needs (a driver older than the API).
    case symbolMissing(String)
    /// An NVML call returned an error code; `message` is `nvmlErrorString`'s text when available.
    case call(function: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case .libraryNotFound(let library, let dlerror):
            return "NVML not available: \(library) not found (\(dlerror))"
        case .symbolMissing(let name):
            return "NVML not usable: the library has no \(name) (driver too old?)"
        case .call(let function, let code, let message):
            return "\(function) failed: NVML error \(code) (\(message))"
        }
    }
}
