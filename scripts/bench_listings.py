#!/usr/bin/env python3
"""Listing benchmark (issue 14): the first page of every listing on the city-scale demo year.

Runs each listing command of a release build REPEAT times against the database that
`skillcert demo --scale city` builds (about 1.2 million people; a quarter of an hour to build,
kept at --city-db and reused), as the bureau and as a clerk, and prints per command the median
wall time and the largest peak memory (GNU time's maximum resident set), beside `--all` for the
person listing as the before/after contrast. Not a test: the machines are shared and noisy, so
figures are reported, never asserted, with the CPU time (user and system) beside the wall time
and the load average beside each line. Goal: every first page under 100 ms and 100 MB.

    python3 scripts/bench_listings.py [--city-db city.sqlite] [--repeat 5] [--binary .build/release/skillcert]
"""
import argparse, os, re, statistics, subprocess, sys, tempfile, time


def build_city(binary, path):
    print(f"building the city-scale demo year into {path} (about a quarter of an hour)…", flush=True)
    out = tempfile.mkdtemp(prefix="city-exports-")
    subprocess.run([binary, "demo", "--scale", "city", "--db", path, "--out", out, "--replace"], check=True,
                   stdout=subprocess.DEVNULL)


def clerk_login(path):
    import sqlite3
    db = sqlite3.connect(path)
    row = db.execute("""SELECT u.login FROM users u JOIN cohorts c ON c.institution_id = u.institution_id
                        WHERE u.role = 'institution' GROUP BY u.login ORDER BY count(*) DESC LIMIT 1""").fetchone()
    return row[0]


def measure(command, repeat):
    """Median wall seconds, median CPU seconds (user and system) and the largest peak RSS in MiB
    of `command`, run `repeat` times. On a shared machine the wall time includes waiting for a
    core; the CPU time is the work itself."""
    times, cpu, peaks = [], [], []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", *command], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
        user, system, peak = done.stderr.strip().splitlines()[-1].split()
        cpu.append(float(user) + float(system))
        peaks.append(int(peak) / 1024)
    return statistics.median(times), statistics.median(cpu), max(peaks)


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--city-db", default="city.sqlite")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--binary", default=".build/release/skillcert")
    args = parser.parse_args()
    if not os.path.exists(args.city_db):
        build_city(args.binary, args.city_db)
    # The first open of a database made by an older build runs the newer migrations (indexes
    # over a million rows): done once here, not inside the first timed listing.
    started = time.perf_counter()
    subprocess.run([args.binary, "institution", "list", "--db", args.city_db, "--as", "admin"], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"opened {args.city_db} once first ({time.perf_counter() - started:.1f} s, migrations included); "
          f"load average {open('/proc/loadavg').read().split()[0]}")
    clerk = clerk_login(args.city_db)
    listings = [
        ("person list", [], "admin"), ("person list", [], clerk), ("person list --name 陈", ["--name", "陈"], "admin"),
        ("cohort list", [], "admin"), ("cohort list", [], clerk), ("session list", [], "admin"),
        ("examiner list", [], "admin"), ("institution list", [], "admin"), ("user list", [], "admin"),
        ("audit list", [], "admin"), ("cert list", [], "admin"), ("cert list", [], clerk),
        ("cert list --period 2026Q2", ["--period", "2026Q2"], "admin"),
    ]
    print(f"{'listing':34} {'as':16} {'median ms':>10} {'CPU ms':>7} {'peak MiB':>9}  load")
    for name, extra, login in listings:
        words = name.split(" ")[:2]
        seconds, cpu, peak = measure([args.binary, *words, *extra, "--db", args.city_db, "--as", login], args.repeat)
        print(f"{name:34} {login:16} {seconds * 1000:10.0f} {cpu * 1000:7.0f} {peak:9.1f}  {load()}", flush=True)
    seconds, cpu, peak = measure([args.binary, "person", "list", "--all", "--db", args.city_db], 1)
    print(f"{'person list --all (every row)':34} {'admin':16} {seconds * 1000:10.0f} {cpu * 1000:7.0f} {peak:9.1f}  {load()}")


if __name__ == "__main__":
    main()
