import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The NVML functions ecobench uses, resolved with `dlopen`/`dlsym` so that ecobench builds and
/// runs without NVIDIA's library or headers. Signatures follow nvml.h: `nvmlReturn_t` is a C
/// enum (int), `nvmlDevice_t` an opaque pointer; energy is in mJ (Volta and newer), power in mW.
/// This is the only place that resolves NVML symbols; the per-process queries that use the
/// optional ones are in `NVMLLibrary+Processes.swift`.
package final class NVMLLibrary: @unchecked Sendable {
    // Safety: immutable after init; NVML itself is thread-safe.
    package typealias Init = @convention(c) () -> Int32
    package typealias GetCount = @convention(c) (UnsafeMutablePointer<UInt32>?) -> Int32
    package typealias GetHandle = @convention(c) (UInt32, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    package typealias GetText = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, UInt32) -> Int32
    package typealias GetEnergy = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt64>?) -> Int32
    package typealias GetPower = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt32>?) -> Int32
    package typealias ErrorText = @convention(c) (Int32) -> UnsafePointer<CChar>?
    /// `(device, nvmlProcessUtilizationSample_t *samples, unsigned int *count, unsigned long long lastSeenTimeStamp)`.
    package typealias GetProcessUtilization = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?,
                                                      UnsafeMutablePointer<UInt32>?, UInt64) -> Int32
    /// `(device, unsigned int *count, nvmlProcessInfo_*_t *infos)`.
    package typealias GetRunningProcesses = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt32>?,
                                                    UnsafeMutableRawPointer?) -> Int32

    /// A running-process query and the size of the struct it fills.
    package struct RunningProcessesQuery {
        package let function: GetRunningProcesses
        package let name: String
        package let strideBytes: Int
    }

    package static let defaultName = "libnvidia-ml.so.1"

    package let name: String
    private let handle: UnsafeMutableRawPointer
    private let initialise: Init
    package let shutdown: Init
    package let getCount: GetCount
    package let getHandle: GetHandle
    package let getName: GetText
    package let getUUID: GetText
    /// Optional: absent or NOT_SUPPORTED before Volta.
    package let getTotalEnergy: GetEnergy?
    package let getPower: GetPower?
    /// Optional: per-process SM utilisation (Maxwell and newer; absent in old drivers).
    package let getProcessUtilization: GetProcessUtilization?
    /// Optional: the compute processes and their GPU memory. `_v2` (24-byte `nvmlProcessInfo_v2_t`,
    /// R470 and newer) is preferred, else the unversioned call (16-byte `nvmlProcessInfo_v1_t`).
    /// `_v3` is deliberately not used: its struct changed size without a version bump (24 bytes in
    /// R510-R530, 32 bytes with `usedGpuCcProtectedMemory` in 535.43-535.86, 24 again later), so
    /// its stride cannot be known from the symbol; `_v2`'s layout never changed.
    package let getRunningProcesses: RunningProcessesQuery?
    private let errorText: ErrorText?

    /// Loads the library (`name` as dlopen takes it: a soname searched on the library path, or a
    /// path) and calls `nvmlInit_v2`.
    package init(name: String = NVMLLibrary.defaultName) throws {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "dlopen failed"
            throw NVMLError.libraryNotFound(library: name, dlerror: reason)
        }
        func symbol<T>(_ symbolName: String, as type: T.Type) -> T? {
            dlsym(handle, symbolName).map { unsafeBitCast($0, to: type) }
        }
        func required<T>(_ symbolName: String, as type: T.Type) throws -> T {
            guard let function = symbol(symbolName, as: type) else { throw NVMLError.symbolMissing(symbolName) }
            return function
        }
        self.name = name
        self.handle = handle
        initialise = try required("nvmlInit_v2", as: Init.self)
        shutdown = try required("nvmlShutdown", as: Init.self)
        getCount = try required("nvmlDeviceGetCount_v2", as: GetCount.self)
        getHandle = try required("nvmlDeviceGetHandleByIndex_v2", as: GetHandle.self)
        getName = try required("nvmlDeviceGetName", as: GetText.self)
        getUUID = try required("nvmlDeviceGetUUID", as: GetText.self)
        getTotalEnergy = symbol("nvmlDeviceGetTotalEnergyConsumption", as: GetEnergy.self)
        getPower = symbol("nvmlDeviceGetPowerUsage", as: GetPower.self)
        errorText = symbol("nvmlErrorString", as: ErrorText.self)
        getProcessUtilization = symbol("nvmlDeviceGetProcessUtilization", as: GetProcessUtilization.self)
        if let v2 = symbol("nvmlDeviceGetComputeRunningProcesses_v2", as: GetRunningProcesses.self) {
            getRunningProcesses = RunningProcessesQuery(function: v2, name: "nvmlDeviceGetComputeRunningProcesses_v2",
                                                        strideBytes: 24)
        } else if let v1 = symbol("nvmlDeviceGetComputeRunningProcesses", as: GetRunningProcesses.self) {
            getRunningProcesses = RunningProcessesQuery(function: v1, name: "nvmlDeviceGetComputeRunningProcesses",
                                                        strideBytes: 16)
        } else {
            getRunningProcesses = nil
        }
        try check(initialise(), "nvmlInit_v2")
    }

    /// Throws `NVMLError.call` for a non-zero `nvmlReturn_t`.
    package func check(_ code: Int32, _ function: String) throws {
        guard code != 0 else { return }
        let message = errorText?(code).map { String(cString: $0) } ?? "no nvmlErrorString"
        throw NVMLError.call(function: function, code: code, message: message)
    }

    package func deviceCount() throws -> Int {
        var count: UInt32 = 0
        try check(getCount(&count), "nvmlDeviceGetCount_v2")
        return Int(count)
    }

    package func device(at index: Int) throws -> OpaquePointer? {
        var device: OpaquePointer?
        try check(getHandle(UInt32(index), &device), "nvmlDeviceGetHandleByIndex_v2")
        return device
    }

    /// A string property (name, UUID); NVML's buffers are at most 96 bytes.
    package func text(_ function: GetText, _ functionName: String, of device: OpaquePointer?) throws -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        try check(function(device, &buffer, UInt32(buffer.count)), functionName)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Total energy since the driver loaded, mJ; nil if the GPU does not support it.
    package func totalEnergyMillijoules(_ device: OpaquePointer?) -> UInt64? {
        var millijoules: UInt64 = 0
        guard let getTotalEnergy, getTotalEnergy(device, &millijoules) == 0 else { return nil }
        return millijoules
    }

    /// Current board power draw, mW; nil if unsupported.
    package func powerMilliwatts(_ device: OpaquePointer?) -> UInt32? {
        var milliwatts: UInt32 = 0
        guard let getPower, getPower(device, &milliwatts) == 0 else { return nil }
        return milliwatts
    }

    deinit {
        _ = shutdown()
        // The library stays mapped: unloading NVML while driver threads may run is not safe.
    }
}
