/// The files about money and plans: subsidy rates, yearly targets and settings.
extension CatalogAssembly {
    mutating func readPlanFiles() {
        readTrainingSubsidies()
        readApprenticeSubsidies()
        readTargets()
        readSettings()
    }

    private mutating func readTrainingSubsidies() {
        guard isUsable(.trainingSubsidies) else { return }
        var keys: [OccupationLevel: Int] = [:]
        for record in records(.trainingSubsidies) {
            var row = CatalogRowReader(file: .trainingSubsidies, record: record)
            let occupation = row.value("occupation", CatalogAssembly.occupationOrAny)
            let level = row.value("level", CatalogFieldParser.nationalLevel)
            if let occupation { checkOccupation(occupation, offers: level, in: &row) }
            if let occupation, let level {
                row.claim(OccupationLevel(occupation: occupation, level: level), in: &keys, column: "level", value: row.text("level"))
            }
            let amount = row.value("amount_yuan", Money.parseYuan)
            if row.isClean, let occupation, let level, let amount {
                draft.trainingSubsidies.append(TrainingSubsidyRate(
                    occupationCode: occupation == CatalogFile.anyOccupation ? nil : occupation, level: level, amount: amount))
            }
            absorb(row)
        }
    }

    private mutating func readApprenticeSubsidies() {
        guard isUsable(.apprenticeSubsidies) else { return }
        var levels: [SkillLevel: Int] = [:]
        for record in records(.apprenticeSubsidies) {
            var row = CatalogRowReader(file: .apprenticeSubsidies, record: record)
            let level = row.value("level", CatalogFieldParser.nationalLevel)
            if let level {
                // DOMAIN.md: an apprenticeship aims at 中级工 (4) up to 高级技师 (1).
                if level < .level4 {
                    row.report("level", value: row.text("level"), CatalogRule.apprenticeshipLevel())
                }
                row.claim(level, in: &levels, column: "level", value: row.text("level"))
            }
            let amount = row.value("amount_yuan_per_year", Money.parseYuan)
            if row.isClean, let level, let amount {
                draft.apprenticeSubsidies.append(ApprenticeSubsidyRate(level: level, amountPerYear: amount))
            }
            absorb(row)
        }
    }

    private mutating func readTargets() {
        guard isUsable(.targets) else { return }
        struct TargetKey: Hashable {
            var year: Int
            var district: String
            var project: String
            var metric: TargetMetric
        }
        var keys: [TargetKey: Int] = [:]
        for record in records(.targets) {
            var row = CatalogRowReader(file: .targets, record: record)
            let year = row.value("year", CatalogFieldParser.year)
            let district = row.text("district")
            if !district.isEmpty, let districtNames, !districtNames.contains(district) {
                row.report("district", value: district, CatalogRule.unknownDistrict())
            }
            let project = row.value("project", optional: true, CatalogFieldParser.code)
            if let project { checkProject(project, column: "project", in: &row) }
            let metric = row.value("metric", CatalogFieldParser.metric)
            if let year, let metric {
                let key = TargetKey(year: year, district: district, project: row.text("project"), metric: metric)
                row.claim(key, in: &keys, column: "metric", value: metric.rawValue)
            }
            let value = row.value("value") { (text: String) throws(Rejection) -> Int in
                try CatalogFieldParser.integer(text, in: 0...100_000_000)
            }
            if row.isClean, let year, let metric, let value {
                draft.targets.append(YearlyTarget(
                    year: year, district: district.isEmpty ? nil : district, projectCode: project, metric: metric, value: value))
            }
            absorb(row)
        }
    }

    private mutating func readSettings() {
        guard isUsable(.settings) else { return }
        var keys: [String: Int] = [:]
        for record in records(.settings) {
            var row = CatalogRowReader(file: .settings, record: record)
            let keyText = row.required("key")
            var known: CatalogSettingKey?
            if let keyText {
                settingKeysSeen.insert(keyText)
                row.claim(keyText, in: &keys, column: "key", value: keyText)
                known = CatalogSettingKey(rawValue: keyText)
                if known == nil { row.report("key", value: keyText, CatalogRule.unknownSetting()) }
            }
            let value = row.text("value")
            if let known {
                do { try known.validate(value) } catch { row.report("value", value: value, error) }
            } else if value.isEmpty {
                row.report("value", value: value, CatalogRule.empty())
            }
            if row.isClean, let keyText {
                draft.settings.append(CatalogSetting(key: keyText, value: value, note: row.text("note")))
            }
            absorb(row)
        }
    }
}
