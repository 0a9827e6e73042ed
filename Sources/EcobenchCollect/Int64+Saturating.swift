/// Arithmetic that clamps at the bounds instead of trapping: the /proc parsers sum and scale
/// counters read from files, and a corrupt or hostile file (the fuzzer's, or a broken
/// kernel's) must give an absurd number, never a crash.
extension Int64 {
    @inline(__always)
    package func saturatingAdding(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    @inline(__always)
    package func saturatingMultiplied(by factor: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: factor)
        guard overflow else { return product }
        return (self < 0) == (factor < 0) ? .max : .min
    }
}
