import Store

/// Who is signed in and what their role may do: the header and menu of every page.
struct PageFrame {
    let userName: String
    let login: String
    let roleZh: String
    let roleEn: String
    let institutionName: String?
    let menu: [MenuGroup]
    /// The same menu as HTML, from those `Pages` rendered when it loaded.
    let menuHTML: HTML
    /// The menu is hidden until an initial password is changed: nothing else is open yet.
    let showMenu: Bool

    init?(context: WebContext, menus: [Pages.MenuKey: HTML] = [:]) {
        guard let session = context.session else { return nil }
        userName = session.user.name
        login = session.user.login
        roleZh = session.user.role.chineseName
        roleEn = PageFrame.englishRole(session.user.role)
        institutionName = session.institutionName
        let path = context.currentPath
        let groups = MenuGroup.groups(for: session.user.role)
        // The most specific entry is the current one (/apprenticeships/claims, not /apprenticeships).
        let current = groups.flatMap(\.items).filter { $0.leads(to: path) }.max { $0.href.count < $1.href.count }?.href
        menu = groups.map { $0.marked(current: current) }
        menuHTML = menus[Pages.MenuKey(role: session.user.role, current: current)] ?? HTML()
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

/// A group of menu entries under a label, or unlabelled: home, and the short menus of a clerk
/// or an examiner. Every entry of every group is on every page, a link one click away: the
/// groups are plain nested lists a tablet wraps, with nothing to open and no script.
struct MenuGroup {
    let id: String
    /// Nil for an unlabelled group.
    let label: Label?
    let items: [MenuItem]

    struct Label {
        let zh: String
        let en: String
    }

    init(id: String, label: Label? = nil, items: [MenuItem]) {
        self.id = id
        self.label = label
        self.items = items
    }

    func marked(current href: String?) -> MenuGroup {
        MenuGroup(id: id, label: label, items: items.map { $0.marked(current: href) })
    }

    /// What each role may do. The Store still decides every request; the menu only leaves out
    /// what a role would be refused. The bureau's fifteen entries stand in four groups by the
    /// work they belong to; the clerk's and the examiner's are short enough for one row.
    static func groups(for role: Role) -> [MenuGroup] {
        let home = MenuGroup(id: "home", items: [MenuItem(href: "/", zh: "首页", en: "Home")])
        switch role {
        case .bureau:
            return [home,
                    MenuGroup(id: "training", label: Label(zh: "培训", en: "Training"), items: [
                        MenuItem(href: "/cohorts", zh: "培训班", en: "Cohorts"),
                        MenuItem(href: "/persons", zh: "人员", en: "Persons"),
                        MenuItem(href: "/apprenticeships", zh: "学徒", en: "Apprentices"),
                        MenuItem(href: "/apprenticeships/claims", zh: "学徒补贴", en: "Apprentice claims")]),
                    MenuGroup(id: "exams", label: Label(zh: "考试", en: "Exams"), items: [
                        MenuItem(href: "/sessions", zh: "考试场次", en: "Exam sessions"),
                        MenuItem(href: "/results", zh: "成绩", en: "Results"),
                        MenuItem(href: "/mismatches", zh: "成绩不一致", en: "Mismatches"),
                        MenuItem(href: "/rechecks", zh: "复核", en: "Re-checks")]),
                    MenuGroup(id: "certificates", label: Label(zh: "证书与统计", en: "Certificates and statistics"), items: [
                        MenuItem(href: "/certificates", zh: "证书", en: "Certificates"),
                        MenuItem(href: "/statistics", zh: "统计", en: "Statistics")]),
                    MenuGroup(id: "administration", label: Label(zh: "管理", en: "Administration"), items: [
                        MenuItem(href: "/institutions", zh: "机构", en: "Institutions"),
                        MenuItem(href: "/users", zh: "用户", en: "Users"),
                        MenuItem(href: "/catalog", zh: "目录", en: "Catalog"),
                        MenuItem(href: "/audit", zh: "审计", en: "Audit trail")])]
        case .institution:
            return [MenuGroup(id: "main", items: [
                MenuItem(href: "/", zh: "首页", en: "Home"),
                MenuItem(href: "/institutions", zh: "本机构", en: "My institution"),
                MenuItem(href: "/cohorts", zh: "培训班", en: "Cohorts"),
                MenuItem(href: "/persons", zh: "学员", en: "Trainees"),
                MenuItem(href: "/apprenticeships", zh: "学徒", en: "Apprentices"),
                MenuItem(href: "/enterprises", zh: "企业", en: "Enterprises"),
                MenuItem(href: "/apprentice-lists", zh: "导入学徒名单", en: "Apprentice lists"),
                MenuItem(href: "/claims", zh: "补贴申领", en: "Subsidy claims")])]
        case .examiner:
            return [MenuGroup(id: "main", items: [
                MenuItem(href: "/", zh: "首页", en: "Home"),
                MenuItem(href: "/institutions", zh: "本机构", en: "My evaluation body"),
                MenuItem(href: "/rooms", zh: "我的考场", en: "My rooms")])]
        }
    }
}

/// One entry of the menu.
struct MenuItem {
    let href: String
    let zh: String
    let en: String
    var current = false

    /// Whether the page at `path` belongs to this entry.
    func leads(to path: String) -> Bool {
        href == "/" ? path == "/" : path == href || path.hasPrefix(href + "/")
    }

    func marked(current href: String?) -> MenuItem {
        var item = self
        item.current = self.href == href
        return item
    }
}
