import Foundation
import Testing
import Domain
import Store
import Intake
@testable import Services

/// Registering and changing institutions as the command line and the web app both do it: every
/// field read by its rule, every refused field reported at once, nothing written on a refusal.
@Suite struct InstitutionRegistrationTests {
    func world() throws -> (Store, User, InstitutionRegistration) {
        let store = try Store.inMemory(clock: .fixed(StoreThreadsTests.day))
        let catalogFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Catalog")
        let admin = try store.initialize(catalog: try #require(CatalogReader.load(catalogFolder).catalog))
        return (store, admin, InstitutionRegistration(store: store))
    }

    static let body = InstitutionEntry(name: "中山市丙职业技能评价中心", kind: "evaluation", district: "石岐街道",
                                       creditCode: "91440101MA5CJQ4N59", contactPerson: "陈主任", contactPhone: "+86 138-0013-8000",
                                       address: "中山市石岐街道孙文中路 1 号", bodyKind: "s", bodyCode: "0000", province: "44", site: "000123")

    @Test func anEvaluationBodyIsRecordedWithItsNumberPartsAndItsPhoneAsElevenDigits() throws {
        let (store, admin, registration) = try world()
        let recorded = try registration.add(Self.body, actor: admin)
        #expect(recorded.warnings.isEmpty)
        let body = recorded.institution
        #expect(body.kind == .evaluation && body.certificateIssuer?.prefix == "S000044000123")
        #expect(body.creditCode == "91440101MA5CJQ4N59" && body.contactPhone == "13800138000")
        #expect(try store.auditEvents(actor: admin, entity: "institutions").rows.map(\.action) == ["institution.create"])
    }

    @Test func everyRefusedFieldIsReportedAtOnceAndNothingIsWritten() throws {
        let (store, admin, registration) = try world()
        var entry = Self.body
        entry.creditCode = "91440101MA5CJQ4NO9"
        entry.contactPhone = "0760-888"
        entry.bodyCode = "12"
        #expect { try registration.add(entry, actor: admin) } throws: { error in
            guard case StoreError.invalidFields(let problems) = error else { return false }
            return problems.map(\.field) == [.creditCode, .contactPhone, .bodyCode]
                && problems[2].english == "field body code, value \"12\": must be 4 digits"
        }
        entry = InstitutionEntry(name: "评价二", kind: "evaluation", district: "石岐街道", bodyKind: "", province: "44")
        #expect { try registration.add(entry, actor: admin) } throws: { error in
            guard case StoreError.invalidFields(let problems) = error else { return false }
            return problems.map(\.field) == [.bodyKind, .bodyCode, .siteSequence]
                && problems[0].chinese == "字段 评价机构类别，值 \"\"：评价机构必须填写（证书编号的组成部分）"
        }
        #expect { try registration.add(InstitutionEntry(name: "某学校", kind: "college", district: "石岐街道"), actor: admin) } throws: {
            guard case StoreError.invalid(let problem) = $0 else { return false }
            return problem.field == .institutionKind && problem.value == "college"
        }
        #expect(try store.institutions(actor: admin).isEmpty)
    }

    @Test func aPilotCodeIsAcceptedWithItsWarningAndATrainingInstitutionIgnoresNumberParts() throws {
        let (_, admin, registration) = try world()
        let recorded = try registration.add(InstitutionEntry(name: "丙学校", kind: "training", district: " 小榄镇 ",
                                                             creditCode: "91440101ma5cjq4n58", contactPhone: "", bodyKind: "Y"),
                                            actor: admin)
        #expect(recorded.warnings == [.checkCharacterMismatch(expected: "9", found: "8")])
        #expect(recorded.institution.creditCode == "91440101MA5CJQ4N58" && recorded.institution.district == "小榄镇")
        #expect(recorded.institution.contactPhone == nil && recorded.institution.bodyKind == nil)
    }

    @Test func aChangeChecksWhatItChangesAndACreditCodeOnRecordCannotBeRemoved() throws {
        let (store, admin, registration) = try world()
        let id = try registration.add(Self.body, actor: admin).institution.id!
        #expect { try registration.update(id: id, InstitutionEntry(creditCode: " ", contactPhone: "电话"), actor: admin) } throws: {
            guard case StoreError.invalidFields(let problems) = $0 else { return false }
            return problems.map(\.field) == [.creditCode, .contactPhone]
                && problems[0].english == "field credit code, value \" \": a credit code on record cannot be removed, only corrected"
        }
        let changed = try registration.update(id: id, InstitutionEntry(name: "中山市丙评价中心", contactPhone: "0760-88881234 转 8"),
                                              actor: admin).institution
        #expect(changed.name == "中山市丙评价中心" && changed.contactPhone == "0760-88881234 转 8")
        #expect(changed.creditCode == "91440101MA5CJQ4N59", "a field not given stays")
        let cleared = try registration.update(id: id, InstitutionEntry(contactPhone: ""), actor: admin).institution
        #expect(cleared.contactPhone == nil)
        #expect(try store.auditEvents(actor: admin, entity: "institutions").rows.map(\.action)
                == ["institution.update", "institution.update", "institution.create"])
    }
}
