#!/usr/bin/env python3
"""Web benchmark (issue 15): wrk against the signed-in pages of `skillcert serve` on the city year.

On a copy of the city-scale database (under --work; the original is never opened for writing),
gives the bureau's `admin` and the busiest clerk a password, starts a release build's `skillcert
serve` on a free loopback port, signs both in through the form (the sign-in page's CSRF token,
then the forced change of the initial password) and runs wrk with the session cookie against the
audit trail (/audit), the institution list (/institutions) and the clerk's classes (/cohorts):
CONNECTIONS connections for DURATION seconds each, requests per second, p50 / p99 latency and
errors, where a response other than 200 (a redirect to the sign-in page included) counts as an
error. Each page is measured with nothing else running and then, at once after, while
100,000-row trainee imports run one after another in another process against the same database
for the whole measurement. Beside each: the server's CPU time per request (from /proc), the
work itself whatever else the machine does. REPEAT rounds; the medians are reported. With --compare, a second
build serves the same copy and each page is measured on both, one right after the other, for a
before/after comparison in one run. Not a test: the machine is shared, so figures are reported
with the load average beside them, never asserted.
Goals: p99 under 100 ms with no errors; under 300 ms during the import.

    python3 scripts/bench_web.py [--city-db city.sqlite] [--duration 30] [--connections 32] [--repeat 3]
                                 [--rows 100000] [--compare OTHER_BUILD]
"""
import argparse, http.cookiejar, json, os, re, shutil, statistics, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from bench_import import generate  # noqa: E402  the same generated list as the import benchmark
from bench_listings import build_city  # noqa: E402  the city year, built once and reused

ADMIN = "admin"
# The pages measured and who is signed in for each: the bureau's audit trail and institution
# list, and a clerk's list of her classes (the clerk with the most classes in the city year).
PAGES = [("/audit", "bureau"), ("/institutions", "bureau"), ("/cohorts", "clerk")]
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


def sign_in(base, login, password, new_password):
    """Signs in through the form like a browser and returns the session cookie's value."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = csrf_token(browser.open(base + "/signin").read().decode())
    form = urllib.parse.urlencode({"_csrf": token, "login": login, "password": password}).encode()
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


def check_page(base, path, cookie, login):
    """The page answers 200 with the signed-in frame, not a redirect to the sign-in page."""
    request = urllib.request.Request(base + path, headers={"Cookie": f"skillcert_session={cookie}"})
    try:
        response = urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as error:
        sys.exit(f"{path} answered {error.code}, not 200")
    body = response.read().decode()
    if response.status != 200 or login not in body or "<table" not in body:
        sys.exit(f"{path} did not show the signed-in page with its table")
    return len(body)


def cpu_seconds(pid):
    """User and system CPU time the process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_wrk(base, path, cookie, args, script, server):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
               "--timeout", "10s", "-s", script, "-H", f"Cookie: skillcert_session={cookie}", base + path]
    before, cpu_before = load_average(), cpu_seconds(server.pid)
    done = subprocess.run(command, capture_output=True, text=True)
    cpu = cpu_seconds(server.pid) - cpu_before
    if done.returncode != 0:
        print(f"wrk failed: {done.stderr}", file=sys.stderr)
        raise RuntimeError("wrk failed")
    line = next(l for l in done.stdout.splitlines() if l.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result["load"] = f"{before} → {load_average()}"
    result["rps"] = result["requests"] / result["seconds"]
    # The server's own work per request, whatever else the machine is doing meanwhile.
    result["cpu_ms"] = cpu * 1000 / max(result["requests"], 1)
    result["errors"] = result["not_200"] + sum(result[k] for k in ("connect", "read", "write", "timeout"))
    return result


def show(label, path, r):
    print(f"{label:28} {path:14} {r['rps']:8.0f} req/s  p50 {r['p50_us'] / 1000:7.1f} ms  p99 {r['p99_us'] / 1000:7.1f} ms  "
          f"max {r['max_us'] / 1000:7.1f} ms  CPU {r['cpu_ms']:5.2f} ms/request  errors {r['errors']} (not 200: {r['not_200']}, timeouts {r['timeout']})  "
          f"load {r['load']}", flush=True)


class Imports:
    """100,000-row trainee imports one after another, each into a class of its own made just
    before it, until told to stop.

    A few lists are generated and imported again and again: the same people enrolled in classes
    of the same occupation whose dates do not overlap (a list's n-th class is 3n months before
    its first), so the city gains a few hundred thousand people, not millions."""

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
        os.remove(every)
        subprocess.run([binary, "institution", "add", "--name", "基准培训学校", "--kind", "training",
                        "--district", "石岐街道", "--db", db], check=True, stdout=subprocess.DEVNULL)
        self.next = 0
        self.process = None
        self.times = []

    def new_class(self):
        index = self.next
        month = 2026 * 12 + 2 - 3 * (index // len(self.lists))  # March 2026, then every three months back
        start, end = f"{month // 12}-{month % 12 + 1:02d}-01", f"{(month + 1) // 12}-{(month + 1) % 12 + 1:02d}-28"
        made = subprocess.run([self.binary, "cohort", "create", "--name", f"基准班{index + 1}", "--institution", "基准培训学校",
                               "--project", "yuecai", "--occupation", "4-03-02-01", "--level", "5", "--district", "石岐街道",
                               "--start", start, "--end", end, "--hours", "80", "--capacity", str(self.rows), "--db", self.db],
                              check=True, capture_output=True, text=True)
        return re.search(r"Created cohort (\d+)", made.stdout).group(1)

    def start(self):
        cohort = self.new_class()
        trainees = self.lists[self.next % len(self.lists)]
        self.next += 1
        self.started = time.perf_counter()
        self.process = subprocess.Popen([self.binary, "cohort", "import", cohort, trainees, "--db", self.db, "--today", "2026-11-21"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

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
        self.process = None


def clerk_login(db):
    """The clerk of the institution with the most classes."""
    import sqlite3
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    return connection.execute("""SELECT u.login FROM users u JOIN cohorts c ON c.institution_id = u.institution_id
                                 WHERE u.role = 'institution' AND u.active GROUP BY u.login ORDER BY count(*) DESC
                                 LIMIT 1""").fetchone()[0]


def start_server(binary, db, log_path):
    log = open(log_path, "w")
    server = subprocess.Popen([binary, "serve", "--db", db, "--port", "0"], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(600):
        with open(log_path) as f:
            match = re.search(r"http://[0-9.]+:[0-9]+", f.read())
        if match:
            return server, match.group(0)
        if server.poll() is not None:
            sys.exit("skillcert serve stopped: " + open(log_path).read())
        time.sleep(0.1)
    sys.exit("skillcert serve did not announce its address")


def peak_memory(server):
    with open(f"/proc/{server.pid}/status") as f:
        return int(next(l for l in f if l.startswith("VmHWM")).split()[1]) / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--city-db", default="city.sqlite", help="the city year; copied, never written")
    parser.add_argument("--binary", default=".build/release/skillcert")
    parser.add_argument("--compare", metavar="BINARY",
                        help="another build served from the same copy and measured right after this one, "
                             "page by page, for a before/after comparison in one run")
    parser.add_argument("--work", default=".build/bench-web", help="folder for the copy and the lists (removed after)")
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians over them are reported")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--lists", type=int, default=6, help="distinct lists the imports take turns with")
    parser.add_argument("--pages", nargs="+", metavar="PATH", help="only these of the pages")
    args = parser.parse_args()
    global PAGES
    if args.pages:
        PAGES = [(path, role) for path, role in PAGES if path in args.pages]
    builds = [("this build", os.path.abspath(args.binary))]
    if args.compare:
        builds.append(("compared", os.path.abspath(args.compare)))
    binary = builds[0][1]
    if not os.path.exists(args.city_db):
        build_city(binary, args.city_db)
    os.makedirs(args.work, exist_ok=True)
    work = tempfile.mkdtemp(prefix="run-", dir=args.work)
    servers = []
    try:
        db = os.path.join(work, "web.sqlite")
        print(f"copying {args.city_db} … (load {load_average()})", flush=True)
        for suffix in ("", "-wal"):
            if os.path.exists(args.city_db + suffix):
                shutil.copyfile(args.city_db + suffix, db + suffix)
        logins = {"bureau": ADMIN, "clerk": clerk_login(db)}
        password, new_password = "bench-initial-1", "bench-changed-2"
        password_file = os.path.join(work, "password.txt")
        with open(password_file, "w") as f:
            f.write(password + "\n")
        for login in logins.values():
            subprocess.run([binary, "user", "set-password", login, "--password-file", password_file, "--db", db],
                           check=True, stdout=subprocess.DEVNULL)
        print(f"preparing {args.lists} lists of {args.rows:,} trainees for the imports …", flush=True)
        imports = Imports(binary, db, work, args.rows, args.lists)

        for index, (name, path) in enumerate(builds):
            server, base = start_server(path, db, os.path.join(work, f"serve{index}.log"))
            servers.append((name, server, base))
        # Sessions live in the database: one sign-in per user serves every server.
        cookies = {role: sign_in(servers[0][2], login, password, new_password) for role, login in logins.items()}
        for name, _, base in servers:
            for path, role in PAGES:
                size = check_page(base, path, cookies[role], logins[role])
                print(f"{name}: {path} 200, {size:,} bytes, signed in as {logins[role]}")
        script = os.path.join(work, "count.lua")
        with open(script, "w") as f:
            f.write(WRK_SCRIPT)

        print(f"\nwrk, {args.connections} connections, {args.duration} s per page, {args.repeat} rounds; "
              f"shared machine: load average beside each figure")
        results = {}
        for round in range(1, args.repeat + 1):
            for path, role in PAGES:
                # Each page idle and then during the imports, every build one after the other, so
                # that what is compared is measured under the same load from the rest of the machine.
                for name, server, base in servers:
                    result = run_wrk(base, path, cookies[role], args, script, server)
                    results.setdefault((name, "idle", path), []).append(result)
                    show(f"{round}: {name} idle", path, result)
                imports.start()
                time.sleep(0.5)  # the import opens its write transaction
                for name, server, base in servers:
                    # wrk runs in a thread of its own; imports follow one another until it is done.
                    box = {}
                    thread = threading.Thread(target=lambda: box.update(
                        result=run_wrk(base, path, cookies[role], args, script, server)))
                    thread.start()
                    while thread.is_alive():
                        imports.keep_going()
                        thread.join(0.2)
                    if "result" not in box:
                        sys.exit("wrk failed during the imports")
                    results.setdefault((name, "import", path), []).append(box["result"])
                    show(f"{round}: {name} importing", path, box["result"])
                imports.finish()
        for name, _, base in servers:
            for path, role in PAGES:
                check_page(base, path, cookies[role], logins[role])
        print(f"\n{len(imports.times)} imports of {args.rows:,} rows ran during the measurements, "
              f"median {statistics.median(imports.times):.1f} s each")
        print(f"\nmedians of {args.repeat} rounds ({args.connections} connections, {args.duration} s each):")
        print(f"{'build':12} {'while':8} {'page':14} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>10} {'errors':>7}")
        for name, _, _ in servers:
            for condition in ("idle", "import"):
                for path, _ in PAGES:
                    runs = results[(name, condition, path)]
                    med = lambda key: statistics.median(r[key] for r in runs)
                    print(f"{name:12} {condition:8} {path:14} {med('rps'):7.0f} {med('p50_us') / 1000:8.1f} "
                          f"{med('p99_us') / 1000:8.1f} {med('cpu_ms'):10.2f} {sum(r['errors'] for r in runs):7d}")
        if len(servers) == 2:
            print("\nthis build / compared build, ratio of medians:")
            for condition in ("idle", "import"):
                for path, _ in PAGES:
                    a, b = results[(servers[0][0], condition, path)], results[(servers[1][0], condition, path)]
                    ratio = lambda key: statistics.median(r[key] for r in a) / statistics.median(r[key] for r in b)
                    print(f"{condition:8} {path:14} p50 {ratio('p50_us'):.2f}x  p99 {ratio('p99_us'):.2f}x  req/s {ratio('rps'):.2f}x  "
                          f"CPU per request {ratio('cpu_ms'):.2f}x")
        for name, server, _ in servers:
            print(f"{name}: server peak memory {peak_memory(server):.0f} MiB")
    finally:
        for _, server, _ in servers:
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=60)
        if imports_process := getattr(locals().get("imports"), "process", None):
            imports_process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
