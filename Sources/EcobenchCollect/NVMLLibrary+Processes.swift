/// NVML's per-process queries. Both follow NVML's two-call protocol: a first call with no
/// buffer and a count of 0 answers `NVML_ERROR_INSUFFICIENT_SIZE` and the number of entries;
/// the second fills a buffer of that many (plus room for processes that started in between,
/// and again if even that was too small). Structs are read at nvml.h's offsets.
extension NVMLLibrary {
    /// What a query gave: entries, or the reason the driver does not offer it for this GPU.
    package enum Offer<Value> {
        case values(Value)
        case notOffered(String)
    }

    /// One `nvmlProcessUtilizationSample_t` (32 bytes: pid at 0, timeStamp at 8, smUtil at 16,
    /// memUtil at 20, encUtil at 24, decUtil at 28).
    package struct ProcessSample: Equatable {
        package var pid: Int32
        /// CPU time of the sample, µs since 1970 (the driver's clock).
        package var timeStampMicroseconds: UInt64
        package var smPercent: UInt32
        package var memoryPercent: UInt32
    }

    /// One `nvmlProcessInfo_v2_t` (pid at 0, usedGpuMemory at 8, instance ids at 16 and 20) or
    /// `nvmlProcessInfo_v1_t` (pid, usedGpuMemory).
    package struct ProcessMemory: Equatable {
        package var pid: Int32
        /// nil where NVML says `NVML_VALUE_NOT_AVAILABLE` (e.g. no permission to see it).
        package var usedBytes: UInt64?
    }

    package static let success: Int32 = 0
    package static let notSupported: Int32 = 3
    package static let noPermission: Int32 = 4
    package static let notFound: Int32 = 6
    package static let insufficientSize: Int32 = 7
    package static let sampleStrideBytes = 32

    /// Per-process SM utilisation samples newer than `lastSeen` (µs; 0 for all the driver keeps).
    /// No sample newer (`NVML_ERROR_NOT_FOUND`) is an empty list: no process used the SMs.
    package func processUtilization(_ device: OpaquePointer?, newerThan lastSeen: UInt64) throws -> Offer<[ProcessSample]> {
        let name = "nvmlDeviceGetProcessUtilization"
        guard let function = getProcessUtilization else { return .notOffered("\(self.name) has no \(name)") }
        return try counted(name, strideBytes: NVMLLibrary.sampleStrideBytes, emptyCode: NVMLLibrary.notFound,
                           call: { function(device, $0, $1, lastSeen) },
                           parse: { raw in
                               ProcessSample(pid: Int32(bitPattern: raw.load(fromByteOffset: 0, as: UInt32.self)),
                                             timeStampMicroseconds: raw.load(fromByteOffset: 8, as: UInt64.self),
                                             smPercent: raw.load(fromByteOffset: 16, as: UInt32.self),
                                             memoryPercent: raw.load(fromByteOffset: 20, as: UInt32.self))
                           })
    }

    /// The compute processes on the GPU with the memory each holds.
    package func runningProcesses(_ device: OpaquePointer?) throws -> Offer<[ProcessMemory]> {
        guard let query = getRunningProcesses else {
            return .notOffered("\(name) has no nvmlDeviceGetComputeRunningProcesses(_v2)")
        }
        return try counted(query.name, strideBytes: query.strideBytes, emptyCode: nil,
                           call: { query.function(device, $1, $0) },
                           parse: { raw in
                               let bytes = raw.load(fromByteOffset: 8, as: UInt64.self)
                               return ProcessMemory(pid: Int32(bitPattern: raw.load(fromByteOffset: 0, as: UInt32.self)),
                                                    usedBytes: bytes == UInt64.max ? nil : bytes)
                           })
    }

    /// The two-call protocol for any entry layout. `emptyCode` is a return code that means
    /// "nothing to report" for this query.
    private func counted<Entry>(_ functionName: String, strideBytes: Int, emptyCode: Int32?,
                                call: (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt32>) -> Int32,
                                parse: (UnsafeRawPointer) -> Entry) throws -> Offer<[Entry]> {
        var count: UInt32 = 0
        var code = call(nil, &count)
        var attempts = 0
        while true {
            if code == emptyCode || (code == NVMLLibrary.success && count == 0) { return .values([]) }
            if code == NVMLLibrary.notSupported { return .notOffered("\(functionName): not supported on this GPU") }
            if code == NVMLLibrary.noPermission { return .notOffered("\(functionName): no permission") }
            guard code == NVMLLibrary.insufficientSize || code == NVMLLibrary.success else {
                try check(code, functionName)
                return .values([])
            }
            attempts += 1
            guard attempts <= 4 else {
                throw NVMLError.call(function: functionName, code: code,
                                     message: "buffer still too small after 4 tries (processes keep starting)")
            }
            // Room for a few processes that may start between the two calls.
            let capacity = Int(count) + 4
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity * strideBytes, alignment: 8)
            defer { buffer.deallocate() }
            buffer.initializeMemory(as: UInt8.self, repeating: 0, count: capacity * strideBytes)
            var filled = UInt32(capacity)
            code = call(buffer, &filled)
            if code == NVMLLibrary.success {
                let entries = min(Int(filled), capacity)
                return .values((0..<entries).map { parse(UnsafeRawPointer(buffer + $0 * strideBytes)) })
            }
            count = filled
        }
    }
}
