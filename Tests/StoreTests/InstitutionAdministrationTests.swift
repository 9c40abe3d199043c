import Testing
import Domain
@testable import Store

/// What the bureau's institution pages ask of the Store: filtered lists, the catalog's districts,
/// every refused field at once, and emptied contact details cleared.
@Suite struct InstitutionAdministrationTests {
    @Test func institutionsFilterByKindDistrictAndPartOfTheNameWithinTheActorsScope() throws {
        let world = try World()
        _ = try world.store.addInstitution(NewInstitution(name: "小榄100%烹饪学校", kind: .school, district: "小榄镇"), actor: world.admin)
        func names(_ filter: InstitutionFilter, actor: User? = nil) throws -> [String] {
            try world.store.institutions(actor: actor ?? world.admin, filter: filter).rows.map(\.name)
        }
        #expect(try names(InstitutionFilter(district: "小榄镇")) == ["中山市乙家政培训中心", "小榄100%烹饪学校"])
        #expect(try names(InstitutionFilter(kind: .training, district: "石岐街道")) == ["中山市甲烹饪培训学校"])
        #expect(try names(InstitutionFilter(nameContaining: "烹饪")) == ["中山市甲烹饪培训学校", "小榄100%烹饪学校"])
        #expect(try names(InstitutionFilter(nameContaining: "0%")) == ["小榄100%烹饪学校"], "% stands for itself")
        #expect(try names(InstitutionFilter(nameContaining: "%")) == ["小榄100%烹饪学校"])
        #expect(try names(InstitutionFilter(nameContaining: "乙")) == ["中山市乙家政培训中心"])
        #expect(try names(InstitutionFilter(nameContaining: "乙"), actor: world.clerkA) == [], "a clerk's scope stays")
        #expect(try names(InstitutionFilter(nameContaining: "烹饪"), actor: world.clerkA) == ["中山市甲烹饪培训学校"])
        let page = try world.store.institutions(actor: world.admin, filter: InstitutionFilter(nameContaining: "中山市"),
                                                page: PageRequest(number: 2, size: 2))
        #expect(page.total == 3 && page.rows.map(\.name) == ["中山市丙职业技能评价中心"])
        #expect(try world.store.districts().map(\.name) == ["石岐街道", "小榄镇"])
    }

    @Test func anEmptyNameAndAnUnknownDistrictAreRefusedTogetherAndNothingIsWritten() throws {
        let world = try World()
        #expect {
            try world.store.addInstitution(NewInstitution(name: "  ", kind: .training, district: "天河区"), actor: world.admin)
        } throws: { error in
            guard case StoreError.invalidFields(let problems) = error else { return false }
            return problems.map(\.field) == [.institutionName, .district]
        }
        #expect {
            try world.store.updateInstitution(id: world.schoolA.id!, InstitutionChanges(name: "", district: "天河区"), actor: world.admin)
        } throws: { error in
            guard case StoreError.invalidFields(let problems) = error else { return false }
            return problems.map(\.field) == [.institutionName, .district]
        }
        #expect(try world.store.institutions(actor: world.admin).count == 3)
        #expect(try world.store.institution(String(world.schoolA.id!), actor: world.admin) == world.schoolA)
    }

    @Test func anEmptiedContactDetailIsClearedNotKeptAsEmptyText() throws {
        let world = try World()
        _ = try world.store.updateInstitution(id: world.schoolA.id!, InstitutionChanges(
            contactPerson: "李老师", contactPhone: "0760-88881234", address: "中山市石岐街道"), actor: world.admin)
        let cleared = try world.store.updateInstitution(id: world.schoolA.id!, InstitutionChanges(
            contactPerson: "", contactPhone: "", address: ""), actor: world.admin)
        #expect(cleared.contactPerson == nil && cleared.contactPhone == nil && cleared.address == nil)
    }
}
