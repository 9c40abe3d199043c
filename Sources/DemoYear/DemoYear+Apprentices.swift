import Domain
import Store

extension DemoYearBuilder {
    /// Apprenticeships begun in the year before: registered, filed and started when the system
    /// went live. Each apprentice trains in one of this year's 四级 classes of the occupation and
    /// completes with the certificate it leads to.
    func carryOverApprenticeships() throws {
        let pool = apprenticePool.suffix(plan.carriedOverApprentices)
        apprenticePool.removeLast(pool.count)
        var started: [(id: Int64, nationalId: String, occupation: String)] = []
        let levelFour = DemoPlan.projects.flatMap(DemoPlan.kinds).filter { $0.level == .level4 }
        for (index, nationalId) in pool.enumerated() {
            let kind = levelFour[index % levelFour.count]
            let (enterprise, partner) = enterprises.filter { $0.partner.project == kind.project }.randomElement(using: &random)
                ?? enterprises[index % enterprises.count]
            let start = CivilDate(year: plan.year - 1, month: random.between(1, 6), day: random.between(1, 28))!
            let apprenticeship = try store.registerApprenticeship(
                ApprenticeshipPlan(occupationCode: kind.occupationCode!, targetLevel: .level4, contractStart: start, contractYears: 3,
                                   start: start, end: start.adding(months: 18), enterpriseMentor: identities.name(female: false) + "师傅",
                                   institutionMentor: String(identities.name(female: true).prefix(1)) + "老师"),
                enterpriseId: enterprise.id!, institutionId: partner.id, nationalId: try typedID(nationalId), actor: partner.clerk)
            started.append((apprenticeship.id!, nationalId, kind.occupationCode!))
            carriedOverSchools[nationalId] = (partner, kind)
        }
        agenda.on(agenda.today.adding(days: 2)) {
            for entry in started {
                _ = try self.store.fileApprenticeship(id: entry.id, actor: self.admin)
                let partner = self.carriedOverSchools[entry.nationalId]!.school
                _ = try self.store.startApprenticeship(id: entry.id, actor: partner.clerk)
                self.carriedOver[entry.nationalId] = entry.id
            }
        }
    }

    /// Places last year's apprentices in this year's examined 四级 classes of their occupation,
    /// a third of a class at most.
    func placeCarriedOverApprentices() {
        for (nationalId, placement) in carriedOverSchools.sorted(by: { $0.key < $1.key }) {
            let fitting = classes.filter { run in
                run.examined && run.kind.target == placement.kind.target && run.apprentices.count < run.size / 3
            }
            fitting.first?.apprentices.append(nationalId)
        }
    }

    /// One apprenticeship registered this year: filed by the bureau two or three weeks later,
    /// started within days; a few end early when the apprentice leaves.
    func scheduleApprenticeship(_ index: Int) {
        guard index < apprenticePool.count else { return }
        let nationalId = apprenticePool[index]
        let registered = yearStart.adding(days: 7 + (index * 320) / max(1, plan.apprentices) + random.between(0, 6))
        agenda.on(registered) { try self.registerApprenticeship(nationalId) }
    }

    private func registerApprenticeship(_ nationalId: String) throws {
        let (enterprise, partner) = enterprises[random.below(enterprises.count)]
        let occupations = DemoYearBuilder.apprenticeOccupations[partner.project]!
        let occupation = random.pick(occupations)
        let level: SkillLevel = random.chance(0.85) ? .level4 : .level3
        let contractStart = agenda.today.adding(days: -random.between(0, 20))
        let start = contractStart.adding(days: random.between(0, 10))
        let plan = ApprenticeshipPlan(occupationCode: occupation, targetLevel: level, contractStart: contractStart,
                                      contractYears: random.between(2, 3), start: start, end: start.adding(months: random.pick([12, 18, 24])),
                                      enterpriseMentor: identities.name(female: random.chance(0.3)) + "师傅",
                                      institutionMentor: String(identities.name(female: random.chance(0.5)).prefix(1)) + "老师")
        let apprenticeship = try store.registerApprenticeship(plan, enterpriseId: enterprise.id!, institutionId: partner.id,
                                                              nationalId: try typedID(nationalId), actor: partner.clerk)
        counts.apprenticesRegistered += 1
        let filed = agenda.today.adding(days: random.between(7, 25))
        guard random.chance(0.93), filed <= yearEnd else { return }
        agenda.on(filed) {
            _ = try self.store.fileApprenticeship(id: apprenticeship.id!, actor: self.admin)
            self.counts.apprenticesFiled += 1
            let started = filed.adding(days: self.random.between(2, 10))
            guard self.random.chance(0.96), started <= self.yearEnd else { return }
            self.agenda.on(started) {
                _ = try self.store.startApprenticeship(id: apprenticeship.id!, actor: partner.clerk)
                self.counts.apprenticesStarted += 1
                let left = started.adding(days: self.random.between(30, 150))
                guard self.random.chance(0.06), left <= self.yearEnd else { return }
                self.agenda.on(left) {
                    _ = try self.store.terminateApprenticeship(id: apprenticeship.id!, on: left,
                                                               reason: self.random.pick(DemoYearBuilder.terminationReasons), actor: self.admin)
                    self.counts.apprenticesTerminated += 1
                }
            }
        }
    }

    static let apprenticeOccupations: [String: [String]] = [
        "yuecai": ["4-03-02-01", "4-03-02-02"], "nanyue": ["4-10-01-06", "4-10-01-05"], "jigong": ["6-31-01-03", "6-18-02-04", "6-18-01-01"],
    ]
    static let terminationReasons = ["离职", "劳动合同解除", "调岗，不再从事本职业"]
}
