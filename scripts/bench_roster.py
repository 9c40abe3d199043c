#!/usr/bin/env python3
"""Export benchmark (issue 8): the certificate roster of a database holding N certificates, written
by `skillcert cert roster --period 2026` (release build) beside bench/roster_floor.c, a small C
program that reads the same rows with the same query and writes the same cells straight through
libxlsxwriter. Prints the medians of REPEAT alternating runs (time and peak memory) and the ratio.
Not a test: the machines are shared and noisy, so figures are reported, never asserted.

The database is built fast: `skillcert init` and the institutions through the CLI, then persons,
certificates, revocations, reissues and serials seeded through python's sqlite3 with foreign keys
on, every row satisfying the schema (valid national IDs, 22-character numbers of the body's series).

Then the city-scale quarterly report: `skillcert report quarterly 2026Q4` on the database of
`skillcert demo --scale city` (about 1.2 million people, 150,000 certificates), REPEAT times, with
its median (goal: under 3 seconds). Building that database takes a quarter of an hour, so
`--city-db PATH` keeps it and reuses it when it exists; `--no-city` skips this part.

    python3 scripts/bench_roster.py [--rows 1000000] [--repeat 3] [--binary .build/release/skillcert]
                                    [--city-db city.sqlite | --no-city]
"""
import argparse, datetime, os, random, re, shutil, statistics, subprocess, sys, tempfile, time, zipfile

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SURNAMES = "陈李王张刘黄林吴郑何梁罗谢"
GIVEN = "文华明丽强军芳敏静伟霞𠈌燕"
YEAR = 2026
# (name, --body-kind, --body-code, --province, --site): the prefix of their certificate numbers.
BODIES = [("中山市职业技能评价中心", "S", "0000", "44", "000123"), ("中山市烹饪协会评价站", "S", "0000", "44", "000456")]
TRAINING = ["中山市粤菜师傅培训学校", "中山市南粤家政职业培训中心", "中山市技师学院"]
# Occupations with levels 5-3, so that each (body, level) series stays under 999,999 serials.
SERIES = [(body, occupation, level) for body in (0, 1) for occupation in ("4-03-02-01", "4-03-02-02") for level in "543"]


def national_id(index):
    """A valid, unique ID: area 442000, a birth date from 1950 on, a sequence number and the check."""
    day = datetime.date(1950, 1, 1) + datetime.timedelta(days=index // 900)
    body = f"442000{day:%Y%m%d}{index % 900 + 100:03d}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11], day


def seed(db_path, rows, binary, catalog):
    sc = lambda *a: subprocess.run([binary, *a, "--db", db_path], check=True, stdout=subprocess.DEVNULL)
    sc("init", "--catalog", catalog)
    for name, kind, code, province, site in BODIES:
        sc("institution", "add", "--name", name, "--kind", "evaluation", "--district", "东区街道",
           "--body-kind", kind, "--body-code", code, "--province", province, "--site", site)
    for name in TRAINING:
        sc("institution", "add", "--name", name, "--kind", "training", "--district", "石岐街道")

    import sqlite3
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA foreign_keys = ON")
    # One transaction of a few hundred MB: a cache that holds it and no syncs midway. The roster
    # runs open the database anew, with skillcert's own settings.
    db.execute("PRAGMA cache_size = -262144")
    db.execute("PRAGMA synchronous = OFF")
    ids = dict(db.execute("SELECT name, id FROM institutions"))
    admin = db.execute("SELECT id FROM users ORDER BY id LIMIT 1").fetchone()[0]
    rng = random.Random(8)
    stamp = f"{YEAR}-12-31T09:00:00Z"

    def persons():
        for i in range(rows):
            nid, born = national_id(i)
            sex = "male" if int(nid[16]) % 2 else "female"
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
            yield (i + 1, nid, name, sex, born.isoformat(), stamp, stamp)

    db.execute("BEGIN")
    db.executemany("INSERT INTO persons (id, national_id, name, sex, birth_date, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", persons())
    # Serials run per body, year and level, whichever occupation: two occupations share a series.
    serials = {}

    def certificates():
        # Issued in rounds across the series, as sessions of different bodies and levels are.
        for i in range(rows):
            series = i % len(SERIES)
            body, occupation, level = SERIES[series]
            serial = serials[body, level] = serials.get((body, level), 0) + 1
            _, kind, code, province, site = BODIES[body]
            number = f"{kind}{code}{province}{site}{YEAR % 100:02d}{level}{serial:06d}"
            issued = datetime.date(YEAR, 1, 1) + datetime.timedelta(days=i * 365 // rows)
            training = rng.choice([None] + [ids[t] for t in TRAINING])
            revoked = rng.random() < 0.01
            yield (i + 1, number, i + 1, occupation, level, ids[BODIES[body][0]], issued.isoformat(),
                   (issued + datetime.timedelta(days=20)).isoformat() if revoked else None,
                   "信息不实" if revoked else None, admin if revoked else None, stamp, training)

    db.executemany("INSERT INTO certificates (id, number, person_id, occupation_code, level, body_id, issued_on, "
                   "revoked_on, revocation_reason, revoked_by, created_at, training_institution_id) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", certificates())
    db.executemany("INSERT INTO certificate_serials (body_id, year, series, last_serial) VALUES (?, ?, ?, ?)",
                   [(ids[BODIES[b][0]], YEAR, level, last) for (b, level), last in serials.items()])
    # One in 200 reissued once (lost), never a revoked one.
    db.execute("INSERT INTO certificate_reissues (certificate_id, reason, note, reissued_on, reissued_by) "
               "SELECT id, 'lost', '本人遗失', issued_on, ? FROM certificates WHERE id % 200 = 7 AND revoked_on IS NULL",
               (admin,))
    db.commit()
    valid = db.execute("SELECT count(*) FROM certificates WHERE revoked_on IS NULL").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return valid


def quarterly(binary, db, repeat, work):
    """The city-scale quarterly report, timed on the demo's city database (built if missing)."""
    if not os.path.exists(db):
        print("building the city-scale year (skillcert demo --scale city) ...", flush=True)
        started = time.perf_counter()
        seconds, peak = run([binary, "demo", "--scale", "city", "--db", db, "--out", os.path.join(work, "city-out"),
                             "--catalog", os.path.abspath("Catalog")], work)
        print(f"city year built in {seconds:.0f} s, peak memory {peak:.0f} MB", flush=True)
    import sqlite3
    with sqlite3.connect(db) as check:
        counts = [check.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("persons", "enrolments", "exam_registrations", "certificates")]
    print("city database: {:,} persons, {:,} enrolments, {:,} exam registrations, {:,} certificates".format(*counts))
    times, peaks = [], []
    for attempt in range(repeat):
        out = os.path.join(work, "quarterly-out")
        shutil.rmtree(out, ignore_errors=True)
        seconds, peak = run([binary, "report", "quarterly", "2026Q4", "--db", db, "--out", out, "--file", "q.xlsx"], work)
        if attempt == 0:
            with zipfile.ZipFile(os.path.join(out, "q.xlsx")) as book:
                if "xl/charts/chart2.xml" not in book.namelist():
                    sys.exit("the quarterly workbook lacks its charts")
        times.append(seconds)
        peaks.append(peak)
        print(f"quarterly run {attempt + 1}: {seconds:.2f} s ({peak:.0f} MB peak), load {os.getloadavg()[0]:.2f}")
    print(f"median city-scale quarterly report (2026Q4 and year to date): {statistics.median(times):.2f} s "
          f"(goal: under 3 s), peak memory {statistics.median(peaks):.0f} MB")


def run(command, work):
    """Runs a command and returns (seconds, peak resident memory in MB).

    The peak comes from GNU time (`/usr/bin/time -f %M`), which forks the command from its own
    small process: Linux counts the forking process's memory into a child's ru_maxrss, so this
    Python process (14 MB and more) would otherwise be the floor's peak. The few ms time adds
    fall on both sides alike."""
    report = os.path.join(work, "peak.txt")
    started = time.perf_counter()
    process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", report, *command],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, _ = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    with open(report) as f:
        return seconds, int(f.read().split()[-1]) / 1024


def check_workbook(path, rows, valid, who):
    """Reads the sheet back: its dimension, its row count, the totals' cached counts, the
    autofilter and no whole ID. The sheet (hundreds of MB of XML) is read in blocks."""
    last = 3 + rows + 1  # title, details, header, the rows, the totals
    row_count, head, tail, whole_id = 0, b"", b"", False
    with zipfile.ZipFile(path) as book, book.open("xl/worksheets/sheet1.xml") as sheet:
        while block := sheet.read(1 << 22):
            joined = tail + block
            row_count += joined.count(b"<row ") - tail.count(b"<row ")
            whole_id = whole_id or re.search(rb"442000\d{12}", joined) is not None
            head = head or block[:4096]
            tail = joined[-65536:]
    problems = []
    dimension = re.search(rb'<dimension ref="([^"]+)"', head).group(1).decode()
    if dimension != f"A1:L{last}":
        problems.append(f"dimension {dimension}, expected A1:L{last}")
    if row_count != last:
        problems.append(f"{row_count} rows, expected {last}")
    if f"<f>COUNTA(B4:B{last - 1})</f><v>{rows}</v>".encode() not in tail:
        problems.append("the count of all certificates is missing or wrong")
    if f"<v>{valid}</v>".encode() not in tail[tail.rfind(b"COUNTIF"):]:
        problems.append("the count of valid certificates is missing or wrong")
    if f'<autoFilter ref="A3:L{last - 1}"/>'.encode() not in tail:
        problems.append("the autofilter is missing or wrong")
    if whole_id:
        problems.append("a whole national ID")
    if problems:
        sys.exit(f"{who} wrote a broken roster: " + "; ".join(problems))


def check_apart(path, rows, valid, who):
    """check_workbook in a process of its own: Linux counts the parent's memory at fork into a
    child's peak (ru_maxrss), so this one stays as small as it started."""
    subprocess.run([sys.executable, __file__, "--check", path, str(rows), str(valid), who], check=True)


def main():
    if sys.argv[1:2] == ["--seed"]:
        path, rows, binary, catalog = sys.argv[2:]
        return seed(path, int(rows), binary, catalog)
    if sys.argv[1:2] == ["--check"]:
        path, rows, valid, who = sys.argv[2:]
        return check_workbook(path, int(rows), int(valid), who)
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--binary", default=".build/release/skillcert")
    parser.add_argument("--keep", help="keep the seeded database at this path (and reuse it when it exists)")
    parser.add_argument("--city-db", help="keep the city-scale demo database at this path (and reuse it when it exists)")
    parser.add_argument("--no-city", action="store_true", help="skip the city-scale quarterly report")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="skillcert-roster-bench-")
    try:
        floor = os.path.join(work, "roster_floor")
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "xlsxwriter", "sqlite3"], check=True,
                               capture_output=True, text=True).stdout.split()
        subprocess.run(["cc", "-O2", "bench/roster_floor.c", *flags, "-o", floor], check=True)

        db = args.keep and os.path.abspath(args.keep) or os.path.join(work, "roster.sqlite")
        started = time.perf_counter()
        if not os.path.exists(db):
            # Seeded apart too, for the same reason as check_apart.
            subprocess.run([sys.executable, __file__, "--seed", db, str(args.rows), binary, os.path.abspath("Catalog")],
                           check=True)
        import sqlite3
        with sqlite3.connect(db) as check:
            count, valid = check.execute("SELECT count(*), count(*) - count(revoked_on) FROM certificates").fetchone()
        print(f"{count} certificates ({valid} valid), database {os.path.getsize(db) / 1e6:.0f} MB, "
              f"ready in {time.perf_counter() - started:.0f} s")

        ours, theirs, our_memory, their_memory = [], [], [], []
        for attempt in range(args.repeat):
            out = os.path.join(work, "out")
            shutil.rmtree(out, ignore_errors=True)
            seconds, peak = run([binary, "cert", "roster", "--period", str(YEAR), "--db", db, "--out", out,
                                 "--file", "roster.xlsx"], work)
            if attempt == 0:
                check_apart(os.path.join(out, "roster.xlsx"), count, valid, "skillcert")
            ours.append(seconds)
            our_memory.append(peak)

            floor_out = os.path.join(work, "floor.xlsx")
            seconds, peak = run([floor, db, floor_out, f"{YEAR}-01-01", f"{YEAR}-12-31", str(YEAR)], work)
            if attempt == 0:
                check_apart(floor_out, count, valid, "the C floor")
            theirs.append(seconds)
            their_memory.append(peak)
            print(f"run {attempt + 1}: skillcert {ours[-1]:.2f} s ({our_memory[-1]:.0f} MB peak), "
                  f"C floor {theirs[-1]:.2f} s ({their_memory[-1]:.0f} MB peak), ratio {ours[-1] / theirs[-1]:.2f}x, "
                  f"load {os.getloadavg()[0]:.2f}")

        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"median skillcert cert roster: {a:.2f} s, peak memory {statistics.median(our_memory):.0f} MB "
              f"(max {max(our_memory):.0f} MB)")
        print(f"median C floor (libxlsxwriter): {b:.2f} s, peak memory {statistics.median(their_memory):.0f} MB")
        print(f"ratio skillcert / floor: {a / b:.2f}x (goal: within 1.2x, peak under 150 MB); "
              f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if not args.no_city:
            quarterly(binary, args.city_db and os.path.abspath(args.city_db) or os.path.join(work, "city.sqlite"),
                      args.repeat, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
