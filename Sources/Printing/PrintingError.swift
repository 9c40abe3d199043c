import Domain

/// Why a PDF could not be written.
public enum PrintingError: BilingualError, Equatable {
    /// cairo could not create or finish the file (a folder that does not exist, a full disk …).
    case cannotWrite(path: String, detail: String)
    /// The text is too long for a QR code (more than about 2,300 bytes at level M).
    case qrTooLong(text: String)

    public var chinese: String {
        switch self {
        case .cannotWrite(let path, let detail): "无法写出 PDF 文件 \(path)：\(detail)"
        case .qrTooLong(let text): "二维码内容过长，无法编码：\(text.prefix(60))…"
        }
    }

    public var english: String {
        switch self {
        case .cannotWrite(let path, let detail): "cannot write the PDF file \(path): \(detail)"
        case .qrTooLong(let text): "the text is too long for a QR code: \(text.prefix(60))…"
        }
    }
}
