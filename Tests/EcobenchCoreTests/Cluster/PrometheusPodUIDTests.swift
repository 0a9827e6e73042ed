@testable import EcobenchCluster
import Testing

/// cAdvisor's `id` label to a pod UID: the byte-wise reading of ASCII paths against values
/// written by hand and against the character-wise reading (`characterUID`) of the same paths.
@Suite struct PrometheusPodUIDTests {
    @Test func bytesAndCharactersAgree() {
        let uid = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
        let cases: [(String, String?)] = [
            ("/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podAAAAAAAA_BBBB_CCCC_DDDD_EEEEEEEEEEEE.slice/cri-containerd-1.scope", uid),
            ("/kubepods/besteffort/pod\(uid)/0123", uid),
            ("/kubepods/pod\(uid)", uid),
            ("/kubepods/xpod\(uid)/c", nil),                      // "pod" not at the start nor after "-"
            ("/kubepods/pod\(uid.dropLast())/c", nil),            // 35 characters
            ("/kubepods/pod\(uid.dropLast())g/c", nil),           // not hex
            ("/a-pod\(uid)-pod1/c", nil),                         // only the last "pod" of a component counts
            ("/kubepods/pod\(uid)/pod11111111-2222-3333-4444-555555555555", "11111111-2222-3333-4444-555555555555"),
            ("/system.slice/kubelet.service", nil), ("", nil), ("/", nil), ("pod", nil), ("/.slice", nil),
            ("/kubepods/podé\(uid.dropFirst())/c", nil),          // not ASCII: read by characters
        ]
        for (path, expected) in cases {
            #expect(PrometheusPodCPUSource.podUID(fromCgroupPath: path) == expected, "\(path)")
            #expect(PrometheusPodCPUSource.characterUID(fromCgroupPath: path) == expected, "\(path)")
        }
    }
}
