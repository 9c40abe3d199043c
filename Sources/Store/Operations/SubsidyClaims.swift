import GRDB
import Domain

/// One certificate on a claim sheet, with the subsidy it earns.
public struct ClaimLine: Sendable, Equatable {
    public let certificate: CertificateLine
    public let amount: Money
    /// The last day it may be claimed.
    public let claimableUntil: String
}

/// A certificate of the period left off the claim, and why.
public struct UnclaimableCertificate: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case alreadyClaimed(claimId: Int64)
        /// Issued longer ago than the catalog's window allows.
        case expired(claimableUntil: String)
        case revoked
        /// The catalog has no rate for its occupation and level (special-ability items among them).
        case noRate
    }

    public let certificate: CertificateLine
    public let reason: Reason
}

/// A claim sheet (以证定补): the institution, the period, what is claimed and what is left off.
public struct SubsidyClaim: Sendable, Equatable {
    /// Nil for a preview that was not recorded.
    public let id: Int64?
    public let institution: Institution
    public let period: DateRange
    public let claimedOn: String
    public let lines: [ClaimLine]
    public let leftOff: [UnclaimableCertificate]

    public var total: Money { Money(fen: lines.reduce(0) { $0 + $1.amount.fen }) }
}

extension Store {
    /// The training subsidies an institution may claim for certificates its trainees obtained in
    /// `period`: at the catalog's rate for occupation and level, within the catalog's window after
    /// issue, never twice. `record` stores the claim, so that those certificates are not claimed
    /// again; otherwise it is a preview. Bureau users for any institution; an institution for itself.
    public func subsidyClaim(institutionId: Int64, period: DateRange, record: Bool, actor: User) throws(StoreError) -> SubsidyClaim {
        try write { db in
            let actor = try currentActor(db, actor)
            guard actor.role != .examiner else {
                throw StoreError.notPermitted(action: "cert claims", reasonZh: "考评员不申领补贴", reasonEn: "examiners do not claim subsidies")
            }
            try requireVisible(actor, institutionId: institutionId, orNotFound: "机构", key: String(institutionId))
            guard let institution = try Institution.fetchOne(db, key: institutionId) else {
                throw StoreError.notFound(kind: "机构", key: String(institutionId))
            }
            let catalog = try Catalog.fetch(db)
            let window = catalog.integerSetting(.subsidyClaimWindowMonths)
            let today = clock.today
            var lines: [ClaimLine] = []
            var leftOff: [UnclaimableCertificate] = []
            for certificate in try certificateLines(db, where: "c.training_institution_id = ? AND c.issued_on BETWEEN ? AND ?",
                                                    arguments: [institutionId, period.start.description, period.end.description]) {
                let until = try certificate.issuedDay.adding(months: window)
                if let claim = try Int64.fetchOne(db, sql: "SELECT claim_id FROM subsidy_claim_lines WHERE certificate_id = ?",
                                                  arguments: [certificate.id]) {
                    leftOff.append(UnclaimableCertificate(certificate: certificate, reason: .alreadyClaimed(claimId: claim)))
                } else if certificate.revokedOn != nil {
                    leftOff.append(UnclaimableCertificate(certificate: certificate, reason: .revoked))
                } else if today > until {
                    leftOff.append(UnclaimableCertificate(certificate: certificate, reason: .expired(claimableUntil: until.description)))
                } else if case .occupation(let code, let level) = certificate.target, let rate = catalog.trainingSubsidy(occupationCode: code, level: level) {
                    lines.append(ClaimLine(certificate: certificate, amount: rate, claimableUntil: until.description))
                } else {
                    leftOff.append(UnclaimableCertificate(certificate: certificate, reason: .noRate))
                }
            }
            var id: Int64?
            if record {
                guard !lines.isEmpty else {
                    throw StoreError.invalid(FieldProblem(field: .period, value: period.description, rule: Rejection(
                        "该期间没有可申领补贴的证书", "no certificate of this period can be claimed")))
                }
                let total = lines.reduce(0) { $0 + $1.amount.fen }
                try db.execute(sql: """
                    INSERT INTO subsidy_claims (institution_id, period_start, period_end, claimed_on, total_fen, claimed_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [institutionId, period.start.description, period.end.description, today.description, total, actor.id])
                id = db.lastInsertedRowID
                for line in lines {
                    try db.execute(sql: "INSERT INTO subsidy_claim_lines (claim_id, certificate_id, amount_fen) VALUES (?, ?, ?)",
                                   arguments: [id, line.certificate.id, line.amount.fen])
                }
                try audit(db, actor: actor, action: "cert.claim", entity: "subsidy_claims", key: String(id!),
                          after: ["institution_id": String(institutionId), "period": period.description,
                                  "certificates": String(lines.count), "total_fen": String(total)])
            }
            return SubsidyClaim(id: id, institution: institution, period: period, claimedOn: today.description, lines: lines, leftOff: leftOff)
        }
    }
}
