import Foundation

/// A tiny workload with a `kubernetes:` section (a Deployment, a Service, a load Job) and an
/// exec credential plugin script, written into a test's folder.
public enum KubernetesWorkloadFixture {
    /// The load Job's log line the workload's regex counts (`ops: N`).
    public static let jobLog = "warming up\nops: 1234 in 0.2 s\n"

    /// The phases of a test that only checks the run's flow.
    public static let shortPhases = "{baseline_s: 0.1, idle_s: 0.1, load_s: 0.2, cooldown_s: 0.1}"

    /// Writes `tiny.yaml`, `tiny/k8s/{app,service}.yaml` and `tiny/k8s/load/job.yaml`; returns the workload path.
    public static func write(in folder: String, repetitions: Int = 1, readyTimeoutSeconds: Double = 3,
                             phases: String = shortPhases) throws -> String {
        let k8s = folder + "/tiny/k8s"
        try FileManager.default.createDirectory(atPath: k8s + "/load", withIntermediateDirectories: true)
        try """
        name: tiny
        description: a tiny web service for the Kubernetes target's tests
        functional_unit: op
        load:
          argv: [/bin/true]
          functional_units:
            regex: 'ops: (\\d+)'
        kubernetes:
          manifests: tiny/k8s
          load_job: tiny/k8s/load/job.yaml
          ready_timeout_s: \(readyTimeoutSeconds)
          job_timeout_s: 30
        phases: \(phases)
        repetitions: \(repetitions)
        """.write(toFile: folder + "/tiny.yaml", atomically: true, encoding: .utf8)
        try """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: nginx:1.27
                ports:
                - containerPort: 80
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          port: "80"
        """.write(toFile: k8s + "/app.yaml", atomically: true, encoding: .utf8)
        try """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector: {app: web}
          ports:
          - port: 80
            targetPort: 80
        """.write(toFile: k8s + "/service.yaml", atomically: true, encoding: .utf8)
        try """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: load
        spec:
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: load
                image: busybox:1.36
                args: ["sh", "-c", "echo ops: 1234 for {load_s} s"]
        """.write(toFile: k8s + "/load/job.yaml", atomically: true, encoding: .utf8)
        return folder + "/tiny.yaml"
    }

    /// An exec credential plugin: prints an ExecCredential with token `tok-N` (N counts its
    /// runs, kept in `<script>.count`) and the expiry given as its first argument (`none`: no expiry).
    public static func writePlugin(in folder: String, apiVersion: String = "client.authentication.k8s.io/v1") throws -> String {
        let path = folder + "/plugin.sh"
        try """
        #!/bin/sh
        count="$0.count"
        n=$(cat "$count" 2>/dev/null || echo 0)
        n=$((n + 1))
        echo "$n" > "$count"
        case "$KUBERNETES_EXEC_INFO" in *'"interactive":false'*) ;; *) echo "no exec info" >&2; exit 3;; esac
        if [ "$1" = none ]; then expiry=""; else expiry=",\\"expirationTimestamp\\":\\"$1\\""; fi
        printf '{"apiVersion":"\(apiVersion)","kind":"ExecCredential","status":{"token":"tok-%s"%s}}\\n' "$n" "$expiry"
        """.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// How often the plugin at `path` ran.
    public static func pluginRuns(_ path: String) -> Int {
        Int(((try? String(contentsOfFile: path + ".count", encoding: .utf8)) ?? "0")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// `ecobench run WORKLOAD --target kubernetes` against a stand-in API server's kubeconfig: status
    /// polled every 0.25 s, the namespace's deletion awaited 10 s, the run stored in `folder`/db.sqlite
    /// and reported in `folder`/out (the first run's report: `folder`/out/run-1/report.json).
    public static func runArguments(workload: String, kubeconfig: String, folder: String) -> [String] {
        ["run", workload, "--target", "kubernetes", "--kubeconfig", kubeconfig, "--kubernetes-poll-seconds", "0.25",
         "--namespace-delete-timeout", "10", "--db", folder + "/db.sqlite", "--out", folder + "/out"]
    }
}
