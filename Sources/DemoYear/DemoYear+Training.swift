import Domain
import Store

/// One class of the year, from its plan to its certificates.
final class ClassRun {
    let kind: ClassKind
    let school: DemoInstitution
    let serial: Int
    let size: Int
    let start: CivilDate
    let end: CivilDate
    /// False for classes that end too late in the year to sit this year's exam.
    let examined: Bool
    var cohortId: Int64?
    /// National IDs of the trainees, in list order; dropped once the session has registered them.
    var trainees: [String] = []
    var withdrawn: Set<String> = []
    /// Apprentices from last year placed in this class (national IDs).
    var apprentices: [String] = []
    /// For a class of the level above (三级): this year's holders of the level below who take it.
    var holders: [String] = []
    var session: SessionRun?

    init(kind: ClassKind, school: DemoInstitution, serial: Int, size: Int, start: CivilDate, end: CivilDate, examined: Bool) {
        self.kind = kind
        self.school = school
        self.serial = serial
        self.size = size
        self.start = start
        self.end = end
        self.examined = examined
    }
}

extension DemoYearBuilder {
    /// Lays out every class of the year (dates, school, size) and writes down its steps.
    func planTheYear() {
        var runs: [ClassRun] = []
        for project in DemoPlan.projects {
            let kinds = DemoPlan.kinds(project)
            // Occupations whose holders of the level below go on to a class of the level above.
            let progressions = Set(kinds.filter(\.fromHolders).compactMap(\.occupationCode))
            let projectSchools = schools[project]!
            for index in 0..<(plan.classes[project] ?? 0) {
                let kind = kinds[index % kinds.count]
                let school = projectSchools[index % projectSchools.count]
                let key = "\(school.id)-\(kind.title)"
                classSerials[key, default: 0] += 1
                let size = plan.classSize(project: project, index: index)
                if kind.fromHolders {
                    // Opens once enough of the year's holders of the level below are there.
                    awaitingHolders.append(AwaitingClass(kind: kind, school: school, serial: classSerials[key]!, size: size))
                    continue
                }
                let examined = random.unit() < plan.examinedShare
                // Examined classes start from January to early September, so that their exams,
                // results and certificates fall within the year; the rest start in the autumn. The
                // 四级 classes that lead on to a 三级 class start by the end of April, so that
                // their holders can sit the 三级 exam within the year.
                let feeds = kind.level == .level4 && kind.occupationCode.map(progressions.contains) == true
                let start = examined ? yearStart.adding(days: random.between(4, feeds ? 120 : 252))
                    : yearStart.adding(days: random.between(273, 334))
                runs.append(ClassRun(kind: kind, school: school, serial: classSerials[key]!, size: size,
                                     start: start, end: start.adding(days: classDays(kind)), examined: examined))
            }
        }
        classes = runs
        if !awaitingHolders.isEmpty {
            // Classes still short of holders by the last day a class can open and sit this year's
            // exam run at the level below instead, for new trainees.
            agenda.on(lastAdvancedOpening) { try self.openRemainingAsLevelBelow() }
        }
        placeCarriedOverApprentices()
        for run in runs {
            let created = max(agenda.today, run.start.adding(days: -random.between(7, 20)))
            agenda.on(created) { try self.createCohort(run) }
        }
        for index in 0..<plan.apprentices { scheduleApprenticeship(index) }
        scheduleSubsidyClaims()
    }

    private func classDays(_ kind: ClassKind) -> Int { min(60, max(15, kind.hours / 4)) + random.between(0, 7) }

    /// The last day a class of the level above may open and still sit this year's exam.
    var lastAdvancedOpening: CivilDate { yearStart.adding(days: 229) }

    /// Holders of a 四级 certificate of `occupation` issued today join the pool the 三级 classes
    /// draw on; each waiting class of the occupation opens once the pool can fill it.
    func addHolders(_ nationalIds: [String], occupation: String) {
        holderPool[occupation, default: []].append(contentsOf: nationalIds)
        while agenda.today < lastAdvancedOpening,
              let index = awaitingHolders.firstIndex(where: { $0.kind.occupationCode == occupation }),
              holderPool[occupation]!.count >= awaitingHolders[index].size {
            let waiting = awaitingHolders.remove(at: index)
            let start = agenda.today.adding(days: random.between(10, 20))
            let run = ClassRun(kind: waiting.kind, school: waiting.school, serial: waiting.serial, size: waiting.size, start: start,
                               end: start.adding(days: classDays(waiting.kind)), examined: true)
            run.holders = Array(holderPool[occupation]!.prefix(waiting.size))
            holderPool[occupation]!.removeFirst(waiting.size)
            agenda.on(agenda.today.adding(days: 1)) { try self.createCohort(run) }
        }
    }

    private func openRemainingAsLevelBelow() throws {
        for waiting in awaitingHolders {
            guard case .occupation(let code, _) = waiting.kind.target,
                  let below = DemoPlan.kinds(waiting.kind.project).first(where: { $0.occupationCode == code && $0.level == .level4 })
            else { continue }
            let start = agenda.today.adding(days: random.between(5, 12))
            let key = "\(waiting.school.id)-\(below.title)"
            classSerials[key, default: 0] += 1
            let run = ClassRun(kind: below, school: waiting.school, serial: classSerials[key]!, size: waiting.size, start: start,
                               end: start.adding(days: classDays(below)), examined: true)
            agenda.on(agenda.today.adding(days: 1)) { try self.createCohort(run) }
        }
        awaitingHolders = []
    }

    private func createCohort(_ run: ClassRun) throws {
        let cohort = try store.createCohort(CohortPlan(
            name: "\(plan.year)年第\(run.serial)期\(run.kind.title)培训班", projectCode: run.kind.project, target: run.kind.target,
            district: run.kind.project == "jigong" ? run.school.institution.district : identities.pick(catalog.districts).name,
            startDate: run.start, endDate: run.end, plannedHours: run.kind.hours, capacity: run.size), institutionId: run.school.id,
            actor: run.school.clerk)
        run.cohortId = cohort.id
        if firstCohortId == nil { firstCohortId = cohort.id }
        counts.cohorts[run.kind.project, default: 0] += 1
        agenda.on(run.start) { try self.importTrainees(run) }
    }

    /// The clerk imports the class list on the first day: new people, and last year's
    /// apprentices who train for their certificate here.
    private func importTrainees(_ run: ClassRun) throws {
        var rows: [(candidate: TraineeCandidate, row: Int)] = []
        for nationalId in run.apprentices {
            let id = try typedID(nationalId)
            let person = try store.person(nationalId: id, actor: admin)
            rows.append((TraineeCandidate(nationalId: id, name: person.name,
                                          phone: person.phone, education: "senior-secondary", householdType: "rural"), rows.count + 2))
        }
        for nationalId in run.holders {
            let id = try typedID(nationalId)
            let person = try store.person(nationalId: id, actor: admin)
            rows.append((TraineeCandidate(nationalId: id, name: person.name,
                                          phone: person.phone, education: "senior-secondary",
                                          householdType: random.chance(0.55) ? "rural" : "urban", keyGroups: keyGroups()), rows.count + 2))
        }
        while rows.count < run.size {
            // The year's first list starts with a name that only full Unicode holds.
            let (id, name, phone) = identities.person(ages: run.kind.project == "jigong" ? 17...30 : 18...55,
                                                      rare: run.cohortId == firstCohortId && rows.isEmpty)
            rows.append((TraineeCandidate(nationalId: id, name: name, phone: phone, education: education(run.kind.project),
                                          householdType: random.chance(0.55) ? "rural" : "urban", keyGroups: keyGroups()), rows.count + 2))
        }
        let summary = try store.importTrainees(cohortId: run.cohortId!, fileName: "学员名单-\(run.cohortId!).xlsx", format: "XLSX",
                                               mode: .allOrNothing, actor: run.school.clerk) { session in
            _ = try session.add(rows)
        }
        guard summary.committed, summary.imported == run.size else {
            throw DemoError.refused(step: "cohort import \(run.cohortId!)", chinese: "学员名单有 \(summary.rejected) 行被拒",
                                    english: "\(summary.rejected) row(s) of the class list were refused")
        }
        counts.enrolments[run.kind.project, default: 0] += summary.imported
        counts.personsOnFile += summary.newPersons
        run.trainees = rows.map(\.candidate.nationalId.value)
        let length = run.end.dayNumber - run.start.dayNumber
        // Some leave during the course (the first 南粤家政 class always shows one).
        let forced = run === classes.first(where: { $0.kind.project == "nanyue" })
        for nationalId in run.trainees where !run.apprentices.contains(nationalId) {
            if random.chance(0.03) || (forced && run.withdrawn.isEmpty) {
                run.withdrawn.insert(nationalId)
                agenda.on(run.start.adding(days: random.between(1, max(1, length / 2)))) {
                    _ = try self.store.withdrawTrainee(cohortId: run.cohortId!, nationalId: try self.typedID(nationalId),
                                                       reason: self.random.pick(DemoYearBuilder.withdrawalReasons), actor: run.school.clerk)
                    self.counts.withdrawals += 1
                }
            }
        }
        if run.end.adding(days: 1) <= yearEnd {
            agenda.on(run.end.adding(days: 1)) { try self.recordHoursAndComplete(run, forcedShortfall: forced) }
        }
    }

    /// The attendance sheet, then completion (结业) of everyone whose hours reach the share.
    private func recordHoursAndComplete(_ run: ClassRun, forcedShortfall: Bool) throws {
        let planned = run.kind.hours * 10
        var shortfall = forcedShortfall
        let summary = try store.importHours(cohortId: run.cohortId!, fileName: "出勤表-\(run.cohortId!).xlsx", mode: .allOrNothing,
                                            actor: run.school.clerk) { session in
            var row = 2
            for nationalId in run.trainees where !run.withdrawn.contains(nationalId) {
                let short = !run.apprentices.contains(nationalId) && (random.chance(0.02) || shortfall)
                shortfall = false
                // Hours are kept in tenths; sheets give whole and half hours.
                let share = short ? random.between(40, 75) : random.between(85, 100)
                _ = try session.set(nationalId: nationalId, name: nil, hoursTenths: planned * share / 100 / 5 * 5, row: row)
                row += 1
            }
        }
        guard summary.committed else {
            throw DemoError.refused(step: "cohort hours \(run.cohortId!)", chinese: "出勤表有 \(summary.rejected) 行被拒",
                                    english: "\(summary.rejected) row(s) of the attendance sheet were refused")
        }
        let completion = try store.completeTrainees(cohortId: run.cohortId!, actor: run.school.clerk)
        counts.completions += completion.completed.count
        counts.shortOfHours += completion.notEligible.count
        if run.examined { scheduleSession(run) }
    }

    private func education(_ project: String) -> String {
        let roll = random.below(100)
        if project == "jigong" { return roll < 80 ? "senior-secondary" : roll < 95 ? "junior-or-below" : "junior-college" }
        return roll < 35 ? "junior-or-below" : roll < 70 ? "senior-secondary" : roll < 90 ? "junior-college" : "bachelor"
    }

    /// About one trainee in four belongs to a key group (重点群体), a few to two.
    private func keyGroups() -> [String] {
        guard random.chance(0.25) else { return [] }
        let weighted = ["rural", "rural", "rural", "rural", "graduate", "graduate", "hardship", "hardship", "poverty", "veteran", "disabled"]
            .filter { code in catalog.keyGroups.contains { $0.code == code } }
        guard !weighted.isEmpty else { return [] }
        let first = random.pick(weighted)
        let second = random.pick(weighted)
        return random.chance(0.1) && second != first ? [first, second] : [first]
    }

    static let withdrawalReasons = ["工作调动", "找到工作，无法继续参训", "家庭原因", "身体原因", "外出务工"]
}
