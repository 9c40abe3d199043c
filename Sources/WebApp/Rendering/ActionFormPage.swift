/// A page that asks to confirm one action on one record (settle a mismatch, lock, amend, decide a
/// re-check, issue, revoke, reissue, send whole IDs): what it is about, perhaps a table, the
/// form's inputs each with its refusal beside it, and the button. `action-form.mustache`.
struct ActionFormPage {
    let headingZh: String
    let headingEn: String
    let introZh: String?
    let introEn: String?
    let backHref: String
    let facts: [Fact]
    let hasFacts: Bool
    let table: Table?
    /// Rules that stand in the way (a lock refused while marks are pending), one a line.
    let blockers: [FormMessage]
    let hasBlockers: Bool
    let refused: Bool
    let general: [FormMessage]
    /// Nil when there is nothing to do here (the action is not open now): the page only tells why.
    let form: Form?

    struct Fact {
        let labelZh: String
        let labelEn: String
        let value: String
    }

    /// A table of what the action is about: both entries of a mismatch, the numbers to issue.
    struct Table {
        let captionZh: String
        let captionEn: String
        let headers: [String]
        let rows: [Row]
        let empty: Bool
        let columnCount: Int

        init(captionZh: String, captionEn: String, headers: [String], rows: [[String]]) {
            self.captionZh = captionZh
            self.captionEn = captionEn
            self.headers = headers
            self.rows = rows.map(Row.init)
            empty = rows.isEmpty
            columnCount = headers.count
        }
    }

    struct Row {
        let cells: [String]
    }

    struct Form {
        let action: String
        let hidden: [Hidden]
        let inputs: [Entry]
        let submitZh: String
        let submitEn: String
    }

    struct Hidden {
        let name: String
        let value: String
    }

    /// An input or a select, shown by its own partial.
    struct Entry {
        let input: FormInput
        let select: Bool

        static func field(_ input: FormInput) -> Entry { Entry(input: input, select: false) }
        static func choice(_ input: FormInput) -> Entry { Entry(input: input, select: true) }
    }

    init(headingZh: String, headingEn: String, introZh: String? = nil, introEn: String? = nil, backHref: String,
         facts: [Fact] = [], table: Table? = nil, blockers: [FormMessage] = [], errors: FormErrors = FormErrors(), form: Form?) {
        self.headingZh = headingZh
        self.headingEn = headingEn
        self.introZh = introZh
        self.introEn = introEn
        self.backHref = backHref
        self.facts = facts
        hasFacts = !facts.isEmpty
        self.table = table
        self.blockers = blockers
        hasBlockers = !blockers.isEmpty
        refused = !errors.isEmpty
        // Without a form (the action closed meanwhile) a refusal of an input is shown above.
        general = form == nil ? errors.general + errors.byInput.sorted { $0.key < $1.key }.map(\.value) : errors.general
        self.form = form
    }
}
