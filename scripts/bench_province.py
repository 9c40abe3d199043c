#!/usr/bin/env python3
"""The province push at city scale (issue 19): a copy of the city-scale demo year (never the
original) pushed into an empty province database, then a day's changes pushed, then the same year
under three more city codes (each a copy of the year before any push: a push trims the city's
change log); time, rows per second and peak memory of each, the duplicate check and the province
quarterly workbook over the four cities (median of three runs). Run through scripts/with-postgres.sh (make bench-province), which
gives the server in SKILLCERT_TEST_PG.

    python3 scripts/bench_province.py --city-db /work/city.sqlite --bin .build/release/skillcert
"""
import argparse, os, re, shutil, sqlite3, subprocess, sys, tempfile, time
from urllib.parse import urlsplit, urlunsplit

parser = argparse.ArgumentParser()
parser.add_argument("--city-db", required=True)
parser.add_argument("--bin", default=".build/release/skillcert")
parser.add_argument("--batch", default="20000")
args = parser.parse_args()
server = os.environ.get("SKILLCERT_TEST_PG")
if not server:
    sys.exit("run through scripts/with-postgres.sh (make bench-province): SKILLCERT_TEST_PG is not set")
if not os.path.exists(args.city_db):
    sys.exit(f"{args.city_db} is missing: make bench-export builds the city-scale year")

parts = urlsplit(server)
url = urlunsplit((parts.scheme, parts.netloc, "/province", parts.query, ""))
socket = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p).get("host")
psql = ["psql", "-X", "-q", "-h", socket, "-U", "postgres"] if socket else ["psql", "-X", "-q", server]
subprocess.run(psql + ["-d", "postgres", "-c", "DROP DATABASE IF EXISTS province", "-c", "CREATE DATABASE province"], check=True)

work = tempfile.mkdtemp(prefix="skillcert-bench-province-", dir="/tmp")
copy = os.path.join(work, "city.sqlite")
print(f"copying {args.city_db} to {copy} …", flush=True)
shutil.copyfile(args.city_db, copy)

def timed(label, *command):
    started = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-v", args.bin, *command], capture_output=True, text=True)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"{label} failed:\n{result.stdout}\n{result.stderr}")
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
    rows = re.search(r"\((\d+) rows", result.stdout)
    rate = f", {int(rows.group(1)) / seconds:,.0f} rows/s" if rows else ""
    print(f"{label}: {seconds:.1f} s{rate}, peak {peak:,.0f} MB  | {result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ''}", flush=True)
    return seconds

timed("migrations v13-v15 (log the existing rows)", "user", "list", "--db", copy)
# A push drops the changes the province confirmed from the city's log, so each further city code
# pushes a copy of the year as it was before any push.
pristine = os.path.join(work, "migrated.sqlite")
source = sqlite3.connect(copy)
target = sqlite3.connect(pristine)
source.backup(target)
target.close()
source.close()
timed("province init", "province", "init", "--pg", url)
timed("first push, city 4420", "province", "push", "--db", copy, "--city", "4420", "--pg", url, "--batch", args.batch)

# A day's changes, made straight in SQL (the triggers log them as the operations' writes would):
# about 2,000 enrolments' hours, 300 completions, 50 revocations.
db = sqlite3.connect(copy)
db.execute("UPDATE enrolments SET hours_tenths = hours_tenths + 10 WHERE id % 150 = 0")
db.execute("UPDATE enrolments SET status = 'completed', completed_on = '2026-12-20' WHERE status = 'enrolled' AND id % 1000 = 1")
db.execute("UPDATE certificates SET revoked_on = '2026-12-20', revocation_reason = 'bench' WHERE revoked_on IS NULL AND id % 3000 = 7")
db.commit()
db.close()
timed("incremental push (a day's changes)", "province", "push", "--db", copy, "--city", "4420", "--pg", url, "--batch", args.batch)
for code in ["4401", "4403", "4406"]:
    year = os.path.join(work, f"city-{code}.sqlite")
    shutil.copyfile(pristine, year)
    timed(f"first push, the same year as city {code}", "province", "push", "--db", year, "--city", code, "--pg", url, "--batch", args.batch)
    os.remove(year)
timed("province status (four cities)", "province", "status", "--pg", url)
# The workbook three times, the median reported: the machine is shared and one run varies by seconds.
workbook = sorted(timed(f"province quarterly workbook (four cities), run {run}", "province", "report", "quarterly", "2026Q4",
                        "--pg", url, "--out", work) for run in (1, 2, 3))
print(f"province quarterly workbook (four cities): median {workbook[1]:.1f} s of {', '.join(f'{s:.1f}' for s in workbook)}", flush=True)
timed("duplicate check over four cities (workbook)", "province", "duplicates", "--pg", url, "--out", work)
shutil.rmtree(work)
