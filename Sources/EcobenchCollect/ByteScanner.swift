/// A forward-only tokenizer over the bytes of a procfs/sysfs file: whitespace-separated
/// decimal integers and words, line by line, without Foundation or String allocation.
public struct ByteScanner {
    public let bytes: UnsafeBufferPointer<UInt8>
    public var index: Int

    public init(_ bytes: UnsafeBufferPointer<UInt8>, index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    public var atEnd: Bool { index >= bytes.count }

    @inline(__always) package static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// Skips spaces and tabs (not newlines).
    public mutating func skipBlanks() {
        while index < bytes.count && ByteScanner.isBlank(bytes[index]) { index += 1 }
    }

    /// Moves past the next newline (or to the end).
    public mutating func skipLine() {
        while index < bytes.count && bytes[index] != 0x0A { index += 1 }
        if index < bytes.count { index += 1 }
    }

    /// True when only blanks remain before the end of the current line.
    public mutating func atLineEnd() -> Bool {
        skipBlanks()
        return index >= bytes.count || bytes[index] == 0x0A
    }

    /// Next integer on the current line (blanks skipped first); nil at end of line or on a
    /// non-digit. Saturates instead of trapping on absurdly long numbers.
    public mutating func nextInt64() -> Int64? {
        skipBlanks()
        guard index < bytes.count else { return nil }
        var negative = false
        if bytes[index] == 0x2D { negative = true; index += 1 }
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count {
            let b = bytes[index]
            guard b >= 0x30 && b <= 0x39 else { break }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(b - 0x30))
            value = (o1 || o2) ? Int64.max : s
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        return negative ? -value : value
    }

    /// Next word on the current line (bytes up to a blank or newline), as a range of `bytes`.
    public mutating func nextWord() -> Range<Int>? {
        skipBlanks()
        let start = index
        while index < bytes.count && !ByteScanner.isBlank(bytes[index]) && bytes[index] != 0x0A {
            index += 1
        }
        return index > start ? start..<index : nil
    }

    /// The word in `range` as a String (for rare use: device names, keys).
    public func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// True when the bytes in `range` equal the ASCII `literal`.
    public func word(_ range: Range<Int>, equals literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let lit = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        var i = 0
        for j in range {
            if bytes[j] != lit[i] { return false }
            i += 1
        }
        return true
    }

    /// True when the bytes in `range` start with the ASCII `literal`.
    public func word(_ range: Range<Int>, hasPrefix literal: StaticString) -> Bool {
        guard range.count >= literal.utf8CodeUnitCount else { return false }
        let lit = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for i in 0..<lit.count where bytes[range.lowerBound + i] != lit[i] { return false }
        return true
    }
}

extension String {
    /// Runs `body` over the UTF-8 bytes of the string; lets parsers be tested on literal text.
    package func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let array = Array(self.utf8)
        return try array.withUnsafeBufferPointer { try body($0) }
    }
}
