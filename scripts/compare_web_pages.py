#!/usr/bin/env python3
"""Serves one copy of a database with two builds of `skillcert serve` and compares the HTML of
the same signed-in pages from both, byte for byte: a change meant to make pages faster must not
change what they show.

The bureau's `admin` and the busiest clerk are given a password and signed in once (sessions
live in the database, so one cookie serves both servers); each page is fetched from both and any
difference is printed with its first differing line. Exit status 1 if any page differs.

    python3 scripts/compare_web_pages.py --city-db city.sqlite --binary .build/release/skillcert --compare OTHER_BUILD
"""
import argparse, difflib, os, shutil, subprocess, sys, tempfile, urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from bench_web import ADMIN, NoRedirect, clerk_login, sign_in, start_server  # noqa: E402

# Each list at its first page and a later one, filtered, empty, and refused; the frame's menu
# with and without a current entry, for both roles.
PAGES = {
    "bureau": ["/audit", "/audit?page=2", "/audit?page=37000", "/audit?action=user.signin", "/audit?entity=cohorts",
               "/audit?user=nobody-at-all", "/audit?from=2026-13-45", "/audit?key=1", "/institutions",
               "/institutions?kind=evaluation", "/institutions?q=%E6%8A%80", "/institutions?q=no-such-name",
               "/cohorts", "/cohorts?page=2", "/cohorts?status=completed", "/cohorts?project=no-such-project",
               "/", "/users", "/catalog", "/persons", "/statistics"],
    "clerk": ["/cohorts", "/cohorts?page=3", "/cohorts?status=training&page=5", "/cohorts?status=planned", "/cohorts?occupation=no-such", "/", "/institutions",
              "/persons"],
}


def fetch(base, path, cookie):
    request = urllib.request.Request(base + path, headers={"Cookie": f"skillcert_session={cookie}"})
    try:
        response = urllib.request.build_opener(NoRedirect).open(request)
        return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--city-db", default="city.sqlite", help="copied, never written")
    parser.add_argument("--binary", default=".build/release/skillcert")
    parser.add_argument("--compare", required=True, metavar="BINARY")
    parser.add_argument("--work", default=".build/compare-pages")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    work = tempfile.mkdtemp(prefix="run-", dir=args.work)
    servers = []
    try:
        db = os.path.join(work, "web.sqlite")
        for suffix in ("", "-wal"):
            if os.path.exists(args.city_db + suffix):
                shutil.copyfile(args.city_db + suffix, db + suffix)
        logins = {"bureau": ADMIN, "clerk": clerk_login(db)}
        password_file = os.path.join(work, "password.txt")
        with open(password_file, "w") as f:
            f.write("compare-initial-1\n")
        for login in logins.values():
            subprocess.run([args.binary, "user", "set-password", login, "--password-file", password_file, "--db", db],
                           check=True, stdout=subprocess.DEVNULL)
        for index, binary in enumerate([args.binary, args.compare]):
            servers.append(start_server(os.path.abspath(binary), db, os.path.join(work, f"serve{index}.log")))
        cookies = {role: sign_in(servers[0][1], login, "compare-initial-1", "compare-changed-2") for role, login in logins.items()}
        differ = 0
        for role, paths in PAGES.items():
            for path in paths:
                (status_a, a), (status_b, b) = (fetch(base, path, cookies[role]) for _, base in servers)
                if (status_a, a) == (status_b, b):
                    print(f"same     {role:6} {path} ({status_a}, {len(a):,} bytes)")
                    continue
                differ += 1
                print(f"DIFFERS  {role:6} {path} ({status_a}, {len(a):,} bytes / {status_b}, {len(b):,} bytes)")
                for line in list(difflib.unified_diff(b.splitlines(), a.splitlines(), "compared", "this build", lineterm="", n=0))[:8]:
                    print("   ", line[:300])
        print(f"{differ} of {sum(map(len, PAGES.values()))} pages differ")
        sys.exit(1 if differ else 0)
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
