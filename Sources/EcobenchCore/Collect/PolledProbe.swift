/// A probe that polls a slow device (a BMC, ipmitool) on its own thread: it must be stopped
/// when sampling ends, and it reports the gaps where its device did not answer.
public protocol PolledProbe: Probe {
    var gaps: [PolledEnergyGap] { get }
    func stop()
}

extension RedfishProbe: PolledProbe {}
extension IPMIProbe: PolledProbe {}
