import Foundation
import Testing
@testable import SkillCertCLI
import Spreadsheet

@Suite struct InitAndCatalogCLITests {
    @Test func initCreatesTheDatabaseWithTheCatalogAndAnAdministrator() throws {
        let workspace = try Workspace()
        let result = workspace.run("init", "--catalog", Workspace.catalogDirectory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("管理员 Administrator: admin"))
        #expect(workspace.exists("skillcert.sqlite"))

        let again = workspace.run("init", "--catalog", Workspace.catalogDirectory.path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("已经初始化"))
        #expect(again.stderr.contains("already initialised"))
    }

    @Test func theDatabaseComesFromDbElseTheEnvironmentElseTheDefault() throws {
        let workspace = try Workspace(environment: ["SKILLCERT_DB": "from-env.sqlite"])
        #expect(workspace.run("init", "--catalog", Workspace.catalogDirectory.path).status == 0)
        #expect(workspace.exists("from-env.sqlite"))
        #expect(workspace.run("init", "--catalog", Workspace.catalogDirectory.path, "--db", "named.sqlite").status == 0)
        #expect(workspace.exists("named.sqlite"))
        #expect(!workspace.exists("skillcert.sqlite"))
    }

    @Test func commandsOnAMissingDatabaseSaySoInsteadOfCreatingOne() throws {
        let workspace = try Workspace()
        let result = workspace.run("institution", "list")
        #expect(result.status == 1)
        #expect(result.stderr.contains("does not exist: run skillcert init first"))
        #expect(!workspace.exists("skillcert.sqlite"))
    }

    @Test func aBrokenCatalogIsReportedWithFileLineAndFieldAndCreatesNoDatabase() throws {
        let workspace = try Workspace()
        let catalog = try workspace.copyCatalog()
        let file = catalog.appendingPathComponent("exam_parts.csv")
        var text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let dataLine = try #require(lines.firstIndex { $0.hasPrefix("5,theory") })
        text = text.replacingOccurrences(of: lines[dataLine], with: lines[dataLine].replacingOccurrences(of: ",60,", with: ",160,"))
        try text.write(to: file, atomically: true, encoding: .utf8)

        let validate = workspace.run("catalog", "validate", "Catalog")
        #expect(validate.status == 1)
        #expect(validate.stderr.contains("exam_parts.csv"))
        #expect(validate.stderr.contains("第 \(dataLine + 1) 行"))
        #expect(validate.stderr.contains("line \(dataLine + 1)"))
        #expect(validate.stderr.contains("pass_mark"))
        #expect(validate.stderr.contains("\"160\""))

        let initialise = workspace.run("init", "--catalog", "Catalog")
        #expect(initialise.status == 1)
        #expect(initialise.stderr.contains("nothing was written to the database"))
        #expect(!workspace.exists("skillcert.sqlite"))
    }

    @Test func theRealCatalogValidates() throws {
        let workspace = try Workspace()
        let result = workspace.run("catalog", "validate", Workspace.catalogDirectory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("The catalog is valid"))
        #expect(result.stdout.contains("Occupation codes still to confirm"))
    }

    @Test func syncAppliesAnEditedRateAndSaysWhatChanged() throws {
        let workspace = try Workspace()
        try workspace.initialise()
        let catalog = try workspace.copyCatalog(to: "Edited")
        let file = catalog.appendingPathComponent("apprentice_subsidies.csv")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "4,5500", with: "4,6000").write(to: file, atomically: true, encoding: .utf8)

        let result = workspace.run("catalog", "sync", "Edited")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("changed 1"))
        #expect(result.stdout.contains("changed catalog_apprentice_subsidies 4"))
        #expect(workspace.run("catalog", "sync", "Edited").stdout.contains("unchanged"))
    }

    @Test func onlyTheBureauSyncsTheCatalog() throws {
        let workspace = try Workspace()
        try workspace.initialise()
        workspace.run("institution", "add", "--name", "甲学校", "--kind", "training", "--district", "石岐街道")
        workspace.run("user", "add", "clerk", "--name", "经办", "--role", "institution", "--institution", "甲学校")
        let result = workspace.run("catalog", "sync", Workspace.catalogDirectory.path, "--as", "clerk")
        #expect(result.status == 1)
        #expect(result.stderr.contains("only bureau users may do this"))
    }

    @Test func helpExitsCleanly() throws {
        let workspace = try Workspace()
        let result = workspace.run("--help")
        #expect(result.status == 0)
        #expect(result.stdout.contains("institution"))
        #expect(result.stdout.contains("catalog"))
    }
}

@Suite struct CatalogExportCLITests {
    @Test func exportWritesTheDatabasesCatalogIntoTheOutputFolder() throws {
        let workspace = try Workspace()
        try workspace.initialise()
        let result = workspace.run("catalog", "export")
        #expect(result.status == 0, "\(result.stderr)")
        let url = workspace.directory.appendingPathComponent("Exports/catalog.xlsx")
        #expect(result.stdout.contains(url.path))
        let reader = try XLSXReader(url: url)
        let districts = try reader.rows(sheet: "镇街 Districts")
        #expect(districts.contains { $0[column: 0]?.value == "小榄镇" })
        #expect(districts.count == 2 + 23)

        let elsewhere = workspace.run("catalog", "export", "--out", "reports", "--file", "目录.xlsx")
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(workspace.exists("reports/目录.xlsx"))
    }
}
