import Foundation
import ZIPFoundation

/// Zip archives written byte by byte, for what no zip library writes on purpose: entries whose
/// declared size is not what they inflate to, and deflate streams built by hand.
enum HandZip {
    struct Entry {
        var path: String
        /// 0 stored, 8 deflated.
        var method: UInt16
        /// The bytes as they stand in the archive (already deflated for method 8).
        var payload: [UInt8]
        /// The size the archive declares once inflated.
        var declaredSize: UInt32
        var crc: UInt32

        /// A stored entry, honestly described.
        static func stored(_ path: String, _ contents: String) -> Entry {
            stored(path, bytes: Array(contents.utf8))
        }

        static func stored(_ path: String, bytes: [UInt8]) -> Entry {
            Entry(path: path, method: 0, payload: bytes, declaredSize: UInt32(bytes.count), crc: Data(bytes).crc32(checksum: 0))
        }
    }

    static func bytes(_ entries: [Entry]) -> [UInt8] {
        var archive: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = UInt32(archive.count)
            let name = Array(entry.path.utf8)
            archive += le32(0x0403_4B50) + le16(20) + le16(0) + le16(entry.method) + le16(0) + le16(0x21)
                + le32(entry.crc) + le32(UInt32(entry.payload.count)) + le32(entry.declaredSize)
                + le16(UInt16(name.count)) + le16(0) + name + entry.payload
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(entry.method) + le16(0) + le16(0x21)
                + le32(entry.crc) + le32(UInt32(entry.payload.count)) + le32(entry.declaredSize)
                + le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let centralOffset = UInt32(archive.count)
        return archive + central + le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count))
            + le16(UInt16(entries.count)) + le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
    }

    /// A raw deflate stream (one fixed-Huffman block) that inflates to one space and then
    /// `matches` × 258 more: each match, "258 bytes from 1 back", takes 13 bits.
    static func spaces(matches: Int) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, count: 1)  // last block
        writer.write(1, count: 2)  // fixed Huffman codes
        writer.writeCode(0x30 + 0x20, length: 8)  // literal ' '
        for _ in 0..<matches {
            writer.writeCode(0xC5, length: 8)  // length 258 (symbol 285)
            writer.writeCode(0, length: 5)  // distance 1
        }
        writer.writeCode(0, length: 7)  // end of block
        return writer.bytes
    }

    private struct BitWriter {
        var bytes: [UInt8] = []
        var bitCount = 0

        /// Header fields and extra bits go least significant bit first.
        mutating func write(_ value: UInt32, count: Int) {
            for bit in 0..<count { append((value >> bit) & 1) }
        }

        /// Huffman codes go most significant bit first.
        mutating func writeCode(_ code: UInt32, length: Int) {
            for bit in stride(from: length - 1, through: 0, by: -1) { append((code >> bit) & 1) }
        }

        private mutating func append(_ bit: UInt32) {
            if bitCount % 8 == 0 { bytes.append(0) }
            bytes[bytes.count - 1] |= UInt8(bit) << (bitCount % 8)
            bitCount += 1
        }
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> ($0 * 8)) & 0xFF) } }
}
