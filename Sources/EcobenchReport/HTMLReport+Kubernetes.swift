import Foundation
import EcobenchCluster

extension HTMLReport {
    /// The report's `kubernetes` section: the cluster, its nodes, the namespaces used and the
    /// node energy the remote sources gave per phase; empty for local runs.
    package static func kubernetesSection(_ report: Report) -> String {
        guard let k8s = report.kubernetes else { return "" }
        var out = "<section id=\"kubernetes\">\n<h2>Kubernetes</h2>\n"
        out += HTMLTable.keyValue([
            ("API server", e(k8s.server)), ("context", e(k8s.context)), ("version", e(k8s.version ?? "not answered")),
            ("TLS verified", e(k8s.tlsVerified ? "yes" : "no (insecure-skip-tls-verify)")),
            ("node energy", e(k8s.nodeEnergyMeasured ? "read from " + k8s.nodeEnergySources.joined(separator: ", ")
                                                     : "not measured (no agents or Prometheus given)")),
        ])
        var nodes = HTMLTable([.init("node"), .init("zone"), .init("instance type"), .init("SCS flavor"),
                               .init("kubelet")])
        for node in k8s.nodes {
            nodes.add([e(node.name), e(node.zone ?? "–"), e(node.instanceType ?? "–"), e(node.scsFlavor ?? "–"),
                       e(node.kubeletVersion ?? "–")])
        }
        out += "<h3>Nodes</h3>\n" + nodes.render()
        if !k8s.namespaces.isEmpty {
            var namespaces = HTMLTable([.init("repetition", numeric: true), .init("namespace"), .init("deleted"),
                                        .init("error")])
            for ns in k8s.namespaces {
                namespaces.add([e("\(ns.repetition)"), e(ns.name), e(ns.deleted ? "yes" : "not confirmed"),
                                e(ns.error ?? "")])
            }
            out += "<h3>Namespaces</h3>\n" + namespaces.render()
        }
        if !k8s.nodeEnergy.isEmpty {
            var energy = HTMLTable([.init("repetition", numeric: true), .init("phase"), .init("node"), .init("source"),
                                    .init("kind"), .init("energy", numeric: true), .init("± u", numeric: true),
                                    .init("coverage", numeric: true)],
                                   caption: "As each source answered for the phase window; ± combined standard "
                                       + "uncertainty of its error budget (– where the source states none).")
            energy.cellClasses[3] = "path"
            for r in k8s.nodeEnergy {
                energy.add([e("\(r.repetition)"), e(r.phase), e(r.node), e(r.source), badge(r.kind),
                            cell(r.energyJ, "J", kind: r.kind),
                            e(r.errorBudget.map { String(format: "%.3f J", $0.combinedStandardUncertainty) } ?? "–"),
                            e(HTMLNumberFormat.percent(r.coverage))])
            }
            out += "<h3>Node energy readings</h3>\n" + energy.render()
        }
        out += vmChainTable(k8s)
        out += noteList(k8s.notes)
        return out + "</section>\n"
    }
}

extension HTMLReport {
    /// Nodes that are VMs: per reading, hypervisor meter → the VM's share (energy and CPU) → the
    /// node's pods (in the pod table), each figure with its standard uncertainty.
    package static func vmChainTable(_ k8s: ReportKubernetes) -> String {
        let rows = k8s.nodeEnergy.flatMap { r in (r.vmChain ?? []).map { (r, $0) } }
        guard !rows.isEmpty else { return "" }
        var table = HTMLTable([.init("repetition", numeric: true), .init("phase"), .init("node"), .init("hypervisor"),
                               .init("VM"), .init("hypervisor energy", numeric: true), .init("VM energy", numeric: true),
                               .init("meter accuracy", numeric: true), .init("energy share", numeric: true),
                               .init("CPU share", numeric: true), .init("split")],
                              caption: "Measured on the hypervisor, attributed to the VM by its agent (CPU time), "
                                  + "then to the node's pods. ± combined standard uncertainty: the window integral "
                                  + "and the hypervisor meter's stated accuracy (r × energy), in quadrature.")
        func joules(_ value: Double?, _ u: Double?) -> String {
            guard let value else { return "–" }
            return String(format: "%.3f J ± %.3f", value, u ?? 0)
        }
        for (r, c) in rows {
            table.add([e("\(r.repetition)"), e(r.phase), e(r.node), e(c.hypervisor), e((c.vmName ?? "?") + " " + c.instanceUuid),
                       e(joules(c.hostEnergyJ, c.hostEnergyCombinedUncertaintyJ ?? c.hostEnergyUncertaintyJ)),
                       e(joules(c.vmEnergyJ, c.vmEnergyCombinedUncertaintyJ ?? c.vmEnergyUncertaintyJ)),
                       e(c.hostMeterRelativeUncertainty.map { String(format: "%.3g %%", $0 * 100) } ?? "not stated"),
                       e(c.energyShare.map(HTMLNumberFormat.percent) ?? "–"), e(c.cpuShare.map(HTMLNumberFormat.percent) ?? "–"),
                       e((c.basis ?? "cpu-time-share") + (c.idlePolicy.map { ", idle " + $0 } ?? ""))])
        }
        return "<h3>Nodes that are VMs: hypervisor → VM → pods</h3>\n" + table.render()
    }
}
