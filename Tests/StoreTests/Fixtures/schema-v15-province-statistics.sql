CREATE INDEX apprenticeships_enterprise ON apprenticeships(enterprise_id);
CREATE INDEX apprenticeships_institution ON apprenticeships(institution_id);
CREATE UNIQUE INDEX apprenticeships_one_open_per_person ON apprenticeships(person_id)
    WHERE status IN ('registered', 'filed', 'in-training');
CREATE INDEX audit_events_action ON audit_events(action, at);
CREATE INDEX audit_events_actor ON audit_events(actor_login, at);
CREATE INDEX audit_events_at ON audit_events(at);
CREATE INDEX audit_events_entity ON audit_events(entity, entity_key, at);
CREATE INDEX certificate_reissues_certificate ON certificate_reissues(certificate_id);
CREATE UNIQUE INDEX certificates_one_live_per_target
    ON certificates(person_id, coalesce(occupation_code, special_ability_code), coalesce(level, ''))
    WHERE revoked_on IS NULL;
CREATE INDEX certificates_person ON certificates(person_id);
CREATE INDEX certificates_registration ON certificates(registration_id);
CREATE INDEX certificates_session ON certificates(session_id);
CREATE INDEX certificates_training_institution ON certificates(training_institution_id, issued_on);
CREATE INDEX certificates_training_number ON certificates(training_institution_id, number);
CREATE INDEX cohorts_institution ON cohorts(institution_id);
CREATE INDEX enrolments_cohort_status ON enrolments(cohort_id, status);
CREATE INDEX enrolments_person ON enrolments(person_id);
CREATE INDEX exam_registrations_person ON exam_registrations(person_id);
CREATE INDEX exam_room_examiners_examiner ON exam_room_examiners(examiner_id);
CREATE UNIQUE INDEX examiner_qualifications_key
    ON examiner_qualifications(examiner_id, coalesce(occupation_code, special_ability_code));
CREATE INDEX institution_enterprises_enterprise ON institution_enterprises(enterprise_id);
CREATE INDEX mismatch_settlements_registration ON mismatch_settlements(registration_id);
CREATE INDEX persons_name ON persons(name);
CREATE INDEX score_amendments_registration ON score_amendments(registration_id);
CREATE INDEX score_entries_part ON score_entries(registration_id, part);
CREATE INDEX sign_in_attempts_address ON sign_in_attempts(address, at);
CREATE INDEX sign_in_attempts_login ON sign_in_attempts(login, at);
CREATE INDEX sign_in_locks_value ON sign_in_locks(kind, value, until);
CREATE INDEX web_sessions_last_seen ON web_sessions(last_seen_at);
CREATE INDEX web_sessions_user ON web_sessions(user_id);
CREATE TABLE apprenticeships (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    occupation_code TEXT NOT NULL REFERENCES catalog_occupations(code),
    target_level TEXT NOT NULL CHECK (target_level IN ('4', '3', '2', '1')),
    contract_start TEXT NOT NULL,
    contract_years INTEGER NOT NULL CHECK (contract_years > 0),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    extension_reason TEXT,
    enterprise_mentor TEXT NOT NULL CHECK (enterprise_mentor <> ''),
    institution_mentor TEXT NOT NULL CHECK (institution_mentor <> ''),
    status TEXT NOT NULL DEFAULT 'registered'
        CHECK (status IN ('registered', 'filed', 'in-training', 'completed', 'terminated')),
    filed_on TEXT,
    -- The advance paid on filing, in fen: what a termination may have to claw back.
    advance_fen INTEGER,
    training_started_on TEXT,
    completed_on TEXT,
    certificate_id INTEGER REFERENCES certificates(id),
    terminated_on TEXT,
    termination_reason TEXT,
    created_at TEXT NOT NULL,
    CHECK (end_date > start_date),
    CHECK ((status = 'completed') = (completed_on IS NOT NULL AND certificate_id IS NOT NULL)),
    CHECK ((status = 'terminated') = (terminated_on IS NOT NULL AND termination_reason IS NOT NULL))
);
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_login TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    before TEXT,
    after TEXT,
    reason TEXT
);
CREATE TABLE catalog_apprentice_subsidies (
    level TEXT PRIMARY KEY NOT NULL,
    amount_fen_per_year INTEGER NOT NULL
);
CREATE TABLE catalog_certificate_layout (
    field TEXT PRIMARY KEY NOT NULL,
    label TEXT NOT NULL,
    x_mm REAL NOT NULL,
    y_mm REAL NOT NULL,
    width_mm REAL NOT NULL,
    font_size_pt REAL
);
CREATE TABLE catalog_districts (
    name TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    city TEXT NOT NULL
);
CREATE TABLE catalog_education_levels (
    code TEXT PRIMARY KEY NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE TABLE catalog_eligibility_routes (
    occupation_code TEXT NOT NULL,
    level TEXT NOT NULL,
    route_code TEXT NOT NULL,
    required_certificate TEXT,
    minimum_years INTEGER NOT NULL,
    required_diploma TEXT,
    requires_apprenticeship INTEGER NOT NULL,
    final_year_students INTEGER NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (occupation_code, level, route_code)
);
CREATE TABLE catalog_exam_parts (
    scope TEXT NOT NULL,
    part TEXT NOT NULL,
    max_score INTEGER NOT NULL,
    pass_mark INTEGER NOT NULL,
    minimum_minutes INTEGER,
    PRIMARY KEY (scope, part)
);
CREATE TABLE catalog_household_types (
    code TEXT PRIMARY KEY NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE TABLE catalog_key_groups (
    code TEXT PRIMARY KEY NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE TABLE catalog_occupations (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    project_code TEXT NOT NULL REFERENCES catalog_projects(code),
    strand TEXT NOT NULL DEFAULT '',
    levels TEXT NOT NULL,
    sub_trades TEXT NOT NULL DEFAULT '',
    unconfirmed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE catalog_projects (
    code TEXT PRIMARY KEY NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE TABLE catalog_settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE catalog_special_abilities (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    project_code TEXT NOT NULL REFERENCES catalog_projects(code)
);
CREATE TABLE catalog_targets (
    year INTEGER NOT NULL,
    district TEXT NOT NULL,
    project_code TEXT NOT NULL,
    metric TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (year, district, project_code, metric)
);
CREATE TABLE catalog_training_subsidies (
    occupation_code TEXT NOT NULL,
    level TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    PRIMARY KEY (occupation_code, level)
);
CREATE TABLE certificate_reissues (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    certificate_id INTEGER NOT NULL REFERENCES certificates(id),
    reason TEXT NOT NULL CHECK (reason IN ('lost', 'damaged')),
    note TEXT NOT NULL CHECK (note <> ''),
    reissued_on TEXT NOT NULL,
    reissued_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE TABLE certificate_serials (
    body_id INTEGER NOT NULL REFERENCES institutions(id),
    year INTEGER NOT NULL,
    series TEXT NOT NULL,
    last_serial INTEGER NOT NULL CHECK (last_serial > 0),
    PRIMARY KEY (body_id, year, series)
) WITHOUT ROWID;
CREATE TABLE certificates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    occupation_code TEXT REFERENCES catalog_occupations(code),
    level TEXT,
    special_ability_code TEXT REFERENCES catalog_special_abilities(code),
    body_id INTEGER NOT NULL REFERENCES institutions(id),
    session_id INTEGER REFERENCES exam_sessions(id),
    issued_on TEXT NOT NULL,
    revoked_on TEXT,
    revocation_reason TEXT,
    created_at TEXT NOT NULL, registration_id INTEGER REFERENCES exam_registrations(id), cohort_id INTEGER REFERENCES cohorts(id), training_institution_id INTEGER REFERENCES institutions(id), revoked_by INTEGER REFERENCES users(id),
    CHECK ((occupation_code IS NOT NULL AND level IS NOT NULL AND special_ability_code IS NULL)
        OR (occupation_code IS NULL AND level IS NULL AND special_ability_code IS NOT NULL)),
    CHECK ((revoked_on IS NULL) = (revocation_reason IS NULL))
);
CREATE TABLE cohorts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    name TEXT NOT NULL CHECK (name <> ''),
    project_code TEXT NOT NULL REFERENCES catalog_projects(code),
    occupation_code TEXT REFERENCES catalog_occupations(code),
    level TEXT,
    special_ability_code TEXT REFERENCES catalog_special_abilities(code),
    district TEXT NOT NULL REFERENCES catalog_districts(name),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    planned_hours INTEGER NOT NULL CHECK (planned_hours > 0),
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    created_at TEXT NOT NULL,
    UNIQUE (institution_id, name),
    CHECK (end_date >= start_date),
    CHECK ((occupation_code IS NOT NULL AND level IS NOT NULL AND special_ability_code IS NULL)
        OR (occupation_code IS NULL AND level IS NULL AND special_ability_code IS NOT NULL))
);
CREATE TABLE enrolment_key_groups (
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
    key_group_code TEXT NOT NULL REFERENCES catalog_key_groups(code),
    PRIMARY KEY (enrolment_id, key_group_code)
) WITHOUT ROWID;
CREATE TABLE enrolments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    education TEXT REFERENCES catalog_education_levels(code),
    household_type TEXT REFERENCES catalog_household_types(code),
    -- Equalities, not IN (…): SQLite builds a temporary table for an IN list of three
    -- on every insert, which a million-row import pays a million times.
    status TEXT NOT NULL DEFAULT 'enrolled'
        CHECK (status = 'enrolled' OR status = 'completed' OR status = 'withdrawn'),
    hours_tenths INTEGER NOT NULL DEFAULT 0 CHECK (hours_tenths >= 0),
    completed_on TEXT,
    withdrawn_on TEXT,
    withdrawal_reason TEXT,
    import_id INTEGER REFERENCES trainee_imports(id),
    source_row INTEGER,
    enrolled_at TEXT NOT NULL,
    UNIQUE (cohort_id, person_id),
    CHECK ((status = 'completed') = (completed_on IS NOT NULL)),
    CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL AND withdrawal_reason IS NOT NULL))
);
CREATE TABLE enterprises (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    credit_code TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
    credit_code_warning TEXT,
    name TEXT NOT NULL CHECK (name <> ''),
    district TEXT NOT NULL REFERENCES catalog_districts(name),
    created_at TEXT NOT NULL
);
CREATE TABLE exam_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES exam_sessions(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    -- 准考证号: year, session and sequence; unique across sessions.
    ticket_number TEXT NOT NULL UNIQUE,
    -- The institution that registered the candidate (nil: the bureau, for a person
    -- applying on their own) and the cohort that trained them, if any.
    institution_id INTEGER REFERENCES institutions(id),
    cohort_id INTEGER REFERENCES cohorts(id),
    eligibility TEXT NOT NULL CHECK (eligibility IN ('route', 'no-conditions', 'override')),
    route_code TEXT,
    override_reason TEXT,
    declared_years INTEGER NOT NULL DEFAULT 0 CHECK (declared_years >= 0),
    diplomas TEXT NOT NULL DEFAULT '',
    final_year_of TEXT,
    registered_at TEXT NOT NULL, retake_of INTEGER REFERENCES exam_registrations(id),
    UNIQUE (session_id, person_id),
    CHECK ((eligibility = 'route') = (route_code IS NOT NULL)),
    CHECK ((eligibility = 'override') = (override_reason IS NOT NULL))
);
CREATE TABLE exam_room_examiners (
    room_id INTEGER NOT NULL REFERENCES exam_rooms(id),
    examiner_id INTEGER NOT NULL REFERENCES examiners(id),
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (room_id, examiner_id)
) WITHOUT ROWID;
CREATE TABLE exam_rooms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES exam_sessions(id),
    name TEXT NOT NULL CHECK (name <> ''),
    part TEXT NOT NULL CHECK (part IN ('theory', 'practical', 'review')),
    seats INTEGER NOT NULL CHECK (seats > 0),
    UNIQUE (session_id, name)
);
CREATE TABLE exam_seats (
    registration_id INTEGER NOT NULL REFERENCES exam_registrations(id),
    part TEXT NOT NULL CHECK (part IN ('theory', 'practical', 'review')),
    room_id INTEGER NOT NULL REFERENCES exam_rooms(id),
    seat INTEGER NOT NULL CHECK (seat > 0),
    PRIMARY KEY (registration_id, part),
    UNIQUE (room_id, seat)
);
CREATE TABLE exam_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    body_id INTEGER NOT NULL REFERENCES institutions(id),
    occupation_code TEXT REFERENCES catalog_occupations(code),
    level TEXT,
    special_ability_code TEXT REFERENCES catalog_special_abilities(code),
    exam_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'open', 'closed', 'held', 'results-locked')),
    created_at TEXT NOT NULL, results_locked_on TEXT, sub_trade TEXT,
    CHECK ((occupation_code IS NOT NULL AND level IS NOT NULL AND special_ability_code IS NULL)
        OR (occupation_code IS NULL AND level IS NULL AND special_ability_code IS NOT NULL))
);
CREATE TABLE examiner_qualifications (
    examiner_id INTEGER NOT NULL REFERENCES examiners(id),
    occupation_code TEXT REFERENCES catalog_occupations(code),
    -- The highest level the examiner may assess; every level below it too.
    highest_level TEXT,
    special_ability_code TEXT REFERENCES catalog_special_abilities(code),
    CHECK ((occupation_code IS NOT NULL AND highest_level IS NOT NULL AND special_ability_code IS NULL)
        OR (occupation_code IS NULL AND highest_level IS NULL AND special_ability_code IS NOT NULL))
);
CREATE TABLE examiners (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL UNIQUE REFERENCES persons(id),
    body_id INTEGER NOT NULL REFERENCES institutions(id),
    -- The training institution the examiner also works for: they never assess its trainees.
    own_institution_id INTEGER REFERENCES institutions(id),
    user_id INTEGER UNIQUE REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE TABLE institution_enterprises (
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    added_at TEXT NOT NULL,
    PRIMARY KEY (institution_id, enterprise_id)
) WITHOUT ROWID;
CREATE TABLE institution_persons (
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    registered_at TEXT NOT NULL,
    PRIMARY KEY (institution_id, person_id)
);
CREATE TABLE institutions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('training', 'school', 'evaluation')),
    credit_code TEXT UNIQUE,
    credit_code_warning TEXT,
    district TEXT NOT NULL REFERENCES catalog_districts(name),
    contact_person TEXT,
    contact_phone TEXT,
    address TEXT,
    body_kind TEXT CHECK (body_kind IN ('Y', 'S')),
    body_code INTEGER CHECK (body_code BETWEEN 0 AND 9999),
    province_code TEXT,
    site_sequence INTEGER CHECK (site_sequence BETWEEN 0 AND 999999),
    created_at TEXT NOT NULL,
    CHECK ((kind = 'evaluation') = (body_kind IS NOT NULL AND body_code IS NOT NULL
                                    AND province_code IS NOT NULL AND site_sequence IS NOT NULL))
);
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
CREATE TABLE mismatch_settlements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    registration_id INTEGER NOT NULL REFERENCES exam_registrations(id),
    part TEXT NOT NULL,
    first_mark TEXT NOT NULL,
    second_mark TEXT NOT NULL,
    settled_mark TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason <> ''),
    settled_by INTEGER NOT NULL REFERENCES users(id),
    settled_at TEXT NOT NULL
);
CREATE TABLE part_marks (
    registration_id INTEGER NOT NULL REFERENCES exam_registrations(id),
    part TEXT NOT NULL CHECK (part IN ('theory', 'practical', 'review')),
    mark TEXT NOT NULL,
    decided_by TEXT NOT NULL CHECK (decided_by IN ('double-entry', 'single-entry', 'settled', 'amended')),
    decided_at TEXT NOT NULL,
    PRIMARY KEY (registration_id, part)
) WITHOUT ROWID;
CREATE TABLE persons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    national_id TEXT NOT NULL UNIQUE CHECK (length(national_id) = 18),
    name TEXT NOT NULL CHECK (name <> ''),
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date TEXT NOT NULL,
    phone TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE province_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL,
    row_id INTEGER NOT NULL
);
CREATE TABLE rechecks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    registration_id INTEGER NOT NULL UNIQUE REFERENCES exam_registrations(id),
    requested_on TEXT NOT NULL,
    request_reason TEXT NOT NULL CHECK (request_reason <> ''),
    outcome TEXT CHECK (outcome IN ('unchanged', 'amended')),
    decided_on TEXT,
    decided_by INTEGER REFERENCES users(id),
    decision_note TEXT,
    CHECK ((outcome IS NULL) = (decided_on IS NULL))
);
CREATE TABLE score_amendments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    registration_id INTEGER NOT NULL REFERENCES exam_registrations(id),
    part TEXT NOT NULL,
    before_mark TEXT NOT NULL,
    after_mark TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason <> ''),
    recheck_id INTEGER REFERENCES rechecks(id),
    amended_by INTEGER NOT NULL REFERENCES users(id),
    amended_at TEXT NOT NULL
);
CREATE TABLE score_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    registration_id INTEGER NOT NULL REFERENCES exam_registrations(id),
    part TEXT NOT NULL CHECK (part IN ('theory', 'practical', 'review')),
    -- A score with at most one decimal (`85.5`), `absent` or `breach`.
    mark TEXT NOT NULL,
    entered_by INTEGER NOT NULL REFERENCES users(id),
    -- `manual`, or the name of the imported score sheet.
    source TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    UNIQUE (registration_id, part, entered_by)
);
CREATE TABLE sign_in_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login TEXT NOT NULL,
    address TEXT NOT NULL,
    at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'throttled'))
);
CREATE TABLE sign_in_locks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('login', 'address')),
    value TEXT NOT NULL,
    -- The failure that set it: failures before it no longer count.
    attempt_id INTEGER NOT NULL,
    until TEXT NOT NULL
);
CREATE TABLE statistics_certificates (
    issued_on TEXT NOT NULL,
    -- 0 and '': none.
    cohort_id INTEGER NOT NULL,
    training_institution_id INTEGER NOT NULL,
    body_id INTEGER NOT NULL,
    occupation_code TEXT NOT NULL,
    level TEXT NOT NULL,
    special_ability_code TEXT NOT NULL,
    -- Certificates that are not revoked.
    certificates INTEGER NOT NULL,
    PRIMARY KEY (issued_on, cohort_id, training_institution_id, body_id, occupation_code, level, special_ability_code)
) WITHOUT ROWID;
CREATE TABLE statistics_first_passes (
    registration_id INTEGER PRIMARY KEY NOT NULL
);
CREATE TABLE statistics_registrations (
    session_id INTEGER NOT NULL,
    -- 0: none.
    cohort_id INTEGER NOT NULL,
    institution_id INTEGER NOT NULL,
    -- Registrations (absent candidates included), and those of them that are first
    -- sittings whose every required part passed (counted once the results are locked).
    candidates INTEGER NOT NULL,
    first_passes INTEGER NOT NULL,
    PRIMARY KEY (session_id, cohort_id, institution_id)
) WITHOUT ROWID;
CREATE TABLE statistics_trainees (
    cohort_id INTEGER NOT NULL,
    -- '': every trainee of the class; else the trainees of one key group.
    key_group_code TEXT NOT NULL,
    -- '': not completed.
    completed_on TEXT NOT NULL,
    -- Enrolments that are not withdrawn.
    trainees INTEGER NOT NULL,
    PRIMARY KEY (cohort_id, key_group_code, completed_on)
) WITHOUT ROWID;
CREATE TABLE subsidy_claim_lines (
    claim_id INTEGER NOT NULL REFERENCES subsidy_claims(id),
    -- A certificate is claimed once, ever.
    certificate_id INTEGER NOT NULL UNIQUE REFERENCES certificates(id),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    PRIMARY KEY (claim_id, certificate_id)
) WITHOUT ROWID;
CREATE TABLE subsidy_claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    claimed_on TEXT NOT NULL,
    total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
    claimed_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE TABLE trainee_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
    file_name TEXT NOT NULL,
    format TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('all-or-nothing', 'accept-valid')),
    rows_read INTEGER NOT NULL DEFAULT 0,
    imported INTEGER NOT NULL DEFAULT 0,
    already_enrolled INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    actor_login TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE user_passwords (
    user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users(id),
    hash TEXT NOT NULL,
    must_change INTEGER NOT NULL,
    set_at TEXT NOT NULL
);
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('bureau', 'institution', 'examiner')),
    institution_id INTEGER REFERENCES institutions(id),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    CHECK ((role = 'bureau') = (institution_id IS NULL))
);
CREATE TABLE web_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    address TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END;
CREATE TRIGGER province_apprenticeships_delete AFTER DELETE ON apprenticeships
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('apprenticeships', OLD.id); END;
CREATE TRIGGER province_apprenticeships_insert AFTER INSERT ON apprenticeships
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('apprenticeships', NEW.id); END;
CREATE TRIGGER province_apprenticeships_update AFTER UPDATE ON apprenticeships
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('apprenticeships', NEW.id); END;
CREATE TRIGGER province_certificate_reissues_delete AFTER DELETE ON certificate_reissues
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('certificate_reissues', OLD.id); END;
CREATE TRIGGER province_certificate_reissues_insert AFTER INSERT ON certificate_reissues
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('certificate_reissues', NEW.id); END;
CREATE TRIGGER province_certificate_reissues_update AFTER UPDATE ON certificate_reissues
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('certificate_reissues', NEW.id); END;
CREATE TRIGGER province_certificates_delete AFTER DELETE ON certificates
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('certificates', OLD.id); END;
CREATE TRIGGER province_certificates_insert AFTER INSERT ON certificates
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('certificates', NEW.id); END;
CREATE TRIGGER province_certificates_update AFTER UPDATE ON certificates
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('certificates', NEW.id); END;
CREATE TRIGGER province_cohorts_delete AFTER DELETE ON cohorts
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('cohorts', OLD.id); END;
CREATE TRIGGER province_cohorts_insert AFTER INSERT ON cohorts
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('cohorts', NEW.id); END;
CREATE TRIGGER province_cohorts_update AFTER UPDATE ON cohorts
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('cohorts', NEW.id); END;
CREATE TRIGGER province_enrolment_key_groups_delete AFTER DELETE ON enrolment_key_groups
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('enrolment_key_groups', OLD.enrolment_id); END;
CREATE TRIGGER province_enrolment_key_groups_insert AFTER INSERT ON enrolment_key_groups
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('enrolment_key_groups', NEW.enrolment_id); END;
CREATE TRIGGER province_enrolment_key_groups_update AFTER UPDATE ON enrolment_key_groups
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('enrolment_key_groups', NEW.enrolment_id); END;
CREATE TRIGGER province_enrolments_delete AFTER DELETE ON enrolments
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('enrolments', OLD.id); END;
CREATE TRIGGER province_enrolments_insert AFTER INSERT ON enrolments
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('enrolments', NEW.id); END;
CREATE TRIGGER province_enrolments_update AFTER UPDATE ON enrolments
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('enrolments', NEW.id); END;
CREATE TRIGGER province_enterprises_delete AFTER DELETE ON enterprises
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('enterprises', OLD.id); END;
CREATE TRIGGER province_enterprises_insert AFTER INSERT ON enterprises
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('enterprises', NEW.id); END;
CREATE TRIGGER province_enterprises_update AFTER UPDATE ON enterprises
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('enterprises', NEW.id); END;
CREATE TRIGGER province_exam_registrations_delete AFTER DELETE ON exam_registrations
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('exam_registrations', OLD.id); END;
CREATE TRIGGER province_exam_registrations_insert AFTER INSERT ON exam_registrations
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('exam_registrations', NEW.id); END;
CREATE TRIGGER province_exam_registrations_update AFTER UPDATE ON exam_registrations
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('exam_registrations', NEW.id); END;
CREATE TRIGGER province_exam_sessions_delete AFTER DELETE ON exam_sessions
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('exam_sessions', OLD.id); END;
CREATE TRIGGER province_exam_sessions_insert AFTER INSERT ON exam_sessions
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('exam_sessions', NEW.id); END;
CREATE TRIGGER province_exam_sessions_update AFTER UPDATE ON exam_sessions
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('exam_sessions', NEW.id); END;
CREATE TRIGGER province_institutions_delete AFTER DELETE ON institutions
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('institutions', OLD.id); END;
CREATE TRIGGER province_institutions_insert AFTER INSERT ON institutions
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('institutions', NEW.id); END;
CREATE TRIGGER province_institutions_update AFTER UPDATE ON institutions
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('institutions', NEW.id); END;
CREATE TRIGGER province_part_marks_delete AFTER DELETE ON part_marks
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('part_marks', OLD.registration_id); END;
CREATE TRIGGER province_part_marks_insert AFTER INSERT ON part_marks
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('part_marks', NEW.registration_id); END;
CREATE TRIGGER province_part_marks_update AFTER UPDATE ON part_marks
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('part_marks', NEW.registration_id); END;
CREATE TRIGGER province_persons_delete AFTER DELETE ON persons
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('persons', OLD.id); END;
CREATE TRIGGER province_persons_insert AFTER INSERT ON persons
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('persons', NEW.id); END;
CREATE TRIGGER province_persons_update AFTER UPDATE ON persons
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('persons', NEW.id); END;
CREATE TRIGGER province_subsidy_claim_lines_delete AFTER DELETE ON subsidy_claim_lines
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('subsidy_claim_lines', OLD.claim_id); END;
CREATE TRIGGER province_subsidy_claim_lines_insert AFTER INSERT ON subsidy_claim_lines
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('subsidy_claim_lines', NEW.claim_id); END;
CREATE TRIGGER province_subsidy_claim_lines_update AFTER UPDATE ON subsidy_claim_lines
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('subsidy_claim_lines', NEW.claim_id); END;
CREATE TRIGGER province_subsidy_claims_delete AFTER DELETE ON subsidy_claims
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('subsidy_claims', OLD.id); END;
CREATE TRIGGER province_subsidy_claims_insert AFTER INSERT ON subsidy_claims
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('subsidy_claims', NEW.id); END;
CREATE TRIGGER province_subsidy_claims_update AFTER UPDATE ON subsidy_claims
    BEGIN INSERT INTO province_changes (entity, row_id) VALUES ('subsidy_claims', NEW.id); END;
CREATE TRIGGER statistics_certificate_added AFTER INSERT ON certificates WHEN NEW.revoked_on IS NULL BEGIN
    INSERT INTO statistics_certificates VALUES (
        NEW.issued_on, ifnull(NEW.cohort_id, 0), ifnull(NEW.training_institution_id, 0), NEW.body_id,
        ifnull(NEW.occupation_code, ''), ifnull(NEW.level, ''), ifnull(NEW.special_ability_code, ''), 1)
        ON CONFLICT DO UPDATE SET certificates = certificates + 1;
END;
CREATE TRIGGER statistics_certificate_changed AFTER UPDATE OF issued_on, revoked_on, cohort_id, training_institution_id,
        body_id, occupation_code, level, special_ability_code ON certificates BEGIN
    UPDATE statistics_certificates SET certificates = certificates - 1
     WHERE OLD.revoked_on IS NULL AND issued_on = OLD.issued_on AND cohort_id = ifnull(OLD.cohort_id, 0)
       AND training_institution_id = ifnull(OLD.training_institution_id, 0) AND body_id = OLD.body_id
       AND occupation_code = ifnull(OLD.occupation_code, '') AND level = ifnull(OLD.level, '')
       AND special_ability_code = ifnull(OLD.special_ability_code, '');
    INSERT INTO statistics_certificates
        SELECT NEW.issued_on, ifnull(NEW.cohort_id, 0), ifnull(NEW.training_institution_id, 0), NEW.body_id,
               ifnull(NEW.occupation_code, ''), ifnull(NEW.level, ''), ifnull(NEW.special_ability_code, ''), 1
        WHERE NEW.revoked_on IS NULL
        ON CONFLICT DO UPDATE SET certificates = certificates + 1;
    DELETE FROM statistics_certificates WHERE issued_on = OLD.issued_on AND certificates = 0;
END;
CREATE TRIGGER statistics_certificate_removed AFTER DELETE ON certificates WHEN OLD.revoked_on IS NULL BEGIN
    UPDATE statistics_certificates SET certificates = certificates - 1
     WHERE issued_on = OLD.issued_on AND cohort_id = ifnull(OLD.cohort_id, 0)
       AND training_institution_id = ifnull(OLD.training_institution_id, 0) AND body_id = OLD.body_id
       AND occupation_code = ifnull(OLD.occupation_code, '') AND level = ifnull(OLD.level, '')
       AND special_ability_code = ifnull(OLD.special_ability_code, '');
    DELETE FROM statistics_certificates WHERE issued_on = OLD.issued_on AND certificates = 0;
END;
CREATE TRIGGER statistics_enrolment_added AFTER INSERT ON enrolments WHEN NEW.status <> 'withdrawn' BEGIN
    INSERT INTO statistics_trainees VALUES (NEW.cohort_id, '', ifnull(NEW.completed_on, ''), 1)
        ON CONFLICT DO UPDATE SET trainees = trainees + 1;
END;
CREATE TRIGGER statistics_enrolment_changed AFTER UPDATE OF cohort_id, status, completed_on ON enrolments BEGIN
    UPDATE statistics_trainees SET trainees = trainees - 1
     WHERE OLD.status <> 'withdrawn' AND cohort_id = OLD.cohort_id AND completed_on = ifnull(OLD.completed_on, '')
       AND (key_group_code = '' OR key_group_code IN (SELECT key_group_code FROM enrolment_key_groups WHERE enrolment_id = OLD.id));
    INSERT INTO statistics_trainees
        SELECT NEW.cohort_id, g.code, ifnull(NEW.completed_on, ''), 1
        FROM (SELECT '' AS code UNION ALL SELECT key_group_code FROM enrolment_key_groups WHERE enrolment_id = NEW.id) g
        WHERE NEW.status <> 'withdrawn'
        ON CONFLICT DO UPDATE SET trainees = trainees + 1;
    DELETE FROM statistics_trainees WHERE cohort_id = OLD.cohort_id AND trainees = 0;
END;
CREATE TRIGGER statistics_enrolment_removed AFTER DELETE ON enrolments WHEN OLD.status <> 'withdrawn' BEGIN
    UPDATE statistics_trainees SET trainees = trainees - 1
     WHERE cohort_id = OLD.cohort_id AND completed_on = ifnull(OLD.completed_on, '')
       AND (key_group_code = '' OR key_group_code IN (SELECT key_group_code FROM enrolment_key_groups WHERE enrolment_id = OLD.id));
    DELETE FROM statistics_trainees WHERE cohort_id = OLD.cohort_id AND trainees = 0;
END;
CREATE TRIGGER statistics_key_group_added AFTER INSERT ON enrolment_key_groups BEGIN
    INSERT INTO statistics_trainees
        SELECT e.cohort_id, NEW.key_group_code, ifnull(e.completed_on, ''), 1 FROM enrolments e
        WHERE e.id = NEW.enrolment_id AND e.status <> 'withdrawn'
        ON CONFLICT DO UPDATE SET trainees = trainees + 1;
END;
CREATE TRIGGER statistics_key_group_changed AFTER UPDATE ON enrolment_key_groups BEGIN
    UPDATE statistics_trainees SET trainees = trainees - 1
     WHERE key_group_code = OLD.key_group_code AND (cohort_id, completed_on) IN (
         SELECT e.cohort_id, ifnull(e.completed_on, '') FROM enrolments e WHERE e.id = OLD.enrolment_id AND e.status <> 'withdrawn');
    INSERT INTO statistics_trainees
        SELECT e.cohort_id, NEW.key_group_code, ifnull(e.completed_on, ''), 1 FROM enrolments e
        WHERE e.id = NEW.enrolment_id AND e.status <> 'withdrawn'
        ON CONFLICT DO UPDATE SET trainees = trainees + 1;
    DELETE FROM statistics_trainees WHERE trainees = 0 AND cohort_id IN (SELECT cohort_id FROM enrolments WHERE id = OLD.enrolment_id);
END;
CREATE TRIGGER statistics_key_group_removed AFTER DELETE ON enrolment_key_groups BEGIN
    UPDATE statistics_trainees SET trainees = trainees - 1
     WHERE key_group_code = OLD.key_group_code AND (cohort_id, completed_on) IN (
         SELECT e.cohort_id, ifnull(e.completed_on, '') FROM enrolments e WHERE e.id = OLD.enrolment_id AND e.status <> 'withdrawn');
    DELETE FROM statistics_trainees WHERE trainees = 0 AND cohort_id IN (SELECT cohort_id FROM enrolments WHERE id = OLD.enrolment_id);
END;
CREATE TRIGGER statistics_mark_added AFTER INSERT ON part_marks BEGIN
    UPDATE statistics_registrations SET first_passes = first_passes
            + (NEW.registration_id IN (SELECT registration_id FROM statistics_passing_first_sittings WHERE registration_id = NEW.registration_id))
            - (NEW.registration_id IN (SELECT registration_id FROM statistics_first_passes))
     WHERE (session_id, cohort_id, institution_id) =
           (SELECT session_id, ifnull(cohort_id, 0), ifnull(institution_id, 0) FROM exam_registrations WHERE id = NEW.registration_id);
    DELETE FROM statistics_first_passes WHERE registration_id = NEW.registration_id;
    INSERT INTO statistics_first_passes
        SELECT registration_id FROM statistics_passing_first_sittings WHERE registration_id = NEW.registration_id;
END;
CREATE TRIGGER statistics_mark_changed AFTER UPDATE ON part_marks BEGIN
    UPDATE statistics_registrations SET first_passes = first_passes
            + (OLD.registration_id IN (SELECT registration_id FROM statistics_passing_first_sittings WHERE registration_id = OLD.registration_id))
            - (OLD.registration_id IN (SELECT registration_id FROM statistics_first_passes))
     WHERE (session_id, cohort_id, institution_id) =
           (SELECT session_id, ifnull(cohort_id, 0), ifnull(institution_id, 0) FROM exam_registrations WHERE id = OLD.registration_id);
    DELETE FROM statistics_first_passes WHERE registration_id = OLD.registration_id;
    INSERT INTO statistics_first_passes
        SELECT registration_id FROM statistics_passing_first_sittings WHERE registration_id = OLD.registration_id;
    UPDATE statistics_registrations SET first_passes = first_passes
            + (NEW.registration_id IN (SELECT registration_id FROM statistics_passing_first_sittings WHERE registration_id = NEW.registration_id))
            - (NEW.registration_id IN (SELECT registration_id FROM statistics_first_passes))
     WHERE (session_id, cohort_id, institution_id) =
           (SELECT session_id, ifnull(cohort_id, 0), ifnull(institution_id, 0) FROM exam_registrations WHERE id = NEW.registration_id);
    DELETE FROM statistics_first_passes WHERE registration_id = NEW.registration_id;
    INSERT INTO statistics_first_passes
        SELECT registration_id FROM statistics_passing_first_sittings WHERE registration_id = NEW.registration_id;
END;
CREATE TRIGGER statistics_mark_removed AFTER DELETE ON part_marks BEGIN
    UPDATE statistics_registrations SET first_passes = first_passes
            + (OLD.registration_id IN (SELECT registration_id FROM statistics_passing_first_sittings WHERE registration_id = OLD.registration_id))
            - (OLD.registration_id IN (SELECT registration_id FROM statistics_first_passes))
     WHERE (session_id, cohort_id, institution_id) =
           (SELECT session_id, ifnull(cohort_id, 0), ifnull(institution_id, 0) FROM exam_registrations WHERE id = OLD.registration_id);
    DELETE FROM statistics_first_passes WHERE registration_id = OLD.registration_id;
    INSERT INTO statistics_first_passes
        SELECT registration_id FROM statistics_passing_first_sittings WHERE registration_id = OLD.registration_id;
END;
CREATE TRIGGER statistics_registration_added AFTER INSERT ON exam_registrations BEGIN
    INSERT INTO statistics_registrations VALUES (NEW.session_id, ifnull(NEW.cohort_id, 0), ifnull(NEW.institution_id, 0), 1, 0)
        ON CONFLICT DO UPDATE SET candidates = candidates + 1;
    INSERT INTO statistics_first_passes SELECT registration_id FROM statistics_passing_first_sittings WHERE registration_id = NEW.id;
    UPDATE statistics_registrations SET first_passes = first_passes + 1
     WHERE NEW.id IN (SELECT registration_id FROM statistics_first_passes)
       AND session_id = NEW.session_id AND cohort_id = ifnull(NEW.cohort_id, 0) AND institution_id = ifnull(NEW.institution_id, 0);
END;
CREATE TRIGGER statistics_registration_changed AFTER UPDATE OF session_id, cohort_id, institution_id, retake_of
        ON exam_registrations BEGIN
    UPDATE statistics_registrations SET candidates = candidates - 1,
           first_passes = first_passes - (OLD.id IN (SELECT registration_id FROM statistics_first_passes))
     WHERE session_id = OLD.session_id AND cohort_id = ifnull(OLD.cohort_id, 0) AND institution_id = ifnull(OLD.institution_id, 0);
    DELETE FROM statistics_first_passes WHERE registration_id = OLD.id;
    INSERT INTO statistics_first_passes SELECT registration_id FROM statistics_passing_first_sittings WHERE registration_id = NEW.id;
    INSERT INTO statistics_registrations
        SELECT NEW.session_id, ifnull(NEW.cohort_id, 0), ifnull(NEW.institution_id, 0), 1,
               NEW.id IN (SELECT registration_id FROM statistics_first_passes) WHERE true
        ON CONFLICT DO UPDATE SET candidates = candidates + 1, first_passes = first_passes + excluded.first_passes;
    DELETE FROM statistics_registrations WHERE session_id = OLD.session_id AND candidates = 0;
END;
CREATE TRIGGER statistics_registration_removed AFTER DELETE ON exam_registrations BEGIN
    UPDATE statistics_registrations SET candidates = candidates - 1,
           first_passes = first_passes - (OLD.id IN (SELECT registration_id FROM statistics_first_passes))
     WHERE session_id = OLD.session_id AND cohort_id = ifnull(OLD.cohort_id, 0) AND institution_id = ifnull(OLD.institution_id, 0);
    DELETE FROM statistics_first_passes WHERE registration_id = OLD.id;
    DELETE FROM statistics_registrations WHERE session_id = OLD.session_id AND candidates = 0;
END;
CREATE TRIGGER statistics_session_changed AFTER UPDATE OF level, special_ability_code ON exam_sessions BEGIN
    DELETE FROM statistics_first_passes WHERE registration_id IN (SELECT id FROM exam_registrations WHERE session_id = NEW.id);
    INSERT INTO statistics_first_passes SELECT registration_id FROM statistics_passing_first_sittings WHERE session_id = NEW.id;
    UPDATE statistics_registrations SET first_passes = (
        SELECT count(*) FROM exam_registrations g JOIN statistics_first_passes f ON f.registration_id = g.id
        WHERE g.session_id = NEW.id AND ifnull(g.cohort_id, 0) = statistics_registrations.cohort_id
          AND ifnull(g.institution_id, 0) = statistics_registrations.institution_id)
     WHERE session_id = NEW.id;
END;
CREATE VIEW statistics_passing_first_sittings AS
    SELECT g.id AS registration_id, g.session_id, ifnull(g.cohort_id, 0) AS cohort_id,
           ifnull(g.institution_id, 0) AS institution_id
    FROM exam_registrations g JOIN exam_sessions s ON s.id = g.session_id
    WHERE g.retake_of IS NULL
      AND (SELECT count(*) FROM part_marks m
           JOIN catalog_exam_parts p ON p.scope = coalesce(s.level, 'special-ability') AND p.part = m.part
           WHERE m.registration_id = g.id AND skillcert_mark_passes(m.mark, p.pass_mark))
        = (SELECT count(*) FROM catalog_exam_parts q WHERE q.scope = coalesce(s.level, 'special-ability'))
      AND EXISTS (SELECT 1 FROM catalog_exam_parts q WHERE q.scope = coalesce(s.level, 'special-ability'));
