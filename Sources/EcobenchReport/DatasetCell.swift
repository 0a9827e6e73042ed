import Foundation

/// One cell of a dataset table in its JSON form: empty → null; in a column that is not text, a
/// whole number → integer and a finite number → number; anything else → the text as written.
package enum DatasetCell: Encodable, Equatable {
    case null
    case integer(Int64)
    case number(Double)
    case text(String)

    package init(_ value: String, isText: Bool) {
        if value.isEmpty { self = .null }
        else if !isText, let integer = Int64(value) { self = .integer(integer) }
        else if !isText, let number = Double(value), number.isFinite { self = .number(number) }
        else { self = .text(value) }
    }

    package func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case .null: try single.encodeNil()
        case .integer(let integer): try single.encode(integer)
        case .number(let number): try single.encode(number)
        case .text(let text): try single.encode(text)
        }
    }
}
