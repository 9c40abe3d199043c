import Domain
import Testing

@Suite("Trainee rows: field rules")
struct TraineeRowRulesTests {
    let today = CivilDate(year: 2026, month: 3, day: 1)!
    let catalog = CatalogFixture.good.build().catalog!

    /// A row as a reader delivers it: every value a cell's text, none stored as a number.
    private func row(id: String = "440524188001010014", name: String = "张三", phone: String = "",
                     education: String = "", household: String = "", keyGroups: String = "") -> [ListField: CellText] {
        [.nationalId: CellText(id), .name: CellText(name), .phone: CellText(phone), .education: CellText(education),
         .householdType: CellText(household), .keyGroups: CellText(keyGroups)]
    }

    private func check(_ fields: [ListField: CellText]) -> TraineeRowCheck {
        TraineeRowRules.check(fields, catalog: catalog, today: today)
    }

    private func onlyIssue(_ fields: [ListField: CellText]) -> ListFieldIssue? {
        let result = check(fields)
        #expect(result.candidate == nil)
        #expect(result.issues.count == 1, "\(result.issues)")
        return result.issues.first
    }

    private let educationRule = Rejection(
        "不是目录中的文化程度，应为以下之一：初中及以下、高中/中专/技校、大专、本科、研究生及以上（也可填写代码或英文名称）",
        "not an education level of the catalog; use one of 初中及以下, 高中/中专/技校, 大专, 本科, 研究生及以上 (or its code or English name)")

    private let householdRule = Rejection(
        "不是目录中的户籍类型，应为以下之一：城镇、农村（也可填写代码或英文名称）",
        "not a household type of the catalog; use one of 城镇, 农村 (or its code or English name)")

    private let keyGroupRule = Rejection(
        "不是目录中的重点群体，应为以下之一：高校毕业生、农村劳动力、退役军人、残疾人、就业困难人员、脱贫人口（也可填写代码或英文名称）",
        "not a key group of the catalog; use one of 高校毕业生, 农村劳动力, 退役军人, 残疾人, 就业困难人员, 脱贫人口 (or its code or English name)")

    // MARK: the good row

    @Test func aCompleteRowBecomesACandidateWithCodes() throws {
        let result = check(row(id: " 11010519491231002x ", name: " 王𠈌 ", phone: "+86 138-0013-8000", education: "本科",
                               household: "Rural", keyGroups: "退役军人、残疾人"))
        #expect(result.issues == [])
        let candidate = try #require(result.candidate)
        #expect(candidate.nationalId.value == "11010519491231002X")
        #expect(candidate.name == "王𠈌")
        #expect(candidate.name.unicodeScalars.map(\.value) == [0x738B, 0x2020C])
        #expect(candidate.phone == "13800138000")
        #expect(candidate.education == "bachelor")
        #expect(candidate.householdType == "rural")
        #expect(candidate.keyGroups == ["veteran", "disabled"])
    }

    @Test func optionalFieldsMayBeEmptyOrMissing() throws {
        let candidate = try #require(check([.nationalId: CellText("440524188001010014"), .name: CellText("李四")]).candidate)
        #expect(candidate == TraineeCandidate(nationalId: try NationalID.parse("440524188001010014", today: today), name: "李四"))
        #expect(check(row(phone: "  ", education: "", household: "　")).isValid)
    }

    @Test func aPhoneStoredAsANumberIsStillAPhone() {
        var fields = row()
        fields[.phone] = CellText("13800138000", storedAsNumber: true)
        #expect(check(fields).candidate?.phone == "13800138000")
    }

    @Test func namesAreKeptExactlyButTrimmed() {
        #expect(check(row(name: "阿依古丽·买买提")).candidate?.name == "阿依古丽·买买提")
        #expect(check(row(name: "Maria José")).candidate?.name == "Maria José")
        #expect(check(row(name: "\u{3000}𠈌𠈌\t")).candidate?.name == "𠈌𠈌")
        // 50 characters outside the BMP: 100 UTF-16 units, still 50 characters.
        #expect(check(row(name: String(repeating: "𠈌", count: 50))).isValid)
    }

    // MARK: national ID

    @Test func anIDStoredAsANumberIsRefusedWithTheExcelExplanationFirst() {
        for shown in ["4.40524E+17", "440524188001010000", "4.4052418800101E+17", "440524188001010014"] {
            var fields = row()
            fields[.nationalId] = CellText(shown, storedAsNumber: true)
            #expect(onlyIssue(fields) == ListFieldIssue(field: .nationalId, value: shown, rule: Rejection(
                "身份证号被 Excel 当作数字保存（显示为 \(shown)），末几位已丢失、无法还原；请把身份证号列设置为“文本”格式，重新录入身份证号后再导入",
                "Excel stored the national ID as a number (shown as \(shown)), so its last digits are lost and cannot be recovered; "
                    + "format the column as text, enter the IDs again and import the file again")))
        }
    }

    @Test func scientificNotationTypedAsTextIsExplainedToo() {
        // A CSV saved by Excel holds the text 4.40524E+17: not stored as a number here, same cause.
        #expect(onlyIssue(row(id: "4.40524E+17")) == ListFieldIssue(field: .nationalId, value: "4.40524E+17", rule: Rejection(
            "身份证号被 Excel 当作数字保存成了科学计数法，末几位已丢失、无法还原；请把该列设置为“文本”格式后重新录入",
            "Excel stored the national ID as a number in scientific notation, so its last digits are lost and cannot be recovered; "
                + "format the column as text and enter the numbers again")))
    }

    @Test func aWrongCheckCharacterAndAnEmptyIDAreRefused() {
        #expect(onlyIssue(row(id: "110105194912310021")) == ListFieldIssue(field: .nationalId, value: "110105194912310021",
            rule: Rejection("身份证号校验位应为 X，实际为 1", "the national ID's check character should be X, found 1")))
        #expect(onlyIssue(row(id: " ")) == ListFieldIssue(field: .nationalId, value: " ",
            rule: Rejection("身份证号为空", "the national ID is empty")))
        #expect(onlyIssue([.name: CellText("张三")]) == ListFieldIssue(field: .nationalId, value: "",
            rule: Rejection("身份证号为空", "the national ID is empty")))
    }

    @Test func aBirthDateAfterTodayIsRefused() {
        // Born 2026-03-02, the day after `today`, with a correct check character.
        #expect(onlyIssue(row(id: "440524202603020015")) == ListFieldIssue(field: .nationalId, value: "440524202603020015",
            rule: Rejection("身份证号中的出生日期 2026-03-02 晚于今天（2026-03-01）",
                            "the birth date 2026-03-02 in the national ID is after today (2026-03-01)")))
    }

    // MARK: name

    @Test func aNameMustBePresentShortAndFreeOfControlCharacters() {
        #expect(onlyIssue(row(name: " \u{3000}")) == ListFieldIssue(field: .name, value: " \u{3000}",
            rule: Rejection("姓名为空", "the name is empty")))
        let long = String(repeating: "张", count: 51)
        #expect(onlyIssue(row(name: long)) == ListFieldIssue(field: .name, value: long,
            rule: Rejection("姓名有 51 个字符，最多 50 个", "the name has 51 characters, at most 50 are allowed")))
        #expect(onlyIssue(row(name: "张\n三")) == ListFieldIssue(field: .name, value: "张\n三",
            rule: Rejection("姓名第 2 个字符是看不见的字符 U+000A（换行符，常见于单元格内换行），请删除后重新输入",
                            "character 2 of the name is the invisible character U+000A (line feed: often a line break inside the cell); "
                                + "delete it and type the value again")))
        #expect(onlyIssue(row(name: "张\u{7}三"))?.rule.english.contains("U+0007") == true)
    }

    // MARK: phone

    @Test func aPhoneMustBeAnElevenDigitMobile() {
        #expect(onlyIssue(row(phone: "1380013800")) == ListFieldIssue(field: .phone, value: "1380013800",
            rule: Rejection("手机号为 10 位数字，应为 11 位", "the mobile number has 10 digits, 11 expected")))
        #expect(onlyIssue(row(phone: "020-12345678"))?.field == .phone)
    }

    // MARK: closed lists

    @Test func educationMatchesCodeChineseOrEnglishNameInAnyCase() {
        #expect(check(row(education: "大专")).candidate?.education == "junior-college")
        #expect(check(row(education: "JUNIOR-COLLEGE")).candidate?.education == "junior-college")
        #expect(check(row(education: " Junior College ")).candidate?.education == "junior-college")
        #expect(check(row(education: "高中/中专/技校")).candidate?.education == "senior-secondary")
    }

    @Test func anUnknownEducationListsTheChineseNames() {
        #expect(onlyIssue(row(education: "硕士")) == ListFieldIssue(field: .education, value: "硕士", rule: educationRule))
    }

    @Test func householdTypeMatchesLikeEducation() {
        #expect(check(row(household: "城镇")).candidate?.householdType == "urban")
        #expect(check(row(household: "URBAN")).candidate?.householdType == "urban")
        #expect(onlyIssue(row(household: "城市")) == ListFieldIssue(field: .householdType, value: "城市", rule: householdRule))
    }

    @Test func aCatalogWithoutTheListSaysToLeaveTheColumnEmpty() {
        var bare = catalog
        bare.educationLevels = []
        let result = TraineeRowRules(catalog: bare).check(row(education: "本科"), today: today)
        #expect(result.issues == [ListFieldIssue(field: .education, value: "本科", rule: Rejection(
            "目录中没有文化程度列表，此列应留空", "the catalog has no list of education levels, so this column must be left empty"))])
    }

    // MARK: key groups

    @Test(arguments: [
        ("退役军人、残疾人", ["veteran", "disabled"]),
        ("退役军人，残疾人", ["veteran", "disabled"]),
        ("veteran,disabled", ["veteran", "disabled"]),
        ("veteran;disabled", ["veteran", "disabled"]),
        ("退役军人；残疾人", ["veteran", "disabled"]),
        ("veteran|disabled", ["veteran", "disabled"]),
        ("退役军人/残疾人", ["veteran", "disabled"]),
        ("退役军人 残疾人", ["veteran", "disabled"]),
        ("退役军人\u{3000}残疾人", ["veteran", "disabled"]),
        ("college graduates, people with disabilities", ["graduate", "disabled"]),
        ("GRADUATE | Rural、hardship", ["graduate", "rural", "hardship"]),
        ("退役军人、退役军人, veteran", ["veteran"]),
        ("  脱贫人口  ", ["poverty"]),
        ("、、", []),
    ])
    func keyGroupsAreSplitOnAnySeparatorAndStoredAsCodesOnce(_ text: String, _ codes: [String]) throws {
        let result = check(row(keyGroups: text))
        #expect(result.issues == [])
        #expect(try #require(result.candidate).keyGroups == codes)
    }

    @Test func eachUnknownKeyGroupIsAnIssueOfItsOwn() {
        let result = check(row(keyGroups: "退役军人、学生 农民工"))
        #expect(result.candidate == nil)
        #expect(result.issues == [
            ListFieldIssue(field: .keyGroups, value: "学生", rule: keyGroupRule),
            ListFieldIssue(field: .keyGroups, value: "农民工", rule: keyGroupRule),
        ])
    }

    // MARK: every issue at once

    @Test func everyBadFieldOfARowIsReportedInFieldOrder() {
        let result = check(row(id: "110105194912310021", name: "", phone: "12345", education: "硕士", household: "城市",
                               keyGroups: "学生"))
        #expect(result.candidate == nil)
        #expect(result.issues.map(\.field) == [.nationalId, .name, .phone, .education, .householdType, .keyGroups])
        #expect(result.issues[3] == ListFieldIssue(field: .education, value: "硕士", rule: educationRule))
    }

    @Test func theStaticAndThePreparedRulesAgree() {
        let rules = TraineeRowRules(catalog: catalog)
        for fields in [row(), row(education: "硕士"), row(id: "1", keyGroups: "rural veteran")] {
            #expect(rules.check(fields, today: today) == check(fields))
        }
    }
}
