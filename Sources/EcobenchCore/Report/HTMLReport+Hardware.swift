extension HTMLReport {
    /// 5. The hardware inventory: CPU, memory, kernel, PCI devices and the fingerprint.
    static func hardwareSection(_ report: Report) -> String {
        let host = report.host
        var out = "<section id=\"hardware\">\n<h2>Hardware</h2>\n"
        func count(_ value: Int?) -> String { value.map(String.init) ?? "unknown" }
        out += HTMLTable.keyValue([
            ("hostname", e(host.hostname)),
            ("CPU model", e(host.cpuModel)),
            ("logical CPUs", String(host.logicalCpus)),
            ("sockets × cores per socket × threads per core",
             e("\(count(host.sockets)) × \(count(host.coresPerSocket)) × \(count(host.threadsPerCore))")),
            ("memory", e(host.memoryBytes > 0 ? HTMLNumberFormat.bytes(Double(host.memoryBytes)) : "unknown")),
            ("kernel", e(host.kernel)),
            ("OS", e(host.os)),
            ("fingerprint (SHA-256)", "<span class=\"mono\">\(e(host.fingerprint ?? "unknown (inventory not read)"))</span>"),
        ])
        guard let devices = host.pciDevices else {
            return out + "<p class=\"note\">No PCI inventory was read.</p>\n</section>\n"
        }
        out += "<h3>PCI devices (\(devices.count))</h3>\n"
        var table = HTMLTable([.init("slot"), .init("kind"), .init("class"), .init("vendor"), .init("device"),
                               .init("ids (vendor:device:class)")])
        table.cellClasses = [0: "mono", 5: "mono"]
        // GPUs, accelerators, NICs and storage first: what draws power beside the CPU.
        let order: [PCIDevice.Kind] = [.gpu, .accelerator, .nic, .nvme, .storage, .other]
        let sorted = devices.sorted {
            let a = order.firstIndex(of: $0.kind) ?? order.count
            let b = order.firstIndex(of: $1.kind) ?? order.count
            return a != b ? a < b : $0.slot < $1.slot
        }
        for device in sorted {
            table.add([e(device.slot), e(device.kind.rawValue), e(device.className.isEmpty ? "–" : device.className),
                       e(device.vendorName.isEmpty ? "–" : device.vendorName),
                       e(device.deviceName.isEmpty ? "–" : device.deviceName), e(device.identity)])
        }
        return out + table.render() + "</section>\n"
    }
}
