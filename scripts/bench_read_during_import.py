#!/usr/bin/env python3
"""Reads during an import (issue 14): how long the first page of the person listing takes while
a 100,000-row trainee list is imported into the same database by another process, beside the same
reads with nothing else running. The import holds SQLite's write lock for its whole transaction;
readers (WAL) must not wait for it. Prints median, 95th percentile and slowest read of each phase
and any read that failed. Not a test: the machines are shared and noisy, figures are reported.

    python3 scripts/bench_read_during_import.py [--rows 100000] [--binary .build/release/skillcert]
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(__file__))
from bench_import import generate  # noqa: E402  the same generated list as the import benchmark


def timed_reads(command, until):
    """Runs `command` again and again until `until()` is true (at least 20 times); seconds per run."""
    times, failures = [], 0
    while len(times) < 20 or not until():
        started = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            failures += 1
            print("read failed:", done.stderr.strip()[:300])
        if len(times) >= 2000:
            break
    return times, failures


def report(label, times, failures):
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{label:30} {len(times):5} reads  median {statistics.median(times) * 1000:6.0f} ms  "
          f"p95 {p95 * 1000:6.0f} ms  slowest {times[-1] * 1000:6.0f} ms  failed {failures}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--binary", default=".build/release/skillcert")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="skillcert-read-bench-")
    try:
        every = os.path.join(work, "every.csv")
        generate(every, args.rows + 5000)
        # The list to import, and something to read meanwhile: 5,000 other people in a second class.
        csv, small = os.path.join(work, "trainees.csv"), os.path.join(work, "small.csv")
        with open(every, encoding="utf-8") as source:
            lines = source.readlines()
        with open(csv, "w", encoding="utf-8") as target:
            target.writelines(lines[:args.rows + 1])
        with open(small, "w", encoding="utf-8") as target:
            target.writelines(lines[:1] + lines[args.rows + 1:])
        db = os.path.join(work, "bench.sqlite")
        sc = lambda *a: subprocess.run([binary, *a, "--db", db], check=True, stdout=subprocess.DEVNULL)
        sc("init", "--catalog", os.path.abspath("Catalog"))
        sc("institution", "add", "--name", "基准培训学校", "--kind", "training", "--district", "石岐街道")
        for name in ("基准班", "第二班"):
            sc("cohort", "create", "--name", name, "--institution", "基准培训学校", "--project", "yuecai",
               "--occupation", "4-03-02-01", "--level", "5", "--district", "石岐街道",
               "--start", "2026-03-01", "--end", "2026-04-30", "--hours", "80", "--capacity", str(args.rows))
        sc("cohort", "import", "2", small, "--today", "2026-11-21")
        read = [binary, "person", "list", "--limit", "50", "--db", db]

        idle, idle_failed = timed_reads(read, until=lambda: True)
        started = time.perf_counter()
        importing = subprocess.Popen([binary, "cohort", "import", "1", csv, "--db", db, "--today", "2026-11-21"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)  # the import opens its transaction
        during, during_failed = timed_reads(read, until=lambda: importing.poll() is not None)
        _, errors = importing.communicate()
        if importing.returncode != 0:
            sys.exit("the import failed: " + errors)
        print(f"{args.rows:,} rows imported in {time.perf_counter() - started:.1f} s")
        report("reads, nothing else running", idle, idle_failed)
        report("reads during the import", during, during_failed)
        print(f"ratio of medians during / idle: {statistics.median(during) / statistics.median(idle):.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
