/// What a printed certificate (证书打印) shows, each placed by the catalog's layout.
public enum CertificateField: String, CaseIterable, Sendable, Codable {
    case name
    case sex
    case nationalId = "national_id"
    /// The occupation with its 工种, or the special-ability item.
    case occupation
    case level
    case number
    case issuedOn = "issued_on"
    /// The evaluation body that issued it.
    case body
    /// The QR code of the public verification address; its width is its side.
    case qr

    /// The fields a certificate cannot do without: its number, and the code that verifies it.
    public static let required: [CertificateField] = [.number, .qr]
}

/// Where one field sits on the bureau's certificate stock, in millimetres from the top left
/// corner of an A4 sheet, so that a bureau can fit its pre-printed paper by editing the catalog.
public struct CertificateFieldPlacement: Equatable, Hashable, Sendable, Codable {
    public var field: CertificateField
    /// Printed before the value (`姓名 Name`); empty for stock with the labels pre-printed.
    public var label: String
    public var xMillimetres: Double
    public var yMillimetres: Double
    /// The text's width (it wraps within it), or the QR code's side.
    public var widthMillimetres: Double
    /// Nil for the QR code.
    public var fontSizePoints: Double?

    public init(field: CertificateField, label: String = "", xMillimetres: Double, yMillimetres: Double,
                widthMillimetres: Double, fontSizePoints: Double?) {
        self.field = field
        self.label = label
        self.xMillimetres = xMillimetres
        self.yMillimetres = yMillimetres
        self.widthMillimetres = widthMillimetres
        self.fontSizePoints = fontSizePoints
    }
}

/// The sheet certificates are laid out on: A4 portrait, in millimetres.
public enum CertificateSheet {
    public static let width = 210.0
    public static let height = 297.0
    /// A QR code smaller than this is hard to scan from paper.
    public static let smallestQRSide = 15.0
    public static let fontSizes = 6.0...36.0
}
