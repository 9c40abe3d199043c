#!/usr/bin/env python3
"""The web app in a real browser (issue 15): headless Debian chromium driven through chromedriver
by Selenium, against `skillcert serve` on a free loopback port over a fresh temporary database.

    .build/browser-venv/bin/python scripts/browser_tests.py --bin .build/debug/skillcert [-k PATTERN]

`make test-browser` (and `make test`) installs what it needs and runs it; it builds nothing itself.
Every page a test visits is kept as a screenshot in .build/browser-screenshots/TEST/ (not committed),
beside the server's log (server.log). The server is stopped however the tests end.
"""
import argparse
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / ".build" / "browser-screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_SECONDS = 15

# Initial passwords the bureau hands out (at least 10 characters), and the ones people choose.
INITIAL = "initial-pass-2026"
OWN = "my-own-pass-2026"

# A valid unified social credit code (DOMAIN.md's test vector, as scripts/demo.sh uses it).
CREDIT_CODE = "91440101MA5CJQ4N59"

# What the bureau's menu holds and a clerk's must not: the bureau's administration pages.
BUREAU_PAGES = {"/users": "用户", "/catalog": "目录", "/audit": "审计"}


class Server:
    """`skillcert serve` over a fresh database in a temporary folder, with its accounts made on the
    command line as an administrator would."""

    def __init__(self, binary, log_name="server.log"):
        self.binary = str(pathlib.Path(binary).resolve())
        # A second server (the verification tests' demo year) keeps a log of its own.
        self.log_name = log_name
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="skillcert-browser-"))
        self.db = self.folder / "web.sqlite"
        self.process = None
        self.address = None

    def cli(self, *arguments):
        run = subprocess.run([self.binary, *arguments, "--db", str(self.db)], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            raise RuntimeError(f"skillcert {' '.join(arguments)} failed ({run.returncode}):\n{run.stdout}{run.stderr}")
        return run.stdout

    def add_user(self, login, name, role, institution=None, password=INITIAL):
        """A user with an initial password, given in a file as `user add --password-file` reads it."""
        password_file = self.folder / f"{login}.password"
        password_file.write_text(password + "\n", encoding="utf-8")
        password_file.chmod(0o600)
        arguments = ["user", "add", login, "--name", name, "--role", role, "--password-file", str(password_file)]
        if institution:
            arguments += ["--institution", institution]
        self.cli(*arguments)

    def start(self):
        """Serves on a port the system picks (--port 0) and waits for the address it announces."""
        OUTPUT.mkdir(parents=True, exist_ok=True)
        self.log = open(OUTPUT / self.log_name, "w", encoding="utf-8")
        self.process = subprocess.Popen([self.binary, "serve", "--db", str(self.db), "--host", "127.0.0.1", "--port", "0"],
                                        cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = re.search(r"Serving at (http://127\.0\.0\.1:\d+)", (OUTPUT / self.log_name).read_text(encoding="utf-8"))
            if found:
                self.address = found.group(1)
                break
            if self.process.poll() is not None:
                raise RuntimeError("skillcert serve stopped at once:\n" + (OUTPUT / self.log_name).read_text(encoding="utf-8"))
            time.sleep(0.1)
        else:
            raise RuntimeError("skillcert serve announced no address within 30 s")
        # Listening: the sign-in page answers.
        with urllib.request.urlopen(self.address + "/signin", timeout=10) as response:
            assert response.status == 200

    def stop(self):
        """SIGTERM, as a service manager stops it; killed if it has not finished within 10 s.
        Safe to call twice."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()
            self.log = None
        shutil.rmtree(self.folder, ignore_errors=True)


SERVER = None


def setUpModule():
    global SERVER
    server = Server(ARGUMENTS.bin)
    try:
        server.cli("init", "--catalog", str(ROOT / "Catalog"))
        server.add_user("officer.li", "李科长", "bureau")
        server.add_user("officer.zhao", "赵科员", "bureau")
        # The clerk the bureau's own forms have nothing to do with: made on the command line.
        server.cli("institution", "add", "--name", "中山市示范职业培训学校", "--kind", "training", "--district", "石岐街道")
        server.add_user("clerk.cli", "陈经办", "institution", institution="中山市示范职业培训学校")
        server.start()
    except BaseException:
        server.stop()
        raise
    SERVER = server


def tearDownModule():
    if SERVER:
        SERVER.stop()


class BrowserTest(unittest.TestCase):
    """One fresh headless chromium per test, its window the size the test asks for."""

    window = (1280, 900)

    def setUp(self):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--lang=zh-CN", "--hide-scrollbars", f"--window-size={self.window[0]},{self.window[1]}"]:
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.addCleanup(self.driver.quit)
        self.shots = OUTPUT / self._testMethodName
        shutil.rmtree(self.shots, ignore_errors=True)
        self.shots.mkdir(parents=True)
        self.visited = 0

    # Pages

    def shoot(self, label):
        """Keeps the page as it is now, whole (not only the window), numbered in visiting order."""
        self.visited += 1
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        width = self.driver.execute_script("return window.innerWidth")
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": max(height, self.window[1]), "deviceScaleFactor": 1, "mobile": False})
        self.driver.save_screenshot(str(self.shots / f"{self.visited:02d}-{label}.png"))
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def open(self, path, label):
        self.driver.get(SERVER.address + path)
        self.shoot(label)

    def submit(self, form, label):
        """Sends a form with its own submit button, as a person would, and waits for the next page:
        a new document (the mark left on this one gone), fully loaded. Asking while the browser
        swaps documents may fail (chromedriver: "Node ... does not belong to the document"): ask again."""
        self.driver.execute_script("window.skillcertLeaving = true")
        form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()
        try:
            WebDriverWait(self.driver, WAIT_SECONDS, ignored_exceptions=(WebDriverException,)).until(
                lambda driver: driver.execute_script("return !window.skillcertLeaving && document.readyState === 'complete'"))
        except TimeoutException:
            self.shoot(label + "-stuck")
            raise
        self.shoot(label)

    def form(self, action):
        forms = self.driver.find_elements(By.CSS_SELECTOR, f'main form[action="{action}"]')
        if not forms:
            heading = self.driver.find_elements(By.TAG_NAME, "h1")
            self.fail(f"{self.path()} has no form posting to {action}; "
                      f"it shows: {heading[0].text if heading else self.text()[:200]!r}")
        return forms[0]

    def fill(self, form, name, value):
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)

    def choose(self, form, name, value=None, text=None):
        """Picks an option of a select (by value, by part of its text, else the first real one), or the radio button of that value."""
        field = form.find_element(By.NAME, name)
        if field.tag_name != "select":
            form.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]').click()
            return
        select = Select(field)
        if value is not None:
            select.select_by_value(value)
        elif text is not None:
            matching = [option for option in select.options if text in option.text]
            self.assertEqual(len(matching), 1, f"one option of {name} reads {text}: {[o.text for o in select.options]}")
            select.select_by_visible_text(matching[0].text)
        else:
            choices = [option for option in select.options if option.get_attribute("value")]
            self.assertTrue(choices, f"{name} offers no option")
            select.select_by_value(choices[0].get_attribute("value"))

    def text(self, css="body"):
        return self.driver.find_element(By.CSS_SELECTOR, css).text

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    def status_of(self, path):
        """The HTTP status of `path` for this browser's session (its cookies), which the page alone does not show."""
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(SERVER.address + path, headers={"Cookie": cookies})
        opener = urllib.request.build_opener(NoRedirects)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def assert_fits_the_window(self):
        """Nothing wider than the window: no sideways scrolling on a tablet."""
        overflow = self.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        self.assertLessEqual(overflow, 0, f"{self.path()} is {overflow} px wider than the window")

    # Steps shared by the tests

    def sign_in(self, login, password, label="signin"):
        self.open("/signin", f"{label}-form")
        form = self.form("/signin")
        self.fill(form, "login", login)
        self.fill(form, "password", password)
        self.submit(form, f"{label}-sent")

    def change_first_password(self, login):
        """An initial password leads to the password page only, with no menu, until it is changed."""
        self.assertEqual(self.path(), "/password")
        self.assertIn("请先设置自己的密码", self.text("main"))
        self.assertIn("choose your own first", self.text("main"))
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "nav.menu"), [])
        self.open("/institutions", "before-the-change")
        self.assertEqual(self.path(), "/password", "every other page waits for the new password")
        form = self.form("/password")
        self.fill(form, "current", INITIAL)
        self.fill(form, "new", OWN)
        self.fill(form, "repeat", OWN)
        self.submit(form, "password-changed")
        self.assertEqual(self.path(), "/")
        self.assertIn("密码已更改", self.text("main"))
        self.assertIn("Your password has been changed", self.text("main"))

    def assert_frame(self, name, login, role_zh, role_en, institution=None):
        """Who is signed in, their role and institution, in the frame of the page."""
        who = self.text("header .who")
        self.assertIn(f"{name}（{login}）", who)
        self.assertIn(role_zh, who)
        self.assertIn(role_en, who)
        if institution:
            self.assertIn(institution, who)

    def menu(self):
        return {link.get_attribute("href").removeprefix(SERVER.address): link.text
                for link in self.driver.find_elements(By.CSS_SELECTOR, "nav.menu a")}

    def assert_clerks_first_sign_in(self, login, name, institution):
        """The clerk's half of the main path: the first password changed, a menu without the
        bureau's pages, and the bureau's pages refused with the 403 page."""
        self.sign_in(login, INITIAL, "clerk-signin")
        self.change_first_password(login)
        self.assert_frame(name, login, "机构经办人", "Institution clerk", institution)
        menu = self.menu()
        self.assertIn("/cohorts", menu)
        for href, word in BUREAU_PAGES.items():
            self.assertNotIn(href, menu)
            self.assertFalse(any(word in text for text in menu.values()), f"{word} in the clerk's menu {menu}")
        self.open("/audit", "audit-refused")
        self.assertEqual(self.status_of("/audit"), 403)
        self.assertIn("无权操作", self.text("h1"))
        self.assertIn("Not permitted", self.text("h1"))

    def assert_users_refused(self):
        self.open("/users", "users-refused")
        self.assertEqual(self.status_of("/users"), 403)
        self.assertIn("无权操作", self.text("h1"))
        self.assertIn("Not permitted", self.text("h1"))

    def sign_out(self):
        self.submit(self.driver.find_element(By.CSS_SELECTOR, 'header form[action="/signout"]'), "signed-out")
        self.assertEqual(self.path(), "/signin")
        self.open("/", "after-sign-out")
        self.assertEqual(self.path(), "/signin", "signed out: every page leads to the sign-in page")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments):
        return None


class SignInTests(BrowserTest):
    def test_a_wrong_password_is_refused_in_chinese_and_english(self):
        self.sign_in("officer.zhao", "not-the-password")
        self.assertEqual(self.path(), "/signin")
        error = self.text("main .error")
        self.assertIn("登录名或密码不正确", error)
        self.assertIn("Wrong login or password", error)
        # The login stays in its field; the password typed is not sent back.
        form = self.form("/signin")
        self.assertEqual(form.find_element(By.NAME, "login").get_attribute("value"), "officer.zhao")
        self.assertEqual(form.find_element(By.NAME, "password").get_attribute("value"), "")
        self.assertNotIn("not-the-password", self.driver.page_source)
        # Every field has its label.
        for field in form.find_elements(By.CSS_SELECTOR, "input:not([type=hidden])"):
            labels = self.driver.find_elements(By.CSS_SELECTOR, f'label[for="{field.get_attribute("id")}"]')
            self.assertEqual(len(labels), 1, field.get_attribute("name"))


class MainPathTests(BrowserTest):
    """Issue 15's main path: the bureau adds an institution and its clerk; the clerk signs in."""

    def test_the_bureau_adds_an_institution_and_a_clerk_who_then_signs_in_without_bureau_pages(self):
        self.sign_in("officer.li", INITIAL, "bureau-signin")
        self.change_first_password("officer.li")
        self.assert_frame("李科长", "officer.li", "人社局", "Bureau")
        for href in ["/institutions", *BUREAU_PAGES]:
            self.assertIn(href, self.menu())

        # An institution, through the bureau's form.
        self.open("/institutions/new", "institution-form")
        form = self.form("/institutions")
        self.fill(form, "name", "中山市浏览器测试培训学校")
        self.choose(form, "kind", value="training")
        self.choose(form, "district")
        self.fill(form, "credit_code", CREDIT_CODE)
        self.submit(form, "institution-added")
        self.assertIn("中山市浏览器测试培训学校", self.text("h1"))

        # Its clerk, with an initial password.
        self.open("/users/new", "user-form")
        form = self.form("/users")
        self.fill(form, "login", "clerk.browser")
        self.fill(form, "name", "林经办")
        self.choose(form, "role", value="institution")
        self.choose(form, "institution", text="中山市浏览器测试培训学校")
        self.fill(form, "password", INITIAL)
        self.submit(form, "user-added")
        self.assertIn("clerk.browser", self.text("main"))
        self.sign_out()

        self.assert_clerks_first_sign_in("clerk.browser", "林经办", "中山市浏览器测试培训学校")
        self.assert_users_refused()


class TabletTests(BrowserTest):
    """A clerk made on the command line, on a tablet held upright: the same first sign-in, and
    pages that fit the window."""

    window = (768, 1024)

    def test_a_clerk_changes_the_first_password_and_is_kept_out_of_the_bureaus_pages_on_a_tablet(self):
        self.sign_in("clerk.cli", INITIAL, "clerk-signin")
        self.assertEqual(self.driver.execute_script("return window.innerWidth"), 768)
        self.assert_fits_the_window()
        self.change_first_password("clerk.cli")
        self.assert_fits_the_window()
        self.assert_frame("陈经办", "clerk.cli", "机构经办人", "Institution clerk", "中山市示范职业培训学校")
        menu = self.menu()
        for href in BUREAU_PAGES:
            self.assertNotIn(href, menu)
        self.open("/institutions", "own-institution")
        self.assert_fits_the_window()
        self.assertIn("中山市示范职业培训学校", self.text("main table"))
        self.open("/audit", "audit-refused")
        self.assert_fits_the_window()
        self.assertEqual(self.status_of("/audit"), 403)
        self.assertIn("无权操作", self.text("h1"))
        self.sign_out()
        # The new password is the one that works now; the initial one no longer does.
        self.sign_in("clerk.cli", INITIAL, "initial-refused")
        self.assertIn("Wrong login or password", self.text("main .error"))
        self.sign_in("clerk.cli", OWN, "own-password")
        self.assertEqual(self.path(), "/")
        self.assert_frame("陈经办", "clerk.cli", "机构经办人", "Institution clerk", "中山市示范职业培训学校")


class VerificationTests(BrowserTest):
    """An employer follows a printed certificate's QR code (issue 18): on a tiny demo year served on
    its own, the bureau prints a certificate with the server's address as the public one; the
    address the QR code holds (read from the printed page by zbar, no camera in the browser) opens
    the public verification page, signed in as nobody, with the number filled in."""

    @classmethod
    def setUpClass(cls):
        cls.demo = Server(ARGUMENTS.bin, log_name="verification-server.log")
        try:
            printed = cls.demo.cli("demo", "--scale", "tiny", "--catalog", str(ROOT / "Catalog"), "--out", str(cls.demo.folder / "out"))
            found = re.search(r"/verify\?number=([0-9A-Z]+)（持证人 holder: (.+)）", printed)
            if not found:
                raise RuntimeError("the demo printed no verification address:\n" + printed)
            cls.number, cls.holder = found.group(1), found.group(2)
            cls.demo.start()
        except BaseException:
            cls.demo.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.demo.stop()

    def qr_address(self):
        """Prints the certificate as the bureau would and reads its QR code off the page."""
        self.demo.cli("cert", "print", "--number", self.number, "--public-url", self.demo.address,
                      "--out", str(self.demo.folder / "print"), "--file", "certificate.pdf")
        pdf = self.demo.folder / "print" / "certificate.pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "200", "-singlefile", str(pdf), str(self.demo.folder / "page")], check=True)
        read = subprocess.run(["zbarimg", "--quiet", "--raw", str(self.demo.folder / "page.png")],
                              capture_output=True, text=True, check=True)
        return read.stdout.strip()

    def test_the_printed_qr_address_opens_the_verification_page_which_confirms_the_certificate(self):
        address = self.qr_address()
        self.assertEqual(address, f"{self.demo.address}/verify?number={self.number}")
        self.driver.get(address)
        self.shoot("qr-address")
        self.assertEqual(self.path(), "/verify")
        form = self.form("/verify")
        self.assertEqual(form.find_element(By.NAME, "number").get_attribute("value"), self.number)
        self.fill(form, "name", self.holder)
        self.submit(form, "valid")
        page = self.text()
        self.assertIn("证书有效", page)
        self.assertIn(self.number, page)
        # No national ID, whole or masked: 18 characters standing on their own (the certificate
        # number is longer and holds digit runs of its own).
        self.assertNotRegex(page, r"(?<![0-9A-Z])[0-9]{6}[0-9*]{8}[0-9]{3}[0-9X](?![0-9A-Z])")

        # Another name: no match, and nothing of the certificate shown.
        form = self.form("/verify")
        self.fill(form, "name", "不是持证人")
        self.submit(form, "no-match")
        self.assertIn("没有与此编号和持证人相符的证书", self.text())
        self.assertNotIn("证书有效", self.text())


def main():
    global ARGUMENTS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="the built skillcert")
    parser.add_argument("-k", dest="patterns", action="append", default=[], help="run only the tests whose name holds this")
    ARGUMENTS = parser.parse_args()
    if not os.access(ARGUMENTS.bin, os.X_OK):
        sys.exit(f"{ARGUMENTS.bin} is not built: run make build first")
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: run bash scripts/install-deps.sh --browser")
    # Selenium must not look for a driver or a browser on the network: both are Debian's.
    os.environ["SE_OFFLINE"] = "true"
    shutil.rmtree(OUTPUT, ignore_errors=True)
    loader = unittest.TestLoader()
    if ARGUMENTS.patterns:
        loader.testNamePatterns = [f"*{pattern}*" for pattern in ARGUMENTS.patterns]
    suite = loader.loadTestsFromModule(sys.modules[__name__])
    # Stopped from outside (a CI timeout, kill): unwind, so that the server is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    try:
        result = unittest.TextTestRunner(verbosity=2).run(suite)
    finally:
        if SERVER:
            SERVER.stop()
        if getattr(VerificationTests, "demo", None):
            VerificationTests.demo.stop()
    failed = len(result.failures) + len(result.errors)
    print(f"screenshots and server.log: {OUTPUT.relative_to(ROOT)}/ ({time.monotonic() - started:.0f} s)")
    print(f"browser: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)


if __name__ == "__main__":
    main()
