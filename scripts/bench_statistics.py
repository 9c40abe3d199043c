#!/usr/bin/env python3
"""Statistics benchmark (issue 17): the quarterly workbook and the statistics dashboard at city scale,
this build side by side with another (the previous release's binary) in one run.

Each build gets its own copy of the city-scale demo year (under --work; the original is never opened
for writing) and migrates it once, untimed (this build adds the running totals the statistics read).
Then, REPEAT rounds, each build right after the other so that both see the same load from the rest of
the machine:

- `skillcert report quarterly 2026Q4` (the workbook of the fourth quarter and its year to date), the
  wall-clock time of the whole command;
- the dashboard `GET /statistics?year=2026&quarter=4` of `skillcert serve`, signed in as the bureau's
  `admin`, one request at a time after a first untimed one, the time to the last byte. A build without
  the dashboard (404) is reported as such: before it, the workbook was the only way to these figures.

Medians per build and their ratio are reported, with the load average, never asserted (the machine is
shared). The two builds' workbooks are then compared cell by cell, every sheet: the figures must be the
same, or the script fails.

    python3 scripts/bench_statistics.py [--city-db city.sqlite] [--repeat 5] [--compare PREVIOUS_BUILD]
"""
import argparse, io, os, re, shutil, statistics, subprocess, sys, tempfile, time, zipfile
import urllib.error, urllib.request
from xml.etree import ElementTree

sys.path.insert(0, os.path.dirname(__file__))
from bench_listings import build_city  # noqa: E402  the city year, built once and reused
from bench_web import load_average, sign_in, start_server  # noqa: E402

QUARTER = "2026Q4"
DASHBOARD = "/statistics?year=2026&quarter=4"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def workbook_cells(path):
    """Every sheet of an .xlsx as {sheet file: {cell reference: stored value}}, shared strings resolved."""
    with zipfile.ZipFile(path) as book:
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).iter(SHEET + "si"):
                shared.append("".join(text.text or "" for text in item.iter(SHEET + "t")))
        sheets = {}
        for name in sorted(n for n in book.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)):
            cells = {}
            for cell in ElementTree.fromstring(book.read(name)).iter(SHEET + "c"):
                value = cell.find(SHEET + "v")
                if cell.get("t") == "s":
                    cells[cell.get("r")] = shared[int(value.text)]
                elif cell.get("t") == "inlineStr":
                    cells[cell.get("r")] = "".join(text.text or "" for text in cell.iter(SHEET + "t"))
                elif value is not None:
                    cells[cell.get("r")] = value.text or ""
            sheets[name] = cells
        return sheets


def report(binary, db, out):
    started = time.perf_counter()
    subprocess.run([binary, "report", "quarterly", QUARTER, "--db", db, "--out", out, "--file", "q.xlsx"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def fetch(base, cookie):
    """The dashboard's time to the last byte, or None when this build has no dashboard."""
    request = urllib.request.Request(base + DASHBOARD, headers={"Cookie": f"skillcert_session={cookie}"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            body = response.read().decode()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise
    seconds = time.perf_counter() - started
    if "data-project=\"yuecai\"" not in body:
        sys.exit("the dashboard did not show the projects' figures")
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--city-db", default="city.sqlite", help="the city year; copied, never written")
    parser.add_argument("--binary", default=".build/release/skillcert")
    parser.add_argument("--compare", metavar="BINARY", help="the previous build, measured beside this one")
    parser.add_argument("--work", default=".build/bench-statistics", help="folder for the copies (removed after)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    builds = [("this build", os.path.abspath(args.binary))]
    if args.compare:
        builds.append(("previous", os.path.abspath(args.compare)))
    if not os.path.exists(args.city_db):
        build_city(builds[0][1], args.city_db)
    os.makedirs(args.work, exist_ok=True)
    work = tempfile.mkdtemp(prefix="run-", dir=args.work)
    servers = []
    try:
        password, new_password = "bench-initial-1", "bench-changed-2"
        password_file = os.path.join(work, "password.txt")
        with open(password_file, "w") as f:
            f.write(password + "\n")
        copies = {}
        for index, (name, binary) in enumerate(builds):
            db = os.path.join(work, f"city{index}.sqlite")
            print(f"{name}: copying {args.city_db} and migrating it … (load {load_average()})", flush=True)
            for suffix in ("", "-wal"):
                if os.path.exists(args.city_db + suffix):
                    shutil.copyfile(args.city_db + suffix, db + suffix)
            started = time.perf_counter()
            subprocess.run([binary, "user", "set-password", "admin", "--password-file", password_file, "--db", db],
                           check=True, stdout=subprocess.DEVNULL)
            print(f"{name}: opened (migrations included) in {time.perf_counter() - started:.1f} s")
            server, base = start_server(binary, db, os.path.join(work, f"serve{index}.log"))
            servers.append(server)
            cookie = sign_in(base, "admin", password, new_password)
            copies[name] = (db, base, cookie, binary)
            fetch(base, cookie)  # the first request opens the catalog's caches; not timed

        times = {}
        for round in range(1, args.repeat + 1):
            for name, (db, base, cookie, binary) in copies.items():
                seconds = report(binary, db, os.path.join(work, f"out-{name.replace(' ', '-')}"))
                times.setdefault((name, "workbook"), []).append(seconds)
                dashboard = fetch(base, cookie)
                times.setdefault((name, "dashboard"), []).append(dashboard)
                shown = f"{dashboard * 1000:.0f} ms" if dashboard is not None else "absent (404)"
                print(f"round {round}: {name}: quarterly workbook {seconds:.2f} s, dashboard {shown} (load {load_average()})",
                      flush=True)

        print(f"\nmedians over {args.repeat} rounds (city scale, {QUARTER} and its year to date):")
        medians = {}
        for (name, what), values in times.items():
            values = [v for v in values if v is not None]
            medians[(name, what)] = statistics.median(values) if values else None
        for what, unit in (("workbook", "s"), ("dashboard", "ms")):
            for name, _ in builds:
                value = medians[(name, what)]
                shown = "absent" if value is None else (f"{value:.2f} s" if unit == "s" else f"{value * 1000:.0f} ms")
                print(f"  {what:9} {name:10} {shown}")
        if args.compare:
            new, old = medians[("this build", "workbook")], medians[("previous", "workbook")]
            print(f"  quarterly workbook: previous / this build = {old / new:.2f}x (goal: at least 2x)")
            dashboard = medians[("this build", "dashboard")]
            print(f"  dashboard: {dashboard * 1000:.0f} ms (goal: under 200 ms); the previous build had none, "
                  f"and its workbook, the only way to these figures, took {old:.2f} s")

            # The figures must not have changed: every cell of every sheet, both builds' workbooks.
            ours = workbook_cells(os.path.join(work, "out-this-build", "q.xlsx"))
            theirs = workbook_cells(os.path.join(work, "out-previous", "q.xlsx"))
            differences = [(sheet, ref, theirs.get(sheet, {}).get(ref), cells.get(ref))
                           for sheet, cells in ours.items() for ref in sorted(set(cells) | set(theirs.get(sheet, {})))
                           if cells.get(ref) != theirs.get(sheet, {}).get(ref)]
            if set(ours) != set(theirs) or differences:
                for sheet, ref, before, after in differences[:20]:
                    print(f"  {sheet} {ref}: previous {before!r}, this build {after!r}")
                sys.exit(f"the workbooks differ in {len(differences)} cells")
            print(f"  the two workbooks hold the same {sum(len(c) for c in ours.values()):,} cells in {len(ours)} sheets")
    finally:
        for server in servers:
            server.terminate()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
