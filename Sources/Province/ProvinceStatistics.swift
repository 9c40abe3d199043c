import Domain
import PostgresNIO
import Store

/// The province's quarterly statistics: each city's figures counted by SQL over the rows the
/// cities pushed, by the definitions of `QuarterlyFigure` that a city's own workbook counts by
/// (`Store.quarterlyStatistics`), and the province's figures as the cities' lines together.
public struct ProvinceQuarterlyStatistics: Sendable {
    /// Every city together: what the province's summary and breakdown sheets show.
    public let province: QuarterlyStatistics
    /// Each city that pushed, by city code, with the same lines a city's workbook sums.
    public let cities: [ProvinceCityStatistics]
}

public struct ProvinceCityStatistics: Sendable {
    public let city: String
    public let statistics: QuarterlyStatistics
}

extension ProvinceDatabase {
    /// The statistics of a quarter and its year to date over every city, named and judged by
    /// `catalog` (the province's: occupations, their projects, exam parts and pass marks,
    /// subsidy rates; each city's catalog version is in `province status`).
    ///
    /// Counted as a city counts, with one difference: a retake (补考) that passes only with parts
    /// kept from an earlier sitting needs the seats the city keeps to itself, so the province
    /// counts a retake as passed when every required part passed in it or, not sat in it, in an
    /// earlier sitting of the same person and target within the retention months.
    public func quarterlyStatistics(year: Int, quarter: Period.Quarter, catalog: Catalog,
                                    writtenOn: CivilDate) async throws -> ProvinceQuarterlyStatistics {
        let period = Period.quarter(year, quarter)
        let blank = ProvinceStatisticsTally(period: period, catalog: catalog)
        // The figure families run side by side, each on a connection of its own (each scans
        // other big tables: enrolments, marks, certificates), all reading one snapshot: this
        // connection's, exported and kept open until the others are done, like the city's one
        // read transaction. Each ends its read-only transaction with COMMIT before it returns:
        // its end is explicit, not left to the connection's close.
        let tally = try await withConnection { connection in
            try await requireSchema(connection)
            try await beginStatistics(connection, snapshot: nil)
            do {
                let snapshot = try await exportSnapshot(connection)
                async let training = withConnection { other in
                    try await beginStatistics(other, snapshot: snapshot)
                    var tally = blank
                    try await tally.countTraining(other)
                    try await other.query("COMMIT", logger: Self.logger)
                    return tally
                }
                async let exams = withConnection { other in
                    try await beginStatistics(other, snapshot: snapshot)
                    var tally = blank
                    try await tally.countExams(other)
                    try await other.query("COMMIT", logger: Self.logger)
                    return tally
                }
                var tally = blank
                try await tally.countCertificates(connection)
                try await tally.countApprenticeships(connection)
                tally.merge(try await training)
                tally.merge(try await exams)
                try await connection.query("COMMIT", logger: Self.logger)
                return tally
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                throw error
            }
        }
        let cities = tally.cities.sorted { $0.key < $1.key }.map { code, city in
            ProvinceCityStatistics(city: code, statistics: QuarterlyStatistics(
                period: period, district: nil, writtenOn: writtenOn, catalog: catalog, lines: city.lines, keyGroups: city.keyGroups))
        }
        var lines: [StatisticsKey: [QuarterlyFigure: QuarterAndYear]] = [:]
        var keyGroups: [KeyGroupKey: [QuarterlyFigure: QuarterAndYear]] = [:]
        for city in tally.cities.values {
            for (key, figures) in city.lines {
                for (figure, value) in figures { lines[key, default: [:]][figure, default: .zero] += value }
            }
            for (key, figures) in city.keyGroups {
                for (figure, value) in figures { keyGroups[key, default: [:]][figure, default: .zero] += value }
            }
        }
        let province = QuarterlyStatistics(period: period, district: nil, writtenOn: writtenOn, catalog: catalog,
                                           lines: lines, keyGroups: keyGroups)
        return ProvinceQuarterlyStatistics(province: province, cities: cities)
    }

    /// A read-only transaction for the statistics: a repeatable read of `snapshot` (another
    /// connection's, from `exportSnapshot`) or of its own.
    private func beginStatistics(_ connection: PostgresConnection, snapshot: String?) async throws {
        let logger = Self.logger
        try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
        if let snapshot {
            // A snapshot id is hex digits and dashes (`00000003-0000001B-1`), checked before it
            // is written into the statement (SET takes no parameters).
            guard !snapshot.isEmpty, snapshot.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
                throw ProvinceError.database(address: address.description, message: "unexpected snapshot id \(snapshot)")
            }
            try await connection.query(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshot)'"), logger: logger)
        }
        // Timestamps without a zone are UTC, as SQLite reads them.
        try await connection.query("SET LOCAL TIME ZONE 'UTC'", logger: logger)
        // The passing marks arrive as arrays, which the planner guesses at 100 rows and would
        // loop over per mark; every join here is better hashed.
        try await connection.query("SET LOCAL enable_nestloop = off", logger: logger)
        // The queries group a few hundred thousand rows each: in memory rather than in sorted
        // runs on disk (PostgreSQL's default is 4 MB), and not compiled first (JIT costs more than
        // it saves on scans this short).
        try await connection.query("SET LOCAL work_mem = '64MB'", logger: logger)
        try await connection.query("SET LOCAL jit = off", logger: logger)
    }

    private func exportSnapshot(_ connection: PostgresConnection) async throws -> String {
        for try await snapshot in try await connection.query("SELECT pg_export_snapshot()", logger: Self.logger).decode(String.self) {
            return snapshot
        }
        throw ProvinceError.database(address: address.description, message: "pg_export_snapshot returned nothing")
    }
}

/// Counts the province's rows into each city's lines. Every query is bound to `$1` the year's
/// first day, `$2` the quarter's last and `$3` the quarter's first (dates are ISO texts, as the
/// cities wrote them) and returns, per group, `city_code`, the line's columns (`project`, NULL
/// where the catalog gives it, `occupation_code`, `level`, `special_ability_code`, `district`)
/// and then the quarter's and the year to date's amounts of each figure it counts.
private struct ProvinceStatisticsTally {
    let period: Period
    let catalog: Catalog
    var cities: [String: (lines: [StatisticsKey: [QuarterlyFigure: QuarterAndYear]],
                          keyGroups: [KeyGroupKey: [QuarterlyFigure: QuarterAndYear]])] = [:]

    static let lineColumns = "project, occupation_code, level, special_ability_code, district"

    private var bounds: PostgresBindings {
        var binds = PostgresBindings()
        binds.append(period.yearToDate.start.description)
        binds.append(period.end.description)
        binds.append(period.start.description)
        return binds
    }

    /// The line of a row's columns: the project is the class's own, else the one the catalog
    /// gives the occupation or item (a line the catalog cannot place is not counted, as in a city).
    private func key(project: String?, occupation: String?, level: String?, item: String?, district: String?) -> StatisticsKey? {
        guard let district, let target = CertificationTarget(occupationCode: occupation, levelCode: level, specialAbilityCode: item),
              let project = project ?? projectOf(target) else { return nil }
        return StatisticsKey(projectCode: project, target: target, district: district)
    }

    private func projectOf(_ target: CertificationTarget) -> String? {
        switch target {
        case .occupation(let code, _): catalog.occupation(code: code)?.projectCode
        case .specialAbility(let code): catalog.specialAbility(code: code)?.projectCode
        }
    }

    /// Adds what another family's tally counted.
    mutating func merge(_ other: ProvinceStatisticsTally) {
        for (city, tally) in other.cities {
            for (key, figures) in tally.lines {
                for (figure, value) in figures { add(city, figure, key, value) }
            }
            for (key, figures) in tally.keyGroups {
                for (figure, value) in figures { cities[city, default: ([:], [:])].keyGroups[key, default: [:]][figure, default: .zero] += value }
            }
        }
    }

    private mutating func add(_ city: String, _ figure: QuarterlyFigure, _ key: StatisticsKey, _ value: QuarterAndYear) {
        cities[city, default: ([:], [:])].lines[key, default: [:]][figure, default: .zero] += value
    }

    /// Runs a grouped query and adds its amounts, pair by pair, to `figures`.
    private mutating func count(_ connection: PostgresConnection, _ figures: [QuarterlyFigure], _ sql: String,
                                binds extra: (inout PostgresBindings) -> Void = { _ in }) async throws {
        var binds = bounds
        extra(&binds)
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: ProvinceDatabase.logger)
        for try await row in rows {
            let cells = Array(row)
            let text = { (index: Int) throws -> String? in try cells[index].decode(String?.self) }
            guard let city = try text(0),
                  let key = key(project: try text(1), occupation: try text(2), level: try text(3), item: try text(4),
                                district: try text(5)) else { continue }
            for (index, figure) in figures.enumerated() {
                let quarter = try cells[6 + index * 2].decode(Int64.self)
                let yearToDate = try cells[7 + index * 2].decode(Int64.self)
                add(city, figure, key, QuarterAndYear(quarter: quarter, yearToDate: yearToDate))
            }
        }
    }

    /// A grouped query by key group: `city_code`, `project`, `key_group`, `district`, then the
    /// quarter's and the year's amount of each figure of `figures`.
    private mutating func countByKeyGroup(_ connection: PostgresConnection, _ figures: [QuarterlyFigure], _ sql: String) async throws {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bounds), logger: ProvinceDatabase.logger)
        for try await row in rows {
            let cells = Array(row)
            guard let city = try cells[0].decode(String?.self), let project = try cells[1].decode(String?.self),
                  let group = try cells[2].decode(String?.self), let district = try cells[3].decode(String?.self) else { continue }
            let key = KeyGroupKey(projectCode: project, keyGroupCode: group, district: district)
            for (index, figure) in figures.enumerated() {
                let value = QuarterAndYear(quarter: try cells[4 + index * 2].decode(Int64.self),
                                           yearToDate: try cells[5 + index * 2].decode(Int64.self))
                cities[city, default: ([:], [:])].keyGroups[key, default: [:]][figure, default: .zero] += value
            }
        }
    }

    // MARK: Training

    /// Classes by their start date; their trainees (not withdrawn) by the class's start date;
    /// completions by their own date, in the class's line. Mirrors the city's
    /// `StatisticsTally.countTraining` (Store, QuarterlyStatistics.swift) and its running totals
    /// `statistics_trainees` (`Store.traineesRecount`): the enrolments are first counted per
    /// class and completion date (all trainees, and per key group), a few thousand rows per city,
    /// and only those totals are placed in lines; a change to either definition is made in both.
    mutating func countTraining(_ connection: PostgresConnection) async throws {
        let cohort = "c.city_code, c.project_code AS project, c.occupation_code, c.level, c.special_ability_code, c.district"
        let group = "GROUP BY c.city_code, c.project_code, c.occupation_code, c.level, c.special_ability_code, c.district"
        try await count(connection, [.classes], """
            SELECT \(cohort), count(*) FILTER (WHERE c.start_date >= $3), count(*)
            FROM cohorts c WHERE c.start_date BETWEEN $1 AND $2 \(group)
            """)
        // Trained in the quarter and the year, then completed in the quarter and the year, of the
        // totals `totals` gives per class and completion date.
        let figures = """
            coalesce(sum(t.trainees) FILTER (WHERE c.start_date BETWEEN $3 AND $2), 0)::bigint,
            coalesce(sum(t.trainees) FILTER (WHERE c.start_date BETWEEN $1 AND $2), 0)::bigint,
            coalesce(sum(t.trainees) FILTER (WHERE t.completed_on BETWEEN $3 AND $2), 0)::bigint,
            coalesce(sum(t.trainees) FILTER (WHERE t.completed_on BETWEEN $1 AND $2), 0)::bigint
            """
        let inYear = "c.start_date BETWEEN $1 AND $2 OR t.completed_on BETWEEN $1 AND $2"
        try await count(connection, [.trained, .completed], """
            WITH totals AS (
                SELECT city_code, cohort_id, completed_on, count(*) AS trainees
                FROM enrolments WHERE status <> 'withdrawn' GROUP BY city_code, cohort_id, completed_on)
            SELECT \(cohort), \(figures)
            FROM totals t JOIN cohorts c ON c.city_code = t.city_code AND c.id = t.cohort_id
            WHERE \(inYear) \(group)
            """)
        let groupColumns = "c.city_code, c.project_code, t.key_group_code, c.district"
        try await countByKeyGroup(connection, [.trained, .completed], """
            WITH totals AS (
                SELECT e.city_code, e.cohort_id, k.key_group_code, e.completed_on, count(*) AS trainees
                FROM enrolments e JOIN enrolment_key_groups k ON k.city_code = e.city_code AND k.enrolment_id = e.id
                WHERE e.status <> 'withdrawn' GROUP BY e.city_code, e.cohort_id, k.key_group_code, e.completed_on)
            SELECT \(groupColumns), \(figures)
            FROM totals t JOIN cohorts c ON c.city_code = t.city_code AND c.id = t.cohort_id
            WHERE \(inYear) GROUP BY \(groupColumns)
            """)
    }

    // MARK: Exams

    /// Registrations of the sessions held in the year to date (absent candidates included), in
    /// the district of the class, else of the registering institution, else of the body; those
    /// of sessions whose results are locked; and of those the first sittings whose every part
    /// the catalog requires for the session's scope passed (the marks judged by `PassRule`,
    /// handed to the query as the passing marks), then the retakes that pass.
    ///
    /// Mirrors the city's `StatisticsTally.countExams` (Store, QuarterlyStatistics.swift) and its
    /// running totals `statistics_registrations` (`Store.registrationsRecount`, the first sittings
    /// judged by the view `statistics_passing_first_sittings`): the registrations are first
    /// counted per session, class and institution with their first sittings that pass, and only
    /// those totals are placed in lines; a change to either definition is made in both.
    mutating func countExams(_ connection: PostgresConnection) async throws {
        let logger = ProvinceDatabase.logger
        // Every distinct mark written (a few hundred: '60', '72.5', 'absent' …), judged here by the
        // Domain's rule for each scope whose parts the catalog sets; the query looks the
        // registrations' marks up in the passing ones.
        let distinct = try await connection.query("SELECT DISTINCT part, mark FROM part_marks", logger: logger)
        var passing: (scopes: [String], parts: [String], marks: [String]) = ([], [], [])
        for try await (part, mark) in distinct.decode((String, String).self) {
            for rule in catalog.examParts where rule.part.rawValue == part && passes(mark, scope: rule.scope.code, part: part) {
                passing.scopes.append(rule.scope.code)
                passing.parts.append(part)
                passing.marks.append(mark)
            }
        }
        let required = catalog.examParts
        // Per registration of the year's sessions, whether it is a first sitting whose passing
        // parts are all those its scope requires (hash joins over the year's marks, not a look-up
        // per registration); then per session, class and institution, as the city keeps them.
        try await count(connection, [.candidates, .resultsPublished, .passed], """
            WITH required AS (SELECT scope, count(*) AS parts FROM unnest($4::text[], $5::text[]) AS r(scope, part) GROUP BY scope),
                 passing AS (SELECT * FROM unnest($6::text[], $7::text[], $8::text[]) AS p(scope, part, mark)),
                 sittings AS (
                     SELECT g.city_code, g.session_id, g.cohort_id, g.institution_id,
                            g.retake_of IS NULL AND count(p.mark) = min(r.parts) AS first_pass
                     FROM exam_registrations g
                     JOIN exam_sessions s ON s.city_code = g.city_code AND s.id = g.session_id
                     LEFT JOIN part_marks m ON m.city_code = g.city_code AND m.registration_id = g.id
                     LEFT JOIN passing p ON p.scope = coalesce(s.level, 'special-ability') AND p.part = m.part AND p.mark = m.mark
                     LEFT JOIN required r ON r.scope = coalesce(s.level, 'special-ability')
                     WHERE s.exam_date BETWEEN $1 AND $2
                     GROUP BY g.city_code, g.id),
                 totals AS (
                     SELECT city_code, session_id, cohort_id, institution_id,
                            count(*) AS candidates, count(*) FILTER (WHERE first_pass) AS first_passes
                     FROM sittings GROUP BY city_code, session_id, cohort_id, institution_id)
            SELECT t.city_code, NULL::text AS project, s.occupation_code, s.level, s.special_ability_code,
                   coalesce(c.district, i.district, b.district) AS district,
                   coalesce(sum(t.candidates) FILTER (WHERE s.exam_date >= $3), 0)::bigint, sum(t.candidates)::bigint,
                   coalesce(sum(t.candidates) FILTER (WHERE s.status = 'results-locked' AND s.exam_date >= $3), 0)::bigint,
                   coalesce(sum(t.candidates) FILTER (WHERE s.status = 'results-locked'), 0)::bigint,
                   coalesce(sum(t.first_passes) FILTER (WHERE s.status = 'results-locked' AND s.exam_date >= $3), 0)::bigint,
                   coalesce(sum(t.first_passes) FILTER (WHERE s.status = 'results-locked'), 0)::bigint
            FROM totals t
            JOIN exam_sessions s ON s.city_code = t.city_code AND s.id = t.session_id
            JOIN institutions b ON b.city_code = s.city_code AND b.id = s.body_id
            LEFT JOIN institutions i ON i.city_code = t.city_code AND i.id = t.institution_id
            LEFT JOIN cohorts c ON c.city_code = t.city_code AND c.id = t.cohort_id
            GROUP BY t.city_code, s.occupation_code, s.level, s.special_ability_code, coalesce(c.district, i.district, b.district)
            """, binds: { binds in
                binds.append(required.map(\.scope.code))
                binds.append(required.map(\.part.rawValue))
                binds.append(passing.scopes)
                binds.append(passing.parts)
                binds.append(passing.marks)
            })
        try await countRetakes(connection)
    }

    private func passes(_ code: String, scope: String, part: String) -> Bool {
        guard let rule = catalog.examParts.first(where: { $0.scope.code == scope && $0.part.rawValue == part }),
              let mark = try? ExamMark.parse(code, maximum: 1000) else { return false }
        return PassRule.passes(mark, passMark: rule.passMark)
    }

    /// The retakes of locked sessions, few: each judged part by part, a part not sat in it
    /// standing on a pass of the same person and target before it, within the retention months.
    /// Mirrors the city's judgement of a retake (`Store.candidateResult` and `earlierPasses`, Store,
    /// SessionResults.swift), which also sees the seats; a change to either is made in both.
    private mutating func countRetakes(_ connection: PostgresConnection) async throws {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT g.city_code, s.occupation_code, s.level, s.special_ability_code,
                   coalesce(c.district, i.district, b.district), s.exam_date,
                   coalesce((SELECT string_agg(m.part || '=' || m.mark, ';') FROM part_marks m
                             WHERE m.city_code = g.city_code AND m.registration_id = g.id), ''),
                   coalesce((SELECT string_agg(m.part || '=' || m.mark || '@' || e.exam_date, ';')
                             FROM exam_registrations h
                             JOIN exam_sessions e ON e.city_code = h.city_code AND e.id = h.session_id
                             JOIN part_marks m ON m.city_code = h.city_code AND m.registration_id = h.id
                             WHERE h.city_code = g.city_code AND h.person_id = g.person_id AND e.exam_date < s.exam_date
                               AND e.status = 'results-locked'
                               AND e.occupation_code IS NOT DISTINCT FROM s.occupation_code
                               AND e.level IS NOT DISTINCT FROM s.level
                               AND e.special_ability_code IS NOT DISTINCT FROM s.special_ability_code), '')
            FROM exam_registrations g
            JOIN exam_sessions s ON s.city_code = g.city_code AND s.id = g.session_id
            JOIN institutions b ON b.city_code = s.city_code AND b.id = s.body_id
            LEFT JOIN institutions i ON i.city_code = g.city_code AND i.id = g.institution_id
            LEFT JOIN cohorts c ON c.city_code = g.city_code AND c.id = g.cohort_id
            WHERE g.retake_of IS NOT NULL AND s.status = 'results-locked' AND s.exam_date BETWEEN $1 AND $2
            """, binds: bounds), logger: ProvinceDatabase.logger)
        let months = catalog.integerSetting(.retainedPartMonths)
        for try await (city, occupation, level, item, district, examDate, own, earlier)
            in rows.decode((String, String?, String?, String?, String?, String, String, String).self) {
            guard let key = key(project: nil, occupation: occupation, level: level, item: item, district: district),
                  let day = try? CivilDate.parse(examDate) else { continue }
            let scope = key.target.scope.code
            let marks = Dictionary(own.split(separator: ";").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
                .filter { $0.count == 2 }.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
            let before = earlier.split(separator: ";").compactMap { entry -> (part: String, mark: String, on: CivilDate)? in
                let pieces = entry.split(separator: "=", maxSplits: 1)
                guard pieces.count == 2, let at = pieces[1].lastIndex(of: "@"),
                      let on = try? CivilDate.parse(String(pieces[1][pieces[1].index(after: at)...])) else { return nil }
                return (String(pieces[0]), String(pieces[1][..<at]), on)
            }
            let parts = catalog.examParts(for: key.target.scope)
            let passed = !parts.isEmpty && parts.allSatisfy { rule in
                let part = rule.part.rawValue
                if let mark = marks[part] { return passes(mark, scope: scope, part: part) }
                return before.contains { $0.part == part && passes($0.mark, scope: scope, part: part)
                    && PassRule.isRetained(passedOn: $0.on, on: day, months: months) }
            }
            guard passed else { continue }
            add(city, .passed, key, QuarterAndYear(quarter: day >= period.start ? 1 : 0, yearToDate: 1))
        }
    }

    // MARK: Certificates and training subsidies

    /// Certificates not revoked by their issue date, in the district of the class, else of the
    /// training institution, else of the body; the subsidy due at the catalog's rate; the
    /// subsidy claimed by the claim's date; certificates by the key groups of the holder's class.
    ///
    /// Mirrors the city's `StatisticsTally.countCertificates` (Store, QuarterlyStatistics.swift)
    /// and its running totals `statistics_certificates` (`Store.certificatesRecount`): each query
    /// first counts per target, class, institutions (a few thousand rows per city where there are
    /// 150,000 certificates), and only those totals are placed in lines; a change to either
    /// definition is made in both.
    mutating func countCertificates(_ connection: PostgresConnection) async throws {
        // `x` is a total per target, class and institutions, with `quarter` and `year` amounts.
        let attributes = "x.city_code, x.occupation_code, x.level, x.special_ability_code, x.body_id, x.training_institution_id, x.cohort_id"
        let place = """
            JOIN institutions b ON b.city_code = x.city_code AND b.id = x.body_id
            LEFT JOIN institutions t ON t.city_code = x.city_code AND t.id = x.training_institution_id
            LEFT JOIN cohorts c ON c.city_code = x.city_code AND c.id = x.cohort_id
            """
        let district = "coalesce(c.district, t.district, b.district)"
        let line = """
            x.city_code, NULL::text AS project, x.occupation_code, x.level, x.special_ability_code, \(district) AS district,
            sum(x.quarter)::bigint, sum(x.year)::bigint
            """
        let group = "GROUP BY x.city_code, x.occupation_code, x.level, x.special_ability_code, \(district)"
        try await count(connection, [.certificates], """
            WITH totals AS (
                SELECT \(attributes), count(*) FILTER (WHERE x.issued_on >= $3) AS quarter, count(*) AS year
                FROM certificates x WHERE x.revoked_on IS NULL AND x.issued_on BETWEEN $1 AND $2 GROUP BY \(attributes))
            SELECT \(line) FROM totals x \(place) \(group)
            """)
        for (city, tally) in cities {
            for (key, figures) in tally.lines {
                guard let certified = figures[.certificates], case let .occupation(code, level) = key.target,
                      let rate = catalog.trainingSubsidy(occupationCode: code, level: level) else { continue }
                add(city, .trainingSubsidyDue, key,
                    QuarterAndYear(quarter: certified.quarter * rate.fen, yearToDate: certified.yearToDate * rate.fen))
            }
        }
        try await count(connection, [.trainingSubsidyClaimed], """
            WITH totals AS (
                SELECT \(attributes), coalesce(sum(l.amount_fen) FILTER (WHERE s.claimed_on >= $3), 0) AS quarter,
                       sum(l.amount_fen) AS year
                FROM subsidy_claim_lines l
                JOIN subsidy_claims s ON s.city_code = l.city_code AND s.id = l.claim_id
                JOIN certificates x ON x.city_code = l.city_code AND x.id = l.certificate_id
                WHERE s.claimed_on BETWEEN $1 AND $2 GROUP BY \(attributes))
            SELECT \(line) FROM totals x \(place) \(group)
            """)
        // The project of a key group's line is the catalog's for the certificate's target: asked
        // per target below, as the query cannot read the catalog. The key groups are joined to
        // their enrolments first (a class and a person each), then to the certificates.
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            WITH totals AS (
                SELECT \(attributes), k.key_group_code,
                       count(*) FILTER (WHERE x.issued_on >= $3) AS quarter, count(*) AS year
                FROM enrolment_key_groups k
                JOIN enrolments e ON e.city_code = k.city_code AND e.id = k.enrolment_id
                JOIN certificates x ON x.city_code = e.city_code AND x.cohort_id = e.cohort_id AND x.person_id = e.person_id
                WHERE x.revoked_on IS NULL AND x.issued_on BETWEEN $1 AND $2
                GROUP BY \(attributes), k.key_group_code)
            SELECT x.city_code, x.occupation_code, x.level, x.special_ability_code, x.key_group_code, \(district),
                   sum(x.quarter)::bigint, sum(x.year)::bigint
            FROM totals x
            JOIN institutions b ON b.city_code = x.city_code AND b.id = x.body_id
            JOIN cohorts c ON c.city_code = x.city_code AND c.id = x.cohort_id
            LEFT JOIN institutions t ON t.city_code = x.city_code AND t.id = x.training_institution_id
            GROUP BY x.city_code, x.occupation_code, x.level, x.special_ability_code, x.key_group_code, \(district)
            """, binds: bounds), logger: ProvinceDatabase.logger)
        for try await (city, occupation, level, item, group, place, quarter, yearToDate)
            in rows.decode((String, String?, String?, String?, String, String?, Int64, Int64).self) {
            guard let key = key(project: nil, occupation: occupation, level: level, item: item, district: place) else { continue }
            let groupKey = KeyGroupKey(projectCode: key.projectCode, keyGroupCode: group, district: key.district)
            cities[city, default: ([:], [:])].keyGroups[groupKey, default: [:]][.certificates, default: .zero]
                += QuarterAndYear(quarter: quarter, yearToDate: yearToDate)
        }
    }

    // MARK: Apprenticeships

    /// Registered by the day the record was made (its UTC time read in Beijing), filed, completed
    /// and terminated by their days, in the enterprise's district; the subsidy due: the advance
    /// on filing, the remainder on completion, less the advance owed back on termination.
    /// Mirrors the city's `StatisticsTally.countApprenticeships` (Store, QuarterlyStatistics.swift);
    /// a change to either definition is made in both.
    mutating func countApprenticeships(_ connection: PostgresConnection) async throws {
        let from = """
            FROM apprenticeships x JOIN enterprises n ON n.city_code = x.city_code AND n.id = x.enterprise_id
            """
        let line = "x.city_code, NULL::text AS project, x.occupation_code, x.target_level AS level, NULL::text, n.district"
        let group = "GROUP BY x.city_code, x.occupation_code, x.target_level, n.district"
        let registered = "to_char(x.created_at::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
        for (figure, day) in [(QuarterlyFigure.apprenticesRegistered, registered), (.apprenticesFiled, "x.filed_on"),
                              (.apprenticesCompleted, "x.completed_on"), (.apprenticesTerminated, "x.terminated_on")] {
            try await count(connection, [figure], """
                SELECT \(line), count(*) FILTER (WHERE \(day) >= $3), count(*)
                \(from) WHERE \(day) BETWEEN $1 AND $2 \(group)
                """)
        }
        try await count(connection, [.apprenticeSubsidyDue], """
            SELECT \(line), coalesce(sum(x.advance_fen) FILTER (WHERE x.filed_on >= $3), 0)::bigint, sum(x.advance_fen)::bigint
            \(from) WHERE x.advance_fen > 0 AND x.filed_on BETWEEN $1 AND $2 \(group)
            """)
        let settled = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT x.city_code, x.occupation_code, x.target_level, n.district, x.status, x.start_date, x.end_date,
                   x.completed_on, x.terminated_on, x.advance_fen
            \(from)
            WHERE x.status = 'completed' AND x.completed_on BETWEEN $1 AND $2
               OR x.status = 'terminated' AND x.terminated_on BETWEEN $1 AND $2
            """, binds: bounds), logger: ProvinceDatabase.logger)
        let advancePercent = catalog.integerSetting(.apprenticeAdvancePercent)
        for try await (city, occupation, targetLevel, district, status, start, end, completedOn, terminatedOn, advance)
            in settled.decode((String, String, String, String, String, String, String, String?, String?, Int64?).self) {
            guard let key = key(project: nil, occupation: occupation, level: targetLevel, item: nil, district: district),
                  case .occupation(_, let level) = key.target, let rate = catalog.apprenticeSubsidy(level: level),
                  let startDay = try? CivilDate.parse(start), let endDay = try? CivilDate.parse(end) else { continue }
            let completed = status == "completed"
            guard let dayText = completed ? completedOn : terminatedOn, let day = try? CivilDate.parse(dayText) else { continue }
            // A completion is paid for the whole planned term, a termination up to its day.
            let until = completed ? endDay : day
            let subsidy = ApprenticeSubsidy(yearlyRate: rate, advancePercent: advancePercent)
            let money = subsidy.settlement(monthsTrained: ApprenticeSubsidy.wholeMonths(from: startDay, to: until),
                                           advancePaid: Money(fen: advance ?? 0), completedWithCertificate: completed)
            let fen = completed ? money.due.fen : -money.owedBack.fen
            guard fen != 0 else { continue }
            add(city, .apprenticeSubsidyDue, key, QuarterAndYear(quarter: period.contains(day) ? fen : 0, yearToDate: fen))
        }
    }
}
