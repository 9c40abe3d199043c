#!/usr/bin/env bash
# Runs a command with a PostgreSQL 15 server of its own: installs Debian's postgresql when
# missing, creates a cluster in a temporary folder (initdb, as the `postgres` user when run as
# root, since PostgreSQL refuses to run as root), listening only on a Unix socket in that folder,
# passes its URL to the command in SKILLCERT_TEST_PG, and stops and removes the cluster after the
# command, whether it passed or failed. The command's exit status is the script's.
#
#   scripts/with-postgres.sh swift test --filter ProvinceTests
#
# With SKILLCERT_TEST_PG already set (a server of your own), the command just runs against it.
set -euo pipefail
if [ -n "${SKILLCERT_TEST_PG:-}" ]; then exec "$@"; fi

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
bindir=""
for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ]; then
  echo "Installing postgresql with apt-get…" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq postgresql >&2
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/initdb" ]; then bindir="$candidate"; break; fi
  done
fi
[ -n "$bindir" ] || { echo "with-postgres.sh: no initdb after installing postgresql" >&2; exit 1; }

folder="$(mktemp -d /tmp/skillcert-pg.XXXXXX)"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  chown postgres "$folder"
  as_owner=(runuser -u postgres --)
fi
stop() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}
trap stop EXIT
"${as_owner[@]}" "$bindir/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --no-locale >"$folder/initdb.log" 2>&1 \
  || { cat "$folder/initdb.log" >&2; exit 1; }
# No TCP at all: the socket in the folder is the only way in. fsync off (SKILLCERT_PG_FSYNC=on for a
# benchmark): a test cluster is thrown away.
"${as_owner[@]}" "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
  -o "-c listen_addresses='' -k $folder -p 5432 -c fsync=${SKILLCERT_PG_FSYNC:-off} -c full_page_writes=${SKILLCERT_PG_FSYNC:-off}" start >/dev/null \
  || { cat "$folder/server.log" >&2; exit 1; }
export SKILLCERT_TEST_PG="postgres://postgres@localhost/postgres?host=$folder"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') for the tests: $SKILLCERT_TEST_PG" >&2
status=0
"$@" || status=$?
exit $status
