import ArgumentParser
import EcobenchCore

@main
struct Ecobench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecobench",
        abstract: "Measure what software costs in energy and CO2e, on the machine it runs on.",
        version: EcobenchVersion.current,
        subcommands: [RunCommand.self, ReportCommand.self, RunsCommand.self, SensorsCommand.self, InventoryCommand.self,
                      CalibrateCommand.self, CheckCommand.self, CompareCommand.self, ExportCommand.self,
                      KeygenCommand.self, VerifyCommand.self, AgentCommand.self, ClusterEnergyCommand.self,
                      SweepCommand.self, ServeCommand.self]
    )
}
