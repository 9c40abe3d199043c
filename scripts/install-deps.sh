#!/usr/bin/env bash
# Installs the C libraries SkillCert links (SQLite for GRDB, libxlsxwriter for workbooks, cairo,
# pango and libqrencode for printed PDFs, with the Noto CJK fonts they embed) and the tools the
# tests read PDFs back with (poppler-utils, zbar-tools), when they are missing. Runs apt-get
# directly as root, through sudo otherwise.
set -euo pipefail
# `--bench` also wants the sqlite3 shell, which the import benchmark measures against, and a C
# compiler with pkg-config, which build the export benchmark's floor (bench/roster_floor.c), and
# wrk for the web benchmark.
if [ "${1:-}" = "--bench" ]; then
  missing=""
  command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
  command -v cc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
  command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
  # GNU time reports the export benchmark's peak memory.
  [ -x /usr/bin/time ] || missing="$missing time"
  # wrk loads the web app in the web benchmark (scripts/bench_web.py).
  command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
  if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing
  fi
fi
# `--browser` also wants what the browser tests drive (scripts/browser_tests.py): Debian's chromium
# and its chromedriver, CJK fonts so that the screenshots show Chinese rather than boxes, and
# python3-venv for the virtual environment that holds Selenium.
if [ "${1:-}" = "--browser" ]; then
  missing=""
  for package in chromium chromium-driver fonts-noto-cjk python3-venv; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    echo "Installing$missing with apt-get…"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing
  fi
fi
packages="pkg-config libsqlite3-dev libxlsxwriter-dev zlib1g-dev libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-cjk poppler-utils zbar-tools"
if command -v pkg-config >/dev/null 2>&1 \
   && pkg-config --exists sqlite3 xlsxwriter cairo pangocairo libqrencode \
   && [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] \
   && command -v pdftotext >/dev/null 2>&1 && command -v zbarimg >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "Installing $packages with apt-get…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq $packages
