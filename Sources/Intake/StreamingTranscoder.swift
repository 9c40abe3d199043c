import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts a text file to UTF-8 with iconv, chunk by chunk, into a temporary file that CSVReader
/// then streams: GB18030 (what Excel on Chinese Windows saves as plain "CSV") and BOM'd UTF-16
/// (Excel's "Unicode text"). Memory stays at two buffers whatever the size of the list.
enum StreamingTranscoder {
    enum Failure: Error, Equatable {
        /// iconv does not know the encoding on this system.
        case unsupported(String)
        /// Bytes that are not text in the encoding; `line` counts LF bytes before them, which is
        /// exact for GB18030 (LF never occurs inside a multi-byte sequence) and nil for UTF-16.
        case invalidBytes(line: Int?)
        case io(String)
    }

    static let chunkSize = 1 << 20

    /// `encoding` is an iconv name: `GB18030` or `UTF-16` (which reads the BOM and drops it).
    static func transcode(_ source: URL, from encoding: String, to destination: URL) throws(Failure) {
        let converter = iconv_open("UTF-8", encoding)
        guard Int(bitPattern: converter) != -1 else { throw .unsupported(encoding) }
        defer { iconv_close(converter) }
        guard let input = InputStream(url: source) else { throw .io("cannot open \(source.path)") }
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
              let output = FileHandle(forWritingAtPath: destination.path) else {
            throw .io("cannot create \(destination.path)")
        }
        defer { try? output.close() }
        input.open()
        defer { input.close() }

        let countsLines = encoding == "GB18030"
        let inCapacity = chunkSize + 8
        // UTF-8 takes at most 4 bytes for a GB18030 sequence of 1 to 4 and for a UTF-16 pair.
        let outCapacity = chunkSize * 2 + 16
        let inBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: inCapacity)
        let outBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: outCapacity)
        defer { inBuffer.deallocate(); outBuffer.deallocate() }

        var carried = 0
        var linesBefore = 1
        while true {
            let read = inBuffer.withMemoryRebound(to: UInt8.self, capacity: inCapacity) {
                input.read($0 + carried, maxLength: chunkSize)
            }
            if read < 0 { throw .io(input.streamError?.localizedDescription ?? "read failed") }
            let available = carried + read
            if read == 0 && carried > 0 {
                // The file ends inside a sequence.
                throw .invalidBytes(line: countsLines ? linesBefore : nil)
            }
            if available == 0 { break }

            var inPointer: UnsafeMutablePointer<CChar>? = inBuffer
            var inLeft = available
            var outPointer: UnsafeMutablePointer<CChar>? = outBuffer
            var outLeft = outCapacity
            let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            let consumed = available - inLeft
            if countsLines {
                for index in 0..<consumed where inBuffer[index] == 0x0A { linesBefore += 1 }
            }
            if result == -1 {
                switch errno {
                case EINVAL:
                    break  // a sequence cut by the chunk's end: carried into the next read
                case EILSEQ:
                    throw .invalidBytes(line: countsLines ? linesBefore : nil)
                default:
                    throw .io("iconv failed (errno \(errno))")
                }
            }
            do {
                try output.write(contentsOf: Data(bytesNoCopy: outBuffer, count: outCapacity - outLeft, deallocator: .none))
            } catch {
                throw .io(error.localizedDescription)
            }
            carried = inLeft
            if carried > 0 { memmove(inBuffer, inBuffer + consumed, carried) }
        }
    }
}
