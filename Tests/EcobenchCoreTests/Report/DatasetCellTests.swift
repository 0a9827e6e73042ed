import Foundation
import Testing
import EcobenchCore
@testable import EcobenchReport

/// A dataset table cell's JSON form. Before the typed cells, a table holding a cell such as
/// "nan" in a number column failed JSONSerialization and the whole table was written as `[]`.
@Suite struct DatasetCellTests {
    @Test func cellsKeepTheirTypeAndNonFiniteNumbersStayText() throws {
        #expect(DatasetCell("", isText: false) == .null)
        #expect(DatasetCell("12", isText: false) == .integer(12))
        #expect(DatasetCell("1.5", isText: false) == .number(1.5))
        #expect(DatasetCell("12", isText: true) == .text("12"))
        #expect(DatasetCell("nan", isText: false) == .text("nan"))
        #expect(DatasetCell("inf", isText: false) == .text("inf"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let row = ["a": DatasetCell("inf", isText: false), "b": DatasetCell("", isText: false), "c": DatasetCell("7", isText: false)]
        #expect(String(decoding: try encoder.encode([row]), as: UTF8.self) == #"[{"a":"inf","b":null,"c":7}]"#)
    }
}
