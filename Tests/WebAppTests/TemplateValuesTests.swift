import Foundation
import Testing
import Hummingbird
import Domain
import Services
import Store
@testable import WebApp

/// Templates read a page's values by name: from dictionaries made once per page
/// (`TemplateValues`) or from rows that name their fields themselves (`TemplateFields`), and
/// either way they must find what reflecting the structs finds.
@Suite struct TemplateValuesTests {
    struct SampleRow {
        let name: String
        let note: String?
        let count: Int
    }

    struct SamplePage {
        let title: String
        let rows: [SampleRow]
        let missing: String?
        let flag: Bool
        let nested: SampleRow?
    }

    @Test func aStructBecomesADictionaryOfItsPropertiesWithNilOnesLeftOut() throws {
        let page = SamplePage(title: "审计", rows: [SampleRow(name: "甲", note: nil, count: 2), SampleRow(name: "<b>", note: "注", count: 0)],
                        missing: nil, flag: false, nested: SampleRow(name: "乙", note: nil, count: 1))
        let converted = try #require(TemplateValues.converted(page) as? [String: Any])
        #expect(converted.keys.sorted() == ["flag", "nested", "rows", "title"])
        #expect(converted["title"] as? String == "审计")
        #expect(converted["flag"] as? Bool == false)
        let rows = try #require(converted["rows"] as? [Any])
        let first = try #require(rows.first as? [String: Any]), second = try #require(rows.last as? [String: Any])
        #expect(first.keys.sorted() == ["count", "name"])
        #expect(first["name"] as? String == "甲" && first["count"] as? Int == 2)
        #expect(second["name"] as? String == "<b>" && second["note"] as? String == "注")
        #expect((converted["nested"] as? [String: Any])?["name"] as? String == "乙")
        #expect(TemplateValues.converted(Optional<SampleRow>.none as Any) == nil)
        #expect((TemplateValues.converted(["a": 1]) as? [String: Int]) == ["a": 1])
    }

    /// A value that has its own text is kept whole to be printed as that text, not taken apart
    /// into a dictionary of its insides: a page holding a code or a decimal shows what
    /// `String(describing:)` shows.
    @Test func aValueWithItsOwnTextIsKeptWhole() throws {
        struct Code: CustomStringConvertible {
            let value: String
            var description: String { value }
        }
        struct Shown {
            let code: Code
            let amount: Decimal
            let row: SampleRow
        }
        let shown = Shown(code: Code(value: "91440101MA5CJQ4N59"), amount: Decimal(string: "1500.50")!,
                          row: SampleRow(name: "甲", note: nil, count: 1))
        let converted = try #require(TemplateValues.converted(shown) as? [String: Any])
        #expect(converted["code"].map { String(describing: $0) } == "91440101MA5CJQ4N59")
        #expect(converted["amount"] as? Decimal == Decimal(string: "1500.50"))
        #expect(converted["row"] is [String: Any])
    }

    /// Every property of a row type is found under its name, with the value reflection finds,
    /// and a name it does not have finds nothing (the template looks further up).
    @Test func rowTypesNameEveryPropertyTheyHave() throws {
        let paging = PagingView(Page(rows: [1, 2], total: 120, request: PageRequest(number: 2, size: 2)), path: "/audit", filters: [])
        let lastPaging = PagingView(Page(rows: [1], total: 5, request: PageRequest(number: 3, size: 2)), path: "/audit", filters: [])
        let link = try #require(paging.pages.first)
        let world = try WebWorld()
        defer { world.remove() }
        let trail = AuditTrail(store: world.store)
        let shown = AuditShown(choices: try trail.choices(actor: world.admin), page: try trail.list(actor: world.admin), problem: nil)
        let auditPage = AuditPage(query: AuditQuery(Request(head: .init(method: .get, scheme: "http", authority: "localhost",
                                                                         path: "/audit?user=admin&action=user.signin"),
                                                             body: .init(buffer: ByteBuffer()))), shown: shown)
        let refused = AuditPage(query: AuditQuery(Request(head: .init(method: .get, scheme: "http", authority: "localhost", path: "/audit?key=1"),
                                                          body: .init(buffer: ByteBuffer()))),
                                shown: AuditShown(choices: shown.choices, page: nil, problem: FieldProblem(field: .column("键 Key"), value: "1",
                                                                                                           rule: Rejection("甲", "a"))))
        let choice = try #require(auditPage.actions.first { $0.selected })
        let option = FormOption(value: "planned", text: "未开班 planned", selected: true)
        let kind = KindOption(value: "training", zh: "培训机构", selected: false)
        let cohorts = CohortListPage(rowsHTML: "<tr></tr>", mayOpen: true, statuses: [option], projects: [], occupations: [option], paging: paging)
        let institutions = InstitutionListPage(rowsHTML: HTML(joining: [InstitutionRow(world.schoolA).html]), kinds: [kind], districts: [option],
                                               search: "甲", mayAdd: false, exportHref: "/institutions.xlsx?q=%E7%94%B2", paging: lastPaging)
        let menuLabel = MenuGroup.Label(zh: "管理", en: "Administration")
        let menuGroup = MenuGroup(id: "administration", label: menuLabel, items: [MenuItem(href: "/audit", zh: "审计", en: "Audit trail")])
        let rows: [(Any, (String) -> Any?)] = [
            (auditPage, auditPage.child(named:)),
            (refused, refused.child(named:)),
            (choice, choice.child(named:)),
            (option, option.child(named:)),
            (kind, kind.child(named:)),
            (cohorts, cohorts.child(named:)),
            (institutions, institutions.child(named:)),
            (MenuItem(href: "/audit", zh: "审计", en: "Audit trail", current: true), MenuItem(href: "/audit", zh: "审计", en: "Audit trail", current: true).child(named:)),
            (menuGroup, menuGroup.child(named:)),
            (menuLabel, menuLabel.child(named:)),
            (link, link.child(named:)),
            (paging, paging.child(named:)),
            (lastPaging, lastPaging.child(named:)),
        ]
        for (row, child) in rows {
            let properties = Mirror(reflecting: row).children
            #expect(!properties.isEmpty)
            for property in properties {
                let label = try #require(property.label)
                let reflected: Any? = Mirror(reflecting: property.value).displayStyle == .optional
                    ? Mirror(reflecting: property.value).children.first?.value : property.value
                #expect(child(label).map { String(describing: $0) } == reflected.map { String(describing: $0) }, "\(type(of: row)).\(label)")
            }
            #expect(child("noSuchName") == nil)
        }
    }
}
