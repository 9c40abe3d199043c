import Foundation
import Domain
import PostgresNIO
import Reports

extension ProvinceDatabase {
    /// 一人多证: every valid certificate whose holder (the same national ID, in any city) holds
    /// another valid certificate of the same occupation and level, or the same special-ability
    /// item. A city's own database already refuses two live certificates of one target for one
    /// person, so what this finds crosses cities (or predates that rule).
    public func duplicateCertificates() async throws -> [DuplicateCertificateLine] {
        try await withConnection { connection in
            try await requireSchema(connection)
            try await Self.prepareForDuplicateChecks(connection)
            let rows = try await connection.query("""
                WITH valid AS (
                    SELECT p.national_id, p.name, coalesce(c.occupation_code, c.special_ability_code) AS target,
                           coalesce(c.level, '') AS level, c.city_code, c.number, c.issued_on
                    FROM certificates c JOIN persons p ON p.city_code = c.city_code AND p.id = c.person_id
                    WHERE c.revoked_on IS NULL
                ), doubled AS (
                    SELECT national_id, target, level FROM valid GROUP BY national_id, target, level HAVING count(*) > 1
                )
                SELECT v.national_id, v.name, v.target, v.level, v.city_code, v.number, v.issued_on
                FROM valid v JOIN doubled d USING (national_id, target, level)
                ORDER BY v.national_id, v.target, v.level, v.issued_on, v.city_code, v.number
                """, logger: Self.logger)
            var lines: [DuplicateCertificateLine] = []
            var group = 0
            var previous = ""
            for try await (id, name, target, level, city, number, issued)
                in rows.decode((String, String, String, String, String, String, String).self) {
                let key = "\(id)\u{1}\(target)\u{1}\(level)"
                if key != previous { group += 1; previous = key }
                lines.append(DuplicateCertificateLine(group: group, nationalId: id, name: name, occupationOrItem: target,
                                                      level: level.isEmpty ? nil : level, city: city, number: number,
                                                      issuedOn: issued))
            }
            return lines
        }
    }

    /// 重复考证: a registration, in any city, for an exam of an occupation and level (or item)
    /// held after an exam of the same that the person (by national ID) passed with a certificate
    /// still valid. The day passed is that exam's date (the certificate's issue day when the
    /// certificate has no session); the registration's is its own session's date.
    public func repeatRegistrations() async throws -> [RepeatRegistrationLine] {
        try await withConnection { connection in
            try await requireSchema(connection)
            try await Self.prepareForDuplicateChecks(connection)
            // Both sides are read once and joined on the person, target and level: left to
            // itself, the planner joined the certificates to every session of their occupation and
            // level before looking at the person (over five minutes for four cities, none found).
            let rows = try await connection.query("""
                WITH passes AS MATERIALIZED (
                    SELECT p.national_id, coalesce(c.occupation_code, c.special_ability_code) AS target,
                           coalesce(c.level, '') AS level, c.city_code, c.number, coalesce(s.exam_date, c.issued_on) AS passed_on
                    FROM certificates c
                    JOIN persons p ON p.city_code = c.city_code AND p.id = c.person_id
                    LEFT JOIN exam_sessions s ON s.city_code = c.city_code AND s.id = c.session_id
                    WHERE c.revoked_on IS NULL
                ), sittings AS MATERIALIZED (
                    SELECT p.national_id, p.name, coalesce(s.occupation_code, s.special_ability_code) AS target,
                           coalesce(s.level, '') AS level, g.city_code, g.ticket_number, s.exam_date
                    FROM exam_registrations g
                    JOIN persons p ON p.city_code = g.city_code AND p.id = g.person_id
                    JOIN exam_sessions s ON s.city_code = g.city_code AND s.id = g.session_id
                )
                SELECT r.national_id, r.name, r.target, r.level, a.city_code, a.number, a.passed_on,
                       r.city_code, r.ticket_number, r.exam_date
                FROM sittings r JOIN passes a USING (national_id, target, level)
                WHERE r.exam_date > a.passed_on
                ORDER BY r.national_id, r.target, r.level, r.exam_date, r.ticket_number, a.number
                """, logger: Self.logger)
            var lines: [RepeatRegistrationLine] = []
            for try await (id, name, target, level, passedCity, number, passedOn, city, ticket, examDate)
                in rows.decode((String, String, String, String, String, String, String, String, String, String).self) {
                lines.append(RepeatRegistrationLine(nationalId: id, name: name, occupationOrItem: target,
                                                    level: level.isEmpty ? nil : level, passedCity: passedCity,
                                                    certificateNumber: number, passedOn: passedOn, city: city,
                                                    ticketNumber: ticket, examDate: examDate))
            }
            return lines
        }
    }

    /// The duplicate checks read every certificate and registration of every city: their joins
    /// and sorts in memory rather than in runs on disk (PostgreSQL's default is 4 MB), and not
    /// compiled first (JIT costs more than it saves here). For this connection only.
    private static func prepareForDuplicateChecks(_ connection: PostgresConnection) async throws {
        try await connection.query("SET work_mem = '64MB'", logger: logger)
        try await connection.query("SET jit = off", logger: logger)
    }
}
