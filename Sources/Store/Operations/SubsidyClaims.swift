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
            let today = clock.today
            var lines: [ClaimLine] = []
            var leftOff: [UnclaimableCertificate] = []
            for (_, standing) in try claimStandings(db, institutionId: institutionId, period: period, today: today) {
                switch standing {
                case .claimable(let line): lines.append(line)
                case .leftOff(let left): leftOff.append(left)
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

/// Where one certificate of a claim's period stands: claimable, or left off with its reason.
enum ClaimStanding {
    case claimable(ClaimLine)
    case leftOff(UnclaimableCertificate)
}

/// A recorded claim as a list shows it.
public struct RecordedClaimSummary: Sendable, Equatable {
    public let id: Int64
    public let institutionName: String
    public let period: DateRange
    public let claimedOn: String
    public let certificates: Int
    public let total: Money
}

extension Store {
    /// Each certificate of `institutionId`'s trainees issued in `period`, with where it stands on
    /// `today`: at the catalog's rate for occupation and level, within the catalog's window after
    /// issue, never twice.
    func claimStandings(_ db: Database, institutionId: Int64, period: DateRange,
                        today: CivilDate) throws -> [(CertificateLine, ClaimStanding)] {
        let catalog = try Catalog.fetch(db)
        let window = catalog.integerSetting(.subsidyClaimWindowMonths)
        return try certificateLines(db, where: "c.training_institution_id = ? AND c.issued_on BETWEEN ? AND ?",
                                    arguments: [institutionId, period.start.description, period.end.description]).map { certificate in
            let until = try certificate.issuedDay.adding(months: window)
            let standing: ClaimStanding
            if let claim = try Int64.fetchOne(db, sql: "SELECT claim_id FROM subsidy_claim_lines WHERE certificate_id = ?",
                                              arguments: [certificate.id]) {
                standing = .leftOff(UnclaimableCertificate(certificate: certificate, reason: .alreadyClaimed(claimId: claim)))
            } else if certificate.revokedOn != nil {
                standing = .leftOff(UnclaimableCertificate(certificate: certificate, reason: .revoked))
            } else if today > until {
                standing = .leftOff(UnclaimableCertificate(certificate: certificate, reason: .expired(claimableUntil: until.description)))
            } else if case .occupation(let code, let level) = certificate.target, let rate = catalog.trainingSubsidy(occupationCode: code, level: level) {
                standing = .claimable(ClaimLine(certificate: certificate, amount: rate, claimableUntil: until.description))
            } else {
                standing = .leftOff(UnclaimableCertificate(certificate: certificate, reason: .noRate))
            }
            return (certificate, standing)
        }
    }

    /// The recorded claims in the actor's scope (an institution's own, every one for the bureau), newest first.
    public func recordedSubsidyClaims(actor: User) throws(StoreError) -> [RecordedClaimSummary] {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireClaimViewer(actor)
            var condition = "1"
            var arguments: StatementArguments = []
            if let institutionId = actor.institutionId {
                condition = "s.institution_id = ?"
                arguments = [institutionId]
            }
            return try Row.fetchAll(db, sql: """
                SELECT s.*, i.name AS institution_name,
                       (SELECT count(*) FROM subsidy_claim_lines l WHERE l.claim_id = s.id) AS n_certificates
                FROM subsidy_claims s JOIN institutions i ON i.id = s.institution_id
                WHERE \(condition) ORDER BY s.id DESC
                """, arguments: arguments).map { row in
                RecordedClaimSummary(id: row["id"], institutionName: row["institution_name"],
                                     period: try Store.claimPeriod(row), claimedOn: row["claimed_on"],
                                     certificates: row["n_certificates"], total: Money(fen: row["total_fen"]))
            }
        }
    }

    /// A recorded claim as it was recorded: its certificates at the amounts claimed; left off,
    /// the period's other certificates that cannot be claimed, with today's reason (a certificate
    /// of the period still claimable is on neither sheet: it belongs to a claim still to come).
    /// Another institution's claim is not found.
    public func recordedSubsidyClaim(id: Int64, actor: User) throws(StoreError) -> SubsidyClaim {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireClaimViewer(actor)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM subsidy_claims WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(kind: "补贴申领", key: String(id))
            }
            let institutionId: Int64 = row["institution_id"]
            try requireVisible(actor, institutionId: institutionId, orNotFound: "补贴申领", key: String(id))
            let institution = try Institution.fetchOne(db, key: institutionId)!
            let period = try Store.claimPeriod(row)
            let amounts = try Dictionary(uniqueKeysWithValues: Row.fetchAll(
                db, sql: "SELECT certificate_id, amount_fen FROM subsidy_claim_lines WHERE claim_id = ?", arguments: [id]
            ).map { (($0["certificate_id"] as Int64), Money(fen: $0["amount_fen"])) })
            let window = try Catalog.fetch(db).integerSetting(.subsidyClaimWindowMonths)
            var lines: [ClaimLine] = []
            var leftOff: [UnclaimableCertificate] = []
            for (certificate, standing) in try claimStandings(db, institutionId: institutionId, period: period, today: clock.today) {
                if let amount = amounts[certificate.id] {
                    lines.append(ClaimLine(certificate: certificate, amount: amount,
                                           claimableUntil: try certificate.issuedDay.adding(months: window).description))
                } else if case .leftOff(let left) = standing {
                    leftOff.append(left)
                }
            }
            return SubsidyClaim(id: id, institution: institution, period: period, claimedOn: row["claimed_on"], lines: lines, leftOff: leftOff)
        }
    }

    private func requireClaimViewer(_ actor: User) throws {
        guard actor.role != .examiner else {
            throw StoreError.notPermitted(action: "cert claims", reasonZh: "考评员不申领补贴", reasonEn: "examiners do not claim subsidies")
        }
    }

    private static func claimPeriod(_ row: Row) throws -> DateRange {
        guard let start = try? CivilDate.parse(row["period_start"] as String), let end = try? CivilDate.parse(row["period_end"] as String),
              let range = DateRange(start: start, end: end) else {
            throw StoreError.notFound(kind: "补贴申领", key: String(row["id"] as Int64))
        }
        return range
    }
}
