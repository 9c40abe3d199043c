import GRDB
import Domain

/// Which certificates one print run (证书打印) prints: a session's issue, or one certificate
/// (a reissue, a spoilt sheet printed again).
public enum CertificatePrintBatch: Sendable, Equatable {
    case session(id: Int64)
    case number(String)

    /// What the audit trail calls the batch: `session 12`, `number 44…`.
    var auditName: String {
        switch self {
        case .session(let id): "session \(id)"
        case .number(let number): "number \(number)"
        }
    }
}

/// What a print run lays out: the certificates still valid in the batch, in number order, and
/// the catalog's layout of the bureau's stock.
public struct CertificatePrintRun: Sendable, Equatable {
    public let certificates: [CertificateLine]
    public let layout: [CertificateFieldPlacement]
}

extension Store {
    /// The certificates of `batch` to print, with the catalog's layout (bureau only: the bureau
    /// holds the certificate stock). Revoked certificates are not printed. An empty batch, an
    /// unknown number and a catalog without a layout are refused, saying which.
    public func certificatesToPrint(_ batch: CertificatePrintBatch, actor: User) throws(StoreError) -> CertificatePrintRun {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "cert print")
            let layout = try Catalog.fetch(db).certificateLayout
            guard !layout.isEmpty else {
                throw StoreError.conflict(
                    reasonZh: "数据库中的目录没有证书版式（certificate_layout.csv）：请先同步目录",
                    reasonEn: "the database's catalog has no certificate layout (certificate_layout.csv): sync the catalog first")
            }
            let lines: [CertificateLine]
            switch batch {
            case .session(let id):
                guard try ExamSession.fetchOne(db, key: id) != nil else { throw StoreError.notFound(kind: "考试场次 exam session", key: String(id)) }
                lines = try certificateLines(db, where: "c.session_id = ? AND c.revoked_on IS NULL", arguments: [id])
                guard !lines.isEmpty else {
                    throw StoreError.notFound(kind: "场次 \(id) 的有效证书 valid certificates of session \(id)", key: String(id))
                }
            case .number(let text):
                let number = try verifiableNumber(db, text).formatted
                guard let line = try certificateLines(db, where: "c.number = ?", arguments: [number]).first else {
                    throw StoreError.notFound(kind: "证书 certificate", key: number)
                }
                guard line.revokedOn == nil else {
                    throw StoreError.conflict(reasonZh: "证书 \(number) 已于 \(line.revokedOn ?? "") 撤销，不能打印",
                                              reasonEn: "certificate \(number) was revoked on \(line.revokedOn ?? "") and is not printed")
                }
                lines = [line]
            }
            return CertificatePrintRun(certificates: lines, layout: layout)
        }
    }

    /// Records that `certificates` were printed in `batch`: one audit event per certificate, so
    /// that each sheet of controlled stock can be traced to who printed it and when.
    public func recordCertificatePrint(_ certificates: [CertificateLine], batch: CertificatePrintBatch, actor: User) throws(StoreError) {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "cert print")
            for line in certificates {
                try audit(db, actor: actor, action: "cert.print", entity: "certificates", key: String(line.id),
                          after: ["number": line.number, "batch": batch.auditName, "pages": String(certificates.count)])
            }
        }
    }
}
