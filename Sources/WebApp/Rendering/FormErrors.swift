import Domain
import Services
import Store

/// A refusal of a posted form, placed beside the input it is about: a Domain field's refusal
/// goes to the input that carries the field and names it by the field's label in Chinese and
/// English; what is about no input is shown above the form.
///
/// Only refusals of what was typed are a form's business. A refusal of the user (403) or a
/// missing record (404) is not: `init` rethrows those for the error pages.
struct FormErrors {
    private(set) var byInput: [String: FormMessage] = [:]
    private(set) var general: [FormMessage] = []

    init() {}

    /// `inputs` names the input of each field the form has; `place` puts a refusal that names no
    /// field (a duplicate login, an institution that is not there) beside an input, or returns
    /// nil to leave it to the error pages; `passwordInput` takes a refused password.
    init(_ error: any Error, inputs: [Field: String], place: (StoreError) -> String? = { _ in nil },
         passwordInput: String? = nil) throws {
        switch error {
        case StoreError.invalid(let problem):
            add(problem, inputs: inputs)
        case StoreError.invalidFields(let problems):
            for problem in problems { add(problem, inputs: inputs) }
        case StoreError.notPermitted:
            throw error
        case let error as StoreError:
            if let input = place(error) {
                byInput[input] = FormMessage(error)
                return
            }
            switch error {
            case .duplicate, .conflict, .rulesBroken, .catalogValueInUse: general.append(FormMessage(error))
            // A missing record is the 404 page; the database's own trouble the 500 page.
            default: throw error
            }
        case let error as DisclosureError:
            if let input = inputs[error.field] { byInput[input] = FormMessage(error) } else { general.append(FormMessage(error)) }
        case let error as AccountError:
            guard let passwordInput else { throw error }
            byInput[passwordInput] = FormMessage(error)
        default:
            throw error
        }
    }

    var isEmpty: Bool { byInput.isEmpty && general.isEmpty }

    subscript(input: String) -> FormMessage? { byInput[input] }

    private mutating func add(_ problem: FieldProblem, inputs: [Field: String]) {
        let message = FormMessage(problem)
        if let input = inputs[problem.field], byInput[input] == nil { byInput[input] = message } else { general.append(message) }
    }
}

/// One refusal in both languages; a field's refusal is worded with the field's labels.
struct FormMessage {
    let zh: String
    let en: String

    init(_ error: any BilingualError) {
        if let named = error as? any FieldNamingError {
            zh = named.chinese(naming: \.labelZh)
            en = named.english(naming: \.labelEn)
        } else {
            zh = error.chinese
            en = error.english
        }
    }
}

/// One input of a form as a template shows it: its label, the value typed (kept when the form
/// is refused) and its refusal.
struct FormInput {
    let id: String
    let labelZh: String
    let labelEn: String
    let value: String
    let error: FormMessage?
    let required: Bool
    /// `text`, `tel`, `password`…
    let type: String
    /// A hint under the input, in both languages.
    let hintZh: String?
    let hintEn: String?
    /// A select's options; none for an input.
    let options: [FormOption]
    /// A hint or a refusal describes the input (`aria-describedby`).
    let described: Bool

    init(_ id: String, labelZh: String, labelEn: String, value: String, errors: FormErrors, required: Bool = false,
         type: String = "text", hintZh: String? = nil, hintEn: String? = nil, options: [FormOption] = []) {
        self.id = id
        self.type = type
        self.options = options
        self.labelZh = labelZh
        self.labelEn = labelEn
        self.value = value
        error = errors[id]
        self.required = required
        self.hintZh = hintZh
        self.hintEn = hintEn
        described = hintZh != nil || error != nil
    }

    /// An input labelled as its Domain field is, so that the label and a refusal's words agree.
    init(_ id: String, field: Field, value: String, errors: FormErrors, required: Bool = false, type: String = "text",
         hintZh: String? = nil, hintEn: String? = nil, options: [FormOption] = []) {
        self.init(id, labelZh: field.labelZh, labelEn: field.labelEn.prefix(1).uppercased() + field.labelEn.dropFirst(),
                  value: value, errors: errors, required: required, type: type, hintZh: hintZh, hintEn: hintEn, options: options)
    }
}

/// One option of a select.
struct FormOption {
    let value: String
    let text: String
    let selected: Bool

    /// The first option of a select that must be chosen from.
    static let choose = FormOption(value: "", text: "请选择 Choose", selected: false)
}
