import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchModel
@testable import EcobenchCollect
@testable import EcobenchStore
@testable import EcobenchReport

/// A Redfish `Sensor`'s stated `Accuracy` (percent, DMTF Sensor schema) as the channel's meter
/// contribution: a rectangular bound ±a % of the reading, u = (a/100)/√3 of the value. Expected
/// values by hand: a = 2 → r = 0.02/√3 = 0.011547005; a 100 J phase: u = 2 J/√3 = 1.1547005 J.
@Suite("Redfish Sensor Accuracy in the error budget")  // the fixture test needs sushy-tools (`make test`)
struct RedfishAccuracyTests {
    static let sensorPath = "/redfish/v1/Chassis/N/Sensors/TotalPower"

    private func client() throws -> RedfishClient {
        try RedfishClient(url: try #require(URL(string: "http://bmc.example:8443")), credentials: nil)
    }

    private func totalPower(accuracy: Double?) -> RedfishReading {
        RedfishReading(chassisID: "N", what: .sensor, resourceURI: Self.sensorPath, jsonPointer: "/Reading",
                       unit: .watts, physicalContext: "Chassis", discoveredValue: 100,
                       accuracy: RedfishAccuracy(percent: accuracy, sensorURI: Self.sensorPath))
    }

    @Test func aStatedAccuracyBecomesTheMetersContribution() throws {
        let entry = try #require(RedfishChannelPlan.entries(for: [totalPower(accuracy: 2)], client: try client(),
                                                            pollIntervalSeconds: 1).first)
        let d = entry.descriptor
        #expect(d.energyRole == .wall)
        #expect(abs((d.relativeUncertainty ?? -1) - 0.011547005) < 1e-9)
        #expect(d.uncertaintyBasis?.hasPrefix("Redfish Sensor Accuracy, http://bmc.example:8443" + Self.sensorPath
                                              + ": ±2 % of the reading") == true, "\(d.uncertaintyBasis ?? "")")
        #expect(d.model?.contains("Sensor Accuracy ±2 % of the reading (\(Self.sensorPath))") == true)

        let selection = try #require(NodeEnergySelection.choose(from: [d]))
        let inputs = ErrorBudgetInputs(sourceRelative: selection.relativeUncertainty, sourceKind: selection.kind,
                                       sourceMethod: selection.method, phases: [], grid: .init(0, basis: ""),
                                       embodied: nil, sourceBasis: selection.uncertaintyBasis)
        let meter = ErrorBudgetBuilder.source(inputs, value: 100)
        #expect(meter.source == .meterAccuracy && meter.kind == .systematic)
        #expect(abs(meter.standardUncertainty - 1.1547005) < 1e-6)
        #expect(meter.basis.hasPrefix("Redfish Sensor Accuracy, http://bmc.example:8443" + Self.sensorPath))
    }

    /// No Accuracy (or a value that is no statement): no meter contribution, and the budget says so.
    @Test func withoutAccuracyTheBudgetSaysItIsNotStated() throws {
        #expect(RedfishAccuracy(percent: nil, sensorURI: "/s") == nil)
        #expect(RedfishAccuracy(percent: -1, sensorURI: "/s") == nil)
        #expect(RedfishAccuracy(percent: .nan, sensorURI: "/s") == nil)
        let entry = try #require(RedfishChannelPlan.entries(for: [totalPower(accuracy: nil)], client: try client(),
                                                            pollIntervalSeconds: 1).first)
        #expect(entry.descriptor.relativeUncertainty == nil && entry.descriptor.uncertaintyBasis == nil)
        let selection = try #require(NodeEnergySelection.choose(from: [entry.descriptor]))
        let inputs = ErrorBudgetInputs(sourceRelative: selection.relativeUncertainty, sourceKind: selection.kind,
                                       sourceMethod: selection.method, phases: [], grid: .init(0, basis: ""),
                                       embodied: nil, sourceBasis: selection.uncertaintyBasis)
        let meter = ErrorBudgetBuilder.source(inputs, value: 100)
        #expect(meter.standardUncertainty == 0)
        #expect(meter.basis.hasSuffix(": the meter's accuracy is not stated; none assumed (not in this budget)"))
    }

    /// An excerpt (`EnvironmentMetrics.PowerWatts`) takes the accuracy of the Sensor its
    /// `DataSourceUri` names, where discovery read that sensor; an unknown sensor gives none.
    @Test func anExcerptTakesTheAccuracyOfItsDataSource() {
        var excerpt = RedfishReading(chassisID: "N", what: .chassisPower,
                                     resourceURI: "/redfish/v1/Chassis/N/EnvironmentMetrics",
                                     jsonPointer: "/PowerWatts/Reading", unit: .watts, dataSourceURI: Self.sensorPath)
        var orphan = excerpt
        orphan.dataSourceURI = "/redfish/v1/Chassis/N/Sensors/Elsewhere"
        let out = RedfishDiscovery.accuracyFromDataSources([excerpt, orphan, totalPower(accuracy: 0.5)])
        #expect(out[0].accuracy == RedfishAccuracy(percent: 0.5, sensorURI: Self.sensorPath))
        #expect(out[1].accuracy == nil)
        excerpt.accuracy = RedfishAccuracy(percent: 1, sensorURI: "/own")
        #expect(RedfishDiscovery.accuracyFromDataSources([excerpt, totalPower(accuracy: 0.5)])[0].accuracy?.percent == 1)
    }

    /// The fixture's Sensor states "Accuracy": 2 at 100 W: discovery reads it, the store keeps it,
    /// and a run's 100 J phase (100 W × 1 s) gets the meter contribution 2 J/√3 = 1.1547005 J,
    /// labelled with the sensor's URI; the report (with `sources[].uncertainty_basis`) validates.
    @Test func theFixturesAccuracyReachesTheReportsBudget() throws {
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/sensor-accuracy"))
        defer { server.stop() }
        let client = try RedfishClient(url: try server.url(), credentials: nil)
        let discovery = try RedfishDiscovery(client: client).discover()
        let probe = try RedfishProbe(client: client, discovery: discovery, pollIntervalSeconds: 1,
                                     clock: ManualClock().function, startPolling: false)
        let channel = try #require(probe.channels.first)
        let sensorURL = "http://\(server.hostLabel)/redfish/v1/Chassis/Node0/Sensors/TotalPower"
        #expect(abs((channel.relativeUncertainty ?? -1) - 0.011547005) < 1e-9)

        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.load, seconds: 1, powerWatts: 100, busyCPUPerSecond: 1, workloadCPUPerSecond: 1),
        ]], energySource: channel)
        #expect(try store.sources(runID: id).first?.descriptor.uncertaintyBasis == channel.uncertaintyBasis)
        let report = try ReportBuilder(store: store).build(runID: id)
        #expect(report.nodeEnergy.channels == [channel.name])
        let node = try #require(report.errorBudgets?.first { $0.figure == .nodeEnergy && $0.phase == .load })
        #expect(abs(node.value - 100) < 1e-6)
        let meter = try #require(node.contributions.first { $0.source == .meterAccuracy })
        #expect(abs(meter.standardUncertainty - 1.1547005) < 1e-6)
        #expect(meter.basis.hasPrefix("Redfish Sensor Accuracy, \(sensorURL): ±2 % of the reading"), "\(meter.basis)")
        #expect(report.sources.first { $0.name == channel.name }?.uncertaintyBasis == channel.uncertaintyBasis)

        let path = dir.path + "/report.json"
        try ReportCoding.encoder(pretty: true).encode(report).write(to: URL(fileURLWithPath: path))
        let validation = try CLI.validateReport(path)
        #expect(validation.status == 0, "\(validation.stdout)")
    }
}
