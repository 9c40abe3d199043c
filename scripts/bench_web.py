#!/usr/bin/env python3
"""Web benchmark (issue 15): wrk against the signed-in pages of `skillcert serve` on the city year.

On a copy of the city-scale database (the original is never opened for writing), gives the
bureau's `admin` a password, starts a release build's `skillcert serve` on a free loopback port,
signs in through the form (the sign-in page's CSRF token, then the forced change of the initial
password) and runs wrk with the session cookie against the audit trail (/audit) and the
institution list (/institutions): CONNECTIONS connections for DURATION seconds each, requests per
second, p50 / p99 latency and errors, where a response other than 200 (a redirect to the sign-in
page included) counts as an error. Each page is measured with nothing else running and then, at
once after, while 100,000-row trainee imports run one after another in another process against
the same database for the whole measurement (a list per import, each into a cohort of its own).
It ends with the ratios of the two, measured side by side, and the server's peak memory. Not a test: the
machine is shared, so figures are reported with the load average beside them, never asserted.
Goals: p99 under 100 ms with no errors; under 300 ms during the import.

    python3 scripts/bench_web.py [--city-db city.sqlite] [--duration 30] [--connections 32] [--rows 100000]
"""
import argparse, http.cookiejar, json, math, os, re, shutil, statistics, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from bench_import import generate  # noqa: E402  the same generated list as the import benchmark
from bench_listings import build_city  # noqa: E402  the city year, built once and reused

LOGIN = "admin"
PAGES = ["/audit", "/institutions"]

# wrk counts only 4xx and 5xx as errors; a signed-out request is a 303 to /signin, so every
# status but 200 is counted here, per thread, and summed when wrk is done.
WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_ok = 0 end
function response(status, headers, body) if status ~= 200 then not_ok = not_ok + 1 end end
function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do not_ok = not_ok + thread:get("not_ok") end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"mean_us": %.0f, "not_200": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, not_ok, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def csrf_token(html):
    match = re.search(r'name="_csrf" value="([^"]+)"', html)
    if not match:
        sys.exit("no _csrf field on the page")
    return match.group(1)


def sign_in(base, password, new_password):
    """Signs in through the form like a browser and returns the session cookie's value."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = csrf_token(browser.open(base + "/signin").read().decode())
    form = urllib.parse.urlencode({"_csrf": token, "login": LOGIN, "password": password}).encode()
    landed = browser.open(base + "/signin", data=form)
    if urllib.parse.urlparse(landed.url).path == "/password":
        # The password `user set-password` gave is an initial one: change it first.
        token = csrf_token(landed.read().decode())
        form = urllib.parse.urlencode({"_csrf": token, "current": password, "new": new_password,
                                       "repeat": new_password}).encode()
        landed = browser.open(base + "/password", data=form)
    if urllib.parse.urlparse(landed.url).path != "/":
        sys.exit(f"sign-in ended on {landed.url}, not the home page")
    cookie = next((c.value for c in jar if c.name == "skillcert_session"), None)
    if not cookie:
        sys.exit("no session cookie after signing in")
    return cookie


def check_page(base, path, cookie):
    """The page answers 200 with the signed-in frame, not a redirect to the sign-in page."""
    request = urllib.request.Request(base + path, headers={"Cookie": f"skillcert_session={cookie}"})
    try:
        response = urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as error:
        sys.exit(f"{path} answered {error.code}, not 200")
    body = response.read().decode()
    if response.status != 200 or LOGIN not in body or "<table" not in body:
        sys.exit(f"{path} did not show the signed-in page with its table")
    return len(body)


def run_wrk(base, path, cookie, args, script):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
               "--timeout", "10s", "-s", script, "-H", f"Cookie: skillcert_session={cookie}", base + path]
    before = load_average()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"wrk failed: {done.stderr}", file=sys.stderr)
        raise RuntimeError("wrk failed")
    line = next(l for l in done.stdout.splitlines() if l.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result["load"] = f"{before} → {load_average()}"
    result["rps"] = result["requests"] / result["seconds"]
    result["errors"] = result["not_200"] + sum(result[k] for k in ("connect", "read", "write", "timeout"))
    return result


def show(label, path, r):
    print(f"{label:16} {path:14} {r['rps']:8.0f} req/s  p50 {r['p50_us'] / 1000:7.1f} ms  p99 {r['p99_us'] / 1000:7.1f} ms  "
          f"max {r['max_us'] / 1000:7.1f} ms  errors {r['errors']} (not 200: {r['not_200']}, timeouts {r['timeout']})  "
          f"load {r['load']}", flush=True)


class Imports:
    """100,000-row imports into cohorts of their own, one after another, until told to stop."""

    def __init__(self, binary, db, work, rows, lists):
        self.binary, self.db, self.rows = binary, db, rows
        every = os.path.join(work, "every.csv")
        generate(every, rows * lists)
        with open(every, encoding="utf-8") as source:
            header, *lines = source.readlines()
        self.lists = []
        for index in range(lists):
            path = os.path.join(work, f"trainees{index}.csv")
            with open(path, "w", encoding="utf-8") as target:
                target.writelines([header] + lines[index * rows:(index + 1) * rows])
            self.lists.append(path)
        sc = lambda *a: subprocess.run([binary, *a, "--db", db], check=True, stdout=subprocess.DEVNULL)
        sc("institution", "add", "--name", "基准培训学校", "--kind", "training", "--district", "石岐街道")
        self.cohorts = []
        for index in range(lists):
            name = f"基准班{index + 1}"
            sc("cohort", "create", "--name", name, "--institution", "基准培训学校", "--project", "yuecai",
               "--occupation", "4-03-02-01", "--level", "5", "--district", "石岐街道",
               "--start", "2026-03-01", "--end", "2026-04-30", "--hours", "80", "--capacity", str(rows))
            listed = subprocess.run(["sqlite3", db, f"SELECT id FROM cohorts WHERE name = '{name}'"],
                                    check=True, capture_output=True, text=True)
            self.cohorts.append(listed.stdout.strip())
        self.next = 0
        self.process = None
        self.times = []

    def start(self):
        if self.next >= len(self.lists):
            print(f"(every list is imported: no import ran for the rest of this measurement; raise --lists)")
            self.process = None
            return
        self.started = time.perf_counter()
        self.process = subprocess.Popen([self.binary, "cohort", "import", self.cohorts[self.next], self.lists[self.next],
                                         "--db", self.db, "--today", "2026-11-21"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.next += 1

    def keep_going(self):
        """Starts the next import when one has finished."""
        if self.process and self.process.poll() is not None:
            self.finish()
            self.start()

    def finish(self):
        if not self.process:
            return
        _, errors = self.process.communicate()
        if self.process.returncode != 0:
            sys.exit("an import failed: " + errors)
        self.times.append(time.perf_counter() - self.started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--city-db", default="city.sqlite")
    parser.add_argument("--binary", default=".build/release/skillcert")
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--lists", type=int, default=None,
                        help="lists ready for the imports, one per import (default: enough for one every 1.5 s)")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    # An import of 100,000 rows takes 2 to 4 s on the development machine: a list for every
    # 1.5 s keeps one running for the whole of each measurement.
    args.lists = args.lists or math.ceil(len(PAGES) * args.duration / 1.5)
    if not os.path.exists(args.city_db):
        build_city(binary, args.city_db)
    work = tempfile.mkdtemp(prefix="skillcert-web-bench-", dir=os.path.dirname(os.path.abspath(args.city_db)))
    server = None
    try:
        db = os.path.join(work, "web.sqlite")
        print(f"copying {args.city_db} … (load {load_average()})", flush=True)
        for suffix in ("", "-wal"):
            if os.path.exists(args.city_db + suffix):
                shutil.copyfile(args.city_db + suffix, db + suffix)
        password, new_password = "bench-initial-1", "bench-changed-2"
        password_file = os.path.join(work, "password.txt")
        with open(password_file, "w") as f:
            f.write(password + "\n")
        subprocess.run([binary, "user", "set-password", LOGIN, "--password-file", password_file, "--db", db],
                       check=True, stdout=subprocess.DEVNULL)
        print(f"preparing {args.lists} lists of {args.rows:,} trainees for the imports …", flush=True)
        imports = Imports(binary, db, work, args.rows, args.lists)

        log = open(os.path.join(work, "serve.log"), "w")
        server = subprocess.Popen([binary, "serve", "--db", db, "--port", "0"], stdout=log, stderr=subprocess.STDOUT)
        base = None
        for _ in range(600):
            with open(log.name) as f:
                match = re.search(r"http://[0-9.]+:[0-9]+", f.read())
            if match:
                base = match.group(0)
                break
            if server.poll() is not None:
                sys.exit("skillcert serve stopped: " + open(log.name).read())
            time.sleep(0.1)
        if not base:
            sys.exit("skillcert serve did not announce its address")
        cookie = sign_in(base, password, new_password)
        for path in PAGES:
            print(f"{path}: 200, {check_page(base, path, cookie):,} bytes, signed in as {LOGIN}")
        script = os.path.join(work, "count.lua")
        with open(script, "w") as f:
            f.write(WRK_SCRIPT)

        print(f"\nwrk, {args.connections} connections, {args.duration} s per page, server {base}")
        results = {}
        # Each page idle and then during the imports, one after the other, so that each pair is
        # measured under the same load from the rest of the machine.
        for path in PAGES:
            results[("idle", path)] = run_wrk(base, path, cookie, args, script)
            show("idle", path, results[("idle", path)])
            imports.start()
            time.sleep(0.5)  # the import opens its write transaction
            # wrk runs in a thread of its own; imports follow one another until it is done.
            box = {}
            thread = threading.Thread(target=lambda: box.update(result=run_wrk(base, path, cookie, args, script)))
            thread.start()
            while thread.is_alive():
                imports.keep_going()
                thread.join(0.2)
            imports.finish()
            if "result" not in box:
                sys.exit("wrk failed during the imports")
            results[("import", path)] = box["result"]
            show("during imports", path, box["result"])
        for path in PAGES:
            check_page(base, path, cookie)
        print(f"\n{len(imports.times)} imports of {args.rows:,} rows ran during the measurements, "
              f"median {statistics.median(imports.times):.1f} s each ({', '.join(f'{t:.1f}' for t in imports.times)})")
        for path in PAGES:
            idle, busy = results[("idle", path)], results[("import", path)]
            print(f"{path}: during / idle  p50 {busy['p50_us'] / idle['p50_us']:.2f}x  p99 {busy['p99_us'] / idle['p99_us']:.2f}x  "
                  f"req/s {busy['rps'] / idle['rps']:.2f}x")
        with open(f"/proc/{server.pid}/status") as f:
            peak = next(l for l in f if l.startswith("VmHWM")).split()[1]
        print(f"server peak memory {int(peak) / 1024:.0f} MiB")
    finally:
        if server and server.poll() is None:
            server.terminate()
            server.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
