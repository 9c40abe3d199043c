/// How large the parts of an .xlsx may be once inflated, so that a zip bomb (a few kilobytes that
/// inflate to gigabytes) is refused instead of filling memory or the disk.
///
/// A part is refused as soon as its declared size is over the limit, and otherwise while it is
/// being inflated, the moment more bytes come out than the limit allows: the declared size is
/// the archive's word and a crafted archive lies.
public struct XLSXReadLimits: Hashable, Sendable {
    /// A sheet part, streamed through a temporary file. A full Excel sheet (1,048,576 rows) of a
    /// 13-column list is about 0.8 GB of XML, so 1 GiB admits any real list.
    public var sheetPartBytes: UInt64
    /// Every other part (workbook, relationships, shared strings, styles), parsed in memory. The
    /// shared strings of a million-row list are some tens of megabytes.
    public var partBytes: UInt64

    public init(sheetPartBytes: UInt64, partBytes: UInt64) {
        self.sheetPartBytes = sheetPartBytes
        self.partBytes = partBytes
    }

    public static let standard = XLSXReadLimits(sheetPartBytes: 1 << 30, partBytes: 256 << 20)
}
