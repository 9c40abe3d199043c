import Domain
import Testing

@Suite("Catalog settings")
struct CatalogSettingsTests {
    @Test func typedAccessorsReadTheCatalogsValues() throws {
        var fixture = CatalogFixture.good
        fixture.set(.settings, row: 0, "value", "18")
        fixture.set(.settings, row: 3, "value", " 20 ")
        let catalog = try #require(fixture.build().catalog)
        #expect(catalog.integerSetting(.retainedPartMonths) == 18)
        #expect(catalog.integerSetting(.recheckWindowDays) == 20)
        #expect(catalog.integerSetting(.completionSharePercent) == 80)
        #expect(catalog.integerSetting(.apprenticeAdvancePercent) == 50)
        #expect(catalog.integerSetting(.apprenticeMaxYears) == 3)
        #expect(catalog.integerSetting(.apprenticeMinContractYears) == 1)
        #expect(catalog.integerSetting(.subsidyClaimWindowMonths) == 12)
        #expect(catalog.settings.first?.note == "DOMAIN.md")
    }

    @Test func aHandMadeCatalogWithoutSettingsFallsBack() {
        let catalog = Catalog(settings: [CatalogSetting(key: "retained_part_months", value: "6")])
        #expect(catalog.integerSetting(.retainedPartMonths) == 6)
        #expect(catalog.integerSetting(.recheckWindowDays) == Int(CatalogSettingKey.recheckWindowDays.fallbackText))
    }

    @Test func anUnknownKeyIsRefusedAsATypo() {
        var fixture = CatalogFixture.good
        fixture.append(.settings, ["retained_parts_months", "12", ""])
        let keys = CatalogSettingKey.allCases.map(\.rawValue).joined(separator: ", ")
        #expect(fixture.build().problems == [
            problem("settings.csv", 13, "key", "retained_parts_months",
                    zh: "未知的设置项（已知的设置项为 \(keys)）", en: "unknown setting (the known keys are \(keys))"),
        ])
        #expect(keys.hasPrefix("retained_part_months, subsidy_claim_window_months, completion_share_percent"))
    }

    @Test func everyKnownKeyMustBePresent() {
        var fixture = CatalogFixture.good
        fixture.removeRow(.settings, row: 4)
        let result = fixture.build()
        #expect(result.catalog == nil)
        #expect(result.problems == [
            problem("settings.csv", nil, "key", "apprentice_advance_percent", zh: "缺少此必需的设置项", en: "this required setting is missing"),
        ])
    }

    @Test func percentagesAreOneToAHundredAndOtherValuesHaveTheirRanges() {
        var fixture = CatalogFixture.good
        fixture.set(.settings, row: 2, "value", "101")
        fixture.set(.settings, row: 3, "value", "")
        fixture.set(.settings, row: 5, "value", "three")
        #expect(fixture.build().problems == [
            problem("settings.csv", 6, "value", "101", zh: "应为 1 至 100 的整数", en: "must be a whole number from 1 to 100"),
            problem("settings.csv", 7, "value", "", zh: "应为 1 至 365 的整数", en: "must be a whole number from 1 to 365"),
            problem("settings.csv", 9, "value", "three", zh: "应为 1 至 10 的整数", en: "must be a whole number from 1 to 10"),
        ])
    }

    @Test func eachKeyChecksItsOwnValue() throws {
        #expect(try CatalogSettingKey.apprenticeAdvancePercent.parse("100") == 100)
        #expect(throws: Rejection.self) { try CatalogSettingKey.apprenticeAdvancePercent.parse("0") }
        #expect(throws: Rejection.self) { try CatalogSettingKey.retainedPartMonths.parse("12.0") }
        // A web session idles out after 5 minutes at least and 8 hours at most.
        #expect(try CatalogSettingKey.sessionIdleMinutes.parse("30") == 30)
        #expect(throws: Rejection.self) { try CatalogSettingKey.sessionIdleMinutes.parse("4") }
        #expect(throws: Rejection.self) { try CatalogSettingKey.sessionIdleMinutes.parse("481") }
        for key in CatalogSettingKey.allCases {
            #expect(throws: Never.self, "\(key.rawValue)") { try key.validate(key.fallbackText) }
        }
        #expect(throws: Rejection.self) { try CatalogSettingKey.specialAbilityNumberPattern.validate("{issuer}{yy}") }
    }
}
