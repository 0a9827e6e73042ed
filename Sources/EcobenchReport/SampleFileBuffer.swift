import Foundation

/// The bytes of a samples file (`samples.csv`, `samples.jsonl`), appended as UTF-8 without a
/// String per row and written in pieces of `limitBytes`. A day at 10 Hz is ~20 M rows (1.3 GB):
/// building each row as a String and appending it to a String buffer cost ~0.7 µs a row.
package final class SampleFileBuffer {
    private let path: String
    private let handle: FileHandle
    private let limitBytes: Int
    private var bytes: [UInt8] = []
    private var closed = false

    /// Creates (or truncates) the file at `path`.
    package init(creating path: String, limitBytes: Int = 1 << 20) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw ReportError.cannotWrite(path: path, reason: "cannot create file")
        }
        self.path = path
        self.handle = handle
        self.limitBytes = max(1, limitBytes)
        bytes.reserveCapacity(self.limitBytes + 512)
    }

    deinit { if !closed { try? handle.close() } }

    /// Appends text; writes the buffer out once it holds `limitBytes` or more.
    package func append(_ text: String) throws {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        if bytes.count >= limitBytes { try flush() }
    }

    /// Appends UTF-8 bytes prepared once (a row's constant prefix or suffix).
    package func append(utf8 prepared: [UInt8]) {
        bytes.append(contentsOf: prepared)
    }

    /// Appends `value` as Swift's `description` writes it (the shortest text that reads back
    /// as the same Double), so the file's bytes are those of `String(value)`.
    package func append(_ value: Double) {
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Ends a row with a newline; writes the buffer out once it holds `limitBytes` or more.
    package func endLine() throws {
        bytes.append(0x0A)
        if bytes.count >= limitBytes { try flush() }
    }

    /// Writes out what is buffered.
    package func flush() throws {
        guard !bytes.isEmpty else { return }
        do { try handle.write(contentsOf: bytes) } catch {
            throw ReportError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes out the rest and closes the file.
    package func finish() throws {
        try flush()
        closed = true
        do { try handle.close() } catch {
            throw ReportError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
