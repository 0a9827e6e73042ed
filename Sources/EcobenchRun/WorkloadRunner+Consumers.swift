import Foundation
import EcobenchCollect

/// A consumer measured apart from the workload's cgroup: a service of `services:` or the load
/// generator, each in a cgroup of its own (or followed by its process tree without cgroups).
package struct RunConsumer {
    /// `service.<name>` or `load_generator` (`ConsumerChannels`).
    package var channelPrefix: String
    package var target: WorkloadTarget
    package var cgroup: WorkloadCgroup?
}

extension WorkloadRunner {
    /// One consumer per service of `services:`, and the load generator when the workload has a
    /// service (without one, the load is the workload). Called before source discovery.
    package func createConsumers() throws -> [ConsumerTarget] {
        var prefixes = spec.services.map { ConsumerChannels.servicePrefix($0.name) }
        if spec.hasService { prefixes.append(ConsumerChannels.loadGeneratorPrefix) }
        let base = "ecobench-\(getpid())-\(MonotonicClock.nowNanoseconds())"
        for prefix in prefixes {
            let created = try WorkloadCgroup.createReportingReason(name: base + "-" + prefix, cgroupRoot: config.cgroupRoot)
            if let reason = created.reason, created.cgroup == nil {
                notes.append("\(prefix) followed by process tree, no cgroup: \(reason)")
            }
            let target = WorkloadTarget()
            target.setCgroup(created.cgroup)
            consumers.append(RunConsumer(channelPrefix: prefix, target: target, cgroup: created.cgroup))
        }
        return consumers.map { ConsumerTarget(channelPrefix: $0.channelPrefix, target: $0.target) }
    }

    package func consumer(_ prefix: String) -> RunConsumer? {
        consumers.first { $0.channelPrefix == prefix }
    }

    /// Kills what is left in the consumers' cgroups (after each repetition and at teardown).
    package func killConsumers() {
        for consumer in consumers {
            if let cgroup = consumer.cgroup, !cgroup.pids().isEmpty { _ = cgroup.killAll() }
        }
    }

    /// Removes the consumers' cgroups at the end of the run.
    package func removeConsumers() {
        for consumer in consumers {
            guard let cgroup = consumer.cgroup else { continue }
            _ = cgroup.killAll()
            ProcessLauncher.reapOrphans()
            consumer.target.clear()
            do { try cgroup.remove() } catch { notes.append("cgroup \(cgroup.path) not removed: \(error)") }
        }
    }

    /// Starts every service of `services:`, each in its own consumer.
    package func launchServices(_ repetition: Int) throws(RunError) {
        for service in spec.services {
            let process = try launch(service.command, label: "service-\(service.name)-\(repetition)",
                                     consumer: ConsumerChannels.servicePrefix(service.name))
            serviceProcesses.append((service.name, process))
        }
    }

    /// Fails the run for a service of `services:` that ended.
    package func checkServices() throws(RunError) {
        for (name, process) in serviceProcesses {
            guard let ended = process.poll(), let service = spec.services.first(where: { $0.name == name }) else { continue }
            throw service.command.location.runFailure("service '\(name)' ended early (\(ended.description)); its output is in "
                                                      + process.stderrPath)
        }
    }
}
