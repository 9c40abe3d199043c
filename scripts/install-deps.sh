#!/usr/bin/env bash
# Installs the C libraries SkillCert links (SQLite for GRDB, libxlsxwriter for workbooks)
# when pkg-config cannot find them. Runs apt-get directly as root, through sudo otherwise.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 \
   && pkg-config --exists sqlite3 && pkg-config --exists xlsxwriter; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "Installing libsqlite3-dev and libxlsxwriter-dev with apt-get…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq pkg-config libsqlite3-dev libxlsxwriter-dev zlib1g-dev
