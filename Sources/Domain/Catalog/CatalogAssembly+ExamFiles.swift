/// The files about exams: parts with their marks, and the routes to apply for a level.
extension CatalogAssembly {
    mutating func readExamFiles() {
        readExamParts()
        readEligibilityRoutes()
    }

    private mutating func readExamParts() {
        guard isUsable(.examParts) else { return }
        var keys: [ExamPartKey: Int] = [:]
        for record in records(.examParts) {
            var row = CatalogRowReader(file: .examParts, record: record)
            let scope = row.value("scope", CertificationScope.parse)
            let part = row.value("part", CatalogFieldParser.examPart)
            if let scope, let part {
                let key = ExamPartKey(scope: scope, part: part)
                row.claim(key, in: &keys, column: "part", value: part.rawValue)
                examPartsSeen.insert(key)
            }
            let maxScore = row.value("max_score") { (text: String) throws(Rejection) -> Int in
                try CatalogFieldParser.integer(text, in: 1...1000)
            }
            let passMark = row.value("pass_mark") { (text: String) throws(Rejection) -> Int in
                try CatalogFieldParser.integer(text, in: 0...1000)
            }
            if let maxScore, let passMark, passMark > maxScore {
                row.report("pass_mark", value: String(passMark), CatalogRule.passMarkAboveMaximum(maxScore))
            }
            let minutes = row.value("minimum_minutes", optional: true) { (text: String) throws(Rejection) -> Int in
                try CatalogFieldParser.integer(text, in: 1...1440)
            }
            if row.isClean, let scope, let part, let maxScore, let passMark {
                draft.examParts.append(ExamPartRule(scope: scope, part: part, maxScore: maxScore, passMark: passMark,
                                                    minimumMinutes: minutes))
            }
            absorb(row)
        }
    }

    private mutating func readEligibilityRoutes() {
        guard isUsable(.eligibilityRoutes) else { return }
        struct RouteKey: Hashable {
            var occupation: String
            var level: SkillLevel
            var route: String
        }
        var keys: [RouteKey: Int] = [:]
        for record in records(.eligibilityRoutes) {
            var row = CatalogRowReader(file: .eligibilityRoutes, record: record)
            let occupation = row.value("occupation", CatalogAssembly.occupationOrAny)
            let level = row.value("level", CatalogFieldParser.nationalLevel)
            if let occupation { checkOccupation(occupation, offers: level, in: &row) }
            let route = row.value("route", CatalogFieldParser.routeCode)
            if let occupation, let level {
                routeLevelsSeen.insert(OccupationLevel(occupation: occupation, level: level))
                if let route {
                    row.claim(RouteKey(occupation: occupation, level: level, route: route), in: &keys, column: "route", value: route)
                }
            }
            let certificate = row.value("required_certificate", optional: true, CatalogFieldParser.nationalLevel)
            if let certificate, let level, certificate >= level {
                row.report("required_certificate", value: row.text("required_certificate"),
                           CatalogRule.certificateNotLower(than: level))
            }
            let years = row.value("minimum_years") { (text: String) throws(Rejection) -> Int in
                try CatalogFieldParser.integer(text, in: 0...50)
            }
            let diploma = row.value("required_diploma", optional: true, CatalogFieldParser.diploma)
            let apprenticeship = row.value("apprenticeship", CatalogFieldParser.yesNo)
            let finalYear = row.value("final_year_students", CatalogFieldParser.yesNo)
            if finalYear == true, row.text("required_diploma").isEmpty {
                row.report("final_year_students", value: row.text("final_year_students"), CatalogRule.finalYearWithoutDiploma())
            }
            let description = row.required("description")
            if row.isClean, let occupation, let level, let route, let years, let apprenticeship, let finalYear, let description {
                draft.eligibilityRoutes.append(EligibilityRoute(
                    occupationCode: occupation == CatalogFile.anyOccupation ? nil : occupation, level: level,
                    routeCode: route, requiredCertificate: certificate, minimumYears: years, requiredDiploma: diploma,
                    requiresApprenticeship: apprenticeship, finalYearStudentsAllowed: finalYear,
                    descriptionZh: description))
            }
            absorb(row)
        }
    }

    /// An `occupation` column: `*` for every occupation, or an occupation code.
    static func occupationOrAny(_ text: String) throws(Rejection) -> String {
        let trimmed = text.trimmingWhitespace()
        return trimmed == CatalogFile.anyOccupation ? trimmed : try CatalogFieldParser.occupationCode(trimmed)
    }
}
