#!/usr/bin/env python3
"""`make print-check`: the quarterly statistics workbook as LibreOffice prints it.

Builds the demo year (or takes `--db`), writes its quarterly workbook with `skillcert report
quarterly`, and prints each sheet to PDF with LibreOffice on its own (the other sheets hidden in a
copy of the workbook). Then, per sheet:

- the page count is within the sheet's bounds (a chart takes a page of its own);
- no `###` in the text, which is what a number too wide for its column prints as;
- every word of every text cell is in the text: a wrapped label in a row too low for its lines
  loses the lines that do not fit, and they are missing from the PDF too;
- a chart's title and both axis titles are on one page, the last (no page break cuts the chart),
  and each axis title lies along its own axis: the categories' title along the category axis
  (below a column chart, beside a bar chart), the values' title along the value axis.

It also renders every page at 60 dpi (pdftoppm) for a person to look at, and says where.
LibreOffice, poppler-utils and fonts-noto-cjk are installed with apt-get when missing (through
sudo when not root). Not part of `make test`: LibreOffice is too big for CI.
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

# Pages each sheet may print on, for the demo year (and a city's: the same catalog lines).
EXPECTED_PAGES = {
    "汇总 Summary": (2, 2),            # the table, then the chart on a page of its own
    "职业等级 By occupation": (1, 3),
    "镇街 By district": (1, 2),
    "重点群体 By key group": (1, 1),
    "学徒 Apprenticeships": (1, 2),
    "目标进度 Progress": (2, 2),       # the targets, then the chart on a page of its own
    "口径 Notes": (1, 2),
}

# Each chart: a word of its title, the category axis title's last word and the value axis
# title's, and whether the categories run up the side (a bar chart) or along the bottom.
CHARTS = {
    "汇总 Summary": {"title": "project", "category": "Level", "value": "People", "bar": False},
    "目标进度 Progress": {"title": "Target", "category": "Metric", "value": "Number", "bar": True},
}

TOOLS = {"soffice": "libreoffice-calc", "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils",
         "pdftoppm": "poppler-utils"}


def ensure_tools():
    packages = sorted({package for tool, package in TOOLS.items() if shutil.which(tool) is None})
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True) if shutil.which("fc-list") else None
    if fonts is None or "Noto Sans CJK" not in fonts.stdout:
        packages.append("fonts-noto-cjk")
    if not packages:
        return
    print(f"Installing {' '.join(packages)} with apt-get (LibreOffice is large: some minutes)…", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=environment)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq"] + packages, check=True, env=environment)


def run(command, **options):
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, **options)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{result.stdout}{result.stderr}")
    return result.stdout


def write_workbook(binary, out, database, quarter):
    if database is None:
        database = out / "demo.sqlite"
        print(f"Building the demo year into {database} (about a minute)…", flush=True)
        run([binary, "demo", "--db", database, "--out", out / "demo-exports", "--replace"])
    run([binary, "report", "quarterly", quarter, "--db", database, "--out", out, "--file", "quarterly.xlsx"])
    return out / "quarterly.xlsx"


# MARK: Reading the workbook

def sheet_parts(archive):
    """(name, part) of each sheet in tab order."""
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    relationships = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in relationships.iter(f"{RELS}Relationship")}
    parts = []
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets[sheet.get(f"{OFFICE_RELS}id")].lstrip("/")
        parts.append((sheet.get("name"), target if target.startswith("xl/") else "xl/" + target))
    return parts


def text_of(element):
    return "".join(node.text or "" for node in element.iter(f"{MAIN}t"))


def sheet_texts(archive, part):
    """The text cells of a sheet part."""
    shared = []
    if "xl/sharedStrings.xml" in archive.namelist():
        shared = [text_of(item) for item in ET.fromstring(archive.read("xl/sharedStrings.xml")).iter(f"{MAIN}si")]
    texts = []
    for cell in ET.fromstring(archive.read(part)).iter(f"{MAIN}c"):
        kind = cell.get("t")
        if kind == "s":
            texts.append(shared[int(cell.find(f"{MAIN}v").text)])
        elif kind == "inlineStr":
            texts.append(text_of(cell))
    return [re.sub(r"_x005F_", "_", text) for text in texts if text.strip()]


def single_sheet_copy(source, index, destination):
    """A copy of the workbook where only sheet `index` is visible (and active): LibreOffice prints
    the visible sheets only."""
    with zipfile.ZipFile(source) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
        position = iter(range(10_000))

        def sheet(match):
            element = re.sub(r' state="[^"]*"', "", match.group(0))
            return element if next(position) == index else element.replace("<sheet ", '<sheet state="hidden" ', 1)

        workbook = re.sub(r"<sheet [^>]*/>", sheet, workbook)
        workbook = re.sub(r' activeTab="\d+"', "", workbook).replace("<workbookView ", f'<workbookView activeTab="{index}" ', 1)
        with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in archive.infolist():
                data = archive.read(item.filename)
                if item.filename == "xl/workbook.xml":
                    data = workbook.encode("utf-8")
                elif item.filename.startswith("xl/worksheets/sheet"):
                    # Only the visible sheet may be the selected tab.
                    data = data.replace(b' tabSelected="1"', b"")
                copy.writestr(item, data)


# MARK: Reading the PDF

def normalized(text):
    return unicodedata.normalize("NFKC", text)


def page_count(pdf):
    return int(re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]), re.M).group(1))


def page_words(pdf, page):
    """The words of a page with their boxes: (text, xMin, yMin, xMax, yMax)."""
    output = run(["pdftotext", "-bbox", "-f", page, "-l", page, pdf, "-"])
    words = []
    for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', output):
        words.append((normalized(html.unescape(match.group(5))),) + tuple(float(match.group(i)) for i in range(1, 5)))
    return words


def segmentable(token, words, longest):
    """Whether `token` is a run of the PDF's words: LibreOffice breaks a long Chinese run where
    the line ends, and the PDF holds its pieces as separate words."""
    reachable = [True] + [False] * len(token)
    for end in range(1, len(token) + 1):
        reachable[end] = any(reachable[start] and token[start:end] in words for start in range(max(0, end - longest), end))
    return reachable[-1]


def missing_words(texts, words):
    """The words of the cells' texts that the PDF does not hold, neither whole, nor in pieces,
    nor run together with a neighbouring cell's text."""
    vocabulary = set(words)
    longest = max((len(word) for word in vocabulary), default=1)
    missing = []
    for text in texts:
        for token in normalized(text).split():
            if token in vocabulary or segmentable(token, vocabulary, longest):
                continue
            if any(token in word for word in vocabulary):
                continue
            missing.append((text, token))
    return missing


# MARK: Checks

def check_sheet(name, pdf, texts):
    problems = []
    pages = page_count(pdf)
    low, high = EXPECTED_PAGES.get(name, (1, 3))
    if not low <= pages <= high:
        problems.append(f"{pages} pages, expected {low}–{high}")
    words_by_page = {page: page_words(pdf, page) for page in range(1, pages + 1)}
    all_words = [word[0] for words in words_by_page.values() for word in words]
    if any("###" in word for word in all_words):
        problems.append("### in the text: a number wider than its column")
    for text, token in missing_words(texts, all_words):
        problems.append(f"cut off: {token!r} of {text[:60]!r}")
    chart = CHARTS.get(name)
    if chart:
        problems += check_chart(chart, words_by_page, pages)
    return pages, problems


def check_chart(chart, words_by_page, pages):
    def boxes(page, text):
        return [word for word in words_by_page[page] if word[0] == text]

    def vertical(box):
        return box[4] - box[2] > box[3] - box[1]

    title_pages = [page for page in words_by_page if boxes(page, chart["title"])]
    if not title_pages:
        return [f"chart title ({chart['title']}) not found"]
    page = title_pages[-1]
    problems = []
    if page != pages:
        problems.append(f"the chart is on page {page}, not on the last page {pages} of its own")
    category = [box for box in boxes(page, chart["category"]) if vertical(box) == chart["bar"]]
    value = [box for box in boxes(page, chart["value"]) if vertical(box) != chart["bar"]]
    where = ("beside the chart, upright" if chart["bar"] else "under the chart"), ("under the chart" if chart["bar"] else "beside the chart, upright")
    if not category:
        problems.append(f"category axis title {chart['category']!r} is not {where[0]} on the chart's page {page}")
    if not value:
        problems.append(f"value axis title {chart['value']!r} is not {where[1]} on the chart's page {page}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=str(REPO / ".build/debug/skillcert"))
    parser.add_argument("--db", help="a database to report on (default: build the demo year)")
    parser.add_argument("--quarter", default="2026Q4")
    parser.add_argument("--workbook", help="check this quarterly workbook instead of writing one")
    parser.add_argument("--out", default=str(REPO / ".build/print-check"), help="where the workbook, PDFs and PNGs go")
    arguments = parser.parse_args()

    ensure_tools()
    out = Path(arguments.out)
    shutil.rmtree(out, ignore_errors=True)
    (out / "sheets").mkdir(parents=True)
    if arguments.workbook:
        workbook = out / "quarterly.xlsx"
        shutil.copyfile(arguments.workbook, workbook)
    else:
        workbook = write_workbook(arguments.binary, out, arguments.db, arguments.quarter)

    with zipfile.ZipFile(workbook) as archive:
        sheets = [(name, sheet_texts(archive, part)) for name, part in sheet_parts(archive)]
    copies = []
    for index, (name, _) in enumerate(sheets):
        copy = out / "sheets" / f"{index + 1}.xlsx"
        single_sheet_copy(workbook, index, copy)
        copies.append(copy)
    print("Printing each sheet with LibreOffice…", flush=True)
    # A profile of its own, so that a LibreOffice the user has open does not take the job over.
    profile = (out / "lo-profile").resolve().as_uri()
    run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", out / "sheets"] + copies)

    failed = False
    for index, (name, texts) in enumerate(sheets):
        pdf = out / "sheets" / f"{index + 1}.pdf"
        run(["pdftoppm", "-png", "-r", "60", pdf, out / "sheets" / f"{index + 1}-page"])
        pages, problems = check_sheet(name, pdf, texts)
        print(f"{'ok  ' if not problems else 'FAIL'} {name}: {pages} page{'s' if pages > 1 else ''}")
        for problem in problems:
            print(f"       {problem}")
        failed = failed or bool(problems)
    print(f"Pages as PNG (60 dpi) to look at: {out / 'sheets'}/*-page-*.png")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
