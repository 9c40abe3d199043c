import GRDB
import Domain

/// An institution to register. Identifiers arrive already parsed by Domain: a credit code that
/// failed its rules, or an evaluation body's number parts that did, cannot be handed in.
public struct NewInstitution: Sendable {
    public var name: String
    public var kind: InstitutionKind
    /// The parsed code; its first warning (an early pilot code failing its check) is kept with it.
    public var creditCode: CreditCodeParse?
    public var district: String
    public var contactPerson: String?
    public var contactPhone: String?
    public var address: String?
    /// An evaluation body's certificate-number parts (required for one, ignored for the others).
    public var issuer: CertificateIssuer?

    public init(name: String, kind: InstitutionKind, creditCode: CreditCodeParse? = nil, district: String,
                contactPerson: String? = nil, contactPhone: String? = nil, address: String? = nil, issuer: CertificateIssuer? = nil) {
        self.name = name
        self.kind = kind
        self.creditCode = creditCode
        self.district = district
        self.contactPerson = contactPerson
        self.contactPhone = contactPhone
        self.address = address
        self.issuer = issuer
    }
}

/// Changes to an institution; nil leaves a field as it is.
public struct InstitutionChanges: Sendable {
    public var name: String?
    public var district: String?
    public var creditCode: CreditCodeParse?
    public var contactPerson: String?
    public var contactPhone: String?
    public var address: String?

    public init(name: String? = nil, district: String? = nil, creditCode: CreditCodeParse? = nil,
                contactPerson: String? = nil, contactPhone: String? = nil, address: String? = nil) {
        self.name = name
        self.district = district
        self.creditCode = creditCode
        self.contactPerson = contactPerson
        self.contactPhone = contactPhone
        self.address = address
    }

    /// Identity fields only the bureau may change; an institution keeps its own contact details.
    var touchesIdentity: Bool { name != nil || district != nil || creditCode != nil }
}

/// Which institutions a listing shows; nil shows all.
public struct InstitutionFilter: Sendable, Equatable {
    public var kind: InstitutionKind?
    /// A district's name, as the catalog gives it.
    public var district: String?
    /// Part of the name, as typed in a search box.
    public var nameContaining: String?

    public init(kind: InstitutionKind? = nil, district: String? = nil, nameContaining: String? = nil) {
        self.kind = kind
        self.district = district
        self.nameContaining = nameContaining
    }
}

extension Store {
    /// Registers an institution or evaluation body. Bureau only.
    public func addInstitution(_ new: NewInstitution, actor: User) throws(StoreError) -> Institution {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "institution add")
            // Both refusals at once: a form shows each beside its field.
            let (name, _) = try Store.bothChecked({ () throws -> String in try Store.requiredText(new.name, field: .institutionName) },
                                                  { () throws -> Void in try Store.checkDistrict(db, new.district) })
            try Store.checkUnique(db, name: name, creditCode: new.creditCode?.code.value, except: nil)
            let issuer = new.kind == .evaluation ? new.issuer : nil
            if new.kind == .evaluation && issuer == nil {
                throw StoreError.invalid(FieldProblem(field: .bodyCode, value: "", rule: Rejection(
                    "评价机构必须提供机构类别（Y/S）、机构代码、省份代码和站点序号",
                    "an evaluation body needs its body kind (Y/S), body code, province code and site sequence")))
            }
            var institution = Institution(
                id: nil, name: name, kind: new.kind, creditCode: new.creditCode?.code.value,
                creditCodeWarning: new.creditCode?.warnings.first?.english,
                district: new.district, contactPerson: new.contactPerson, contactPhone: new.contactPhone, address: new.address,
                bodyKind: issuer?.bodyKind.rawValue, bodyCode: issuer?.bodyCode,
                provinceCode: issuer?.provinceCode, siteSequence: issuer?.siteSequence,
                createdAt: clock.timestamp())
            try institution.insert(db)
            try audit(db, actor: actor, action: "institution.create", entity: "institutions",
                      key: String(institution.id!), after: institution)
            return institution
        }
    }

    /// Changes an institution. The bureau changes any field of any institution; an
    /// institution's own users change only its contact details.
    public func updateInstitution(id: Int64, _ changes: InstitutionChanges, actor: User) throws(StoreError) -> Institution {
        try write { db in
            let actor = try currentActor(db, actor)
            guard actor.role != .examiner else {
                throw StoreError.notPermitted(action: "institution update", reasonZh: "考评员不能修改机构信息",
                                              reasonEn: "examiners cannot change institutions")
            }
            try requireVisible(actor, institutionId: id, orNotFound: "机构", key: String(id))
            if changes.touchesIdentity { try requireBureau(actor, to: "institution update (name, district, credit code)") }
            guard var institution = try Institution.fetchOne(db, key: id) else {
                throw StoreError.notFound(kind: "机构", key: String(id))
            }
            let before = institution
            let (name, _) = try Store.bothChecked({ () throws -> String? in
                try changes.name.map { name throws in try Store.requiredText(name, field: .institutionName) }
            }, { () throws -> Void in
                if let district = changes.district { try Store.checkDistrict(db, district) }
            })
            if let name { institution.name = name }
            if let district = changes.district { institution.district = district }
            if let parsed = changes.creditCode {
                institution.creditCode = parsed.code.value
                institution.creditCodeWarning = parsed.warnings.first?.english
            }
            // An emptied field is cleared: nothing on record rather than an empty text.
            if let value = changes.contactPerson { institution.contactPerson = value.isEmpty ? nil : value }
            if let value = changes.contactPhone { institution.contactPhone = value.isEmpty ? nil : value }
            if let value = changes.address { institution.address = value.isEmpty ? nil : value }
            try Store.checkUnique(db, name: institution.name, creditCode: institution.creditCode, except: id)
            guard institution != before else { return institution }
            try institution.update(db)
            try audit(db, actor: actor, action: "institution.update", entity: "institutions", key: String(id),
                      before: before, after: institution)
            return institution
        }
    }

    /// Bureau users see every institution; the others their own.
    public func institutions(actor: User, kind: InstitutionKind? = nil, page: PageRequest = .all) throws(StoreError) -> Page<Institution> {
        try institutions(actor: actor, filter: InstitutionFilter(kind: kind), page: page)
    }

    /// The institutions `actor` may see that `filter` lets through, in the order they were added.
    public func institutions(actor: User, filter: InstitutionFilter, page: PageRequest = .all) throws(StoreError) -> Page<Institution> {
        try read { db in
            let actor = try currentActor(db, actor)
            var request = Institution.order(Column("id"))
            if let kind = filter.kind { request = request.filter(Column("kind") == kind.rawValue) }
            if let district = filter.district { request = request.filter(Column("district") == district) }
            if let pattern = Store.containsPattern(filter.nameContaining) {
                request = request.filter(sql: "name LIKE ? ESCAPE '\\'", arguments: [pattern])
            }
            if actor.role != .bureau { request = request.filter(Column("id") == actor.institutionId) }
            return try fetchPage(db, request, page)
        }
    }

    /// The catalog's districts (镇街), in the catalog's order: what an institution's district is
    /// chosen from. The catalog is no secret: anyone signed in may read it.
    public func districts() throws(StoreError) -> [District] {
        try read { db in try Store.districts(db) }
    }

    static func districts(_ db: Database) throws -> [District] {
        try Row.fetchAll(db, sql: "SELECT name, kind, city FROM catalog_districts ORDER BY rowid")
            .map { District(name: $0["name"], kind: $0["kind"], city: $0["city"]) }
    }

    /// One institution by id or exact name, within the actor's scope.
    public func institution(_ idOrName: String, actor: User) throws(StoreError) -> Institution {
        try read { db in
            let actor = try currentActor(db, actor)
            let found: Institution?
            if let id = Int64(idOrName) {
                found = try Institution.fetchOne(db, key: id)
            } else {
                found = try Institution.filter(Column("name") == idOrName).fetchOne(db)
            }
            guard let institution = found else { throw StoreError.notFound(kind: "机构", key: idOrName) }
            try requireVisible(actor, institutionId: institution.id!, orNotFound: "机构", key: idOrName)
            return institution
        }
    }

    static func checkDistrict(_ db: Database, _ district: String) throws {
        guard try String.fetchOne(db, sql: "SELECT name FROM catalog_districts WHERE name = ?", arguments: [district]) != nil else {
            let known = try String.fetchAll(db, sql: "SELECT name FROM catalog_districts ORDER BY rowid LIMIT 5")
            throw StoreError.invalid(FieldProblem(field: .district, value: district, rule: Rejection(
                "不在目录的镇街列表中（例如：\(known.joined(separator: "、"))…）",
                "is not a district in the catalog (e.g. \(known.joined(separator: ", ")) …)")))
        }
    }

    private static func checkUnique(_ db: Database, name: String, creditCode: String?, except id: Int64?) throws {
        var byName = Institution.filter(Column("name") == name)
        if let id { byName = byName.filter(Column("id") != id) }
        if try byName.fetchCount(db) > 0 { throw StoreError.duplicate(kind: "机构", key: name) }
        if let creditCode {
            var byCode = Institution.filter(Column("credit_code") == creditCode)
            if let id { byCode = byCode.filter(Column("id") != id) }
            if try byCode.fetchCount(db) > 0 { throw StoreError.duplicate(kind: "机构", key: creditCode) }
        }
    }
}
