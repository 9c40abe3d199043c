/// The province database's schema, as named migrations applied in order by `province init`
/// (each in its own transaction, recorded in `province_migrations`). A migration that has run
/// anywhere is never edited: a change is a new one appended here.
///
/// Every city table is keyed by the city's code (GB/T 2260, `4420`) and the city's own key, and
/// holds the city's values as the city wrote them: dates stay ISO texts (`2026-03-01`), the same
/// strings the city's reports compare. There are no foreign keys between the tables: a batch
/// replaces rows in the city's order of changes, and the city's database already checked them.
enum ProvinceSchema {
    static let migrations: [(name: String, sql: String)] = [
        ("p1-cities", """
            CREATE TABLE cities (
                city_code text PRIMARY KEY CHECK (city_code ~ '^[0-9]{4}$'),
                -- The city's change log position this database holds: every change up to it is here.
                pushed_through bigint NOT NULL DEFAULT 0,
                first_push_at timestamptz,
                last_push_at timestamptz,
                -- The changes the last push sent, and the city's last change when it finished.
                last_push_changes bigint NOT NULL DEFAULT 0,
                city_last_change bigint NOT NULL DEFAULT 0,
                -- The catalog the city's records were recorded under (its digest, see CatalogFingerprint).
                catalog_version text
            );
            CREATE TABLE institutions (
                city_code text NOT NULL, id bigint NOT NULL,
                name text NOT NULL, kind text NOT NULL, district text NOT NULL,
                PRIMARY KEY (city_code, id)
            );
            CREATE TABLE persons (
                city_code text NOT NULL, id bigint NOT NULL,
                national_id text NOT NULL, name text NOT NULL, sex text NOT NULL, birth_date text NOT NULL,
                PRIMARY KEY (city_code, id)
            );
            CREATE INDEX persons_national_id ON persons (national_id);
            CREATE TABLE cohorts (
                city_code text NOT NULL, id bigint NOT NULL,
                institution_id bigint NOT NULL, name text NOT NULL, project_code text NOT NULL,
                occupation_code text, level text, special_ability_code text, district text NOT NULL,
                start_date text NOT NULL, end_date text NOT NULL,
                PRIMARY KEY (city_code, id)
            );
            CREATE TABLE enrolments (
                city_code text NOT NULL, id bigint NOT NULL,
                cohort_id bigint NOT NULL, person_id bigint NOT NULL, status text NOT NULL,
                hours_tenths integer NOT NULL, completed_on text, withdrawn_on text, enrolled_at text NOT NULL,
                PRIMARY KEY (city_code, id)
            );
            CREATE TABLE exam_sessions (
                city_code text NOT NULL, id bigint NOT NULL,
                body_id bigint NOT NULL, occupation_code text, level text, special_ability_code text, sub_trade text,
                exam_date text NOT NULL, status text NOT NULL, results_locked_on text,
                PRIMARY KEY (city_code, id)
            );
            CREATE TABLE exam_registrations (
                city_code text NOT NULL, id bigint NOT NULL,
                session_id bigint NOT NULL, person_id bigint NOT NULL, ticket_number text NOT NULL,
                institution_id bigint, cohort_id bigint, retake_of bigint, registered_at text NOT NULL,
                PRIMARY KEY (city_code, id)
            );
            CREATE INDEX exam_registrations_person ON exam_registrations (city_code, person_id);
            CREATE TABLE part_marks (
                city_code text NOT NULL, registration_id bigint NOT NULL, part text NOT NULL,
                mark text NOT NULL, decided_by text NOT NULL, decided_at text NOT NULL,
                PRIMARY KEY (city_code, registration_id, part)
            );
            CREATE TABLE certificates (
                city_code text NOT NULL, id bigint NOT NULL,
                number text NOT NULL, person_id bigint NOT NULL,
                occupation_code text, level text, special_ability_code text, body_id bigint NOT NULL,
                session_id bigint, registration_id bigint, cohort_id bigint, training_institution_id bigint,
                issued_on text NOT NULL, revoked_on text, revocation_reason text,
                PRIMARY KEY (city_code, id)
            );
            CREATE INDEX certificates_number ON certificates (number);
            CREATE INDEX certificates_person ON certificates (city_code, person_id);
            CREATE TABLE certificate_reissues (
                city_code text NOT NULL, id bigint NOT NULL,
                certificate_id bigint NOT NULL, reason text NOT NULL, reissued_on text NOT NULL,
                PRIMARY KEY (city_code, id)
            );
            CREATE TABLE enterprises (
                city_code text NOT NULL, id bigint NOT NULL,
                credit_code text NOT NULL, name text NOT NULL, district text NOT NULL,
                PRIMARY KEY (city_code, id)
            );
            CREATE TABLE apprenticeships (
                city_code text NOT NULL, id bigint NOT NULL,
                enterprise_id bigint NOT NULL, institution_id bigint NOT NULL, person_id bigint NOT NULL,
                occupation_code text NOT NULL, target_level text NOT NULL, start_date text NOT NULL, end_date text NOT NULL,
                status text NOT NULL, filed_on text, completed_on text, certificate_id bigint, terminated_on text,
                created_at text NOT NULL,
                PRIMARY KEY (city_code, id)
            );
            """),
        // What the quarterly statistics count beyond p1 (the city's v15 logs them): the trainees'
        // key groups, the training subsidy claims and the apprenticeships' advances.
        ("p2-statistics", """
            CREATE TABLE enrolment_key_groups (
                city_code text NOT NULL, enrolment_id bigint NOT NULL, key_group_code text NOT NULL,
                PRIMARY KEY (city_code, enrolment_id, key_group_code)
            );
            CREATE TABLE subsidy_claims (
                city_code text NOT NULL, id bigint NOT NULL,
                institution_id bigint NOT NULL, period_start text NOT NULL, period_end text NOT NULL,
                claimed_on text NOT NULL, total_fen bigint NOT NULL,
                PRIMARY KEY (city_code, id)
            );
            CREATE TABLE subsidy_claim_lines (
                city_code text NOT NULL, claim_id bigint NOT NULL, certificate_id bigint NOT NULL, amount_fen bigint NOT NULL,
                PRIMARY KEY (city_code, claim_id, certificate_id)
            );
            ALTER TABLE apprenticeships ADD COLUMN advance_fen bigint;
            CREATE INDEX enrolments_cohort ON enrolments (city_code, cohort_id);
            CREATE INDEX exam_registrations_session ON exam_registrations (city_code, session_id);
            """),
    ]
}
