import ArgumentParser
import Domain
import Services
import Store

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Users and their role: bureau, institution or examiner (用户).",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, SetPassword.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Login: letters, digits, . _ -") var login: String
        @Option(help: "Full name.") var name: String
        @Option(help: "bureau, institution or examiner.") var role: String
        @Option(help: "The user's institution or evaluation body (id or name); not for bureau users.") var institution: String?
        @OptionGroup var initialPassword: PasswordOptions

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let role = try parseOption("--role", role, Role.parse)
            let institutionId = try institution.map { try store.institution($0, actor: actor).id! }
            if let password = try initialPassword.read() {
                let user = try Accounts().addUser(login: login, name: name, role: role, institutionId: institutionId,
                                                  password: password, actor: actor, store: store)
                CLIContext.current.print("已添加用户 Added user \(user.login)（\(user.role.chineseName)）；"
                                         + "首次登录须修改密码 · the password must be changed at the first sign-in")
                return
            }
            let user = try store.addUser(login: login, name: name, role: role, institutionId: institutionId, actor: actor)
            CLIContext.current.print("已添加用户 Added user \(user.login)（\(user.role.chineseName)）")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @OptionGroup var paging: PagingOptions

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let users = try UserDirectory(store: store).list(actor: actor, page: paging.request)
            if listing.json {
                CLIContext.current.print(try jsonText(users.rows))
                paging.printFooter(users, countZh: "个用户", countEn: "user(s)", json: true)
                return
            }
            var table = TextTable(["登录名 login", "姓名 name", "角色 role", "机构 institution", "状态 status"])
            for user in users {
                table.add([user.login, user.name, Role(rawValue: user.role)?.chineseName ?? user.role, user.institutionId.map(String.init) ?? "",
                           user.active ? "启用 active" : "停用 disabled"])
            }
            CLIContext.current.print(table.render())
            paging.printFooter(users, countZh: "个用户", countEn: "user(s)", json: false)
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument var login: String

        func run() throws { try UserCommand.setActive(global, login: login, active: false) }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a user again (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument var login: String

        func run() throws { try UserCommand.setActive(global, login: login, active: true) }
    }

    struct SetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract: "Set an initial password, to be changed at the next sign-in; ends the user's web sessions (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument var login: String
        @OptionGroup var initialPassword: PasswordOptions

        func run() throws {
            guard let password = try initialPassword.read() else {
                throw CLIError.missingOption(option: "--password 或 --password-file", reasonZh: "需要给出新的初始密码",
                                             reasonEn: "the new initial password is needed (--password or --password-file)")
            }
            let store = try global.openStore()
            try Accounts().setPassword(login: login, password: password, actor: try global.actor(in: store), store: store)
            CLIContext.current.print("已为 \(login) 设置初始密码，首次登录须修改 · Set an initial password for \(login); "
                                     + "it must be changed at the next sign-in")
        }
    }

    fileprivate static func setActive(_ global: GlobalOptions, login: String, active: Bool) throws {
        let store = try global.openStore()
        let user = try store.setUserActive(login: login, active: active, actor: try global.actor(in: store))
        CLIContext.current.print(active ? "已启用 Enabled \(user.login)" : "已停用 Disabled \(user.login)")
    }
}
