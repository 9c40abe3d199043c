import Foundation

/// A workbook package built around fuzzed parts: stored (uncompressed) zip entries with the right
/// checksums, so that every input gets past the container to the parts' XML. An empty or missing
/// part gets the minimal one of a real workbook.
public enum FuzzWorkbook {
    public static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/></Types>
        """
    public static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="xl/workbook.xml"/></Relationships>
        """
    public static let workbook = """
        <?xml version="1.0" encoding="UTF-8"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/><sheet name="Sheet2" sheetId="2" r:id="rId2"/></sheets></workbook>
        """
    public static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
        <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """
    public static let emptySheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>"
    public static let emptyStrings = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"
    public static let emptyStyles = "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"

    /// The parts in order: sheet 1, sheet 2, shared strings, styles, workbook, workbook relationships.
    public static let partPaths = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml",
                                   "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
    private static let defaults = [emptySheet, emptySheet, emptyStrings, emptyStyles, workbook, workbookRelationships]

    public static func package(_ parts: [[UInt8]?]) -> [UInt8] {
        var entries: [(String, [UInt8])] = [("[Content_Types].xml", Array(contentTypes.utf8)), ("_rels/.rels", Array(rootRelationships.utf8))]
        for (index, path) in partPaths.enumerated() {
            let given = index < parts.count ? parts[index] : nil
            entries.append((path, given.flatMap { $0.isEmpty ? nil : $0 } ?? Array(defaults[index].utf8)))
        }
        return storedZip(entries)
    }

    public static func storedZip(_ entries: [(path: String, bytes: [UInt8])]) -> [UInt8] {
        var archive: [UInt8] = []
        var central: [UInt8] = []
        for (path, bytes) in entries {
            let offset = UInt32(archive.count)
            let name = Array(path.utf8)
            let crc = crc32(bytes)
            let header = le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc) + le32(UInt32(bytes.count))
                + le32(UInt32(bytes.count)) + le16(UInt16(name.count)) + le16(0)
            archive += le32(0x0403_4B50) + header + name + bytes
            central += le32(0x0201_4B50) + le16(20) + header + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let centralOffset = UInt32(archive.count)
        return archive + central + le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count))
            + le16(UInt16(entries.count)) + le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
    }

    private static let crcTable: [UInt32] = (0..<256).map { value in
        var crc = UInt32(value)
        for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        return crc
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> ($0 * 8)) & 0xFF) } }
}
