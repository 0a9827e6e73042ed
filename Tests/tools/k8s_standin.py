#!/usr/bin/env python3
"""A stand-in for the Kubernetes API server, for ecobench's tests only.

No real Kubernetes API server (with etcd, a scheduler and kubelets) can run in the test
environment, so this script answers the requests ecobench's Kubernetes target makes, with
the JSON shapes of the real API (kind/apiVersion/metadata/status objects, Status objects
for errors, lists with items). It is not a Kubernetes implementation: objects are kept in
memory, Deployments become ready after a number of polls, Jobs succeed after a number of
polls and their pod's log is the text given with --job-log.

HTTPS only, with the certificate and key given; a client is accepted when it presents a
certificate signed by --client-ca or sends one of the --token bearer tokens. Every request
is appended to --log as one JSON line (method, path, auth, status) so tests can check what
was created and deleted. The chosen port is written to --port-file.

Scenarios (--scenario, repeatable):
  never-ready      pods stay Pending (FailedScheduling), Deployments never ready
  failed-pod       the first container goes into CrashLoopBackOff
  reject-service   POST of a Service answers 422 Invalid with a cause on spec.ports[0].port
  job-slow         the load Job never finishes (for SIGINT tests)
  job-fails        the load Job fails (BackoffLimitExceeded)

--node NAME (repeatable) renames the nodes (pods are placed on them round-robin by replica
index); --pod-uid POD=UID (repeatable) gives the pod named POD (e.g. web-00001, load-00000)
that UID instead of a counter, so fixture pod cgroups on the test's agents can carry it.
"""
import argparse
import json
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

LOCK = threading.Lock()
NAMESPACES = {}
ARGS = None
UID = [0]


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def next_uid():
    UID[0] += 1
    return "00000000-0000-0000-0000-%012d" % UID[0]


def status(code, reason, message, causes=None):
    body = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "code": code}
    if causes is not None:
        body["details"] = {"causes": causes}
    return code, body


NODES = [
    ("node-a", "de-1a", "SCS-4V-16"),
    ("node-b", "de-1b", "SCS-8V-32"),
]


# --provider-id NODE=ID and --system-uuid NODE=UUID: what names the machine under a node (an
# OpenStack VM: `openstack:///<instance uuid>`; its SMBIOS system UUID as the kubelet reports it).
PROVIDER_IDS = {}
SYSTEM_UUIDS = {}


def node_info(name):
    info = {"kubeletVersion": "v1.30.4"}
    if name in SYSTEM_UUIDS:
        info["systemUUID"] = SYSTEM_UUIDS[name]
    return info


def node_list():
    items = []
    for name, zone, flavor in NODES:
        items.append({"kind": "Node", "apiVersion": "v1",
                      "metadata": {"name": name, "uid": next_uid(),
                                   "labels": {"kubernetes.io/hostname": name,
                                              "topology.kubernetes.io/zone": zone,
                                              "node.kubernetes.io/instance-type": flavor}},
                      "status": {"nodeInfo": node_info(name)}})
        if name in PROVIDER_IDS:
            items[-1]["spec"] = {"providerID": PROVIDER_IDS[name]}
    return {"kind": "NodeList", "apiVersion": "v1", "metadata": {}, "items": items}


def add_event(ns, kind, name, type_, reason, message):
    ns["events"].append({"kind": "Event", "apiVersion": "v1",
                         "metadata": {"name": "%s.%d" % (name, len(ns["events"])), "namespace": ns["name"],
                                      "creationTimestamp": now()},
                         "involvedObject": {"kind": kind, "name": name, "namespace": ns["name"]},
                         "type": type_, "reason": reason, "message": message,
                         "lastTimestamp": now()})


def pod_for(ns, owner_kind, owner, labels, index):
    name = "%s-%05d" % (owner, index)
    uid = dict(entry.split("=", 1) for entry in ARGS.pod_uid).get(name) or next_uid()
    pod = {"kind": "Pod", "apiVersion": "v1",
           "metadata": {"name": name, "namespace": ns["name"], "uid": uid, "labels": dict(labels),
                        "ownerReferences": [{"kind": owner_kind, "name": owner}]},
           "spec": {"nodeName": NODES[index % len(NODES)][0]},
           "status": {"phase": "Pending", "conditions": [{"type": "Ready", "status": "False"}]}}
    ns["objects"].setdefault("pods", {})[name] = pod
    return pod


def settle(ns):
    """Moves the namespace's objects one poll forward."""
    ns["polls"] += 1
    scenarios = ARGS.scenario
    for dep in list(ns["objects"].get("deployments", {}).values()) + list(ns["objects"].get("statefulsets", {}).values()):
        replicas = dep["spec"].get("replicas", 1)
        ready = ns["polls"] >= ARGS.ready_after and "never-ready" not in scenarios and "failed-pod" not in scenarios
        dep["status"] = {"replicas": replicas, "readyReplicas": replicas if ready else 0,
                         "observedGeneration": 1}
    for pod in ns["objects"].get("pods", {}).values():
        if pod["metadata"]["labels"].get("job-name"):
            continue
        if "never-ready" in scenarios:
            pod["status"] = {"phase": "Pending", "conditions": [
                {"type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                 "message": "0/2 nodes are available: 2 Insufficient cpu."}]}
            if not ns["events"]:
                add_event(ns, "Pod", pod["metadata"]["name"], "Warning", "FailedScheduling",
                          "0/2 nodes are available: 2 Insufficient cpu.")
        elif "failed-pod" in scenarios:
            pod["status"] = {"phase": "Running", "conditions": [{"type": "Ready", "status": "False"}],
                             "containerStatuses": [{"name": "app", "ready": False, "restartCount": 3,
                                                    "state": {"waiting": {"reason": "CrashLoopBackOff",
                                                                          "message": "back-off 40s restarting failed container"}}}]}
            if not ns["events"]:
                add_event(ns, "Pod", pod["metadata"]["name"], "Warning", "BackOff",
                          "Back-off restarting failed container app")
        elif ns["polls"] >= ARGS.ready_after:
            pod["status"] = {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}],
                             "containerStatuses": [{"name": "app", "ready": True, "state": {"running": {}}}]}


def create(ns, resource, obj):
    meta = obj.setdefault("metadata", {})
    name = meta.get("name")
    kind = obj.get("kind")
    if "reject-service" in ARGS.scenario and kind == "Service":
        return status(422, "Invalid", 'Service "%s" is invalid: spec.ports[0].port: Invalid value: 0: '
                      'must be between 1 and 65535, inclusive' % name,
                      [{"reason": "FieldValueInvalid", "message": "Invalid value: 0: must be between 1 and 65535, inclusive",
                        "field": "spec.ports[0].port"}])
    bucket = ns["objects"].setdefault(resource, {})
    if name in bucket:
        return status(409, "AlreadyExists", '%s "%s" already exists' % (resource, name))
    meta["namespace"] = ns["name"]
    meta["uid"] = next_uid()
    meta["creationTimestamp"] = now()
    bucket[name] = obj
    if kind in ("Deployment", "StatefulSet"):
        labels = obj.get("spec", {}).get("template", {}).get("metadata", {}).get("labels", {})
        for i in range(obj.get("spec", {}).get("replicas", 1)):
            pod_for(ns, "ReplicaSet" if kind == "Deployment" else kind, name, labels, i)
        obj["status"] = {"replicas": obj.get("spec", {}).get("replicas", 1), "readyReplicas": 0}
    elif kind == "Job":
        obj["status"] = {"active": 1}
        obj["polls"] = 0
        pod = pod_for(ns, "Job", name, {"job-name": name}, 0)
        pod["status"] = {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}
    return 201, obj


def job_get(ns, obj):
    obj["polls"] += 1
    pods = [p for p in ns["objects"].get("pods", {}).values()
            if p["metadata"]["labels"].get("job-name") == obj["metadata"]["name"]]
    if "job-slow" in ARGS.scenario:
        pass
    elif "job-fails" in ARGS.scenario:
        obj["status"] = {"failed": 1, "conditions": [{"type": "Failed", "status": "True",
                                                     "reason": "BackoffLimitExceeded",
                                                     "message": "Job has reached the specified backoff limit"}]}
        for p in pods:
            p["status"] = {"phase": "Failed"}
    elif obj["polls"] >= ARGS.job_polls:
        obj["status"] = {"succeeded": 1, "completionTime": now(),
                         "conditions": [{"type": "Complete", "status": "True"}]}
        for p in pods:
            p["status"] = {"phase": "Succeeded", "conditions": [{"type": "Ready", "status": "False"}]}
    view = dict(obj)
    view.pop("polls", None)
    return 200, view


def as_list(kind, items):
    return {"kind": kind, "apiVersion": "v1", "metadata": {"resourceVersion": "1"}, "items": items}


def route(method, path, query, body):
    parts = [p for p in path.split("/") if p]
    if method == "GET" and parts == ["version"]:
        return 200, {"major": "1", "minor": "30", "gitVersion": "v1.30.4", "platform": "linux/amd64"}
    if method == "GET" and parts == ["api", "v1", "nodes"]:
        return 200, node_list()
    if parts == ["api", "v1", "namespaces"] and method == "POST":
        name = body.get("metadata", {}).get("name")
        if name in NAMESPACES:
            return status(409, "AlreadyExists", 'namespaces "%s" already exists' % name)
        NAMESPACES[name] = {"name": name, "labels": body.get("metadata", {}).get("labels", {}), "objects": {},
                            "events": [], "polls": 0, "terminating": None}
        return 201, namespace_object(NAMESPACES[name])
    # /api/v1/namespaces/NS[/...] or /apis/G/V/namespaces/NS/...
    if len(parts) >= 4 and parts[:3] == ["api", "v1", "namespaces"]:
        rest = parts[3:]
    elif len(parts) >= 5 and parts[0] == "apis" and parts[3] == "namespaces":
        rest = parts[4:]
    else:
        return status(404, "NotFound", "the server could not find the requested resource")
    ns = NAMESPACES.get(rest[0])
    if ns is None:
        return status(404, "NotFound", 'namespaces "%s" not found' % rest[0])
    if len(rest) == 1:
        if method == "GET":
            if ns["terminating"] is not None:
                if ns["terminating"] <= 0:
                    del NAMESPACES[ns["name"]]
                    return status(404, "NotFound", 'namespaces "%s" not found' % ns["name"])
                ns["terminating"] -= 1
            return 200, namespace_object(ns)
        if method == "DELETE":
            if ns["terminating"] is None:
                ns["terminating"] = ARGS.delete_polls
            return 200, namespace_object(ns)
    resource = rest[1]
    if method == "POST" and len(rest) == 2:
        if ns["terminating"] is not None:
            return status(403, "Forbidden", 'unable to create new content in namespace %s because it is being terminated' % ns["name"])
        return create(ns, resource, body)
    if method == "GET" and len(rest) == 2:
        if resource == "events":
            return 200, as_list("EventList", ns["events"])
        settle(ns)
        items = list(ns["objects"].get(resource, {}).values())
        selector = query.get("labelSelector", [None])[0]
        if selector and "=" in selector:
            key, value = selector.split("=", 1)
            items = [i for i in items if i["metadata"].get("labels", {}).get(key) == value]
        return 200, as_list(resource, items)
    if method == "GET" and len(rest) >= 3:
        obj = ns["objects"].get(resource, {}).get(rest[2])
        if obj is None:
            return status(404, "NotFound", '%s "%s" not found' % (resource, rest[2]))
        if len(rest) == 4 and resource == "pods" and rest[3] == "log":
            text = ARGS.job_log if obj["metadata"]["labels"].get("job-name") else ""
            return 200, text
        if resource == "jobs":
            return job_get(ns, obj)
        return 200, obj
    return status(405, "MethodNotAllowed", "not handled by the stand-in: %s %s" % (method, path))


def namespace_object(ns):
    return {"kind": "Namespace", "apiVersion": "v1",
            "metadata": {"name": ns["name"], "labels": ns["labels"]},
            "status": {"phase": "Terminating" if ns["terminating"] is not None else "Active"}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def authenticated(self):
        cert = self.connection.getpeercert()
        if cert:
            subject = dict(x[0] for x in cert.get("subject", ()))
            return "cert:" + subject.get("commonName", "?")
        header = self.headers.get("Authorization", "")
        if header.startswith("Bearer ") and header[7:] in ARGS.token:
            return "token:" + header[7:]
        return None

    def handle_any(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        auth = self.authenticated()
        with LOCK:
            if auth is None:
                header = self.headers.get("Authorization", "")
                code, body = status(401, "Unauthorized", "Unauthorized")
                entry = {"method": method, "path": self.path, "status": 401,
                         "auth": ("rejected " + header[7:]) if header.startswith("Bearer ") else "none"}
            else:
                try:
                    parsed = json.loads(raw) if raw else {}
                    code, body = route(method, split.path, parse_qs(split.query), parsed)
                except ValueError as error:
                    code, body = status(400, "BadRequest", "cannot decode body: %s" % error)
                entry = {"method": method, "path": self.path, "status": code, "auth": auth}
                if method == "POST" and isinstance(parsed, dict):
                    entry["kind"] = parsed.get("kind")
                    entry["name"] = parsed.get("metadata", {}).get("name")
                    entry["labels"] = parsed.get("metadata", {}).get("labels", {})
            with open(ARGS.log, "a") as log:
                log.write(json.dumps(entry) + "\n")
        if isinstance(body, str):
            data, ctype = body.encode(), "text/plain"
        else:
            data, ctype = json.dumps(body).encode(), "application/json"
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_DELETE(self):
        self.handle_any("DELETE")


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--client-ca")
    parser.add_argument("--token", action="append", default=[])
    parser.add_argument("--log", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--ready-after", type=int, default=2)
    parser.add_argument("--job-polls", type=int, default=2)
    parser.add_argument("--delete-polls", type=int, default=1)
    parser.add_argument("--job-log", default="")
    parser.add_argument("--scenario", action="append", default=[])
    parser.add_argument("--node", action="append", default=[])
    parser.add_argument("--pod-uid", action="append", default=[])
    parser.add_argument("--provider-id", action="append", default=[])
    parser.add_argument("--system-uuid", action="append", default=[])
    ARGS = parser.parse_args()
    for pair in ARGS.provider_id:
        node, _, value = pair.partition("=")
        PROVIDER_IDS[node] = value
    for pair in ARGS.system_uuid:
        node, _, value = pair.partition("=")
        SYSTEM_UUIDS[node] = value
    if ARGS.node:
        NODES[:] = [(name,) + NODES[i % len(NODES)][1:] for i, name in enumerate(ARGS.node)]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(ARGS.cert, ARGS.key)
    if ARGS.client_ca:
        context.load_verify_locations(ARGS.client_ca)
        context.verify_mode = ssl.CERT_OPTIONAL
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(ARGS.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(ARGS.port_file + ".tmp", ARGS.port_file)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
