import Testing
import Domain
@testable import Store

/// The Store's inputs are the Domain values a caller has already parsed, so that no check lives
/// only in one interface; its records hand their dates and levels back as Domain values.
@Suite struct TypedBoundaryTests {
    @Test func aPersonsSexAndBirthDateAreTheirIDs() throws {
        let world = try World()
        let registered = try world.store.registerPerson(
            NewPerson(nationalId: nationalID("11010519491231002X"), name: "王𠈌", phone: mobile("13800138000")), actor: world.admin)
        #expect(registered.person.sex == "female")
        #expect(registered.person.birthDate == "1949-12-31")
        #expect(try registered.person.birthDay == CivilDate(year: 1949, month: 12, day: 31)!)
        #expect(registered.person.phone == "13800138000")
        #expect(try world.store.person(nationalId: nationalID("11010519491231002x"), actor: world.admin).id == registered.person.id)
    }

    @Test func anInstitutionKeepsItsParsedCreditCodeWithItsWarningAndABodyItsNumberParts() throws {
        let world = try World()
        let pilot = try CreditCode.parse("91440101MA5CJQ4N58")
        #expect(!pilot.warnings.isEmpty)
        let body = try world.store.addInstitution(NewInstitution(
            name: "评价中心二", kind: .evaluation, creditCode: pilot, district: "小榄镇",
            issuer: try CertificateIssuer.parse(bodyKind: "Y", bodyCode: "0042", provinceCode: "44", siteSequence: "000007")),
            actor: world.admin)
        #expect(body.creditCode == "91440101MA5CJQ4N58")
        #expect(body.creditCodeWarning == pilot.warnings.first?.english)
        #expect(body.certificateIssuer?.prefix == "Y004244000007")
        // A training institution carries no certificate-number parts, whatever it is given.
        let school = try world.store.addInstitution(NewInstitution(
            name: "新学校", kind: .training, district: "小榄镇",
            issuer: try CertificateIssuer.parse(bodyKind: "S", bodyCode: "0000", provinceCode: "44", siteSequence: "000001")),
            actor: world.admin)
        #expect(school.certificateIssuer == nil)
    }

    @Test func anEvaluationBodyWithoutItsNumberPartsIsRefusedNamingTheField() throws {
        let world = try World()
        #expect {
            try world.store.addInstitution(NewInstitution(name: "评价中心二", kind: .evaluation, district: "小榄镇"), actor: world.admin)
        } throws: { error in
            guard case StoreError.invalid(let problem) = error else { return false }
            return problem.field == .bodyCode
        }
    }

    @Test func recordsHandBackTheirDatesAndLevelsTyped() throws {
        let training = try TrainingWorld()
        #expect(try training.cohort.startDay == CivilDate(year: 2026, month: 3, day: 1)!)
        #expect(try training.cohort.endDay == CivilDate(year: 2026, month: 4, day: 30)!)
        #expect(training.cohort.skillLevel == .level4)
        var broken = training.cohort
        broken.startDate = "2026-02-30"
        #expect(throws: Rejection.self) { try broken.startDay }
    }
}
