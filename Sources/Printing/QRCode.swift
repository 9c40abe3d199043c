import CQREncode

/// A QR code as a square of dark and light modules, from libqrencode (error correction level M,
/// which survives a smudged or creased print of a small code).
public struct QRCode: Sendable, Equatable {
    /// Modules per side.
    public let size: Int
    /// Row by row, `true` for a dark module.
    public let modules: [Bool]

    public init(_ text: String) throws(PrintingError) {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { throw .qrTooLong(text: text) }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
        modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
        size = width
    }

    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }
}
