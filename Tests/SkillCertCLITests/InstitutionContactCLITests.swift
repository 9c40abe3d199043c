import Testing

/// `institution add` and `update` read the contact phone by the same rule as the web form, and
/// name it by its option.
@Suite struct InstitutionContactCLITests {
    @Test func aContactPhoneThatIsNoPhoneNumberIsRefusedNamingPhoneAndAFixedLineIsKept() throws {
        let workspace = try RecordsCLITests().schoolWorkspace()
        let bad = workspace.run("institution", "add", "--name", "丙学校", "--kind", "training", "--district", "小榄镇",
                                "--phone", "0760-888")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("字段 --phone，值 \"0760-888\"：联系电话有 7 位数字"), "\(bad.stderr)")
        #expect(bad.stderr.contains("field --phone, value \"0760-888\": the contact phone has 7 digits"))
        #expect(!workspace.run("institution", "list").stdout.contains("丙学校"))

        let good = workspace.run("institution", "add", "--name", "丙学校", "--kind", "training", "--district", "小榄镇",
                                 "--phone", "0760-88881234")
        #expect(good.status == 0, "\(good.stderr)")
        let updated = workspace.run("institution", "update", "3", "--phone", "abc")
        #expect(updated.status == 1 && updated.stderr.contains("field --phone, value \"abc\""), "\(updated.stderr)")
        let role = workspace.run("user", "add", "x.1", "--name", "某", "--role", "boss")
        #expect(role.stderr.contains("field --role, value \"boss\": a role is bureau, institution or examiner"), "\(role.stderr)")
    }
}
