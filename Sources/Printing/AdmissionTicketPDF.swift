import Foundation
import Domain

/// One candidate's admission ticket (准考证), with every value as it is to be printed: the
/// national ID already masked (or whole, when the caller recorded why), names unchanged.
public struct AdmissionTicket: Sendable, Equatable {
    /// One part the candidate sits: where, and for how long at least.
    public struct Sitting: Sendable, Equatable {
        public let part: ExamPart
        public let room: String
        public let seat: Int
        /// The catalog's shortest duration of the part, when it sets one.
        public let minimumMinutes: Int?

        public init(part: ExamPart, room: String, seat: Int, minimumMinutes: Int?) {
            self.part = part
            self.room = room
            self.seat = seat
            self.minimumMinutes = minimumMinutes
        }
    }

    public let ticketNumber: String
    public let name: String
    /// 男 / 女.
    public let sex: String
    /// As printed: masked unless shown whole for a recorded reason.
    public let nationalId: String
    public let occupation: String
    /// `四级/中级工`, or `专项职业能力` for an item.
    public let level: String
    /// The 工种, when the occupation has sub-trades.
    public let subTrade: String?
    /// The training institution; nil for people who applied on their own.
    public let institution: String?
    public let body: String
    /// `YYYY-MM-DD`.
    public let examDate: String
    public let sittings: [Sitting]
    /// What the QR code holds: the ticket's public verification address.
    public let verificationURL: String

    public init(ticketNumber: String, name: String, sex: String, nationalId: String, occupation: String, level: String,
                subTrade: String?, institution: String?, body: String, examDate: String, sittings: [Sitting],
                verificationURL: String) {
        self.ticketNumber = ticketNumber
        self.name = name
        self.sex = sex
        self.nationalId = nationalId
        self.occupation = occupation
        self.level = level
        self.subTrade = subTrade
        self.institution = institution
        self.body = body
        self.examDate = examDate
        self.sittings = sittings
        self.verificationURL = verificationURL
    }
}

/// Admission tickets as a PDF, one A4 page per candidate: title, the candidate's details beside
/// a photo box, the parts with room, seat, date and duration, the rules of the room, and a QR code
/// of the ticket's verification address.
public enum AdmissionTicketPDF {
    /// The rules read out in every room (考场规则), printed on every ticket.
    public static let roomRules = [
        "考生须持本准考证和有效居民身份证，于开考前 30 分钟到达考场，凭证入场，对号入座。Bring this ticket and your ID card; arrive 30 minutes before the start and sit in your seat.",
        "开考 15 分钟后不得入场；理论知识考试开考 30 分钟内不得交卷离场。No entry 15 minutes after the start; no leaving a theory exam in its first 30 minutes.",
        "除规定的文具外，不得携带书籍、资料和手机等通信工具进入考场。No books, notes, phones or other devices beyond the permitted stationery.",
        "保持考场安静，服从考评人员安排，不得交头接耳、抄袭或替考。Keep quiet, follow the examiners, and do not talk, copy or sit for another.",
        "违反考场纪律者按有关规定处理，成绩无效。Breaking these rules voids the result and is dealt with under the regulations.",
    ]

    /// Writes one page per ticket, in the order given. An empty list writes nothing and is the
    /// caller's to refuse.
    public static func write(_ tickets: [AdmissionTicket], title: String, to url: URL) throws(PrintingError) {
        let canvas = try PDFCanvas(url: url, title: title)
        for (index, ticket) in tickets.enumerated() {
            if index > 0 { canvas.nextPage() }
            try draw(ticket, on: canvas)
        }
        try canvas.finish()
    }

    private static func draw(_ ticket: AdmissionTicket, on canvas: PDFCanvas) throws(PrintingError) {
        let left = 20.0, width = PDFCanvas.a4Width - 40
        canvas.text("职业技能等级认定 准考证", x: left, y: 18, width: width, size: 20, font: .serif, bold: true, alignment: .center)
        canvas.text("Admission Ticket · Vocational Skill Level Assessment", x: left, y: 28, width: width, size: 10, alignment: .center)
        canvas.line(fromX: left, fromY: 36, toX: left + width, toY: 36, lineWidth: 0.5)

        // The candidate's details, label and value per row, beside a 35 × 45 mm photo box.
        let rows: [(String, String)] = [
            ("准考证号 Ticket No.", ticket.ticketNumber),
            ("姓名 Name", ticket.name),
            ("性别 Sex", ticket.sex),
            ("身份证号 National ID", ticket.nationalId),
            ("职业（工种）Occupation", ticket.occupation + (ticket.subTrade.map { "（\($0)）" } ?? "")),
            ("等级 Level", ticket.level),
            ("培训机构 Institution", ticket.institution ?? "个人报名 Self-applied"),
            ("评价机构 Evaluation body", ticket.body),
        ]
        var y = 42.0
        for (label, value) in rows {
            canvas.text(label, x: left, y: y, width: 48, size: 9.5)
            let height = canvas.text(value, x: left + 50, y: y, width: 80, size: 11, bold: label.hasPrefix("准考证号") || label.hasPrefix("姓名"))
            y += max(7.5, height + 2.5)
        }
        let photoX = left + width - 35
        canvas.box(x: photoX, y: 42, width: 35, height: 45)
        canvas.text("照片\nPhoto", x: photoX, y: 58, width: 35, size: 9, alignment: .center)

        // The parts: where and when.
        y = max(y, 92) + 4
        canvas.text("考试安排 Exam schedule", x: left, y: y, size: 12, font: .serif, bold: true)
        y += 8
        let columns: [(String, Double)] = [("科目 Part", 38), ("考场 Room", 44), ("座位 Seat", 18), ("日期 Date", 26), ("时长 Duration", 44)]
        var x = left
        for (heading, columnWidth) in columns {
            canvas.text(heading, x: x + 1, y: y, width: columnWidth - 2, size: 9, bold: true)
            x += columnWidth
        }
        canvas.line(fromX: left, fromY: y + 6, toX: left + width, toY: y + 6)
        y += 8
        for sitting in ticket.sittings {
            let values = [
                "\(sitting.part.chineseName) \(sitting.part.englishName)",
                sitting.room,
                "\(sitting.seat)",
                ticket.examDate,
                sitting.minimumMinutes.map { "不少于 \($0) 分钟 ≥ \($0) min" } ?? "以考场安排为准 as announced",
            ]
            x = left
            var rowHeight = 6.0
            for ((_, columnWidth), value) in zip(columns, values) {
                rowHeight = max(rowHeight, canvas.text(value, x: x + 1, y: y, width: columnWidth - 2, size: 10))
                x += columnWidth
            }
            y += rowHeight + 2
            canvas.line(fromX: left, fromY: y - 1, toX: left + width, toY: y - 1, lineWidth: 0.15)
        }

        // The rules of the room.
        y += 6
        canvas.text("考场规则 Rules of the room", x: left, y: y, size: 12, font: .serif, bold: true)
        y += 8
        for (number, rule) in roomRules.enumerated() {
            y += canvas.text("\(number + 1). \(rule)", x: left, y: y, width: width - 48, size: 8.5) + 1.5
        }

        // The QR code of the ticket's verification address, bottom right, with the address in
        // words for someone without a scanner.
        let side = 40.0
        let qrX = left + width - side, qrY = PDFCanvas.a4Height - 30 - side - 12
        canvas.qrCode(try QRCode(ticket.verificationURL), x: qrX, y: qrY, side: side)
        canvas.text("扫码核验准考证 Scan to verify", x: qrX - 10, y: qrY + side + 1, width: side + 10, size: 8, alignment: .right)
        canvas.text(ticket.verificationURL, x: left, y: PDFCanvas.a4Height - 22, width: width, size: 8, alignment: .right)
    }
}
