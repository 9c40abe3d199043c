import Store

/// Who is signed in and what their role may do: the header and menu of every page.
struct PageFrame {
    let userName: String
    let login: String
    let roleZh: String
    let roleEn: String
    let institutionName: String?
    let menu: [MenuItem]
    /// The menu is hidden until an initial password is changed: nothing else is open yet.
    let showMenu: Bool

    init?(context: WebContext) {
        guard let session = context.session else { return nil }
        userName = session.user.name
        login = session.user.login
        roleZh = session.user.role.chineseName
        roleEn = PageFrame.englishRole(session.user.role)
        institutionName = session.institutionName
        let path = context.currentPath
        menu = MenuItem.items(for: session.user.role).map { $0.marked(current: path) }
        showMenu = !session.mustChangePassword
    }

    static func englishRole(_ role: Role) -> String {
        switch role {
        case .bureau: "Bureau"
        case .institution: "Institution clerk"
        case .examiner: "Examiner"
        }
    }
}

/// One entry of the menu.
struct MenuItem {
    let href: String
    let zh: String
    let en: String
    var current = false

    func marked(current path: String) -> MenuItem {
        var item = self
        item.current = href == "/" ? path == "/" : path == href || path.hasPrefix(href + "/")
        return item
    }

    /// What each role may do. The Store still decides every request; the menu only leaves out
    /// what a role would be refused.
    static func items(for role: Role) -> [MenuItem] {
        let home = MenuItem(href: "/", zh: "首页", en: "Home")
        switch role {
        case .bureau:
            return [home,
                    MenuItem(href: "/institutions", zh: "机构", en: "Institutions"),
                    MenuItem(href: "/users", zh: "用户", en: "Users"),
                    MenuItem(href: "/cohorts", zh: "培训班", en: "Cohorts"),
                    MenuItem(href: "/persons", zh: "人员", en: "Persons"),
                    MenuItem(href: "/sessions", zh: "考试场次", en: "Exam sessions"),
                    MenuItem(href: "/results", zh: "成绩", en: "Results"),
                    MenuItem(href: "/mismatches", zh: "成绩不一致", en: "Mismatches"),
                    MenuItem(href: "/rechecks", zh: "复核", en: "Re-checks"),
                    MenuItem(href: "/certificates", zh: "证书", en: "Certificates"),
                    MenuItem(href: "/apprenticeships", zh: "学徒", en: "Apprentices"),
                    MenuItem(href: "/catalog", zh: "目录", en: "Catalog"),
                    MenuItem(href: "/statistics", zh: "统计", en: "Statistics"),
                    MenuItem(href: "/audit", zh: "审计", en: "Audit trail")]
        case .institution:
            return [home,
                    MenuItem(href: "/institutions", zh: "本机构", en: "My institution"),
                    MenuItem(href: "/cohorts", zh: "培训班", en: "Cohorts"),
                    MenuItem(href: "/persons", zh: "学员", en: "Trainees"),
                    MenuItem(href: "/apprenticeships", zh: "学徒", en: "Apprentices"),
                    MenuItem(href: "/enterprises", zh: "企业", en: "Enterprises"),
                    MenuItem(href: "/apprentice-lists", zh: "导入学徒名单", en: "Apprentice lists"),
                    MenuItem(href: "/claims", zh: "补贴申领", en: "Subsidy claims")]
        case .examiner:
            return [home,
                    MenuItem(href: "/institutions", zh: "本机构", en: "My evaluation body"),
                    MenuItem(href: "/rooms", zh: "我的考场", en: "My rooms")]
        }
    }
}
