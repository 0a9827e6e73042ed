import EcobenchCore
import Foundation

// ecobench-bench: the benchmarks `make bench` (Benchmarks/run.sh) runs, one file each.
// Not tests: they print figures, they assert nothing.
let arguments = BenchArguments(CommandLine.arguments.dropFirst())
do {
    switch arguments.command {
    case "sampler": try SamplerBench.run(arguments)
    case "rate": try RateBench.run(arguments)
    case "ingest": try IngestBench.run(arguments)
    case "analysis-write": try AnalysisBench.write(arguments)
    case "analysis-report": try AnalysisBench.report(arguments)
    case "watch": try WatchBench.run(arguments)
    case "agent-wire": try AgentWireBench.run(arguments)
    case "agent-metrics": try AgentMetricsBench.run(arguments)
    case "serve-list": try ServeBench.run(arguments)
    default:
        print("""
            usage: ecobench-bench COMMAND [--option value ...]
              sampler  --sysfs-root DIR [--cgroup DIR] --hz N --seconds S   sampler cost per tick
              rate     --sysfs-root DIR --hz N --seconds S                  RAPL + /proc/stat rate and jitter
              ingest   --db FILE [--ticks-per-flush N] [--flushes N]        SQLite ingest rate, bytes/sample
              analysis-write --db FILE [--hours H] [--hz N]                 synthetic run straight into the db
              analysis-report --db FILE --out DIR                           attribution + JSON/CSV reports
              watch    --db FILE --hz N --seconds S                         sample this machine (peer comparison)
              agent-wire [--rows N] [--channels N] [--repetitions N]        agent /samples page encode time
              agent-metrics [--scrapers N] [--seconds S] [--interval-ms MS] [--pods N] [--ecobench PATH]
                                                                            /metrics latency under parallel scrapers
              serve-list [--db FILE] [--runs N] [--requests N]              `ecobench serve` runs list latency
            """)
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("ecobench-bench: \(error)\n".utf8))
    exit(1)
}
