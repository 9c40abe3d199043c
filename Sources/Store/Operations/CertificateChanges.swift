import GRDB
import Domain

/// The answer to "is this certificate real?", showing only what the national lookup shows.
public enum CertificateVerification: Sendable, Equatable {
    case valid(CertificateLine)
    case revoked(CertificateLine)
    /// No certificate has this number.
    case noSuchCertificate
    /// The number exists but not with this name or ID; who holds it is not said.
    case noMatch
}

/// Why a certificate is reissued (补发).
public enum ReissueReason: String, Sendable, CaseIterable {
    case lost
    case damaged

    public var chineseName: String { self == .lost ? "遗失" : "损毁" }
}

/// Which certificates a listing or roster covers; every filter given must hold.
public struct CertificateFilter: Sendable, Equatable {
    public var sessionId: Int64?
    /// The training institution whose trainees hold them.
    public var institutionId: Int64?
    /// Issued within these days.
    public var issued: DateRange?
    /// Of this occupation (any level unless `level` is given too).
    public var occupationCode: String?
    public var level: SkillLevel?
    /// Issued by this evaluation body.
    public var bodyId: Int64?
    public var status: CertificateStatus?

    public init(sessionId: Int64? = nil, institutionId: Int64? = nil, issued: DateRange? = nil, occupationCode: String? = nil,
                level: SkillLevel? = nil, bodyId: Int64? = nil, status: CertificateStatus? = nil) {
        self.sessionId = sessionId
        self.institutionId = institutionId
        self.issued = issued
        self.occupationCode = occupationCode
        self.level = level
        self.bodyId = bodyId
        self.status = status
    }
}

/// Whether a certificate stands or was revoked.
public enum CertificateStatus: String, Sendable, CaseIterable {
    case valid
    case revoked

    public var chineseName: String { self == .valid ? "有效" : "已撤销" }
    public var englishName: String { rawValue }
}

extension Store {
    /// Checks a number against the holder's name and/or national ID (at least one). A right
    /// number with a wrong name or ID is no match, without revealing the real holder. A number
    /// that no certificate could have (wrong length, a letter where a digit belongs, a level
    /// digit outside 1-5 …) is refused saying what is wrong; only a well-formed one can be
    /// "no such certificate".
    public func verifyCertificate(number: String, name: String?, nationalId: NationalID?, actor: User) throws(StoreError) -> CertificateVerification {
        try read { db in
            _ = try currentActor(db, actor)
            let name = name?.trimmingWhitespace()
            guard name?.isEmpty == false || nationalId != nil else {
                throw StoreError.invalid(FieldProblem(field: .holder, value: "", rule: Rejection(
                    "核验须提供持证人姓名或身份证号", "verification needs the holder's name or national ID")))
            }
            let key = try verifiableNumber(db, number).formatted
            guard let line = try certificateLines(db, where: "c.number = ?", arguments: [key]).first else { return .noSuchCertificate }
            if let name, !name.isEmpty, name != line.name { return .noMatch }
            if let nationalId, nationalId.value != line.nationalId { return .noMatch }
            return line.revokedOn == nil ? .valid(line) : .revoked(line)
        }
    }

    /// Revokes a certificate (bureau only), with a reason. The number is never given again.
    public func revokeCertificate(number: String, reason: String, actor: User) throws(StoreError) -> CertificateLine {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "cert revoke")
            let reason = try Store.requiredText(reason, field: .reason)
            let line = try certificate(db, number: number)
            guard line.revokedOn == nil else {
                throw StoreError.invalid(FieldProblem(field: .certificateNumber, value: line.number, rule: Rejection(
                    "该证书已于 \(line.revokedOn!) 撤销", "this certificate was revoked on \(line.revokedOn!)")))
            }
            try db.execute(sql: "UPDATE certificates SET revoked_on = ?, revocation_reason = ?, revoked_by = ? WHERE id = ?",
                           arguments: [clock.today.description, reason, actor.id, line.id])
            try audit(db, actor: actor, action: "cert.revoke", entity: "certificates", key: String(line.id),
                      before: ["number": line.number], after: ["revoked_on": clock.today.description], reason: reason)
            return try certificate(db, number: line.number)
        }
    }

    /// Records a reissue (补发) of a lost or damaged certificate, keeping its number (bureau only).
    public func reissueCertificate(number: String, reason: ReissueReason, note: String, actor: User) throws(StoreError) -> CertificateLine {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "cert reissue")
            let note = try Store.requiredText(note, field: .note)
            let line = try certificate(db, number: number)
            guard line.revokedOn == nil else {
                throw StoreError.invalid(FieldProblem(field: .certificateNumber, value: line.number, rule: Rejection(
                    "已撤销的证书不能补发", "a revoked certificate cannot be reissued")))
            }
            try db.execute(sql: """
                INSERT INTO certificate_reissues (certificate_id, reason, note, reissued_on, reissued_by) VALUES (?, ?, ?, ?, ?)
                """, arguments: [line.id, reason.rawValue, note, clock.today.description, actor.id])
            try audit(db, actor: actor, action: "cert.reissue", entity: "certificates", key: String(line.id),
                      after: ["number": line.number, "reason": reason.rawValue], reason: note)
            return try certificate(db, number: line.number)
        }
    }

    /// Certificates within the actor's scope: all for the bureau, those of its trainees for an institution.
    public func certificates(_ filter: CertificateFilter, actor: User, page: PageRequest = .all) throws(StoreError) -> Page<CertificateLine> {
        try read { db in
            let (condition, arguments) = try certificateCondition(filter, actor: try currentActor(db, actor))
            let lines = try certificateLines(db, where: condition, arguments: arguments, page: page)
            let total = page.size == nil ? lines.count
                : try Int.fetchOne(db, sql: "SELECT count(*) FROM certificates c WHERE \(condition)", arguments: arguments) ?? 0
            return Page(rows: lines, total: total, request: page)
        }
    }

    /// The same certificates as `certificates(_:actor:)`, handed to `body` one at a time in
    /// number order inside one read transaction, so that a city's million-line roster is never
    /// held in memory. An error `body` throws stops the read and is rethrown as it is.
    public func eachCertificate(_ filter: CertificateFilter, actor: User,
                                _ body: (CertificateLine) throws -> Void) throws {
        var stoppedBy: (any Error)?
        do {
            try read { db in
                let (condition, arguments) = try certificateCondition(filter, actor: try currentActor(db, actor))
                // The roster reads each page about once: the 128 MB cache an import needs would
                // only fill memory here, so this read uses SQLite's default 2 MB.
                try db.execute(sql: "PRAGMA cache_size = -2000")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(Store.pageCacheSize)") }
                var reader = try CertificateLineReader(db)
                try reader.each(db, where: condition, arguments: arguments) { line in
                    do { try body(line) } catch {
                        stoppedBy = error
                        throw CancellationError()
                    }
                }
            }
        } catch {
            throw stoppedBy ?? error
        }
    }

    /// The valid certificates for the national upload, whose IDs go out whole: a bureau action,
    /// read and recorded as a disclosure in one transaction. `reason`, when the user gave one
    /// (the web asks for it), is kept with the upload's own purpose.
    public func nationalUpload(_ filter: CertificateFilter, reason: String? = nil, actor: User) throws(StoreError) -> [CertificateLine] {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "cert upload")
            let lines = try certificateLines(db, filter, actor: actor).filter { $0.revokedOn == nil }
            if !lines.isEmpty {
                let purpose = "cert upload: national certificate lookup" + (reason.map { ": \($0)" } ?? "")
                try disclose(db, personIds: lines.map(\.personId), purpose: purpose, actor: actor)
            }
            return lines
        }
    }

    private func certificateLines(_ db: Database, _ filter: CertificateFilter, actor: User) throws -> [CertificateLine] {
        let (condition, arguments) = try certificateCondition(filter, actor: actor)
        return try certificateLines(db, where: condition, arguments: arguments)
    }

    /// The WHERE clause (over `c`) of the certificates `filter` picks out of the actor's scope.
    private func certificateCondition(_ filter: CertificateFilter, actor: User) throws -> (String, StatementArguments) {
        var conditions: [String] = ["1"]
        var arguments: StatementArguments = []
        switch actor.role {
        case .bureau: break
        case .institution:
            conditions.append("c.training_institution_id = ?")
            arguments += [actor.institutionId]
        case .examiner:
            throw StoreError.notPermitted(action: "cert list", reasonZh: "考评员不查看证书名册", reasonEn: "examiners do not list certificates")
        }
        if let session = filter.sessionId {
            conditions.append("c.session_id = ?")
            arguments += [session]
        }
        if let institution = filter.institutionId {
            conditions.append("c.training_institution_id = ?")
            arguments += [institution]
        }
        if let issued = filter.issued {
            conditions.append("c.issued_on BETWEEN ? AND ?")
            arguments += [issued.start.description, issued.end.description]
        }
        if let occupation = filter.occupationCode {
            conditions.append("c.occupation_code = ?")
            arguments += [occupation]
        }
        if let level = filter.level {
            conditions.append("c.level = ?")
            arguments += [level.code]
        }
        if let body = filter.bodyId {
            conditions.append("c.body_id = ?")
            arguments += [body]
        }
        switch filter.status {
        case .valid?: conditions.append("c.revoked_on IS NULL")
        case .revoked?: conditions.append("c.revoked_on IS NOT NULL")
        case nil: break
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    func certificate(_ db: Database, number: String) throws -> CertificateLine {
        let key = number.trimmingWhitespace().uppercased()
        guard let line = try certificateLines(db, where: "c.number = ?", arguments: [key]).first else {
            throw StoreError.notFound(kind: "证书", key: key)
        }
        return line
    }
}

extension Store {
    /// `number` read by the national rules or the catalog's special-ability pattern; refused as
    /// an invalid `number` saying what is wrong with it.
    func verifiableNumber(_ db: Database, _ number: String) throws -> VerifiableCertificateNumber {
        let catalog = try Catalog.fetch(db)
        do {
            return try VerifiableCertificateNumber.parse(number, specialAbilityPattern: catalog.specialAbilityNumberPattern,
                                                         itemCodes: Set(catalog.specialAbilities.map(\.code)))
        } catch {
            throw StoreError.invalid(FieldProblem(field: .certificateNumber, value: number.trimmingWhitespace(), rule: error))
        }
    }
}
