import Foundation

/// The parts of Kubernetes API objects that ecobench reads or writes, as `Codable` wire types.
/// Every field is optional: the API server leaves out empty fields, and ecobench reads what
/// is there with the same defaults as kubectl prints them.
public struct KubernetesObjectMeta: Codable, Sendable, Equatable {
    public struct OwnerReference: Codable, Sendable, Equatable {
        public var kind: String?
        public var name: String?
    }

    public var name: String?
    public var namespace: String?
    public var uid: String?
    public var labels: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var creationTimestamp: String?

    public init(name: String? = nil, labels: [String: String]? = nil) {
        self.name = name
        self.labels = labels
    }
}

/// `{"items": [...]}`: the answer to a list GET.
public struct KubernetesList<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]?
}

/// One entry of `status.conditions` (Pod, Job).
public struct KubernetesCondition: Codable, Sendable, Equatable {
    public var type: String?
    public var status: String?
    public var reason: String?
    public var message: String?

    /// `type` with status True.
    package func holds(_ wanted: String) -> Bool { type == wanted && status == "True" }
}

/// A Pod: identity, node, phase, conditions and containers' waiting reasons.
public struct KubernetesPod: Codable, Sendable {
    public struct Spec: Codable, Sendable { public var nodeName: String? }
    public struct ContainerStatus: Codable, Sendable {
        /// `state.waiting` has a reason and a message, like a condition.
        public struct State: Codable, Sendable { public var waiting: KubernetesCondition? }
        public var name: String?
        public var state: State?
    }
    public struct Status: Codable, Sendable {
        public var phase: String?
        public var reason: String?
        public var message: String?
        public var conditions: [KubernetesCondition]?
        public var containerStatuses: [ContainerStatus]?
    }

    public var metadata: KubernetesObjectMeta?
    public var spec: Spec?
    public var status: Status?
}

/// A Job: its conditions, counters and backoff limit.
public struct KubernetesJob: Codable, Sendable {
    public struct Spec: Codable, Sendable { public var backoffLimit: Int? }
    public struct Status: Codable, Sendable {
        public var conditions: [KubernetesCondition]?
        public var succeeded: Int?
        public var failed: Int?
    }

    public var metadata: KubernetesObjectMeta?
    public var spec: Spec?
    public var status: Status?
}

/// A Deployment or StatefulSet: wanted and ready replicas.
public struct KubernetesReplicated: Codable, Sendable {
    public struct Spec: Codable, Sendable { public var replicas: Int? }
    public struct Status: Codable, Sendable { public var readyReplicas: Int? }

    public var metadata: KubernetesObjectMeta?
    public var spec: Spec?
    public var status: Status?
}

/// A Namespace as ecobench creates it and polls it while it is deleted.
public struct KubernetesNamespaceObject: Codable, Sendable {
    public struct Status: Codable, Sendable { public var phase: String? }

    public var apiVersion: String? = "v1"
    public var kind: String? = "Namespace"
    public var metadata: KubernetesObjectMeta?
    public var status: Status?
}

/// The body of a DELETE.
public struct KubernetesDeleteOptions: Codable, Sendable {
    public var apiVersion = "v1"
    public var kind = "DeleteOptions"
    public var propagationPolicy: String
}

/// An Event of a namespace, for error messages.
public struct KubernetesEvent: Codable, Sendable {
    public struct InvolvedObject: Codable, Sendable {
        public var kind: String?
        public var name: String?
    }

    public var metadata: KubernetesObjectMeta?
    public var involvedObject: InvolvedObject?
    public var type: String?
    public var reason: String?
    public var message: String?
    public var lastTimestamp: String?
    public var eventTime: String?
}

/// A Node: name, zone and instance-type labels, kubelet version, and what names the machine
/// under it (`spec.providerID`, `status.nodeInfo.systemUUID`; see `KubernetesNodeInstance`).
public struct KubernetesNode: Codable, Sendable {
    public struct Spec: Codable, Sendable {
        /// The cloud's ID of the machine, e.g. `openstack:///<instance uuid>`.
        public var providerID: String?
    }
    public struct Status: Codable, Sendable {
        public struct NodeInfo: Codable, Sendable {
            public var kubeletVersion: String?
            /// SMBIOS system UUID as the kubelet read it (libvirt sets a VM's to its instance UUID).
            public var systemUUID: String?
        }
        public var nodeInfo: NodeInfo?
    }

    public var metadata: KubernetesObjectMeta?
    public var spec: Spec?
    public var status: Status?
}

/// GET /version.
public struct KubernetesVersionInfo: Codable, Sendable {
    public var gitVersion: String?
}

/// An answer whose content ecobench does not read (POST and DELETE results).
public struct KubernetesIgnoredAnswer: Codable, Sendable {}
