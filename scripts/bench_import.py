#!/usr/bin/env python3
"""Import benchmark (issue 3): a generated N-row trainee CSV imported by `skillcert cohort import`
with full validation, against `sqlite3 .import` of the same file into a table with the same unique
key, side by side in one run. Prints medians of REPEAT runs, rows per second, peak memory and the
ratio. Not a test: the machines are shared and noisy, so figures are reported, never asserted.

    python3 scripts/bench_import.py [--rows 1000000] [--repeat 3] [--binary .build/release/skillcert]
"""
import argparse, datetime, os, random, shutil, statistics, subprocess, sys, tempfile, time

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SURNAMES = "陈李王张刘黄林吴郑何梁罗谢"
GIVEN = "文华明丽强军芳敏静伟霞𠈌燕"
EDUCATION = ["初中及以下", "高中/中专/技校", "大专", "本科"]
HOUSEHOLD = ["城镇", "农村"]
GROUPS = ["", "", "", "高校毕业生", "农村劳动力", "退役军人、就业困难人员"]


def national_id(index):
    """A valid, unique ID: area 442000, a birth date from 1950 on, a sequence number and the check."""
    day = datetime.date(1950, 1, 1) + datetime.timedelta(days=index // 900)
    body = f"442000{day:%Y%m%d}{index % 900 + 100:03d}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


def generate(path, rows):
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("身份证号,姓名,手机号码,文化程度,户籍类型,重点群体\n")
        for i in range(rows):
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
            f.write(f"{national_id(i)},{name},1{rng.randint(3, 9)}{rng.randint(0, 999999999):09d},"
                    f"{rng.choice(EDUCATION)},{rng.choice(HOUSEHOLD)},{rng.choice(GROUPS)}\n")


def run(command, **kwargs):
    """Runs a command and returns (seconds, peak resident memory in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--binary", default=".build/release/skillcert")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    catalog = os.path.abspath("Catalog")
    work = tempfile.mkdtemp(prefix="skillcert-bench-")
    try:
        csv = os.path.join(work, "trainees.csv")
        generate(csv, args.rows)
        size = os.path.getsize(csv) / 1e6
        print(f"{args.rows} rows, {size:.0f} MB CSV")

        base = os.path.join(work, "base.sqlite")
        sc = lambda *a: subprocess.run([binary, *a, "--db", base], check=True, stdout=subprocess.DEVNULL)
        sc("init", "--catalog", catalog)
        sc("institution", "add", "--name", "基准培训学校", "--kind", "training", "--district", "石岐街道")
        sc("cohort", "create", "--name", "基准班", "--institution", "基准培训学校", "--project", "yuecai",
           "--occupation", "4-03-02-01", "--level", "5", "--district", "石岐街道",
           "--start", "2026-03-01", "--end", "2026-04-30", "--hours", "80", "--capacity", str(args.rows))

        ours, theirs, memory = [], [], []
        for attempt in range(args.repeat):
            db = os.path.join(work, f"run{attempt}.sqlite")
            shutil.copy(base, db)
            seconds, peak = run([binary, "cohort", "import", "1", csv, "--db", db, "--today", "2026-11-21"])
            ours.append(seconds)
            memory.append(peak)

            plain = os.path.join(work, f"plain{attempt}.sqlite")
            script = ("CREATE TABLE trainees (national_id TEXT PRIMARY KEY, name TEXT, phone TEXT, education TEXT, "
                      "household TEXT, key_groups TEXT);\n.mode csv\n.import --skip 1 " + csv + " trainees\n")
            seconds, _ = run(["sqlite3", plain], stdin=open(write(work, "import.sql", script)))
            theirs.append(seconds)
            print(f"run {attempt + 1}: skillcert {ours[-1]:.2f} s ({memory[-1]:.0f} MB peak), sqlite3 .import {theirs[-1]:.2f} s")

        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"median skillcert import: {a:.2f} s = {args.rows / a:,.0f} rows/s, peak memory {max(memory):.0f} MB")
        print(f"median sqlite3 .import:  {b:.2f} s = {args.rows / b:,.0f} rows/s")
        print(f"ratio skillcert / sqlite3: {a / b:.2f}x (goal: within 4x, peak under 300 MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path


if __name__ == "__main__":
    main()
