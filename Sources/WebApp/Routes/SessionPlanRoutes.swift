import Hummingbird
import Domain
import Store

/// The bureau plans an exam session (计划考试场次): the evaluation body, the occupation and level
/// or special-ability item, the sub-trade where there is one, the exam day and the rooms and
/// panels, as `skillcert session create` takes them. What was typed is read here; the catalog's
/// rules (levels offered, sub-trades, the parts every room must belong to and every part must
/// have, the date) are the Store's `createExamSession`, whose refusals come back beside the
/// field, a room's beside its row.
extension WebApp {
    func addSessionPlanRoutes(to router: Router<WebContext>) {
        router.get("/sessions/new") { request, context -> Response in
            let actor = try context.signedIn.user
            let choices = try await store { store in try store.sessionPlanningChoices(actor: actor) }
            let rows = request.uri.queryParameters["rooms"].flatMap { Int(String($0)) }
            return planForm(SessionPlanPage(typed: FormFields(), choices: choices, roomRows: rows, errors: .none), context: context)
        }

        router.post("/sessions") { _, context -> Response in
            let actor = try context.signedIn.user
            let choices = try await store { store in try store.sessionPlanningChoices(actor: actor) }
            let form = context.form
            do {
                let (plan, bodyId) = try SessionPlanPage.plan(form)
                let summary = try await store { store in try store.createExamSession(plan, bodyId: bodyId, actor: actor) }
                return .redirect(to: "/sessions/\(summary.session.id!)", type: .normal)
            } catch {
                let errors = try SessionPlanErrors(error, form: form)
                return planForm(SessionPlanPage(typed: form, choices: choices, roomRows: nil, errors: errors),
                                status: .badRequest, context: context)
            }
        }
    }

    private func planForm(_ page: SessionPlanPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("session-form", title: "计划考试场次", page: page, status: status, context: context)
    }
}

/// A plan's refusals: a field's beside its input, a room's beside the row that holds the room it
/// names (`名称:科目:座位数`, as the Store words it), and the rest (a part with no room) above the rooms.
struct SessionPlanErrors {
    var fields: FormErrors
    var rooms: [Int: [FormMessage]]
    var roomsGeneral: [FormMessage]

    static let none = SessionPlanErrors(fields: FormErrors(), rooms: [:], roomsGeneral: [])

    init(fields: FormErrors, rooms: [Int: [FormMessage]], roomsGeneral: [FormMessage]) {
        self.fields = fields
        self.rooms = rooms
        self.roomsGeneral = roomsGeneral
    }

    init(_ error: any Error, form: FormFields) throws {
        var problems: [FieldProblem]
        switch error {
        case StoreError.invalid(let problem): problems = [problem]
        case StoreError.invalidFields(let all): problems = all
        default:
            self.init(fields: try FormErrors(error, inputs: SessionPlanPage.inputs, place: SessionPlanPage.place), rooms: [:], roomsGeneral: [])
            return
        }
        let typedRooms = SessionPlanPage.typedRooms(form)
        var rooms: [Int: [FormMessage]] = [:], roomsGeneral: [FormMessage] = []
        problems.removeAll { problem in
            guard problem.field == .room else { return false }
            if let row = problem.rowHint ?? typedRooms.first(where: { $0.text == problem.value })?.row {
                rooms[row, default: []].append(FormMessage(problem))
            } else {
                roomsGeneral.append(FormMessage(problem))
            }
            return true
        }
        let rest: any Error = problems.count == 1 ? StoreError.invalid(problems[0]) : StoreError.invalidFields(problems)
        self.init(fields: problems.isEmpty ? FormErrors() : try FormErrors(rest, inputs: SessionPlanPage.inputs),
                  rooms: rooms, roomsGeneral: roomsGeneral)
    }

    var isEmpty: Bool { fields.isEmpty && rooms.isEmpty && roomsGeneral.isEmpty }
}

extension FieldProblem {
    /// The room row a refusal of what was typed in it came from (`room-3`), if the web made it.
    var rowHint: Int? {
        guard value.hasPrefix(SessionPlanPage.rowMark) else { return nil }
        return Int(value.dropFirst(SessionPlanPage.rowMark.count).prefix { $0.isNumber })
    }
}

/// The form that plans a session: the catalog's values and the evaluation bodies as drop-downs,
/// then one row per room (name, part, seats).
struct SessionPlanPage {
    struct RoomRow {
        let number: Int
        let name: FormInput
        let part: FormInput
        let seats: FormInput
        let errors: [FormMessage]
        let refused: Bool
    }

    let refused: Bool
    let general: [FormMessage]
    let body: FormInput
    let occupation: FormInput
    let level: FormInput
    let subTrade: FormInput
    let date: FormInput
    let rooms: [RoomRow]
    let roomsGeneral: [FormMessage]
    let moreRoomsHref: String

    static let inputs: [Field: String] = [
        .body: "body", .occupation: "occupation", .specialAbility: "occupation", .level: "level", .subTrade: "sub-trade",
        .examDate: "date",
    ]
    /// How a room refusal made here names its row, before the typed value.
    static let rowMark = "第"
    static let defaultRoomRows = 4

    /// An evaluation body the Store does not find is the body's refusal.
    static func place(_ error: StoreError) -> String? {
        if case .notFound(let kind, _) = error, kind == "机构" { return "body" }
        return nil
    }

    init(typed form: FormFields, choices: SessionPlanningChoices, roomRows: Int?, errors: SessionPlanErrors) {
        refused = !errors.isEmpty
        general = errors.fields.general
        let catalog = choices.catalog
        let fields = errors.fields
        body = FormInput("body", field: .body, value: form.text("body"), errors: fields, required: true,
                         options: [.choose] + choices.bodies.map {
                             FormOption(value: String($0.id!), text: $0.name, selected: String($0.id!) == form.text("body"))
                         })
        occupation = TargetInputs.occupation(catalog, form: form, errors: fields)
        level = TargetInputs.level(form: form, errors: fields)
        let subTrades = catalog.occupations.filter { !$0.subTrades.isEmpty }
            .map { "\($0.name)：\($0.subTrades.joined(separator: "、"))" }.joined(separator: "；")
        subTrade = FormInput("sub-trade", field: .subTrade, value: form.text("sub-trade"), errors: fields,
                             hintZh: subTrades.isEmpty ? "没有工种的职业留空。" : "有工种的职业可填（\(subTrades)），否则留空。",
                             hintEn: "Only for an occupation with sub-trades; otherwise leave it empty.")
        date = FormInput("date", field: .examDate, value: form.text("date"), errors: fields, required: true, type: "date",
                         hintZh: "年-月-日，不能早于今天。", hintEn: "Year-month-day, not before today.")
        let typed = Self.typedRooms(form)
        let count = max(roomRows.map { min(max($0, 1), 50) } ?? Self.defaultRoomRows, (typed.map(\.row).max() ?? 0) + 1)
        rooms = (1...count).map { number in
            let partValue = form.text("room-\(number)-part")
            let messages = errors.rooms[number] ?? []
            return RoomRow(
                number: number,
                name: FormInput("room-\(number)-name", labelZh: "考场 \(number) 名称", labelEn: "Room \(number) name",
                                value: form.text("room-\(number)-name"), errors: FormErrors()),
                part: FormInput("room-\(number)-part", labelZh: "科目", labelEn: "Part", value: partValue, errors: FormErrors(),
                                options: [FormOption(value: "", text: "—", selected: partValue.isEmpty)] + ExamPart.allCases.map {
                                    FormOption(value: $0.rawValue, text: "\($0.chineseName) \($0.englishName)", selected: $0.rawValue == partValue)
                                }),
                seats: FormInput("room-\(number)-seats", labelZh: "座位数", labelEn: "Seats", value: form.text("room-\(number)-seats"),
                                 errors: FormErrors(), type: "number"),
                errors: messages, refused: !messages.isEmpty)
        }
        roomsGeneral = errors.roomsGeneral
        moreRoomsHref = "/sessions/new?rooms=\(count + 4)"
    }

    /// The room rows something was typed in: row number, and the room as the Store words it.
    static func typedRooms(_ form: FormFields) -> [(row: Int, name: String, part: String, seats: String, text: String)] {
        (1...50).compactMap { row in
            let name = form.text("room-\(row)-name").trimmingWhitespace()
            let part = form.text("room-\(row)-part").trimmingWhitespace()
            let seats = form.text("room-\(row)-seats").trimmingWhitespace()
            guard !(name.isEmpty && part.isEmpty && seats.isEmpty) else { return nil }
            let partCode = (try? ExamPart.parse(part))?.rawValue ?? part
            return (row, name, part, seats, "\(name):\(partCode):\(Int(seats).map(String.init) ?? seats)")
        }
    }

    /// The plan and body the form asks for, with every refusal of what was typed at once; the
    /// catalog's rules are then the Store's.
    static func plan(_ form: FormFields) throws -> (ExamSessionPlan, Int64) {
        var problems: [FieldProblem] = []
        func refuse(_ field: Field, _ value: String, _ zh: String, _ en: String) {
            problems.append(FieldProblem(field: field, value: value, rule: Rejection(zh, en)))
        }
        let bodyId = Int64(form.text("body").trimmingWhitespace())
        if bodyId == nil { refuse(.body, form.text("body"), "请从列表中选择评价机构", "choose an evaluation body from the list") }
        let target = TargetInputs.target(form, problems: &problems)
        var examDate: CivilDate?
        do {
            examDate = try CivilDate.parse(form.text("date").trimmingWhitespace())
        } catch {
            problems.append(FieldProblem(field: .examDate, value: form.text("date"), rule: error))
        }
        var rooms: [ExamRoomPlan] = []
        for typed in typedRooms(form) {
            let mark = "\(rowMark)\(typed.row)行 "
            guard let part = try? ExamPart.parse(typed.part) else {
                refuse(.room, mark + typed.text, "请为考场选择科目（理论、操作技能或综合评审）", "choose the room's part (theory, practical or review)")
                continue
            }
            guard let seats = Int(typed.seats) else {
                refuse(.room, mark + typed.text, "座位数应为整数", "the number of seats must be a whole number")
                continue
            }
            rooms.append(ExamRoomPlan(name: typed.name, part: part, seats: seats))
        }
        let subTrade = form.text("sub-trade").trimmingWhitespace()
        if problems.count > 1 { throw StoreError.invalidFields(problems) }
        if let problem = problems.first { throw StoreError.invalid(problem) }
        return (ExamSessionPlan(target: target!, subTrade: subTrade.isEmpty ? nil : subTrade, examDate: examDate!, rooms: rooms), bodyId!)
    }
}
