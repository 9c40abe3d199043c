import Testing
import GRDB
import Domain
@testable import Store

/// A world with a cohort of 中式烹调师 level 4 at 甲 school, 2026-03-01 to 2026-04-30, 75 hours, 3 places.
struct TrainingWorld {
    let world: World
    let cohort: Cohort
    var store: Store { world.store }

    init(capacity: Int = 3, path: String? = nil) throws {
        world = try World(path: path)
        cohort = try world.store.createCohort(TrainingWorld.plan(capacity: capacity), institutionId: world.schoolA.id!, actor: world.clerkA)
    }

    static func plan(name: String = "2026年第1期中式烹调师（四级）", capacity: Int = 3, start: Int = 1, end: Int = 30,
                     target: CertificationTarget = .occupation(code: "4-03-02-01", level: .level4)) -> CohortPlan {
        CohortPlan(name: name, projectCode: "yuecai", target: target, district: "石岐街道",
                   startDate: CivilDate(year: 2026, month: 3, day: start)!, endDate: CivilDate(year: 2026, month: 4, day: end)!,
                   plannedHours: 75, capacity: capacity)
    }

    static func trainee(_ id: String, _ name: String, phone: String? = nil, groups: [String] = []) -> TraineeCandidate {
        TraineeCandidate(nationalId: try! NationalID.parse(id, today: fixedDay), name: name, phone: phone,
                         education: "junior-college", householdType: "rural", keyGroups: groups)
    }

    func importRows(_ rows: [TraineeCandidate], mode: ImportMode = .allOrNothing, into cohortId: Int64? = nil,
                    actor: User? = nil) throws -> (TraineeImportSummary, [TraineeRowOutcome]) {
        var outcomes: [TraineeRowOutcome] = []
        let summary = try store.importTrainees(cohortId: cohortId ?? cohort.id!, fileName: "list.csv", format: "CSV UTF-8",
                                               mode: mode, actor: actor ?? world.clerkA) { session in
            for (index, row) in rows.enumerated() { outcomes.append(try session.add(row, row: index + 2)) }
        }
        return (summary, outcomes)
    }

    func count(_ table: String) throws -> Int {
        try store.rawRead { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")! }
    }
}

let chen = TrainingWorld.trainee("440524188001010014", "陈大文", phone: "13800138000", groups: ["graduate"])
let wang = TrainingWorld.trainee("11010519491231002X", "王𠈌")
let li = TrainingWorld.trainee("34052419800101001X", "李四")

@Suite struct CohortTests {
    @Test func anInstitutionCreatesCohortsOnlyForItself() throws {
        let t = try TrainingWorld()
        #expect(t.cohort.level == "4")
        #expect(throws: StoreError.self) {
            try t.store.createCohort(TrainingWorld.plan(name: "别人的班"), institutionId: t.world.schoolB.id!, actor: t.world.clerkA)
        }
        #expect(throws: StoreError.self) {
            try t.store.createCohort(TrainingWorld.plan(name: "考评员的班"), institutionId: t.world.schoolA.id!, actor: t.world.examiner)
        }
        #expect(try t.store.cohorts(actor: t.world.clerkB).isEmpty)
        #expect(try t.store.cohorts(actor: t.world.admin).count == 1)
    }

    @Test func aPlanThatBreaksCatalogRulesIsRefusedWithEveryProblem() throws {
        let world = try World()
        var plan = TrainingWorld.plan(target: .occupation(code: "4-10-01-06", level: .level1))
        plan.plannedHours = 0
        #expect {
            try world.store.createCohort(plan, institutionId: world.schoolA.id!, actor: world.admin)
        } throws: { error in
            guard case StoreError.invalidFields(let problems) = error else { return false }
            return problems.map(\.field) == [.occupation, .level, .plannedHours]
                && problems[1].english.contains("offered at levels 5, 4, 3, 2 only")
        }
    }

    @Test func aSpecialAbilityCohortHasNoLevel() throws {
        let world = try World()
        let cohort = try world.store.createCohort(TrainingWorld.plan(target: .specialAbility(code: "YC01")),
                                                  institutionId: world.schoolA.id!, actor: world.admin)
        #expect(cohort.level == nil)
        #expect(cohort.specialAbilityCode == "YC01")
    }
}

@Suite struct TraineeImportTests {
    @Test func aCleanListIsImportedWithPersonsEnrolmentsKeyGroupsAndOneAuditEvent() throws {
        let t = try TrainingWorld()
        let (summary, outcomes) = try t.importRows([chen, wang])
        #expect(summary.committed)
        #expect(summary.imported == 2 && summary.newPersons == 2)
        #expect(outcomes == [.imported(newPerson: true), .imported(newPerson: true)])
        #expect(try t.count("enrolments") == 2)
        #expect(try t.count("enrolment_key_groups") == 1)
        #expect(try t.store.persons(actor: t.world.clerkA).map(\.name) == ["陈大文", "王𠈌"])
        let event = try #require(try t.store.auditEvents(actor: t.world.admin).first)
        #expect(event.action == "cohort.import")
        #expect(event.after?.contains("\"imported\":2") == true)
    }

    @Test func oneBadRowAndNothingIsWritten() throws {
        let t = try TrainingWorld()
        _ = try t.store.registerPerson(newPerson("34052419800101001X", name: "李三"), actor: t.world.admin)
        let persons = try t.count("persons")
        let (summary, outcomes) = try t.importRows([chen, li, wang])
        #expect(!summary.committed)
        #expect(summary.rejected == 1)
        guard case .rejected(let issues) = outcomes[1] else { Issue.record("row 3 should be refused"); return }
        #expect(issues[0].field == .name)
        #expect(issues[0].rule.english == "this national ID is registered under another name; check the name and the ID")
        #expect(try t.count("enrolments") == 0)
        #expect(try t.count("persons") == persons)
        #expect(try t.count("trainee_imports") == 0)
    }

    @Test func acceptValidKeepsTheGoodRows() throws {
        let t = try TrainingWorld()
        _ = try t.store.registerPerson(newPerson("34052419800101001X", name: "李三"), actor: t.world.admin)
        let (summary, _) = try t.importRows([chen, li, wang], mode: .acceptValid)
        #expect(summary.committed)
        #expect(summary.imported == 2 && summary.rejected == 1)
        #expect(try t.count("enrolments") == 2)
    }

    @Test func importingTheSameListTwiceAddsNobodyTwice() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen, wang])
        let (again, outcomes) = try t.importRows([chen, wang])
        #expect(again.committed)
        #expect(again.imported == 0 && again.alreadyEnrolled == 2)
        #expect(outcomes == [.alreadyEnrolled, .alreadyEnrolled])
        #expect(try t.count("enrolments") == 2)
        #expect(try t.count("persons") == 2)
    }

    @Test func aDuplicateInsideTheFileNamesTheFirstRow() throws {
        let t = try TrainingWorld()
        let (summary, outcomes) = try t.importRows([chen, wang, chen])
        #expect(!summary.committed)
        guard case .rejected(let issues) = outcomes[2] else { Issue.record("the repeat should be refused"); return }
        #expect(issues[0].rule.chinese == "与本文件第 2 行的身份证号重复")
    }

    @Test func anOverlappingCohortOfTheSameOccupationIsRefused() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen])
        let other = try t.store.createCohort(TrainingWorld.plan(name: "另一期", start: 20, end: 30, target: .occupation(code: "4-03-02-01", level: .level5)),
                                             institutionId: t.world.schoolB.id!, actor: t.world.admin)
        let (summary, outcomes) = try t.importRows([chen], into: other.id, actor: t.world.clerkB)
        #expect(!summary.committed)
        guard case .rejected(let issues) = outcomes[0] else { Issue.record("overlap should be refused"); return }
        #expect(issues[0].rule.english.contains("2026-03-01 to 2026-04-30"))
        #expect(issues[0].rule.english.contains("whose dates overlap"))

        // Another occupation at the same time is fine.
        var housekeeping = TrainingWorld.plan(name: "家政", target: .occupation(code: "4-10-01-06", level: .level4))
        housekeeping.projectCode = "nanyue"
        let pastry = try t.store.createCohort(housekeeping, institutionId: t.world.schoolB.id!, actor: t.world.admin)
        #expect(try t.importRows([chen], into: pastry.id, actor: t.world.clerkB).0.committed)
    }

    @Test func capacityIsEnforcedAndWithdrawalFreesAPlace() throws {
        let t = try TrainingWorld(capacity: 2)
        let (summary, outcomes) = try t.importRows([chen, wang, li])
        #expect(!summary.committed)
        guard case .rejected(let issues) = outcomes[2] else { Issue.record("third trainee should be refused"); return }
        #expect(issues[0].field == nil)
        #expect(issues[0].rule.english == "over capacity: this cohort takes at most 2 trainees")

        _ = try t.importRows([chen, wang])
        _ = try t.store.withdrawTrainee(cohortId: t.cohort.id!, nationalId: chen.nationalId, reason: "工作调动", actor: t.world.clerkA)
        #expect(try t.importRows([li]).0.committed)
    }

    @Test func anotherInstitutionCannotImportIntoTheCohort() throws {
        let t = try TrainingWorld()
        #expect(throws: StoreError.self) { try t.importRows([chen], actor: t.world.clerkB) }
        #expect(try t.count("enrolments") == 0)
    }

    @Test func anErrorWhileReadingRollsBackTheRowsAlreadyWritten() throws {
        let t = try TrainingWorld()
        struct BrokenFile: Error {}
        #expect(throws: BrokenFile.self) {
            _ = try t.store.importTrainees(cohortId: t.cohort.id!, fileName: "x.csv", format: "CSV", mode: .acceptValid,
                                           actor: t.world.clerkA) { session in
                _ = try session.add(chen, row: 2)
                throw BrokenFile()
            }
        }
        #expect(try t.count("enrolments") == 0)
        #expect(try t.count("persons") == 0)
    }
}

@Suite struct AttendanceTests {
    @Test func hoursCompletionAndWithdrawalFollowTheRules() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen, wang, li])
        let cohort = t.cohort.id!
        #expect(try t.store.recordHours(cohortId: cohort, nationalId: chen.nationalId, hoursTenths: 600, actor: t.world.clerkA) == .updated(fromTenths: 0))
        #expect(try t.store.recordHours(cohortId: cohort, nationalId: chen.nationalId, hoursTenths: 600, actor: t.world.clerkA) == .unchanged)
        _ = try t.store.recordHours(cohortId: cohort, nationalId: wang.nationalId, hoursTenths: 599, actor: t.world.clerkA)
        #expect(throws: StoreError.self) {
            try t.store.recordHours(cohortId: cohort, nationalId: li.nationalId, hoursTenths: 751, actor: t.world.clerkA)
        }

        // 80 % of 75 hours is 60: 陈 with 60.0 completes, 王 with 59.9 does not.
        let result = try t.store.completeTrainees(cohortId: cohort, actor: t.world.clerkA)
        #expect(result.requiredTenths == 600)
        #expect(result.completed == ["陈大文"])
        #expect(result.notEligible.map(\.name) == ["王𠈌", "李四"])
        #expect(throws: StoreError.self) {
            try t.store.recordHours(cohortId: cohort, nationalId: chen.nationalId, hoursTenths: 700, actor: t.world.clerkA)
        }

        let withdrawn = try t.store.withdrawTrainee(cohortId: cohort, nationalId: li.nationalId, reason: "个人原因", actor: t.world.clerkA)
        #expect(withdrawn.status == .withdrawn && withdrawn.withdrawnOn == "2026-11-21")
        #expect(throws: StoreError.self) {
            try t.store.withdrawTrainee(cohortId: cohort, nationalId: chen.nationalId, reason: "x", actor: t.world.clerkA)
        }
        let actions = try t.store.auditEvents(actor: t.world.admin, entity: "enrolments").map(\.action)
        #expect(actions == ["enrolment.withdraw", "enrolment.complete", "enrolment.hours", "enrolment.hours"])
    }

    @Test func anAttendanceSheetIsAllOrNothing() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen, wang])
        let summary = try t.store.importHours(cohortId: t.cohort.id!, fileName: "hours.csv", mode: .allOrNothing, actor: t.world.clerkA) { session in
            _ = try session.set(nationalId: chen.nationalId.value, name: nil, hoursTenths: 640, row: 2)
            _ = try session.set(nationalId: li.nationalId.value, name: nil, hoursTenths: 640, row: 3)
        }
        #expect(!summary.committed && summary.rejected == 1 && summary.updated == 1)
        let roster = try t.store.cohortRoster(cohortId: t.cohort.id!, actor: t.world.clerkA)
        #expect(roster.lines.map(\.hoursTenths) == [0, 0])
    }

    @Test func theRosterCarriesNamesNotCodes() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen, wang])
        let roster = try t.store.cohortRoster(cohortId: t.cohort.id!, actor: t.world.clerkA)
        #expect(roster.targetName == "中式烹调师 四级/中级工")
        #expect(roster.projectName == "粤菜师傅")
        #expect(roster.completionSharePercent == 80)
        #expect(roster.lines[0].keyGroups == ["高校毕业生"])
        #expect(roster.lines[0].education == "大专")
        #expect(roster.lines[1].name == "王𠈌")
        #expect(throws: StoreError.self) { try t.store.cohortRoster(cohortId: t.cohort.id!, actor: t.world.clerkB) }
    }
}

@Suite struct TraineeImportIntegrityTests {
    /// The import's fast insert path still reports SQLite's refusals and rolls everything back:
    /// here an education code the database's catalog does not have (the catalog changed under
    /// the clerk between reading the list and writing it).
    @Test func aValueTheDatabaseRefusesRollsBackTheImportWithSQLitesMessage() throws {
        let t = try TrainingWorld()
        var stranger = wang
        stranger.education = "doctorate"
        #expect {
            _ = try t.importRows([chen, stranger], mode: .acceptValid)
        } throws: { error in
            guard case StoreError.database(let message) = error else { return false }
            return message.contains("FOREIGN KEY constraint failed")
        }
        #expect(try t.count("persons") == 0)
        #expect(try t.count("enrolments") == 0)
    }

    /// The status check is written as equalities for speed; it must still refuse anything else.
    @Test func anEnrolmentStatusOutsideTheThreeIsRefusedByTheDatabase() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen])
        #expect(throws: DatabaseError.self) {
            try t.store.rawWrite { db in try db.execute(sql: "UPDATE enrolments SET status = 'graduated'") }
        }
    }
}

@Suite struct TrainingEdgeTests {
    @Test func aSheetNameThatIsNotTheTraineesAndARepeatedIDAreRefused() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen, wang])
        var outcomes: [AttendanceRowOutcome] = []
        let summary = try t.store.importHours(cohortId: t.cohort.id!, fileName: "hours.xlsx", mode: .acceptValid, actor: t.world.clerkA) { session in
            outcomes.append(try session.set(nationalId: chen.nationalId.value, name: "王𠈌", hoursTenths: 640, row: 2))
            outcomes.append(try session.set(nationalId: wang.nationalId.value, name: "王𠈌", hoursTenths: 500, row: 3))
            outcomes.append(try session.set(nationalId: wang.nationalId.value, name: nil, hoursTenths: 700, row: 4))
        }
        #expect(summary.committed && summary.updated == 1 && summary.rejected == 2)
        guard case .rejected(let wrongName) = outcomes[0], case .rejected(let repeated) = outcomes[2] else {
            Issue.record("rows 2 and 4 should be refused"); return
        }
        #expect(wrongName[0].field == .name)
        #expect(repeated[0].rule.english == "the same national ID as row 3 of this sheet")
        let roster = try t.store.cohortRoster(cohortId: t.cohort.id!, actor: t.world.clerkA)
        #expect(roster.lines.map(\.hoursTenths) == [0, 500])
        let event = try #require(try t.store.auditEvents(actor: t.world.admin, entity: "cohorts").first)
        #expect(event.action == "cohort.hours-import")
        #expect(event.after?.contains("hours.xlsx") == true)
    }

    @Test func traineesNamedOneByOneAreCompletedTogetherOrNotAtAll() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen, wang])
        _ = try t.store.recordHours(cohortId: t.cohort.id!, nationalId: chen.nationalId, hoursTenths: 700, actor: t.world.clerkA)
        #expect {
            try t.store.completeTrainees(cohortId: t.cohort.id!, nationalIds: [chen.nationalId, wang.nationalId], actor: t.world.clerkA)
        } throws: { error in
            guard case StoreError.conflict(_, let english) = error else { return false }
            return english.contains("nobody was completed") && english.contains("王𠈌")
        }
        #expect(try t.store.cohortRoster(cohortId: t.cohort.id!, actor: t.world.clerkA).lines.allSatisfy { $0.status == .enrolled })
        let once = try t.store.completeTrainees(cohortId: t.cohort.id!, nationalIds: [chen.nationalId, chen.nationalId],
                                                actor: t.world.clerkA)
        #expect(once.completed == ["陈大文"])
    }

    @Test func aWithdrawnTraineeIsNotSilentlyCountedAsEnrolled() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen])
        _ = try t.store.withdrawTrainee(cohortId: t.cohort.id!, nationalId: chen.nationalId, reason: "搬家", actor: t.world.clerkA)
        let (summary, outcomes) = try t.importRows([chen])
        #expect(!summary.committed)
        guard case .rejected(let issues) = outcomes[0] else { Issue.record("should be refused"); return }
        #expect(issues[0].rule.english == "this person has withdrawn from this cohort and cannot be imported again")
    }

    @Test func anotherInstitutionsCohortIsNotNamedInTheOverlapMessage() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen])
        let other = try t.store.createCohort(TrainingWorld.plan(name: "乙校的班"), institutionId: t.world.schoolB.id!, actor: t.world.admin)
        let (_, outcomes) = try t.importRows([chen], into: other.id, actor: t.world.clerkB)
        guard case .rejected(let issues) = outcomes[0] else { Issue.record("overlap should be refused"); return }
        #expect(!issues[0].rule.chinese.contains("2026年第1期"))
        #expect(issues[0].rule.english.contains("of another institution (2026-03-01 to 2026-04-30)"))
    }

    @Test func aClerkTypingAStrangersIDDoesNotLearnTheirName() throws {
        let world = try World()
        _ = try world.store.registerPerson(newPerson(), actor: world.admin)
        #expect {
            try world.store.registerPerson(newPerson(name: "随便"), actor: world.clerkA)
        } throws: { error in
            guard case StoreError.conflict(let chinese, let english) = error else { return false }
            return !chinese.contains("陈大文") && !english.contains("陈大文")
        }
    }
}
