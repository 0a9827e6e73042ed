import Foundation
import EcobenchNet

/// A grid-intensity history in JSON: Electricity Maps' `{"zone":"DE","history":[{"datetime":
/// "2024-…Z","carbonIntensity":412},…]}` or the bare `history` array. An entry's members are
/// read leniently (nil when missing or of another type) so the parser can say which is wrong.
package struct GridIntensityHistory: Decodable {
    package var zone: String?
    package var history: [Entry]

    package struct Entry: Decodable {
        package var datetime: String?
        package var carbonIntensity: Double?

        package enum CodingKeys: String, CodingKey { case datetime, carbonIntensity }

        package init(from decoder: any Decoder) throws {
            let members = try decoder.container(keyedBy: CodingKeys.self)
            datetime = try? members.decodeIfPresent(String.self, forKey: .datetime)
            carbonIntensity = try? members.decodeIfPresent(Double.self, forKey: .carbonIntensity)
        }
    }

    package enum CodingKeys: String, CodingKey { case zone, history }

    package init(from decoder: any Decoder) throws {
        if let members = try? decoder.container(keyedBy: CodingKeys.self) {
            zone = try? members.decodeIfPresent(String.self, forKey: .zone)
            guard members.contains(.history) else {
                throw WireField.corrupted("expected an array of entries", at: [CodingKeys.history])
            }
            history = try members.decode([Entry].self, forKey: .history)
        } else {
            zone = nil
            history = try decoder.singleValueContainer().decode([Entry].self)
        }
    }
}
