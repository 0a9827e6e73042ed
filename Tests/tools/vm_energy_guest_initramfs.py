"""Builds the initramfs of a QEMU guest that runs ecobench on a VM energy tree shared over 9p
(VMEnergyTreeGuestTests, docs/vm-energy.md): busybox (static), the given ecobench executable
(stripped when `strip` is on PATH) with every shared library `ldd` names and the dynamic loader,
the kernel's virtio-pci and 9p modules (from /lib/modules/<version of the kernel file>), the
workload file, and an /init that loads the modules, mounts the 9p tag `energy` read-only at
/mnt/energy, runs `ecobench run <workload> --sysfs-root /mnt/energy <ecobench args>`, prints
the report between `GUEST-REPORT-START` and `GUEST-REPORT-END` on the console and powers off.
Written as an uncompressed newc cpio, without the cpio tool.

Usage: vm_energy_guest_initramfs.py OUT KERNEL ECOBENCH BUSYBOX WORKLOAD [ECOBENCH ARGS...]
Exits 1 with a line naming what is missing.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

MODULES = ["drivers/virtio/virtio_ring", "drivers/virtio/virtio", "drivers/virtio/virtio_pci_legacy_dev",
           "drivers/virtio/virtio_pci_modern_dev", "drivers/virtio/virtio_pci", "fs/netfs/netfs",
           "fs/fscache/fscache", "net/9p/9pnet", "net/9p/9pnet_virtio", "fs/9p/9p"]


def fail(message):
    print("vm_energy_guest_initramfs: " + message, file=sys.stderr)
    sys.exit(1)


def shared_libraries(executable):
    out = subprocess.run(["ldd", executable], capture_output=True, text=True)
    if out.returncode != 0:
        fail("ldd %s: %s" % (executable, out.stderr.strip()))
    paths = []
    for line in out.stdout.splitlines():
        match = re.search(r"=>\s*(/\S+)", line) or re.match(r"\s*(/\S+)\s+\(", line)
        if match:
            paths.append(match.group(1))
        elif "not found" in line:
            fail("ldd %s: %s" % (executable, line.strip()))
    return paths


def cpio_entry(out, name, mode, data=b"", ino=[1]):
    ino[0] += 1
    name_bytes = name.encode() + b"\0"
    header = "070701" + "".join("%08X" % v for v in [
        ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_bytes), 0])
    out.write(header.encode() + name_bytes)
    out.write(b"\0" * ((4 - (110 + len(name_bytes)) % 4) % 4))
    out.write(data)
    out.write(b"\0" * ((4 - len(data) % 4) % 4))


def main():
    if len(sys.argv) < 6:
        fail("usage: OUT KERNEL ECOBENCH BUSYBOX WORKLOAD [ECOBENCH ARGS...]")
    out_path, kernel, ecobench, busybox, workload = sys.argv[1:6]
    ecobench_args = sys.argv[6:]
    for path in (kernel, ecobench, busybox, workload):
        if not os.path.isfile(path):
            fail("%s does not exist (make deps installs qemu-system-x86, linux-image-amd64, busybox-static)" % path)
    version = os.path.basename(kernel)[len("vmlinuz-"):]
    module_root = "/lib/modules/%s/kernel" % version
    files = {}  # path in the guest -> path here
    for module in MODULES:
        path = "%s/%s.ko" % (module_root, module)
        if not os.path.isfile(path):
            fail("%s does not exist (the modules of %s)" % (path, kernel))
        files["/mod/%s.ko" % os.path.basename(module)] = path
    for library in shared_libraries(ecobench):
        files[library] = library
    with tempfile.TemporaryDirectory() as scratch:
        stripped = os.path.join(scratch, "ecobench")
        if shutil.which("strip") and subprocess.run(["strip", "-o", stripped, ecobench]).returncode == 0:
            files["/ecobench"] = stripped
        else:
            files["/ecobench"] = ecobench
        files["/bin/busybox"] = busybox
        files["/work/" + os.path.basename(workload)] = workload
        run = " ".join(shlex.quote(a) for a in
                       ["/ecobench", "run", "/work/" + os.path.basename(workload), "--sysfs-root", "/mnt/energy"]
                       + ecobench_args)
        init = "\n".join([
            "#!/bin/busybox sh",
            "/bin/busybox --install -s /bin",
            "export PATH=/bin",
            "mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev",
            "for m in " + " ".join(os.path.basename(m) for m in MODULES) + "; do",
            "  insmod /mod/$m.ko || echo \"GUEST-ERROR insmod $m\"",
            "done",
            "mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=none energy /mnt/energy || echo GUEST-ERROR mount",
            "cd /work",
            run + " > /tmp/run.log 2>&1; echo \"GUEST-RUN-STATUS $?\"",
            "cat /tmp/run.log",
            "echo GUEST-REPORT-START; cat /tmp/out/run-1/report.json; echo; echo GUEST-REPORT-END",
            "poweroff -f", ""])
        directories = set()
        for guest in list(files) + ["/proc/x", "/sys/x", "/dev/x", "/tmp/x", "/mnt/energy/x"]:
            parts = guest.strip("/").split("/")[:-1]
            for i in range(1, len(parts) + 1):
                directories.add("/".join(parts[:i]))
        with open(out_path, "wb") as out:
            for directory in sorted(directories, key=lambda d: (d.count("/"), d)):
                cpio_entry(out, directory, 0o040755)
            for guest, source in sorted(files.items()):
                with open(source, "rb") as f:
                    cpio_entry(out, guest.lstrip("/"), 0o100755, f.read())
            cpio_entry(out, "init", 0o100755, init.encode())
            cpio_entry(out, "TRAILER!!!", 0)


if __name__ == "__main__":
    main()
