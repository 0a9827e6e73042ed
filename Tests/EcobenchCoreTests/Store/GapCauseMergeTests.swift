import Testing
import EcobenchCore
@testable import EcobenchStore

/// The NaN stretches derived from the samples take the causes the sampler stored inside them.
@Suite("Gaps: derived stretches name their stored causes")
struct GapCauseMergeTests {
    func gap(_ source: String, _ start: Int64, _ end: Int64?, _ reason: String) -> SourceGap {
        SourceGap(source: source, startNanoseconds: start, endNanoseconds: end, reason: reason)
    }

    @Test func causesInsideAStretchReplaceTheGenericText() {
        // Samples good at 100, NaN at 200 and 300, good at 400: the derived gap is 100–400;
        // the sampler stored "vanished" for 200–300 and "replaced" for 300–400.
        let stored = [gap("rapl.package-0", 200, 300, "vanished: /e"), gap("rapl.package-0", 300, 400, "replaced: /e"),
                      gap("redfish.chassis", 150, 250, "poll failed"),       // a polled meter's: kept
                      gap("rapl.dram", 200, 300, "vanished: /d")]           // another source: kept
        let derived = [gap("rapl.package-0", 100, 400, "no reading"), gap("rapl.package-0", 900, nil, "unreadable until the end")]
        let merged = SourceGap.merging(stored: stored, derived: derived)
        #expect(merged == [gap("redfish.chassis", 150, 250, "poll failed"), gap("rapl.dram", 200, 300, "vanished: /d"),
                           gap("rapl.package-0", 100, 400, "vanished: /e; replaced: /e"),
                           gap("rapl.package-0", 900, nil, "unreadable until the end")])
    }

    @Test func anOpenCauseFitsOnlyAnOpenStretch() {
        let stored = [gap("c", 500, nil, "permission denied: /c")]
        #expect(SourceGap.merging(stored: stored, derived: [gap("c", 400, 600, "x")])
            == [gap("c", 500, nil, "permission denied: /c"), gap("c", 400, 600, "x")])
        #expect(SourceGap.merging(stored: stored, derived: [gap("c", 400, nil, "x")])
            == [gap("c", 400, nil, "permission denied: /c")])
    }
}
