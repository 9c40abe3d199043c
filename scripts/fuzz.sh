#!/usr/bin/env bash
# Fuzzes one of the readers with libFuzzer (issue 13, point 17):
#   scripts/fuzz.sh csv|xlsx|score-sheet MINUTES
# Builds the harness (fuzz/, declared in Package.swift only when SKILLCERT_FUZZ is set) with
# --sanitize=fuzzer and --sanitize=address into .build-fuzz, so the normal .build is untouched,
# and runs it at low priority for MINUTES minutes on the seeds in fuzz/Seeds/READER plus the
# corpus grown by earlier runs (.build-fuzz/corpus/READER). An input that crashes, hangs (over
# 10 s) or runs out of memory (over 2 GB) is written to .build-fuzz/findings/READER/; keep it as
# a regression test under Tests/ once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 csv|xlsx|score-sheet MINUTES" >&2; exit 2; }
[ $# -eq 2 ] || usage
reader=$1
minutes=$2
case $reader in
  csv) product=FuzzCSVReader; dictionary=fuzz/csv.dict ;;
  xlsx) product=FuzzXLSXReader; dictionary=fuzz/xml.dict ;;
  score-sheet) product=FuzzScoreSheetReader; dictionary=fuzz/xml.dict ;;
  *) usage ;;
esac
[[ $minutes =~ ^[0-9]+$ ]] && [ "$minutes" -gt 0 ] || usage

# One -sanitize list: SwiftPM passes `--sanitize=fuzzer --sanitize=address` as two flags in no fixed
# order and the compiler keeps the last, so half the builds had no coverage instrumentation.
# `--sanitize=fuzzer` stays for the link, which then takes libFuzzer's main.
SKILLCERT_FUZZ=1 nice -n 10 swift build --scratch-path .build-fuzz --product "$product" \
  --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address

corpus=.build-fuzz/corpus/$reader
findings=.build-fuzz/findings/$reader
mkdir -p "$corpus" "$findings"

# Whole .xlsx files for the zip container, made from the part seeds (deflated, as Excel writes them).
if [ "$reader" != csv ]; then
  python3 - "fuzz/Seeds/$reader" "$corpus" <<'PYTHON'
import pathlib, sys, zipfile
seeds, corpus = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
paths = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "xl/styles.xml",
         "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>')
# An empty part takes the default the harness gives it (fuzz/Support/FuzzWorkbook.swift).
main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
kinds = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
defaults = [f'<worksheet xmlns="{main}"><sheetData/></worksheet>'] * 2 + [
    f'<sst xmlns="{main}"/>', f'<styleSheet xmlns="{main}"/>',
    f'<workbook xmlns="{main}" xmlns:r="{kinds}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
    '<sheet name="Sheet2" sheetId="2" r:id="rId2"/></sheets></workbook>',
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + "".join(f'<Relationship Id="rId{n}" Type="{kinds}/{kind}" Target="{target}"/>' for n, kind, target in
              [(1, "worksheet", "worksheets/sheet1.xml"), (2, "worksheet", "worksheets/sheet2.xml"),
               (3, "sharedStrings", "sharedStrings.xml"), (4, "styles", "styles.xml")])
    + "</Relationships>"]
for seed in sorted(seeds.glob("*.parts")):
    parts = seed.read_bytes().split(b"\n--part--\n")
    parts += [b""] * (len(paths) - len(parts))
    target = corpus / (seed.stem + ".whole")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        for path, part, default in zip(paths, parts, defaults):
            archive.writestr(path, part or default.encode())
PYTHON
fi

banner=$(SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 ".build-fuzz/debug/$product" -runs=0 2>&1 || true)
if ! grep -q "inline 8-bit counters" <<<"$banner"; then
  echo "$product was built without coverage instrumentation: remove .build-fuzz and run again" >&2
  exit 1
fi

echo "fuzzing $reader for $minutes minute(s); findings go to $findings/"
# Leak detection is off: Foundation's FileManager leaks a path buffer on Linux at every call,
# which would stop each run at its first input.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 nice -n 10 ".build-fuzz/debug/$product" \
  -max_total_time=$((minutes * 60)) -timeout=10 -rss_limit_mb=2048 -max_len=65536 -detect_leaks=0 \
  -dict="$dictionary" -artifact_prefix="$findings/" -print_final_stats=1 \
  "$corpus" "fuzz/Seeds/$reader"
