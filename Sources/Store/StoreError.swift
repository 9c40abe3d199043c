import Domain

/// Why a Store operation was refused. Every case names what the user must change; the
/// operation that threw changed nothing (its transaction was rolled back).
public enum StoreError: FieldNamingError, Equatable {
    /// The acting user's role or scope does not allow the operation; `field` names the part of
    /// it that is refused when the rest is allowed (a bureau-only change of a person's name).
    case notPermitted(action: String, field: Field? = nil, reasonZh: String, reasonEn: String)
    case notFound(kind: String, key: String)
    case duplicate(kind: String, key: String)
    /// A field failed a rule.
    case invalid(FieldProblem)
    /// Several fields failed their rules; all are reported at once.
    case invalidFields([FieldProblem])
    /// The operation contradicts a record that exists (e.g. the same ID under another name).
    case conflict(reasonZh: String, reasonEn: String)
    /// A catalog value cannot be removed or renamed while records use it.
    case catalogValueInUse(table: String, key: String)
    /// The operation would break rules of the domain; every broken rule is listed.
    case rulesBroken(whatZh: String, whatEn: String, rules: [Rejection])
    /// No eligibility route admits the person (named, ID masked) to the exam; a bureau user may
    /// still admit them with an override reason (`Field.overrideReason`).
    case notEligible(name: String, maskedID: String, rules: [Rejection])
    /// The database file has no SkillCert tables yet: it must be initialised first (each
    /// interface says how).
    case notInitialized(path: String)
    case alreadyInitialized(path: String)
    case userDisabled(login: String)
    /// Another connection (an import in another terminal) held the write lock for longer than
    /// the wait (`Store.defaultBusyTimeout`): nothing was written.
    case busy
    /// The database file cannot be opened: missing, a folder, or in a folder that cannot be written.
    case cannotOpen(path: String)
    /// The file is not an SQLite database.
    case notADatabase(path: String)
    /// SQLite itself failed (disk full, file locked, not a database); its message is kept.
    case database(message: String)

    public func chinese(naming name: FieldNaming) -> String {
        switch self {
        case .notPermitted(let action, let field, let reasonZh, _): "无权执行 \(action)\(field.map { "（\(name($0))）" } ?? "")：\(reasonZh)"
        case .notFound(let kind, let key): "找不到\(kind)：\(key)"
        case .duplicate(let kind, let key): "\(kind) \(key) 已存在"
        case .invalid(let problem): problem.chinese(naming: name)
        case .invalidFields(let problems): problems.map { $0.chinese(naming: name) }.joined(separator: "\n")
        case .conflict(let reasonZh, _): reasonZh
        case .rulesBroken(let whatZh, _, let rules): Self.list(whatZh + "：", rules.map(\.chinese))
        case .notEligible(let person, let id, let rules):
            Self.list("\(person)（\(id)）不符合申报条件；人社局用户可用 \(name(.overrideReason)) 说明理由后准予报名：", rules.map(\.chinese))
        case .catalogValueInUse(let table, let key): "目录 \(table) 中的 \(key) 仍被记录引用，不能删除或改名"
        case .notInitialized(let path): "数据库 \(path) 尚未初始化"
        case .alreadyInitialized(let path): "数据库 \(path) 已经初始化；目录的更新须同步目录，不必重新初始化"
        case .userDisabled(let login): "用户 \(login) 已停用"
        case .busy: "另一项导入或修改正在写入数据库，等待超时；未写入任何记录。请等它完成后再试"
        case .cannotOpen(let path): "无法打开数据库文件 \(path)：文件不存在或是文件夹，或者所在的文件夹不存在、不能写入"
        case .notADatabase(let path): "文件 \(path) 不是 SkillCert 数据库（不是 SQLite 数据库文件）"
        case .database(let message): "数据库错误：\(message)"
        }
    }

    public func english(naming name: FieldNaming) -> String {
        switch self {
        case .notPermitted(let action, let field, _, let reasonEn): "not permitted to \(action)\(field.map { " (\(name($0)))" } ?? ""): \(reasonEn)"
        case .notFound(let kind, let key): "no \(StoreError.englishKind(kind)) \(key)"
        case .duplicate(let kind, let key): "\(StoreError.englishKind(kind)) \(key) already exists"
        case .invalid(let problem): problem.english(naming: name)
        case .invalidFields(let problems): problems.map { $0.english(naming: name) }.joined(separator: "\n")
        case .conflict(_, let reasonEn): reasonEn
        case .rulesBroken(_, let whatEn, let rules): Self.list(whatEn + ":", rules.map(\.english))
        case .notEligible(_, let id, let rules):
            Self.list("\(id) meets no eligibility route; a bureau user may admit them with \(name(.overrideReason)):", rules.map(\.english))
        case .catalogValueInUse(let table, let key): "catalog \(table) value \(key) is still used by records; it cannot be removed or renamed"
        case .notInitialized(let path): "database \(path) is not initialised"
        case .alreadyInitialized(let path): "database \(path) is already initialised; the catalog is updated by syncing it, not by initialising again"
        case .userDisabled(let login): "user \(login) is disabled"
        case .busy: "another import or change is writing to the database and the wait for it ran out; nothing was written. Try again once it has finished"
        case .cannotOpen(let path): "cannot open the database file \(path): it is missing or a folder, or its folder does not exist or cannot be written"
        case .notADatabase(let path): "file \(path) is not a SkillCert database (not an SQLite database file)"
        case .database(let message): "database error: \(message)"
        }
    }

    /// A heading and its items, one per line.
    static func list(_ heading: String, _ items: [String]) -> String {
        ([heading] + items.map { "- " + $0 }).joined(separator: "\n")
    }

    /// Kinds are named in Chinese in the cases; this gives the English word for messages.
    static func englishKind(_ kind: String) -> String {
        [
            "用户": "user", "机构": "institution", "人员": "person", "职业": "occupation",
            "镇街": "district", "项目": "project", "培训班": "cohort", "学员": "trainee",
            "考评员": "examiner", "考试场次": "exam session", "考场": "room", "考生": "candidate",
            "证书": "certificate", "复核申请": "re-check request", "成绩": "mark", "企业": "enterprise", "学徒培养": "apprenticeship",
        ][kind] ?? kind
    }
}
