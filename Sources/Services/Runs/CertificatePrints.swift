import Foundation
import Domain
import Printing
import Store

extension CertificateReports {
    /// Prints the certificates of `batch` (证书打印) as one PDF laid out by the catalog's layout of
    /// the bureau's stock, each with a QR code of its public verification address under
    /// `address`. The print is recorded in the audit trail once the file is written; a file that
    /// cannot be recorded is removed. IDs masked unless asked for whole with a reason, which is
    /// then recorded.
    public func printCertificates(actor: User, batch: CertificatePrintBatch, address: PublicAddress = .local,
                                  disclosure: Disclosure = .masked, to destination: ReportDestination) throws -> PrintedPDF {
        let shown = try disclosure.checked()
        let run = try store.certificatesToPrint(batch, actor: actor)
        try shown.record(run.certificates.map(\.personId), in: store, actor: actor)
        let catalog = try store.catalog()
        let certificates = run.certificates.map { line in
            let (occupation, level) = ExamReports.occupationAndLevel(line.target, catalog)
            let values: [CertificateField: String] = [
                .name: line.name,
                .sex: Sex(rawValue: line.sex)?.chineseName ?? line.sex,
                .nationalId: shown.unmasked ? line.nationalId : Masking.nationalID(line.nationalId),
                .occupation: occupation + (line.subTrade.map { "（\($0)）" } ?? ""),
                .level: level,
                .number: line.number,
                .issuedOn: line.issuedOn,
                .body: line.bodyName,
            ]
            return PrintedCertificate(values: values, verificationURL: address.certificateVerification(line.number))
        }
        let url = try destination()
        try CertificatePDF.write(certificates, layout: run.layout, title: "证书打印 Certificates \(batch.title)", to: url)
        do {
            try store.recordCertificatePrint(run.certificates, batch: batch, actor: actor)
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        return PrintedPDF(file: url, pages: certificates.count)
    }
}

private extension CertificatePrintBatch {
    var title: String {
        switch self {
        case .session(let id): "考试场次 \(id)"
        case .number(let number): number
        }
    }
}
