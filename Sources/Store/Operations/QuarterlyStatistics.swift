import Foundation
import GRDB
import Domain

/// What one line of the statistics is about: a project, what was trained, assessed or certified
/// (an occupation at a level, or a special-ability item) and the district (镇街) it counts in.
public struct StatisticsKey: Hashable, Sendable {
    public let projectCode: String
    public let target: CertificationTarget
    public let district: String

    public init(projectCode: String, target: CertificationTarget, district: String) {
        self.projectCode = projectCode
        self.target = target
        self.district = district
    }
}

/// The trainees and certificates of one key group (重点群体), by project and district.
public struct KeyGroupKey: Hashable, Sendable {
    public let projectCode: String
    public let keyGroupCode: String
    public let district: String

    public init(projectCode: String, keyGroupCode: String, district: String) {
        self.projectCode = projectCode
        self.keyGroupCode = keyGroupCode
        self.district = district
    }
}

/// Every figure of a quarter and of its year to date, broken down by project, target and
/// district (and by key group for the figures that know the trainee), with the catalog that
/// names them and holds the yearly targets. Reports sum these lines into the workbook's sheets.
public struct QuarterlyStatistics: Sendable {
    public let period: Period
    /// Nil: the whole area.
    public let district: String?
    public let writtenOn: CivilDate
    public let catalog: Catalog
    public let lines: [StatisticsKey: [QuarterlyFigure: QuarterAndYear]]
    public let keyGroups: [KeyGroupKey: [QuarterlyFigure: QuarterAndYear]]

    /// Statistics counted elsewhere than a city's database (the province's, over every city),
    /// laid out by the same workbook.
    public init(period: Period, district: String?, writtenOn: CivilDate, catalog: Catalog,
                lines: [StatisticsKey: [QuarterlyFigure: QuarterAndYear]],
                keyGroups: [KeyGroupKey: [QuarterlyFigure: QuarterAndYear]]) {
        self.period = period
        self.district = district
        self.writtenOn = writtenOn
        self.catalog = catalog
        self.lines = lines
        self.keyGroups = keyGroups
    }

    /// The sum of a figure over the lines that `include` keeps.
    public func total(_ figure: QuarterlyFigure, where include: (StatisticsKey) -> Bool = { _ in true }) -> QuarterAndYear {
        lines.reduce(into: QuarterAndYear.zero) { sum, line in
            if include(line.key), let value = line.value[figure] { sum += value }
        }
    }

    /// What the records achieved towards a yearly target of the catalog: the target's figure
    /// over the lines of its own district and project (nil: all of them).
    public func progress(towards target: YearlyTarget) -> QuarterAndYear {
        total(QuarterlyFigure(target: target.metric)) { key in
            (target.district == nil || key.district == target.district)
                && (target.projectCode == nil || key.projectCode == target.projectCode)
        }
    }
}

extension Store {
    /// The statistics of a quarter and its year to date (bureau only), for the whole area or one
    /// district. Each figure is defined in `QuarterlyFigure`; this is where the definitions are
    /// counted, in one read transaction so that every figure sees the same records.
    ///
    /// `figures` leaves out the queries of figures nobody will read (the dashboard needs four of
    /// them); the figures it keeps are counted exactly as the workbook counts them.
    public func quarterlyStatistics(year: Int, quarter: Period.Quarter, district: String?,
                                    figures: Set<QuarterlyFigure> = Set(QuarterlyFigure.allCases),
                                    actor: User) throws(StoreError) -> QuarterlyStatistics {
        let period = Period.quarter(year, quarter)
        return try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "report quarterly")
            let catalog = try Catalog.fetch(db)
            if let district, !catalog.districts.contains(where: { $0.name == district }) {
                throw StoreError.invalid(FieldProblem(field: .district, value: district, rule: Rejection(
                    "目录中没有这个镇街", "is not a district (镇街) of the catalog")))
            }
            var tally = StatisticsTally(period: period, district: district, figures: figures)
            if tally.wants(.classes, .trained, .completed) { try tally.countTraining(db) }
            if tally.wants(.candidates, .resultsPublished, .passed) { try tally.countExams(db, store: self, catalog: catalog) }
            if tally.wants(.certificates, .trainingSubsidyDue, .trainingSubsidyClaimed) { try tally.countCertificates(db, catalog: catalog) }
            if tally.wants(.apprenticesRegistered, .apprenticesFiled, .apprenticesCompleted, .apprenticesTerminated, .apprenticeSubsidyDue) {
                try tally.countApprenticeships(db, store: self, catalog: catalog)
            }
            return QuarterlyStatistics(period: period, district: district, writtenOn: clock.today, catalog: catalog,
                                       lines: tally.lines, keyGroups: tally.keyGroups)
        }
    }
}

/// Counts records into lines. Each query selects the line's columns (`project`, `occupation_code`,
/// `level`, `special_ability_code`, `district`) and `day`, the date that puts a record in a
/// period; `count` keeps the days of the year to date and splits off the quarter.
private struct StatisticsTally {
    let period: Period
    let district: String?
    let figures: Set<QuarterlyFigure>
    var lines: [StatisticsKey: [QuarterlyFigure: QuarterAndYear]] = [:]
    var keyGroups: [KeyGroupKey: [QuarterlyFigure: QuarterAndYear]] = [:]

    /// An exam, a certificate or an apprenticeship counts in the project the catalog gives its
    /// occupation or item (a class, in its own project).
    static let projectOfTarget = "coalesce(o.project_code, sa.project_code)"
    static let targetJoins = """
        LEFT JOIN catalog_occupations o ON o.code = x.occupation_code
        LEFT JOIN catalog_special_abilities sa ON sa.code = x.special_ability_code
        """

    private var bounds: StatementArguments {
        [period.yearToDate.start.description, period.end.description, period.start.description, district]
    }

    /// Wraps `inner` (one row per record, with `amount` to add) into per-line sums.
    private func grouped(_ inner: String, extra: String = "") -> String {
        """
        SELECT project, occupation_code, level, special_ability_code, district\(extra),
               sum(CASE WHEN day >= ?3 THEN amount ELSE 0 END) AS quarter, sum(amount) AS ytd
        FROM (\(inner)) WHERE day BETWEEN ?1 AND ?2 AND (?4 IS NULL OR district = ?4)
        GROUP BY project, occupation_code, level, special_ability_code, district\(extra)
        """
    }

    private static func key(_ row: Row) -> StatisticsKey? {
        guard let target = CertificationTarget(occupationCode: row["occupation_code"], levelCode: row["level"],
                                               specialAbilityCode: row["special_ability_code"]) else { return nil }
        return StatisticsKey(projectCode: row["project"], target: target, district: row["district"])
    }

    func wants(_ wanted: QuarterlyFigure...) -> Bool { wanted.contains { figures.contains($0) } }

    /// The key groups are a breakdown of the whole workbook only.
    var wantsKeyGroups: Bool { figures.count == QuarterlyFigure.allCases.count }

    private mutating func add(_ figure: QuarterlyFigure, _ key: StatisticsKey, _ value: QuarterAndYear) {
        guard figures.contains(figure) else { return }
        lines[key, default: [:]][figure, default: .zero] += value
    }

    private mutating func count(_ db: Database, _ figure: QuarterlyFigure, _ inner: String) throws {
        guard figures.contains(figure) else { return }
        for row in try Row.fetchAll(db, sql: grouped(inner), arguments: bounds) {
            guard let key = Self.key(row) else { continue }
            add(figure, key, QuarterAndYear(quarter: row["quarter"], yearToDate: row["ytd"]))
        }
    }

    private mutating func countByKeyGroup(_ db: Database, _ figure: QuarterlyFigure, _ inner: String) throws {
        guard wantsKeyGroups else { return }
        for row in try Row.fetchAll(db, sql: grouped(inner, extra: ", key_group"), arguments: bounds) {
            let key = KeyGroupKey(projectCode: row["project"], keyGroupCode: row["key_group"], district: row["district"])
            keyGroups[key, default: [:]][figure, default: .zero] += QuarterAndYear(quarter: row["quarter"], yearToDate: row["ytd"])
        }
    }

    // MARK: Training

    /// The classes are read once: each counts by its start date, and so do its trainees.
    /// Trainees come from the running totals per class, key group and completion date
    /// (`statistics_trainees`, a few tens of thousands of rows where the city has 300,000
    /// enrolments), then each class's counts go to its line: trained by the class's start date,
    /// completions by their own dates, already split into quarter and year to date by the query.
    /// The province counts the same in PostgreSQL (`ProvinceStatisticsTally.countTraining`, Province,
    /// ProvinceStatistics.swift): a change to this definition is made there too.
    mutating func countTraining(_ db: Database) throws {
        let cohort = "c.project_code AS project, c.occupation_code, c.level, c.special_ability_code, c.district"
        var classes: [Int64: (key: StatisticsKey, start: String)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.id, \(cohort), c.start_date FROM cohorts c WHERE ?1 IS NULL OR c.district = ?1
            """, arguments: [district]) {
            if let key = Self.key(row) { classes[row["id"]] = (key, row["start_date"]) }
        }
        let (yearStart, end, quarterStart) = (period.yearToDate.start.description, period.end.description, period.start.description)
        let trained = { (start: String, count: Int64) -> QuarterAndYear in
            start < yearStart || start > end ? .zero : QuarterAndYear(quarter: start >= quarterStart ? count : 0, yearToDate: count)
        }
        for cohort in classes.values { add(.classes, cohort.key, trained(cohort.start, 1)) }
        // `completed_on` is '' for a trainee not completed, which no date range holds.
        let counts = """
            sum(t.trainees) AS trained,
            ifnull(sum(CASE WHEN t.completed_on >= ?2 AND t.completed_on <= ?3 THEN t.trainees END), 0) AS completed_quarter,
            ifnull(sum(CASE WHEN t.completed_on >= ?1 AND t.completed_on <= ?3 THEN t.trainees END), 0) AS completed
            """
        let dates: StatementArguments = [yearStart, quarterStart, end]
        for row in try Row.fetchAll(db, sql: """
            SELECT t.cohort_id, \(counts) FROM statistics_trainees t WHERE t.key_group_code = '' GROUP BY t.cohort_id
            """, arguments: dates) {
            guard let cohort = classes[row["cohort_id"]] else { continue }
            add(.trained, cohort.key, trained(cohort.start, row["trained"]))
            add(.completed, cohort.key, QuarterAndYear(quarter: row["completed_quarter"], yearToDate: row["completed"]))
        }
        guard wantsKeyGroups else { return }
        for row in try Row.fetchAll(db, sql: """
            SELECT t.cohort_id, t.key_group_code, \(counts) FROM statistics_trainees t WHERE t.key_group_code <> ''
            GROUP BY t.cohort_id, t.key_group_code
            """, arguments: dates) {
            guard let cohort = classes[row["cohort_id"]] else { continue }
            let key = KeyGroupKey(projectCode: cohort.key.projectCode, keyGroupCode: row["key_group_code"], district: cohort.key.district)
            keyGroups[key, default: [:]][.trained, default: .zero] += trained(cohort.start, row["trained"])
            keyGroups[key, default: [:]][.completed, default: .zero] += QuarterAndYear(quarter: row["completed_quarter"], yearToDate: row["completed"])
        }
    }

    // MARK: Exams

    /// The registrations of the sessions held in the year to date, from the running totals per
    /// session, class and registering institution (`statistics_registrations`, a few thousand rows
    /// where the city has 200,000 registrations and 400,000 marks), then given the line's columns
    /// and `day`, the exam date. A first sitting passed when every part the catalog requires for
    /// the session's scope passed (judged by the triggers as each mark is written); a retake sits
    /// only some parts and is judged apart. The province counts the same in PostgreSQL
    /// (`ProvinceStatisticsTally.countExams` and `countRetakes`, Province, ProvinceStatistics.swift):
    /// a change to this definition is made there too.
    private static let registrationGroups = """
        SELECT \(projectOfTarget) AS project, x.occupation_code, x.level, x.special_ability_code,
               coalesce(c.district, i.district, b.district) AS district, x.exam_date AS day,
               x.status = 'results-locked' AS locked, r.candidates, r.first_passes
        FROM (SELECT t.session_id, nullif(t.cohort_id, 0) AS cohort_id, nullif(t.institution_id, 0) AS institution_id,
                     t.candidates, t.first_passes
              FROM statistics_registrations t JOIN exam_sessions s ON s.id = t.session_id
              WHERE s.exam_date BETWEEN ?1 AND ?2) r
        JOIN exam_sessions x ON x.id = r.session_id
        JOIN institutions b ON b.id = x.body_id
        LEFT JOIN institutions i ON i.id = r.institution_id
        LEFT JOIN cohorts c ON c.id = r.cohort_id
        \(targetJoins)
        """

    /// The retakes of sessions whose results are locked, one row each, with the columns
    /// `candidateResult` reads.
    private static let lockedRetakes = """
        SELECT \(projectOfTarget) AS project, x.occupation_code, x.level, x.special_ability_code,
               coalesce(c.district, i.district, b.district) AS district, x.exam_date AS day, g.session_id,
               g.id, g.person_id, g.ticket_number, g.retake_of, p.name, p.national_id, i.name AS institution_name
        FROM exam_registrations g
        JOIN persons p ON p.id = g.person_id
        JOIN exam_sessions x ON x.id = g.session_id
        JOIN institutions b ON b.id = x.body_id
        LEFT JOIN institutions i ON i.id = g.institution_id
        LEFT JOIN cohorts c ON c.id = g.cohort_id
        \(targetJoins)
        WHERE g.retake_of IS NOT NULL AND x.status = 'results-locked' AND x.exam_date BETWEEN ?1 AND ?2
        """

    mutating func countExams(_ db: Database, store: Store, catalog: Catalog) throws {
        for row in try Row.fetchAll(db, sql: """
            SELECT project, occupation_code, level, special_ability_code, district,
                   sum(CASE WHEN day >= ?3 THEN candidates ELSE 0 END) AS candidates_quarter, sum(candidates) AS candidates,
                   sum(CASE WHEN locked AND day >= ?3 THEN candidates ELSE 0 END) AS published_quarter,
                   sum(CASE WHEN locked THEN candidates ELSE 0 END) AS published,
                   sum(CASE WHEN locked AND day >= ?3 THEN first_passes ELSE 0 END) AS passed_quarter,
                   sum(CASE WHEN locked THEN first_passes ELSE 0 END) AS passed
            FROM (\(Self.registrationGroups)) WHERE ?4 IS NULL OR district = ?4
            GROUP BY project, occupation_code, level, special_ability_code, district
            """, arguments: bounds) {
            guard let key = Self.key(row) else { continue }
            add(.candidates, key, QuarterAndYear(quarter: row["candidates_quarter"], yearToDate: row["candidates"]))
            add(.resultsPublished, key, QuarterAndYear(quarter: row["published_quarter"], yearToDate: row["published"]))
            add(.passed, key, QuarterAndYear(quarter: row["passed_quarter"], yearToDate: row["passed"]))
        }
        // A retake sits only the parts it failed: the results roster's own judgement
        // (`candidateResult`, parts kept from earlier sessions included) decides; retakes are few.
        let quarterStart = period.start.description
        for row in try Row.fetchAll(db, sql: "SELECT * FROM (\(Self.lockedRetakes)) WHERE ?4 IS NULL OR district = ?4", arguments: bounds) {
            guard let key = Self.key(row), let session = try ExamSession.fetchOne(db, key: row["session_id"] as Int64),
                  try store.candidateResult(db, row: row, session: session, parts: catalog.examParts(for: key.target.scope),
                                            catalog: catalog).passed else { continue }
            let day: String = row["day"]
            add(.passed, key, QuarterAndYear(quarter: day >= quarterStart ? 1 : 0, yearToDate: 1))
        }
    }

    // MARK: Certificates and training subsidies

    /// The province counts the same in PostgreSQL (`ProvinceStatisticsTally.countCertificates`,
    /// Province, ProvinceStatistics.swift): a change to this definition is made there too.
    mutating func countCertificates(_ db: Database, catalog: Catalog) throws {
        // The running totals per class, institutions, target and day (`statistics_certificates`):
        // the lines' joins and text grouping see a few thousand rows instead of 150,000.
        let certificates = """
            SELECT \(Self.projectOfTarget) AS project, x.occupation_code, x.level, x.special_ability_code,
                   coalesce(c.district, t.district, b.district) AS district, x.day, x.n AS amount
            FROM (SELECT nullif(occupation_code, '') AS occupation_code, nullif(level, '') AS level,
                         nullif(special_ability_code, '') AS special_ability_code, nullif(cohort_id, 0) AS cohort_id,
                         nullif(training_institution_id, 0) AS training_institution_id, body_id, issued_on AS day, certificates AS n
                  FROM statistics_certificates WHERE issued_on BETWEEN ?1 AND ?2) x
            JOIN institutions b ON b.id = x.body_id
            LEFT JOIN institutions t ON t.id = x.training_institution_id
            LEFT JOIN cohorts c ON c.id = x.cohort_id
            \(Self.targetJoins)
            """
        try count(db, .certificates, certificates)
        for (key, figures) in lines where wants(.trainingSubsidyDue) {
            guard let certified = figures[.certificates], case let .occupation(code, level) = key.target,
                  let rate = catalog.trainingSubsidy(occupationCode: code, level: level) else { continue }
            add(.trainingSubsidyDue, key, QuarterAndYear(quarter: certified.quarter * rate.fen, yearToDate: certified.yearToDate * rate.fen))
        }
        try count(db, .trainingSubsidyClaimed, """
            SELECT \(Self.projectOfTarget) AS project, x.occupation_code, x.level, x.special_ability_code,
                   coalesce(c.district, t.district, b.district) AS district, s.claimed_on AS day, l.amount_fen AS amount
            FROM subsidy_claim_lines l
            JOIN subsidy_claims s ON s.id = l.claim_id
            JOIN certificates x ON x.id = l.certificate_id
            JOIN institutions b ON b.id = x.body_id
            LEFT JOIN institutions t ON t.id = x.training_institution_id
            LEFT JOIN cohorts c ON c.id = x.cohort_id
            \(Self.targetJoins)
            """)
        try countByKeyGroup(db, .certificates, """
            SELECT \(Self.projectOfTarget) AS project, x.occupation_code, x.level, x.special_ability_code,
                   coalesce(c.district, t.district, b.district) AS district, k.key_group_code AS key_group,
                   x.issued_on AS day, 1 AS amount
            FROM certificates x
            JOIN institutions b ON b.id = x.body_id
            JOIN cohorts c ON c.id = x.cohort_id
            JOIN enrolments e ON e.cohort_id = x.cohort_id AND e.person_id = x.person_id
            JOIN enrolment_key_groups k ON k.enrolment_id = e.id
            LEFT JOIN institutions t ON t.id = x.training_institution_id
            \(Self.targetJoins)
            WHERE x.revoked_on IS NULL
            """)
    }

    // MARK: Apprenticeships

    /// The province counts the same in PostgreSQL (`ProvinceStatisticsTally.countApprenticeships`,
    /// Province, ProvinceStatistics.swift): a change to this definition is made there too.
    mutating func countApprenticeships(_ db: Database, store: Store, catalog: Catalog) throws {
        let columns = "o.project_code AS project, x.occupation_code, x.target_level AS level, NULL AS special_ability_code, n.district"
        let from = "FROM apprenticeships x JOIN enterprises n ON n.id = x.enterprise_id JOIN catalog_occupations o ON o.code = x.occupation_code"
        // Registration is when the record was made: its UTC timestamp read as a date in Beijing.
        try count(db, .apprenticesRegistered, "SELECT \(columns), date(x.created_at, '+8 hours') AS day, 1 AS amount \(from)")
        try count(db, .apprenticesFiled, "SELECT \(columns), x.filed_on AS day, 1 AS amount \(from)")
        try count(db, .apprenticesCompleted, "SELECT \(columns), x.completed_on AS day, 1 AS amount \(from)")
        try count(db, .apprenticesTerminated, "SELECT \(columns), x.terminated_on AS day, 1 AS amount \(from)")

        // The money of each event on the event's day, the way the enterprise's claim sheet
        // (`apprenticeClaim`) counts it: the advance fixed on filing, summed in SQL; the remainder
        // of a completion and the advance owed back by a termination, worked out per record.
        try count(db, .apprenticeSubsidyDue, "SELECT \(columns), x.filed_on AS day, x.advance_fen AS amount \(from) WHERE x.advance_fen > 0")
        guard wants(.apprenticeSubsidyDue) else { return }
        let range = period.yearToDate
        let settled = try Row.fetchAll(db, sql: """
            SELECT x.*, \(columns) \(from) WHERE (?1 IS NULL OR n.district = ?1)
              AND (x.status = 'completed' AND x.completed_on BETWEEN ?2 AND ?3 OR x.status = 'terminated' AND x.terminated_on BETWEEN ?2 AND ?3)
            """, arguments: [district, range.start.description, range.end.description])
        for row in settled {
            guard let key = Self.key(row) else { continue }
            let apprenticeship = try Apprenticeship(row: row)
            let money = try store.money(of: apprenticeship, catalog: catalog)
            let (day, fen) = apprenticeship.status == .completed
                ? (apprenticeship.completedOn, money.due.fen) : (apprenticeship.terminatedOn, -money.owedBack.fen)
            guard fen != 0, let day, let date = try? CivilDate.parse(day) else { continue }
            add(.apprenticeSubsidyDue, key, QuarterAndYear(quarter: period.contains(date) ? fen : 0, yearToDate: fen))
        }
    }
}
