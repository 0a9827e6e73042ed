import Foundation
import EcobenchNet

extension RedfishReading {
    /// The reading's value in a resource's JSON body, as a poll takes it: the body parsed
    /// (`RedfishError.malformedJSON` when it is not JSON), then the number at `jsonPointer`
    /// (`propertyMissing`, `nullReading` or `malformedJSON` when it is not a finite number).
    /// Needs no server: tests and the fuzzer call it on any bytes.
    public func value(inBody body: Data, url: String) throws(RedfishError) -> Double {
        let json: JSONValue
        do { json = try JSONValue.decode(body) } catch {
            throw .malformedJSON(url: url, detail: "not JSON: \(error.localizedDescription)")
        }
        do { return try RedfishJSON.number(at: jsonPointer, in: json, url: url) } catch let error as RedfishError {
            throw error
        } catch {
            throw .malformedJSON(url: url, detail: "\(error)")
        }
    }

    /// The member links of a collection body (`Members[].@odata.id`); empty when there are none.
    public static func memberLinks(inBody body: Data) -> [String] {
        guard let object = try? JSONValue.decode(body), object.objectMembers != nil else { return [] }
        return RedfishJSON.members(of: object)
    }
}
