import Domain
import Foundation
import Intake
import Testing

@Suite("Trainee lists: CSV files as clerks save them")
struct TraineeListCSVTests {
    static let chineseList = """
        序号,身份证号,姓名,手机号码,文化程度,户籍类型,重点群体
        1,440524188001010014,王𠈌,13800138000,本科,农村,退役军人、残疾人
        2,11010519491231002X,李四,,大专,城镇,

        3,34052419800101001X,Maria José,13900139000,,,
        """

    @Test func aUTF8ListWithChineseHeadersIsReadRowByRow() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("名单.csv", Self.chineseList))
        #expect(reader.formatDescription == "CSV UTF-8")
        #expect(reader.sheetName == nil)
        #expect(reader.header == ["序号", "身份证号", "姓名", "手机号码", "文化程度", "户籍类型", "重点群体"])
        #expect(reader.headerRowNumber == 1)
        #expect(reader.columns == [.nationalId: 1, .name: 2, .phone: 3, .education: 4, .householdType: 5, .keyGroups: 6])
        #expect(reader.ignoredColumns == ["序号"])
        let rows = try rows(of: reader)
        // The blank line 4 is skipped but counted.
        #expect(rows.map(\.number) == [2, 3, 5])
        #expect(rows[0].cells == ["1", "440524188001010014", "王𠈌", "13800138000", "本科", "农村", "退役军人、残疾人"])
        #expect(rows[0].fields == [
            .nationalId: CellText("440524188001010014"), .name: CellText("王𠈌"), .phone: CellText("13800138000"),
            .education: CellText("本科"), .householdType: CellText("农村"), .keyGroups: CellText("退役军人、残疾人"),
        ])
        #expect(rows[1].text(.phone) == "")
        #expect(rows[2].text(.name) == "Maria José")
        #expect(rows.allSatisfy { row in row.fields.values.allSatisfy { !$0.storedAsNumber } })
    }

    @Test func aByteOrderMarkAndWindowsLineEndsAreAccepted() throws {
        let directory = try ListDirectory()
        let text = Self.chineseList.replacingOccurrences(of: "\n", with: "\r\n")
        let reader = try traineeList(try directory.write("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8)))
        #expect(reader.formatDescription == "CSV UTF-8")
        // The BOM is not part of the first header, which would otherwise read "\u{FEFF}序号".
        #expect(reader.header.first == "序号")
        #expect(reader.ignoredColumns == ["序号"])
        let rows = try rows(of: reader)
        #expect(rows.map(\.number) == [2, 3, 5])
        #expect(rows[0].text(.keyGroups) == "退役军人、残疾人")
    }

    @Test func aGB18030ListIsConvertedAndRareCharactersSurvive() throws {
        // What Excel's plain "CSV (逗号分隔)" writes on Chinese Windows.
        #expect(try encoded("中文", as: "GB18030") == [0xD6, 0xD0, 0xCE, 0xC4])
        // 𠈌 is outside the BMP: GB18030 gives it a four-byte sequence.
        #expect(try encoded("𠈌", as: "GB18030") == [0x95, 0x32, 0xB7, 0x30])
        let directory = try ListDirectory()
        let bytes = try encoded(Self.chineseList, as: "GB18030")
        #expect(bytes.starts(with: try encoded("序号", as: "GB18030")))
        let reader = try traineeList(try directory.write("gbk.csv", bytes: bytes))
        #expect(reader.formatDescription == "CSV GB18030")
        #expect(reader.header == ["序号", "身份证号", "姓名", "手机号码", "文化程度", "户籍类型", "重点群体"])
        let rows = try rows(of: reader)
        #expect(rows.map(\.number) == [2, 3, 5])
        let name = try #require(rows.first?.text(.name))
        #expect(name == "王𠈌")
        #expect(name.unicodeScalars.map(\.value) == [0x738B, 0x2020C])
        #expect(rows[0].text(.keyGroups) == "退役军人、残疾人")
    }

    /// The encoding is decided over the whole file: a list whose first megabytes are ASCII and whose
    /// first Chinese name comes late (and is cut by a read chunk) is still GB18030.
    @Test func aGB18030ListThatStartsAsASCIIIsStillRecognised() throws {
        let directory = try ListDirectory()
        var text = "National ID,Name,Education\n"
        let asciiRows = 40_000
        for _ in 0..<asciiRows { text += "440524188001010014,Zhang San Feng Wang Wu Zhao Liu,bachelor\n" }
        text += "11010519491231002X,王𠈌,本科\n"
        let bytes = try encoded(text, as: "GB18030")
        #expect(bytes.count > 2 << 20)
        let reader = try traineeList(try directory.write("late.csv", bytes: bytes))
        #expect(reader.formatDescription == "CSV GB18030")
        var last: ListRow?
        var count = 0
        try reader.forEachRow { row in
            last = row
            count += 1
        }
        #expect(count == asciiRows + 1)
        #expect(last?.number == asciiRows + 2)
        #expect(last?.text(.name) == "王𠈌")
        #expect(last?.text(.education) == "本科")
    }

    @Test func englishHeadersInAnyOrderAreMatched() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("english.csv", """
            Key groups,Mobile phone,NAME,Household type,ID number,Education
            veteran,13800138000,Wang Wu,urban,440524188001010014,bachelor
            """))
        #expect(reader.columns == [.keyGroups: 0, .phone: 1, .name: 2, .householdType: 3, .nationalId: 4, .education: 5])
        #expect(reader.ignoredColumns == [])
        let row = try #require(try rows(of: reader).first)
        #expect(row.text(.nationalId) == "440524188001010014")
        #expect(row.text(.householdType) == "urban")
    }

    @Test func bilingualAndAnnotatedHeadersAreMatched() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("template.csv", """
            "* 身份证号 National ID（必填，18位）","*姓名 Name","手机号码 Mobile phone (11 digits)","文化程度
            Education","户籍类型 Household type","重点群体 Key groups","备注 Notes"
            440524188001010014,张三,13800138000,本科,城镇,高校毕业生,
            """))
        #expect(reader.columns == [.nationalId: 0, .name: 1, .phone: 2, .education: 3, .householdType: 4, .keyGroups: 5])
        #expect(reader.ignoredColumns == ["备注 Notes"])
        // The header's quoted line break makes the first record two lines long.
        #expect(try rows(of: reader).map(\.number) == [3])
    }

    /// Words are not matched one by one: `紧急联系人 电话` is the emergency contact's phone, not the trainee's.
    @Test func aHeaderThatOnlyContainsAFieldNameIsNotThatField() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("contact.csv", """
            姓名,身份证号,紧急联系人 电话,Phone of parent
            张三,440524188001010014,13900139000,13700137000
            """))
        #expect(reader.columns == [.name: 0, .nationalId: 1])
        #expect(reader.ignoredColumns == ["紧急联系人 电话", "Phone of parent"])
    }

    @Test func titleRowsAboveTheHeaderAndTheNotesRowAreSkipped() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("titled.csv", """
            2026年第一期中式烹调师培训班学员名单,,
            填报单位：中山市某职业培训学校,,

            身份证号 National ID,姓名 Name,出勤学时 Hours attended
            【说明】身份证号请设置为文本格式；手机号码为 11 位,,
            440524188001010014,张三,12
            ,,
            11010519491231002X,李四,8
            """))
        #expect(reader.headerRowNumber == 4)
        // Hours were not asked for: the column is ignored like an unknown one.
        #expect(reader.ignoredColumns == ["出勤学时 Hours attended"])
        let rows = try rows(of: reader)
        #expect(rows.map(\.number) == [6, 8])
        #expect(rows.map { $0.text(.name) } == ["张三", "李四"])
        #expect(rows[0].fields[.hours] == nil)
    }

    @Test func aNotesLikeRowFurtherDownIsData() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("notes.csv", """
            身份证号,姓名
            440524188001010014,张三
            【说明】,李四
            """))
        #expect(try rows(of: reader).map { $0.text(.name) } == ["张三", "李四"])
    }

    @Test func quotedLineBreaksCountAsLines() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("multiline.csv", "身份证号,姓名,重点群体\r\n"
            + "440524188001010014,张三,\"退役军人\r\n残疾人\"\r\n"
            + "11010519491231002X,\"李\n四\",\r\n"
            + "34052419800101001X,王五,\r\n"))
        let rows = try rows(of: reader)
        #expect(rows.map(\.number) == [2, 4, 6])
        #expect(rows[0].text(.keyGroups) == "退役军人\r\n残疾人")
        #expect(rows[1].text(.name) == "李\n四")
    }

    @Test func shortRowsArePaddedToTheHeader() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("short.csv", """
            身份证号,姓名,手机号码,户籍类型
            440524188001010014,张三
            """))
        let row = try #require(try rows(of: reader).first)
        #expect(row.cells == ["440524188001010014", "张三", "", ""])
        #expect(row.fields[.phone] == CellText(""))
        #expect(row.fields[.householdType] == CellText(""))
    }

    @Test func cellsAreGivenAsTheyAreWithoutTrimming() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("spaces.csv", "身份证号,姓名\n 440524188001010014 ,\u{3000}张三 \n"))
        let row = try #require(try rows(of: reader).first)
        #expect(row.cells == [" 440524188001010014 ", "\u{3000}张三 "])
        let catalog = Catalog()
        let check = TraineeRowRules.check(row.fields, catalog: catalog, today: CivilDate(year: 2026, month: 3, day: 1)!)
        #expect(check.candidate?.name == "张三")
    }

    @Test func excelUnicodeTextIsReadAsTabSeparatedUTF16() throws {
        let directory = try ListDirectory()
        let text = "身份证号\t姓名\t重点群体\r\n440524188001010014\t王𠈌\t退役军人, 残疾人\r\n"
        let bytes = try encoded(text, as: "UTF-16LE")
        let reader = try traineeList(try directory.write("unicode.txt", bytes: [0xFF, 0xFE] + bytes))
        #expect(reader.formatDescription == "CSV UTF-16 (tab-separated)")
        let row = try #require(try rows(of: reader).first)
        #expect(row.number == 2)
        #expect(row.text(.name) == "王𠈌")
        #expect(row.text(.keyGroups) == "退役军人, 残疾人")
    }

    @Test func theFormatIsTakenFromTheContentNotTheName() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("名单.xlsx", Self.chineseList))
        #expect(reader.formatDescription == "CSV UTF-8")
        #expect(try rows(of: reader).count == 3)
    }

    @Test func rowsCanBeReadAgainAndTheCallersErrorsPassThrough() throws {
        struct Stop: Error, Equatable {}
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("twice.csv", Self.chineseList))
        #expect(try rows(of: reader) == (try rows(of: reader)))
        var seen = 0
        #expect(throws: Stop()) {
            try reader.forEachRow { _ in
                seen += 1
                throw Stop()
            }
        }
        #expect(seen == 1)
    }

    @Test func theAttendanceFieldsAreReadTheSameWay() throws {
        let directory = try ListDirectory()
        let url = try directory.write("hours.csv", """
            姓名,身份证号码,学时
            张三,440524188001010014,12.5
            """)
        let reader = try TraineeListReader(url: url, required: [.nationalId, .hours], optional: [])
        #expect(reader.ignoredColumns == ["姓名"])
        let row = try #require(try rows(of: reader).first)
        let check = AttendanceRowRules.check(row.fields, today: CivilDate(year: 2026, month: 3, day: 1)!)
        #expect(check.entry?.hours == Hours(tenths: 125))
    }
}
