import Foundation
import Testing
import Domain
import Store
@testable import Services

/// Listings and shows mask national IDs and phones unless whole values are asked for with a
/// reason; then the reason is what the audit trail keeps. A blank reason is refused before
/// anything is read: nothing shown, nothing recorded.
@Suite struct DisclosureTests {
    let world: CertifiedCohort
    init() throws { world = try CertifiedCohort() }

    var persons: PersonDirectory { PersonDirectory(store: world.store) }
    var cohorts: CohortDirectory { CohortDirectory(store: world.store) }

    @Test func aPersonListingIsMaskedByDefaultAndRecordsNothing() throws {
        let page = try persons.list(actor: world.admin, nameStartingWith: "陈")
        let chen = try #require(page.rows.first)
        #expect(page.total == 1)
        #expect([chen.name, chen.nationalId, chen.sex, chen.phone] == ["陈大文", "440524********0014", "男", "138****8000"])
        #expect(chen.birthDate == nil)
        #expect(try world.disclosures().isEmpty)
    }

    @Test func wholeValuesWithAReasonAreShownAndTheAuditEventKeepsTheReason() throws {
        let page = try persons.list(actor: world.admin, nameStartingWith: "陈", disclosure: .whole(reason: "  核对补贴申请 "))
        let chen = try #require(page.rows.first)
        #expect([chen.nationalId, chen.phone, chen.birthDate] == [CertifiedCohort.chen.id, CertifiedCohort.chen.phone, "1880-01-01"])
        let event = try #require(try world.disclosures().first)
        #expect(event.reason == "核对补贴申请")
        #expect(event.actorLogin == world.admin.login)
        let chenId = try #require(try world.store.person(nationalId: nationalID(CertifiedCohort.chen.id), actor: world.admin).id)
        #expect(event.entityKey == String(chenId))
        #expect(event.after?.contains("\(chenId)") == true)
    }

    @Test func aShowOfOnePersonRecordsThatPerson() throws {
        let id = try NationalID.parse(CertifiedCohort.wang.id, today: CertifiedCohort.today)
        #expect(try persons.show(actor: world.clerk, nationalId: id).nationalId == "110105********002X")
        #expect(try world.disclosures().isEmpty)
        let whole = try persons.show(actor: world.clerk, nationalId: id, disclosure: .whole(reason: "学员本人来电核对"))
        #expect(whole.nationalId == CertifiedCohort.wang.id && whole.phone == CertifiedCohort.wang.phone)
        let events = try world.disclosures()
        #expect(events.count == 1)
        #expect(events.first?.reason == "学员本人来电核对" && events.first?.actorLogin == "clerk.a")
    }

    @Test func aCohortShowMasksItsTraineesUnlessAskedWithAReason() throws {
        let masked = try cohorts.show(actor: world.clerk, cohortId: world.cohortId)
        #expect(masked.trainees.map(\.nationalId) == ["440524********0014", "110105********002X"])
        #expect(masked.trainees.map(\.phone) == ["138****8000", "139****5678"])
        #expect(masked.projectName == "粤菜师傅")
        #expect(try world.disclosures().isEmpty)

        let whole = try cohorts.show(actor: world.clerk, cohortId: world.cohortId, disclosure: .whole(reason: "核对花名册"))
        #expect(whole.trainees.map(\.nationalId) == [CertifiedCohort.chen.id, CertifiedCohort.wang.id])
        let event = try #require(try world.disclosures().first)
        #expect(event.reason == "核对花名册" && event.entityKey == "2 persons")
    }

    /// Whatever asks, a blank reason is refused naming the reason field, before anything is read.
    @Test(arguments: ["", "   ", "\t\n"])
    func aBlankReasonIsRefusedWithNothingShownAndNothingAudited(reason: String) throws {
        let before = try world.store.auditEvents(actor: world.admin, page: .all).total
        let id = try NationalID.parse(CertifiedCohort.chen.id, today: CertifiedCohort.today)
        let refusals: [() throws -> Any] = [
            { try persons.list(actor: world.admin, disclosure: .whole(reason: reason)) },
            { try persons.show(actor: world.admin, nationalId: id, disclosure: .whole(reason: reason)) },
            { try cohorts.show(actor: world.admin, cohortId: world.cohortId, disclosure: .whole(reason: reason)) },
        ]
        for refused in refusals {
            #expect(throws: DisclosureError.reasonMissing(value: reason)) { _ = try refused() }
        }
        let error = DisclosureError.reasonMissing(value: reason)
        #expect(error.field == .reason)
        #expect(error.chinese.contains("理由") && error.english.contains("reason"))
        #expect(try world.store.auditEvents(actor: world.admin, page: .all).total == before)
    }

    @Test func aWholeDisclosureOfNobodyRecordsNothing() throws {
        let page = try persons.list(actor: world.admin, nameStartingWith: "无此人", disclosure: .whole(reason: "查找"))
        #expect(page.rows.isEmpty && page.total == 0)
        #expect(try world.disclosures().isEmpty)
    }

    @Test func listingsPageAndMaskWhatTheyShow() throws {
        let first = try persons.list(actor: world.admin, page: PageRequest(number: 1, size: 3))
        #expect(first.rows.count == 3 && first.total == 7 && first.hasMore)
        #expect(first.rows.allSatisfy { $0.nationalId.contains("********") && $0.birthDate == nil })

        let examiners = try ExaminerDirectory(store: world.store).list(actor: world.admin, page: .all)
        #expect(examiners.total == 5)
        #expect(examiners.rows.allSatisfy { $0.nationalId.contains("********") })
        #expect(examiners.rows.first?.qualifications == ["中式烹调师 五级/初级工及以下"])

        let certificates = try CertificateDirectory(store: world.store).list(actor: world.clerk, filter: CertificateFilter())
        #expect(certificates.rows.map(\.nationalId) == ["440524********0014", "110105********002X"])
        #expect(certificates.rows.allSatisfy { $0.status == "有效 valid" })
    }

    @Test func theAuditTrailMasksThePersonalDataInItsSnapshots() throws {
        _ = try world.store.updatePerson(nationalId: nationalID(CertifiedCohort.chen.id), name: nil, phone: mobile("13700137000"), reason: "本人换号",
                                         actor: world.admin)
        let events = try AuditTrail(store: world.store).list(actor: world.admin, filter: AuditFilter(entity: "persons"), page: .all)
        let text = events.rows.compactMap(\.before).joined() + events.rows.compactMap(\.after).joined()
        #expect(text.contains("137****7000") && text.contains("138****8000"))
        for whole in CertifiedCohort.wholeNumbers + ["13700137000"] {
            #expect(!text.contains(whole), "\(whole) in \(text)")
        }
    }

    @Test func theJSONOfAViewKeepsItsKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let detail = try cohorts.show(actor: world.admin, cohortId: world.cohortId)
        let json = String(decoding: try encoder.encode(detail), as: UTF8.self)
        #expect(json.hasPrefix(#"{"cohort":{"capacity":40,"completed":2,"district":"石岐街道","end_date":"2026-10-31","enrolled":0,"#))
        #expect(json.contains(#""trainees":[{"hours":"80","name":"陈大文","national_id":"440524********0014","phone":"138****8000","status":"completed","status_text":"结业 completed"}"#))
        #expect(!json.contains("project_name") && !json.contains("target_name"))
    }
}
