#!/usr/bin/env python3
"""Writes Tests/StoreTests/Fixtures/schema-<migration>.sql for a NEW migration, and checks that the
snapshots of the shipped ones still match. The SQL is taken from the migrations' string literals in
Sources/Store/Schema/Migrations.swift (indentation stripped as Swift strips it) and run through
SQLite, so the snapshot is what sqlite_master holds, exactly as MigrationTests reads it.

    python3 scripts/snapshot_schema.py
"""
import os, re, sqlite3, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
source = open(os.path.join(ROOT, "Sources/Store/Schema/Migrations.swift"), encoding="utf-8").read()
names = re.findall(r'registerMigration\("([^"]+)"', source)
blocks = re.findall(r'execute\(sql: """\n(.*?)\n( *)"""', source, re.S)
if len(names) != len(blocks):
    sys.exit(f"{len(names)} migrations but {len(blocks)} SQL blocks: one execute(sql:) per migration is assumed")

db = sqlite3.connect(":memory:")
status = 0
for name, (body, indent) in zip(names, blocks):
    db.executescript("\n".join(line[len(indent):] for line in body.split("\n")))
    rows = db.execute("""SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
                         AND name NOT LIKE 'grdb_%' ORDER BY type, name""").fetchall()
    schema = ";\n".join(row[0] for row in rows) + ";\n"
    path = os.path.join(ROOT, f"Tests/StoreTests/Fixtures/schema-{name}.sql")
    if not os.path.exists(path):
        open(path, "w", encoding="utf-8").write(schema)
        print(f"wrote {os.path.relpath(path, ROOT)}")
    elif open(path, encoding="utf-8").read() != schema:
        print(f"{name}: the migration no longer builds its snapshot (shipped migrations must not change)")
        status = 1
    else:
        print(f"{name}: matches its snapshot")
sys.exit(status)
