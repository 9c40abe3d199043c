import Foundation
import Hummingbird
import Domain
import Services
import Store

/// The page that takes a list: what the file must hold, the template (for a trainee or an
/// apprentice list), the size limit, and the file input.
struct UploadFormPage {
    let backHref: String
    let backText: String
    let titleZh: String
    let titleEn: String
    let action: String
    /// `20 MB`.
    let limit: String
    let templateHref: String?
    let templateZh: String
    let templateEn: String
    let columnsZh: String
    let columnsEn: String
    let refusal: FormMessage?

    init(_ kind: UploadKind, _ place: UploadPlace, limitBytes: Int, refusal: FormMessage? = nil) {
        backHref = place.backHref
        backText = place.backText
        titleZh = kind.titleZh
        titleEn = kind.titleEn
        action = place.formPath + "/upload"
        limit = UploadRefusal.size(limitBytes)
        self.refusal = refusal
        templateHref = kind == .hoursSheet || kind == .scoreSheet ? nil : place.formPath + "/template"
        switch kind {
        case .traineeList:
            templateZh = "下载学员名单模板"
            templateEn = "Download the trainee list template"
            columnsZh = "必填列：身份证号、姓名；可选列：手机号码、文化程度、户籍类型、重点群体。"
            columnsEn = "Required columns: national ID, name; optional: phone, education, household type, key groups."
        case .hoursSheet:
            templateZh = ""
            templateEn = ""
            columnsZh = "必填列：身份证号、出勤学时（累计学时，如 64 或 64.5）；可选列：姓名（填写时须与记录一致）。"
            columnsEn = "Required columns: national ID, hours attended (the total, e.g. 64 or 64.5); optional: name (checked against the record when given)."
        case .scoreSheet:
            templateZh = ""
            templateEn = ""
            columnsZh = "人社局下发的评分表（每个考场一张工作表）：准考证号、姓名、科目、成绩，缺考或违纪填在“缺考/违纪”栏。可以只填本考场的那一张。"
            columnsEn = "The score sheet the bureau issued (one sheet per room): ticket, name, part, score, with 缺考 (absent) or 违纪 (breach) in its own column. Filling in your room's sheet alone is enough."
        case .apprenticeList:
            templateZh = "下载学徒名单模板"
            templateEn = "Download the apprentice list template"
            columnsZh = "按模板填写：企业统一社会信用代码、身份证号、姓名、职业、目标等级、劳动合同和学徒培养的日期、导师。名单须全部通过检查才能登记。"
            columnsEn = "Fill in the template: the enterprise's credit code, national ID, name, occupation, target level, contract and apprenticeship dates, mentors. A list is registered only when every row passes."
        }
    }
}

/// An upload's page: the check's progress, then the preview to confirm, then what was recorded;
/// or why the file could not be read at all.
struct UploadPage {
    static let refreshSeconds = 2

    let backHref: String
    let backText: String
    let titleZh: String
    let titleEn: String
    let fileName: String
    let base: String
    let inProgress: Progress?
    let preview: Preview?
    let result: Result?
    let failure: FormMessage?
    /// A confirmation that could not be taken as sent.
    let refusal: FormMessage?

    struct Progress {
        let recording: Bool
        let rowsRead: Int
        let refreshSeconds: Int
        let href: String
    }

    struct Preview {
        let rowsRead: Int
        let recordable: Int
        let alreadyPresent: Int
        let refusedCount: Int
        let hasRefused: Bool
        let refused: [RefusedLine]
        let paging: PagingView?
        let errorsHref: String?
        let ignoredColumns: String?
        /// No row refused and some to record: "record all".
        let mayRecordAll: Bool
        /// Some refused and some valid: "record only the valid rows".
        let mayRecordValid: Bool
        /// Refused rows in a list that is recorded whole or not at all, and why it must be whole.
        let mustFixAll: Bool
        let wholeListZh: String
        let wholeListEn: String
        let nothingToRecord: Bool
    }

    struct Result {
        let committed: Bool
        let recorded: Int
        let alreadyPresent: Int
        let hasAlreadyPresent: Bool
        let refusedCount: Int
        let hasRefused: Bool
        let refused: [RefusedLine]
        let paging: PagingView?
    }

    /// One reason a row was refused, on a line of its own; the row's first line carries its number.
    struct RefusedLine {
        let row: Int
        let column: String
        let value: String
        let ruleZh: String
        let ruleEn: String
    }

    static let rowsPerPage = 50

    init(_ job: UploadJob, place: UploadPlace, pageNumber: Int, refusal: FormMessage? = nil) {
        backHref = place.backHref
        backText = place.backText
        titleZh = job.kind.titleZh
        titleEn = job.kind.titleEn
        fileName = job.file.lastPathComponent
        base = place.page(job.id)
        self.refusal = refusal
        var inProgress: Progress?, preview: Preview?, result: Result?, failure: FormMessage?
        switch job.state {
        case .checking(let rows):
            inProgress = Progress(recording: false, rowsRead: rows, refreshSeconds: Self.refreshSeconds, href: base)
        case .recording(let rows):
            inProgress = Progress(recording: true, rowsRead: rows, refreshSeconds: Self.refreshSeconds, href: base)
        case .checked(let outcome):
            let (lines, paging) = Self.refusedPage(outcome, number: pageNumber, path: base)
            preview = Preview(
                rowsRead: outcome.rowsRead, recordable: outcome.recorded, alreadyPresent: outcome.alreadyPresent,
                refusedCount: outcome.refusedCount, hasRefused: outcome.refusedCount > 0, refused: lines, paging: paging,
                errorsHref: outcome.errorWorkbook == nil ? nil : base + "/errors",
                ignoredColumns: outcome.ignoredColumns.isEmpty ? nil : outcome.ignoredColumns.joined(separator: "、"),
                mayRecordAll: outcome.refusedCount == 0 && outcome.recorded > 0,
                mayRecordValid: job.kind.recordsValidRowsAlone && outcome.refusedCount > 0 && outcome.recorded > 0,
                mustFixAll: !job.kind.recordsValidRowsAlone && outcome.refusedCount > 0,
                wholeListZh: job.kind.wholeListZh, wholeListEn: job.kind.wholeListEn,
                nothingToRecord: outcome.recorded == 0 && (job.kind.recordsValidRowsAlone || outcome.refusedCount == 0))
        case .recorded(let outcome):
            let (lines, paging) = Self.refusedPage(outcome, number: pageNumber, path: base)
            result = Result(committed: outcome.committed, recorded: outcome.recorded, alreadyPresent: outcome.alreadyPresent,
                            hasAlreadyPresent: outcome.alreadyPresent > 0, refusedCount: outcome.refusedCount,
                            hasRefused: outcome.refusedCount > 0, refused: lines, paging: paging)
        case .failed(let chinese, let english):
            failure = FormMessage(Rejection(chinese, english))
        }
        self.inProgress = inProgress
        self.preview = preview
        self.result = result
        self.failure = failure
    }

    /// One page of the refused rows (50 rows, each with all its reasons).
    private static func refusedPage(_ outcome: ImportOutcome, number: Int, path: String) -> ([RefusedLine], PagingView?) {
        guard !outcome.refused.isEmpty else { return ([], nil) }
        let pageCount = (outcome.refused.count + rowsPerPage - 1) / rowsPerPage
        let request = PageRequest(number: min(number, pageCount), size: rowsPerPage)
        let start = (request.number - 1) * rowsPerPage
        let rows = Array(outcome.refused[start..<min(start + rowsPerPage, outcome.refused.count)])
        let page = Page(rows: rows, total: outcome.refused.count, request: request)
        let lines = rows.flatMap { row in
            row.problems.map { problem in
                RefusedLine(row: row.row,
                            column: problem.column.map { "\($0.letter) \($0.header)" }
                                ?? problem.field.map { "\($0.chineseHeader) \($0.englishHeader)" } ?? "整行 whole row",
                            value: problem.value, ruleZh: problem.rule.chinese, ruleEn: problem.rule.english)
            }
        }
        return (lines, PagingView(page, path: path, filters: []))
    }
}
