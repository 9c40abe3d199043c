import GRDB
import Domain

/// A certificate as listings and exports show it; personal data whole (reports mask it).
public struct CertificateLine: Sendable, Equatable {
    public let id: Int64
    public let number: String
    public let personId: Int64
    public let name: String
    public let sex: String
    public let nationalId: String
    public let target: CertificationTarget
    /// `中式烹调师 五级/初级工` or `广东烧味制作（专项职业能力）`.
    public let targetName: String
    public let occupationCode: String?
    public let occupationName: String?
    /// The 工种 certified (the session's), when the occupation has sub-trades.
    public let subTrade: String?
    public let level: SkillLevel?
    public let issuedOn: String
    public let bodyName: String
    public let sessionId: Int64?
    public let trainingInstitutionName: String?
    public let revokedOn: String?
    public let revocationReason: String?
    public let reissues: Int
}

/// What one issuance did.
public struct IssuanceResult: Sendable, Equatable {
    public let issued: [CertificateLine]
    /// Passed candidates who already hold a live certificate for the target.
    public let alreadyCertified: Int
    /// Passed candidates whose certificate from this session was revoked: issuing does not undo that.
    public let revoked: Int
}

extension Store {
    /// Issues a certificate to every passed candidate of a locked session who holds none yet for
    /// its occupation and level (or item) and has not had one of this session revoked; bureau only. Serials are taken per body, year and level
    /// inside the transaction and never given twice. Issuing again issues nothing twice. A
    /// `preview` works out the same certificates and numbers and keeps none of them.
    public func issueCertificates(sessionId: Int64, preview: Bool = false, actor: User) throws(StoreError) -> IssuanceResult {
        try write { db in
            var result: IssuanceResult?
            try db.inSavepoint {
                result = try issue(db, sessionId: sessionId, actor: actor)
                return preview ? .rollback : .commit
            }
            return result!
        }
    }

    private func issue(_ db: Database, sessionId: Int64, actor: User) throws -> IssuanceResult {
        let actor = try currentActor(db, actor)
        try requireBureau(actor, to: "cert issue")
        let session = try lockedSession(db, id: sessionId)
        guard let body = try Institution.fetchOne(db, key: session.bodyId), let issuer = body.certificateIssuer else {
            throw StoreError.invalid(FieldProblem(field: .body, value: String(session.bodyId), rule: Rejection(
                "评价机构缺少证书编号所需的机构代码、省份或站点序号", "the evaluation body lacks the code, province or site its numbers need")))
        }
        let catalog = try Catalog.fetch(db)
        let today = clock.today
        var issuedIds: [Int64] = []
        var already = 0, revoked = 0
        for candidate in try sessionResultsInside(db, session: session).candidates where candidate.passed {
            if try liveCertificate(db, personId: candidate.personId, target: session.target) != nil {
                already += 1
                continue
            }
            // A certificate of this registration that was revoked stays revoked: issuing again
            // does not undo a revocation.
            if try Int.fetchOne(db, cached: "SELECT 1 FROM certificates WHERE registration_id = ?", arguments: [candidate.registrationId]) != nil {
                revoked += 1
                continue
            }
            let number = try nextNumber(db, issuer: issuer, bodyId: body.id!, target: session.target, year: today.year, catalog: catalog)
            let registration = try ExamRegistration.fetchOne(db, cached: "SELECT * FROM exam_registrations WHERE id = ?",
                                                             arguments: [candidate.registrationId])!
            let cohortId = try trainingCohortId(db, registration: registration)
            let institutionId = try cohortId.flatMap { try Int64.fetchOne(db, cached: "SELECT institution_id FROM cohorts WHERE id = ?", arguments: [$0]) }
            try db.execute(cached: """
                INSERT INTO certificates (number, person_id, occupation_code, level, special_ability_code, body_id, session_id,
                    issued_on, created_at, registration_id, cohort_id, training_institution_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [number, candidate.personId, session.occupationCode, session.level, session.specialAbilityCode,
                                 body.id, sessionId, today.description, clock.timestamp(), registration.id, cohortId, institutionId])
            let id = db.lastInsertedRowID
            issuedIds.append(id)
            try audit(db, actor: actor, action: "cert.issue", entity: "certificates", key: String(id),
                      after: ["number": number, "ticket": candidate.ticketNumber])
        }
        return IssuanceResult(issued: try certificateLines(db, where: issuedIds.isEmpty ? "0" : "c.id IN (\(issuedIds.map(String.init).joined(separator: ",")))"),
                              alreadyCertified: already, revoked: revoked)
    }

    /// The next number for the body, year and level (or item), taking its serial.
    private func nextNumber(_ db: Database, issuer: CertificateIssuer, bodyId: Int64, target: CertificationTarget, year: Int,
                            catalog: Catalog) throws -> String {
        let series: String
        let maximum: Int
        switch target {
        case .occupation(_, let level):
            series = level.code
            maximum = 999_999
        case .specialAbility:
            series = "special-ability"
            maximum = catalog.specialAbilityNumberPattern.maximumSerial
        }
        let last = try Int.fetchOne(db, cached: "SELECT last_serial FROM certificate_serials WHERE body_id = ? AND year = ? AND series = ?",
                                    arguments: [bodyId, year, series]) ?? 0
        guard last < maximum else {
            throw StoreError.rulesBroken(
                whatZh: "无法发证", whatEn: "cannot issue certificates",
                rules: [Rejection("\(issuer.prefix) \(year) 年\(series == "special-ability" ? "专项职业能力" : "\(series) 级")证书的流水号已用完（最大 \(maximum)）",
                                  "the serials of \(issuer.prefix) for \(year), \(series == "special-ability" ? "special-ability items" : "level \(series)") are used up (the largest is \(maximum))")])
        }
        let serial = last + 1
        try db.execute(cached: """
            INSERT INTO certificate_serials (body_id, year, series, last_serial) VALUES (?, ?, ?, ?)
            ON CONFLICT (body_id, year, series) DO UPDATE SET last_serial = excluded.last_serial
            """, arguments: [bodyId, year, series, serial])
        switch target {
        case .occupation(_, let level):
            return try CertificateNumber(bodyKind: issuer.bodyKind, bodyCode: issuer.bodyCode, provinceCode: issuer.provinceCode,
                                         siteSequence: issuer.siteSequence, year: year, level: level, serial: serial).description
        case .specialAbility(let code):
            return catalog.specialAbilityNumberPattern.number(issuer: issuer, year: year, itemCode: code, serial: serial)
        }
    }

    /// The cohort that trained the candidate: the registration's, or for a retake the one of
    /// the registration it retakes.
    private func trainingCohortId(_ db: Database, registration: ExamRegistration) throws -> Int64? {
        if let cohortId = registration.cohortId { return cohortId }
        guard let earlier = registration.retakeOf, let retaken = try ExamRegistration.fetchOne(db, key: earlier) else { return nil }
        return try trainingCohortId(db, registration: retaken)
    }

    func liveCertificate(_ db: Database, personId: Int64, target: CertificationTarget) throws -> Int64? {
        switch target {
        case .occupation(let code, let level):
            try Int64.fetchOne(db, cached: """
                SELECT id FROM certificates WHERE person_id = ? AND occupation_code = ? AND level = ? AND revoked_on IS NULL
                """, arguments: [personId, code, level.code])
        case .specialAbility(let code):
            try Int64.fetchOne(db, cached: """
                SELECT id FROM certificates WHERE person_id = ? AND special_ability_code = ? AND revoked_on IS NULL
                """, arguments: [personId, code])
        }
    }

    /// Certificates matching `condition` (over `c`, the certificates), in number order.
    func certificateLines(_ db: Database, where condition: String, arguments: StatementArguments = [],
                          page: PageRequest = .all) throws -> [CertificateLine] {
        var lines: [CertificateLine] = []
        var reader = try CertificateLineReader(db)
        try reader.each(db, where: condition, arguments: arguments, page: page) { lines.append($0) }
        return lines
    }
}
