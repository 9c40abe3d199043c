/// The files other files refer to: projects, occupations, special-ability items, districts, key groups.
extension CatalogAssembly {
    mutating func readReferenceFiles() {
        readProjects()
        readOccupations()
        readSpecialAbilities()
        readDistricts()
        readKeyGroups()
    }

    private mutating func readProjects() {
        guard isUsable(.projects) else { return }
        var codes: [String: Int] = [:]
        for record in records(.projects) {
            var row = CatalogRowReader(file: .projects, record: record)
            let code = row.value("code", CatalogFieldParser.code)
            if let code { row.claim(code, in: &codes, column: "code", value: code) }
            let nameZh = row.required("name_zh")
            let nameEn = row.required("name_en")
            if row.isClean, let code, let nameZh, let nameEn {
                draft.projects.append(Project(code: code, nameZh: nameZh, nameEn: nameEn))
            }
            absorb(row)
        }
        projectCodes = Set(codes.keys)
    }

    private mutating func readOccupations() {
        guard isUsable(.occupations) else { return }
        var codes: [String: Int] = [:]
        var names: [String: Int] = [:]
        for record in records(.occupations) {
            var row = CatalogRowReader(file: .occupations, record: record)
            let code = row.value("code", CatalogFieldParser.occupationCode)
            let name = row.required("name")
            var firstWithCode = false
            if let code { firstWithCode = row.claim(code, in: &codes, column: "code", value: code) }
            if let name { row.claim(name, in: &names, column: "name", value: name) }
            let project = row.value("project", CatalogFieldParser.code)
            if let project { checkProject(project, column: "project", in: &row) }
            let strand = row.value("strand", optional: true, CatalogFieldParser.strand)
            // Ordered down the ladder (5 first) whatever order the clerk typed them in.
            let levels = row.list("levels", CatalogFieldParser.nationalLevel)?.sorted()
            let subTrades = row.list("sub_trades", optional: true) { (text: String) throws(Rejection) -> String in text }
            let unconfirmed = row.value("unconfirmed", CatalogFieldParser.yesNo)
            if let code, firstWithCode {
                occupationNames.append((code, name ?? code))
                if let levels { offeredLevels[code] = levels }
            }
            if row.isClean, let code, let name, let project, let levels, let subTrades, let unconfirmed {
                draft.occupations.append(Occupation(
                    code: code, name: name, projectCode: project, strand: strand ?? "", levels: levels,
                    subTrades: subTrades, unconfirmed: unconfirmed))
            }
            absorb(row)
        }
        occupationCodes = Set(codes.keys)
    }

    private mutating func readSpecialAbilities() {
        guard isUsable(.specialAbilities) else { return }
        var codes: [String: Int] = [:]
        var names: [String: Int] = [:]
        for record in records(.specialAbilities) {
            var row = CatalogRowReader(file: .specialAbilities, record: record)
            specialAbilityCount += 1
            let code = row.value("code", CatalogFieldParser.code)
            if let code { row.claim(code, in: &codes, column: "code", value: code) }
            let name = row.required("name")
            if let name { row.claim(name, in: &names, column: "name", value: name) }
            let project = row.value("project", CatalogFieldParser.code)
            if let project { checkProject(project, column: "project", in: &row) }
            if row.isClean, let code, let name, let project {
                draft.specialAbilities.append(SpecialAbility(code: code, name: name, projectCode: project))
            }
            absorb(row)
        }
    }

    private mutating func readDistricts() {
        guard isUsable(.districts) else { return }
        var names: [String: Int] = [:]
        for record in records(.districts) {
            var row = CatalogRowReader(file: .districts, record: record)
            let name = row.required("name")
            if let name { row.claim(name, in: &names, column: "name", value: name) }
            let kind = row.value("kind", CatalogFieldParser.districtKind)
            let city = row.required("city")
            if row.isClean, let name, let kind, let city {
                draft.districts.append(District(name: name, kind: kind, city: city))
            }
            absorb(row)
        }
        districtNames = Set(names.keys)
    }

    /// Key groups are a closed list like education levels: trainee lists name them by code or by
    /// either name, so they are read and checked the same way.
    private mutating func readKeyGroups() {
        guard let choices = readChoices(.keyGroups) else { return }
        draft.keyGroups = choices.map { KeyGroup(code: $0.code, nameZh: $0.nameZh, nameEn: $0.nameEn) }
    }

    // MARK: references shared by several files

    func checkProject(_ code: String, column: String, in row: inout CatalogRowReader) {
        if let projectCodes, !projectCodes.contains(code) {
            row.report(column, value: code, CatalogRule.unknownProject())
        }
    }

    /// Checks an `occupation` column: `*` or a known code; and when the occupation's levels are
    /// known, that it offers `level`.
    func checkOccupation(_ code: String, offers level: SkillLevel?, in row: inout CatalogRowReader) {
        guard code != CatalogFile.anyOccupation, let occupationCodes else { return }
        guard occupationCodes.contains(code) else {
            row.report("occupation", value: code, CatalogRule.unknownOccupation())
            return
        }
        if let level, let levels = offeredLevels[code], !levels.contains(level) {
            row.report("level", value: row.text("level"), CatalogRule.levelNotOffered(by: occupationLabel(code)))
        }
    }

    /// The name to show for an occupation code in messages, e.g. `中式烹调师 4-03-02-01`.
    func occupationLabel(_ code: String) -> String {
        guard let name = occupationNames.first(where: { $0.code == code })?.name, name != code else { return code }
        return "\(name) \(code)"
    }
}
