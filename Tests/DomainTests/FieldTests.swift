import Testing
import Domain

/// A rejection names its field with `Field`; each interface words it: a page by the field's
/// label, the command line by its option.
@Suite("Typed fields")
struct FieldTests {
    static let sample: [Field] = [
        .nationalID, .name, .phone, .institution, .institutionName, .institutionKind, .creditCode, .body, .bodyKind,
        .bodyCode, .provinceCode, .siteSequence, .enterpriseName, .district, .login, .project, .cohort, .cohortName,
        .occupation, .level, .subTrade, .specialAbility, .startDate, .endDate, .plannedHours, .capacity, .attendedHours,
        .session, .examDate, .room, .ticket, .part, .score, .status, .qualification, .overrideReason, .retake,
        .declaredYears, .diploma, .finalYearOf,
        .certificateNumber, .holder, .period, .contractStart, .contractYears, .extensionReason, .enterpriseMentor,
        .institutionMentor, .terminationDate, .reason, .note, .file, .directory, .wholeRow,
    ]

    @Test func everyFieldHasAChineseAndAnEnglishLabelWithoutOptionSyntax() {
        for field in Self.sample {
            #expect(!field.labelZh.isEmpty && !field.labelEn.isEmpty, "\(field)")
            #expect(!field.labelZh.contains("--") && !field.labelEn.contains("--"), "\(field)")
        }
        #expect(Set(Self.sample.map(\.labelZh)).count == Self.sample.count, "two fields share a Chinese label")
        #expect(Field.listColumn(.nationalId).labelZh == "身份证号" && Field.listColumn(.nationalId).labelEn == "National ID")
        #expect(Field.column("pass_mark").labelEn == "pass_mark")
    }

    @Test func aProblemIsWordedWithTheLabelsOrWithAnInterfacesNames() {
        let problem = FieldProblem(field: .reason, value: "", rule: Rejection("不能为空", "must not be empty"))
        #expect(problem.chinese == "字段 理由，值 \"\"：不能为空")
        #expect(problem.english == "field reason, value \"\": must not be empty")
        #expect(problem.english(naming: { $0 == .reason ? "--reason" : $0.labelEn }) == "field --reason, value \"\": must not be empty")
        let located = FieldProblem(file: "名单.csv", line: 4, field: .listColumn(.phone), value: "123", rule: Rejection("太短", "too short"))
        #expect(located.chinese == "文件 名单.csv 第 4 行 字段 手机号码，值 \"123\"：太短")
        #expect(located.english(naming: { _ in "D 手机号码" }) == "名单.csv line 4 · field D 手机号码, value \"123\": too short")
    }

    @Test func plansNameTheirFieldsNotOptions() {
        let catalog = CatalogFixture.good.build().catalog!
        let plan = CohortPlan(name: " ", projectCode: "nope", target: .occupation(code: "x", level: .level5), district: "d",
                              startDate: CivilDate(year: 2026, month: 9, day: 1)!, endDate: CivilDate(year: 2026, month: 8, day: 1)!,
                              plannedHours: 0, capacity: 0)
        #expect(plan.problems(against: catalog).map(\.field) == [.cohortName, .project])
    }
}

/// An evaluation body's certificate-number parts, as a user gives them, are checked in Domain
/// (not by one interface), and a wrong part names its field.
@Suite("Certificate issuer parts")
struct CertificateIssuerParseTests {
    @Test func wellFormedPartsGiveTheIssuerAndItsPrefix() throws {
        let issuer = try CertificateIssuer.parse(bodyKind: "s", bodyCode: "0000", provinceCode: "44", siteSequence: " 000123 ")
        #expect(issuer.prefix == "S000044000123")
    }

    @Test func eachWrongPartIsRefusedNamingItsField() {
        func field(_ kind: String, _ code: String, _ province: String, _ site: String) -> Field? {
            do {
                _ = try CertificateIssuer.parse(bodyKind: kind, bodyCode: code, provinceCode: province, siteSequence: site)
                return nil
            } catch {
                return error.field
            }
        }
        #expect(field("X", "0000", "44", "000123") == .bodyKind)
        #expect(field("S", "12", "44", "000123") == .bodyCode)
        #expect(field("S", "00a0", "44", "000123") == .bodyCode)
        #expect(field("S", "0000", "44", "123") == .siteSequence)
        #expect(field("S", "0000", "4", "000123") == .provinceCode)
        #expect(field("S", "0000", "99", "000123") == .provinceCode)
    }
}
