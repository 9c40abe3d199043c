import Foundation
import Domain

/// One certificate's values as they are to be printed (the national ID already masked, or whole
/// for a recorded reason), and the public verification address its QR code holds.
public struct PrintedCertificate: Sendable, Equatable {
    public let values: [CertificateField: String]
    public let verificationURL: String

    public init(values: [CertificateField: String], verificationURL: String) {
        self.values = values
        self.verificationURL = verificationURL
    }
}

/// Certificates as a PDF for the bureau's certificate stock, one A4 page per certificate, every
/// field where the catalog's layout puts it: the sheet fed into the printer comes out with each
/// value on its pre-printed line.
public enum CertificatePDF {
    public static func write(_ certificates: [PrintedCertificate], layout: [CertificateFieldPlacement], title: String,
                             to url: URL) throws(PrintingError) {
        let canvas = try PDFCanvas(url: url, title: title)
        for (index, certificate) in certificates.enumerated() {
            if index > 0 { canvas.nextPage() }
            for placement in layout {
                if placement.field == .qr {
                    canvas.qrCode(try QRCode(certificate.verificationURL), x: placement.xMillimetres, y: placement.yMillimetres,
                                  side: placement.widthMillimetres)
                } else if let value = certificate.values[placement.field] {
                    canvas.text(placement.label + value, x: placement.xMillimetres, y: placement.yMillimetres,
                                width: placement.widthMillimetres, size: placement.fontSizePoints ?? 12, font: .serif)
                }
            }
        }
        try canvas.finish()
    }
}
