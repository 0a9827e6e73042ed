// EcobenchCore: the whole of ecobench behind one import for the command-line tool, the
// benchmarks and the tests. Each stage is its own target (Package.swift, docs/architecture.md).
@_exported import EcobenchModel
@_exported import EcobenchNet
@_exported import EcobenchCollect
@_exported import EcobenchCheck
@_exported import EcobenchStore
@_exported import EcobenchAttribute
@_exported import EcobenchCluster
@_exported import EcobenchReport
@_exported import EcobenchSign
@_exported import EcobenchRun
@_exported import EcobenchAgent
@_exported import EcobenchKubernetes
@_exported import EcobenchServe
