/// A room (theory) or panel (practical, review) as the bureau plans it: `理论一室:theory:30`.
public struct ExamRoomPlan: Hashable, Sendable {
    public var name: String
    public var part: ExamPart
    public var seats: Int

    public init(name: String, part: ExamPart, seats: Int) {
        self.name = name
        self.part = part
        self.seats = seats
    }

    /// Reads `NAME:PART:SEATS`; the name may itself hold a colon, the last two fields may not.
    public static func parse(_ text: String) throws(Rejection) -> ExamRoomPlan {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 3 else {
            throw Rejection("考场应写作 名称:科目:座位数，例如 理论一室:theory:30",
                            "a room is written NAME:PART:SEATS, e.g. 理论一室:theory:30")
        }
        let name = fields.dropLast(2).joined(separator: ":").trimmingWhitespace()
        let part = try ExamPart.parse(fields[fields.count - 2])
        guard let seats = Int(fields[fields.count - 1].trimmingWhitespace()) else {
            throw Rejection("座位数应为整数", "the number of seats must be a whole number")
        }
        return ExamRoomPlan(name: name, part: part, seats: seats)
    }
}

/// An exam session as the bureau plans it, checked against the catalog before it is recorded.
public struct ExamSessionPlan: Hashable, Sendable {
    /// Tickets carry a four-digit sequence per session, so a part seats at most this many.
    public static let maximumCandidates = 9999

    public var target: CertificationTarget
    /// The 工种 assessed, for an occupation with sub-trades (家政服务员: 母婴护理员 …).
    public var subTrade: String?
    public var examDate: CivilDate
    public var rooms: [ExamRoomPlan]

    public init(target: CertificationTarget, subTrade: String? = nil, examDate: CivilDate, rooms: [ExamRoomPlan]) {
        self.target = target
        self.subTrade = subTrade
        self.examDate = examDate
        self.rooms = rooms
    }

    /// Every rule the plan breaks, each naming the field that carries the value.
    public func problems(against catalog: Catalog, today: CivilDate) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func fail(_ field: Field, _ value: String, _ zh: String, _ en: String) {
            problems.append(FieldProblem(field: field, value: value, rule: Rejection(zh, en)))
        }
        switch target {
        case .occupation(let code, let level):
            if let occupation = catalog.occupation(code: code) {
                if !occupation.levels.contains(level) {
                    fail(.level, level.code, "\(occupation.name)只开设 \(occupation.levels.map(\.code).joined(separator: "、")) 级",
                         "\(occupation.name) is offered at levels \(occupation.levels.map(\.code).joined(separator: ", ")) only")
                }
                if let subTrade, !occupation.subTrades.contains(subTrade.trimmingWhitespace()) {
                    fail(.subTrade, subTrade, occupation.subTrades.isEmpty
                            ? "\(occupation.name)没有工种" : "不是\(occupation.name)的工种（\(occupation.subTrades.joined(separator: "、"))）",
                         occupation.subTrades.isEmpty
                            ? "\(occupation.name) has no sub-trades" : "is not a sub-trade of \(occupation.name) (\(occupation.subTrades.joined(separator: ", ")))")
                }
            } else {
                fail(.occupation, code, "不是目录中的职业", "is not an occupation in the catalog")
            }
        case .specialAbility(let code):
            if catalog.specialAbility(code: code) == nil {
                fail(.specialAbility, code, "不是目录中的专项职业能力项目", "is not a special-ability item in the catalog")
            }
            if let subTrade {
                fail(.subTrade, subTrade, "专项职业能力项目没有工种", "special-ability items have no sub-trades")
            }
        }
        if examDate < today {
            fail(.examDate, examDate.description, "考试日期早于今天 \(today)", "the exam date is before today (\(today))")
        }
        let parts = Set(catalog.examParts(for: target.scope).map(\.part))
        if parts.isEmpty {
            fail(.level, target.scope.code, "目录中没有该等级的考试科目", "the catalog has no exam parts for this level")
        }
        var names: Set<String> = []
        for room in rooms {
            let text = "\(room.name):\(room.part.rawValue):\(room.seats)"
            if room.name.isEmpty { fail(.room, text, "考场名称不能为空", "a room needs a name") }
            if !names.insert(room.name).inserted {
                fail(.room, text, "考场名称重复", "two rooms have this name")
            }
            if room.seats <= 0 { fail(.room, text, "座位数必须大于 0", "a room needs at least one seat") }
            if !parts.isEmpty && !parts.contains(room.part) {
                fail(.room, text, "本场考试没有\(room.part.chineseName)科目（只有 \(partList(parts, \.chineseName, "、"))）",
                     "this exam has no \(room.part.englishName) part (only \(partList(parts, \.englishName, ", ")))")
            }
        }
        for part in parts.sorted() {
            let partRooms = rooms.filter { $0.part == part }
            let seats = partRooms.reduce(0) { $0 + max(0, $1.seats) }
            if partRooms.isEmpty {
                fail(.room, "", "缺少\(part.chineseName)考场（每个科目至少一个考场）",
                     "no room for the \(part.englishName) part (every part needs at least one room)")
            } else if seats > Self.maximumCandidates {
                fail(.room, String(seats), "\(part.chineseName)考场座位合计超过 \(Self.maximumCandidates)",
                     "the \(part.englishName) rooms seat more than \(Self.maximumCandidates) in total")
            }
        }
        return problems
    }

    private func partList(_ parts: Set<ExamPart>, _ name: KeyPath<ExamPart, String>, _ separator: String) -> String {
        parts.sorted().map { $0[keyPath: name] }.joined(separator: separator)
    }
}
