import Foundation
import Testing
import Mustache
import Domain
import Services
import Store
@testable import WebApp

/// The parts of pages made in Swift (`HTML`: a table's rows) escape every value as a template
/// does, keep their literal markup, and are printed by templates only through names that hold
/// such fragments.
@Suite struct HTMLTests {
    @Test func everyInterpolatedTextIsEscapedAndTheMarkupKept() {
        let name = "<script>alert(1)</script>{{x}}", quoted = "\"'&", count = 42
        let cell: HTML = "<td class=\"name\">\(name)</td>"
        #expect(cell.text == "<td class=\"name\">&lt;script&gt;alert(1)&lt;/script&gt;{{x}}</td>")
        let row: HTML = "<tr>\(cell)<td>\(quoted)</td><td>\(count)</td><td>\(Int64(-7))</td></tr>"
        #expect(row.text == "<tr><td class=\"name\">&lt;script&gt;alert(1)&lt;/script&gt;{{x}}</td><td>&quot;&#39;&amp;</td><td>42</td><td>-7</td></tr>")
        #expect(HTML(joining: [cell, "<br>", cell]).text == cell.text + "<br>" + cell.text)
        #expect(HTML().isNull && HTML(joining: []).isNull && !cell.isNull)
        // A quote followed by a combining mark cannot end an attribute here either.
        let attribute: HTML = "<a title=\"\("\"\u{338} onclick=alert(1)")\">"
        #expect(attribute.text == "<a title=\"&quot;\u{338} onclick=alert(1)\">")
    }

    /// What a template renders into a fragment (the menu, rendered once per role) was escaped by
    /// the template.
    @Test func aFragmentRenderedByATemplateHasItsValuesEscaped() async throws {
        let pages = try await Pages.load()
        let group = MenuGroup(id: "x", label: MenuGroup.Label(zh: "<script>alert(1)</script>", en: "{{x}}"),
                              items: [MenuItem(href: "/\"><img src=x>", zh: "<b>", en: "&")])
        let menu = try #require(HTML.rendered("menu", with: ["menu": [group]], by: pages.library))
        #expect(menu.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; <span lang=\"en\">{{x}}</span>"))
        #expect(menu.text.contains("<a href=\"/&quot;&gt;&lt;img src=x&gt;\">&lt;b&gt; <span lang=\"en\">&amp;</span></a>"))
        #expect(!menu.text.contains("<script>") && !menu.text.contains("<img") && !menu.text.contains("<b>"))
        // Every role's menu, with each entry current in turn, was rendered when the pages loaded.
        for role in Role.allCases {
            for item in MenuGroup.groups(for: role).flatMap(\.items) {
                let shown = try #require(pages.menus[Pages.MenuKey(role: role, current: item.href)])
                #expect(shown.text.contains("<a href=\"\(item.href)\" aria-current=\"page\">"))
                #expect(shown.text.components(separatedBy: "aria-current").count == 2)
            }
            #expect(pages.menus[Pages.MenuKey(role: role, current: nil)]?.text.contains("aria-current") == false)
        }
    }

    /// swift-mustache prints `{{{name}}}` and `{{& name}}` unescaped: the templates use them only
    /// for names ending in `HTML`. That those names hold `HTML` fragments is the compiler's to keep:
    /// the pages declare them with that type.
    @Test func templatesPrintUnescapedOnlyFragments() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/WebApp/Templates").standardized
        var unescaped: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: /\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{&\s*([^}]*?)\s*\}\}/) {
                let variable = String(match.output.1 ?? match.output.2 ?? "")
                #expect(variable.hasSuffix("HTML"), "\(name) prints \(variable) unescaped")
                unescaped.insert(variable)
            }
        }
        #expect(unescaped == ["rowsHTML", "menuHTML"])
    }

    /// A row of the audit trail: each value escaped, a snapshot's quotes included.
    @Test func anAuditRowEscapesEveryValue() throws {
        let world = try WebWorld()
        defer { world.remove() }
        _ = try world.store.addInstitution(NewInstitution(name: "<script>alert(1)</script>{{x}}学校", kind: .training, district: "石岐街道"),
                                           actor: world.admin)
        let event = try #require(try AuditTrail(store: world.store).list(actor: world.admin, filter: AuditFilter(action: "institution.create"))
            .rows.first)
        let row = AuditRow(event).html.text
        #expect(row.hasPrefix("<tr><td>\(BureauTime.shown(event.at))</td><td>admin</td><td>人社局 bureau</td><td>institution.create</td>"))
        #expect(row.hasSuffix("</td><td></td></tr>\n"))
        #expect(row.contains("&quot;name&quot;:&quot;&lt;script&gt;alert(1)&lt;/script&gt;{{x}}学校&quot;"))
        #expect(!row.contains("<script>") && !row.contains("\"name\""))
    }
}
