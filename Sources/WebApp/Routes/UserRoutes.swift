import Foundation
import Hummingbird
import Domain
import Services
import Store

/// The bureau's administration of accounts: the list, adding a user with an initial password,
/// disabling and enabling, and setting a new initial password. The Store refuses all of it to
/// anyone but the bureau (the 403 page) and audits every change; passwords go only to
/// `Accounts`, which hashes them, and never come back in a page.
extension WebApp {
    func addUserRoutes(to router: Router<WebContext>) {
        router.get("/users") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = UserListQuery(request)
            let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
            let (page, institutions) = try await store { store in
                let page = try store.userAccounts(actor: actor, filter: query.filter, page: PageRequest(number: number, size: Self.rowsPerPage))
                return (page, try store.userFormChoices(actor: actor))
            }
            return pages.render("users", title: "用户", page: UserListPage(
                rows: page.rows.map(UserRow.init),
                roles: Role.allCases.map { FormOption(value: $0.rawValue, text: "\($0.chineseName) \($0.rawValue)", selected: $0 == query.role) },
                institutions: institutions.map { FormOption(value: String($0.id!), text: $0.name, selected: $0.id == query.institutionId) },
                statuses: UserListPage.Status.allCases.map { FormOption(value: $0.rawValue, text: $0.text, selected: $0 == query.status) },
                search: query.search, exportHref: PagingView.href("/users.xlsx", query.parameters),
                paging: PagingView(page, path: "/users", filters: query.parameters)), context: context)
        }

        // 导出 Excel: every user of the page's filter, the page's columns; never a password.
        router.get("/users.xlsx") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = UserListQuery(request)
            let filter = query.filter
            return try await listingDownload(Self.usersLayout, name: DownloadName(chinese: "用户", ascii: "users"),
                                             details: [query.details], rows: { store in
                .pages { page in try store.userAccounts(actor: actor, filter: filter, page: page).mapRows(UserRow.init) }
            })
        }

        router.get("/users/new") { _, context -> Response in
            let actor = try context.signedIn.user
            let institutions = try await store { store in try store.userFormChoices(actor: actor) }
            return userForm(UserFormPage(typed: FormFields(), institutions: institutions, errors: FormErrors()), context: context)
        }

        router.post("/users") { _, context -> Response in
            let actor = try context.signedIn.user
            let institutions = try await store { store in try store.userFormChoices(actor: actor) }
            let form = context.form
            let accounts = self.accounts
            do {
                let (role, institutionId) = try UserFormPage.roleAndInstitution(form)
                let user = try await store { store in
                    try accounts.addUser(login: form.text("login"), name: form.text("name"), role: role, institutionId: institutionId,
                                         password: form.text("password"), actor: actor, store: store)
                }
                return .redirect(to: "/users/\(user.id!)", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: UserFormPage.inputs, place: UserFormPage.place, passwordInput: "password")
                return userForm(UserFormPage(typed: form, institutions: institutions, errors: errors), status: .badRequest,
                                context: context)
            }
        }

        router.get("/users/{id}") { request, context -> Response in
            let account = try await account(context)
            let done = request.uri.queryParameters["done"].map(String.init).flatMap(UserPage.Done.init(rawValue:))
            return userPage(UserPage(account, done: done, errors: FormErrors()), context: context)
        }

        for (path, active) in [("disable", false), ("enable", true)] {
            router.post(RouterPath(stringLiteral: "/users/{id}/\(path)")) { _, context -> Response in
                let actor = try context.signedIn.user
                let account = try await account(context)
                let login = account.user.login
                do {
                    _ = try await store { store in try store.setUserActive(login: login, active: active, actor: actor) }
                } catch {
                    return userPage(UserPage(account, done: nil, errors: try FormErrors(error, inputs: [:])), status: .badRequest,
                                    context: context)
                }
                return .redirect(to: "/users/\(account.user.id!)?done=\(active ? "enabled" : "disabled")", type: .normal)
            }
        }

        router.post("/users/{id}/password") { _, context -> Response in
            let actor = try context.signedIn.user
            let account = try await account(context)
            let login = account.user.login
            let password = context.form.text("password")
            let accounts = self.accounts
            do {
                try await store { store in try accounts.setPassword(login: login, password: password, actor: actor, store: store) }
            } catch {
                let errors = try FormErrors(error, inputs: [:], passwordInput: "password")
                return userPage(UserPage(account, done: nil, errors: errors), status: .badRequest, context: context)
            }
            return .redirect(to: "/users/\(account.user.id!)?done=password", type: .normal)
        }
    }

    /// The account a page or an action is about; the Store refuses it to all but the bureau.
    private func account(_ context: WebContext) async throws -> UserAccount {
        let actor = try context.signedIn.user
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
        return try await store { store in try store.userAccount(id: id, actor: actor) }
    }

    private func userForm(_ page: UserFormPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("user-form", title: "添加用户", page: page, status: status, context: context)
    }

    private func userPage(_ page: UserPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("user", title: page.login, page: page, status: status, context: context)
    }
}

struct UserListPage {
    enum Status: String, CaseIterable {
        case enabled, disabled

        var text: String { self == .enabled ? "启用 enabled" : "停用 disabled" }
    }

    let rows: [UserRow]
    let roles: [FormOption]
    let institutions: [FormOption]
    let statuses: [FormOption]
    let search: String
    let exportHref: String
    let paging: PagingView
}

/// The user list's filter, as the page's GET parameters give it: the page, its paging links and
/// its download read the same one.
struct UserListQuery {
    let role: Role?
    let institutionId: Int64?
    let status: UserListPage.Status?
    let search: String

    init(_ request: Request) {
        let query = request.uri.queryParameters
        role = query["role"].flatMap { Role(rawValue: String($0)) }
        institutionId = query["institution"].flatMap { Int64(String($0)) }
        status = query["status"].map(String.init).flatMap(UserListPage.Status.init(rawValue:))
        search = (query["q"].map(String.init) ?? "").trimmingWhitespace()
    }

    var filter: UserFilter {
        UserFilter(role: role, institutionId: institutionId, active: status.map { $0 == .enabled },
                   loginOrName: search.isEmpty ? nil : search)
    }

    var parameters: [(String, String)] {
        var parameters: [(String, String)] = []
        if let role { parameters.append(("role", role.rawValue)) }
        if let institutionId { parameters.append(("institution", String(institutionId))) }
        if let status { parameters.append(("status", status.rawValue)) }
        if !search.isEmpty { parameters.append(("q", search)) }
        return parameters
    }

    /// The line under the workbook's title that says which users it holds.
    var details: String {
        var parts: [String] = []
        if let role { parts.append("角色 role \(role.chineseName) \(role.rawValue)") }
        if let institutionId { parts.append("机构编号 institution \(institutionId)") }
        if let status { parts.append("状态 status \(status.text)") }
        if !search.isEmpty { parts.append("登录名或姓名含 login or name contains \(search)") }
        return parts.isEmpty ? "全部用户 All users" : "筛选 Filter：" + parts.joined(separator: "；")
    }
}

extension WebApp {
    static let usersLayout = ListingLayout<UserRow>(title: "用户 Users", sheetName: "用户 Users", columns: [
        .text("登录名 Login") { $0.login },
        .text("姓名 Name") { $0.name },
        .text("角色 Role") { $0.roleZh },
        .text("机构 Institution") { $0.institutionName },
        .text("状态 Status") { $0.active ? "启用 enabled" : "停用 disabled" },
        .text("初始密码待改 Initial password") { $0.mustChange ? "是 yes" : "" },
    ])
}

struct UserRow {
    let id: Int64
    let login: String
    let name: String
    let roleZh: String
    let institutionName: String
    let active: Bool
    let mustChange: Bool

    init(_ account: UserAccount) {
        id = account.user.id!
        login = account.user.login
        name = account.user.name
        roleZh = account.user.role.chineseName
        institutionName = account.institutionName ?? ""
        active = account.user.active
        mustChange = account.mustChangePassword
    }
}

/// The form that adds a user. A refused form keeps what was typed, except the password.
struct UserFormPage {
    let refused: Bool
    let general: [FormMessage]
    let login: FormInput
    let name: FormInput
    let role: FormInput
    let institution: FormInput
    let password: FormInput

    static let inputs: [Field: String] = [.login: "login", .name: "name", .role: "role", .institution: "institution"]

    init(typed form: FormFields, institutions: [Institution], errors: FormErrors) {
        refused = !errors.isEmpty
        general = errors.general
        login = FormInput("login", field: .login, value: form.text("login"), errors: errors, required: true,
                          hintZh: "英文字母、数字和 . _ -，最长 64 位。", hintEn: "Letters, digits and . _ - (at most 64).")
        name = FormInput("name", field: .name, value: form.text("name"), errors: errors, required: true)
        let role = form.text("role")
        self.role = FormInput("role", field: .role, value: role, errors: errors, required: true, options: [.choose] + Role.allCases.map {
            FormOption(value: $0.rawValue, text: "\($0.chineseName) \($0.rawValue)", selected: $0.rawValue == role)
        })
        let chosen = form.text("institution")
        institution = FormInput("institution", field: .institution, value: chosen, errors: errors,
                                hintZh: "机构经办人选培训机构或技工院校，考评员选评价机构，人社局用户不选。",
                                hintEn: "A clerk's training institution or school, an examiner's evaluation body; none for bureau users.",
                                options: [FormOption(value: "", text: "无（人社局用户） None (bureau users)", selected: chosen.isEmpty)]
                                    + institutions.map {
                                        FormOption(value: String($0.id!), text: "\($0.name)（\($0.kind.chineseName)）",
                                                   selected: String($0.id!) == chosen)
                                    })
        password = FormInput("password", labelZh: "初始密码", labelEn: "Initial password", value: "", errors: errors, required: true,
                             type: "password",
                             hintZh: "至少 \(Accounts.minimumPasswordLength) 个字符；用户首次登录时须改为自己的密码。",
                             hintEn: "At least \(Accounts.minimumPasswordLength) characters; the user must choose their own at the first sign-in.")
    }

    /// The role and institution chosen, as the Store takes them; both refusals at once.
    static func roleAndInstitution(_ form: FormFields) throws -> (Role, Int64?) {
        var problems: [FieldProblem] = []
        var role: Role?
        do {
            role = try Role.parse(form.text("role"))
        } catch {
            problems.append(FieldProblem(field: .role, value: form.text("role"), rule: error))
        }
        let chosen = form.text("institution").trimmingWhitespace()
        let institutionId = Int64(chosen)
        if !chosen.isEmpty && institutionId == nil {
            problems.append(FieldProblem(field: .institution, value: chosen, rule: Rejection(
                "请从列表中选择机构", "choose an institution from the list")))
        }
        if problems.count > 1 { throw StoreError.invalidFields(problems) }
        if let problem = problems.first { throw StoreError.invalid(problem) }
        return (role!, institutionId)
    }

    /// A login already taken is the login's refusal; an institution not found, the institution's.
    static func place(_ error: StoreError) -> String? {
        switch error {
        case .duplicate(let kind, _) where kind == "用户": "login"
        case .notFound(let kind, _) where kind == "机构": "institution"
        default: nil
        }
    }
}

/// One account: who, their role and institution, enabled or not, where their password stands;
/// and the bureau's actions on it.
struct UserPage {
    enum Done: String {
        case disabled, enabled, password
    }

    let id: Int64
    let login: String
    let name: String
    let roleZh: String
    let roleEn: String
    let institutionName: String?
    let institutionHref: String?
    let active: Bool
    let hasPassword: Bool
    let mustChange: Bool
    let passwordSetAt: String?
    let createdAt: String
    let notice: FormMessage?
    let refused: Bool
    let general: [FormMessage]
    let password: FormInput

    init(_ account: UserAccount, done: Done?, errors: FormErrors) {
        let user = account.user
        id = user.id!
        login = user.login
        name = user.name
        roleZh = user.role.chineseName
        roleEn = PageFrame.englishRole(user.role)
        institutionName = account.institutionName
        institutionHref = user.institutionId.map { "/institutions/\($0)" }
        active = user.active
        hasPassword = account.hasPassword
        mustChange = account.mustChangePassword
        passwordSetAt = account.passwordSetAt
        createdAt = user.createdAt
        notice = done.map { done in
            switch done {
            case .disabled: FormMessage(Rejection("已停用；该用户已在所有浏览器中退出。", "Disabled; the user is signed out in every browser."))
            case .enabled: FormMessage(Rejection("已启用。", "Enabled."))
            case .password: FormMessage(Rejection("已设置新的初始密码；该用户下次登录时须修改，已在所有浏览器中退出。",
                                                  "A new initial password is set; the user must change it at the next sign-in and is signed out in every browser."))
            }
        }
        refused = !errors.isEmpty
        general = errors.general
        password = FormInput("password", labelZh: "新的初始密码", labelEn: "New initial password", value: "", errors: errors,
                             required: true, type: "password",
                             hintZh: "至少 \(Accounts.minimumPasswordLength) 个字符；用户下次登录时须改为自己的密码。",
                             hintEn: "At least \(Accounts.minimumPasswordLength) characters; the user must choose their own at the next sign-in.")
    }
}
