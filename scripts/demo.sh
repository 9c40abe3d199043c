#!/usr/bin/env bash
# make demo: a fresh database from Catalog/, a few institutions, users and persons, and the
# catalog workbook in Exports/. Safe to run again: it starts from a new database each time.
set -euo pipefail
BIN="$1"
DB="$2"
rm -f "$DB" "$DB-wal" "$DB-shm"
sc() { local sub="$1"; shift; echo "\$ skillcert $sub $*"; "$BIN" "$sub" "$@" --db "$DB"; echo; }

sc init
sc catalog validate Catalog
sc institution add --name 中山市粤菜师傅培训学校 --kind training --district 石岐街道 \
   --credit-code 91440101MA5CJQ4N59 --contact 黄老师 --phone 13800138000
sc institution add --name 中山市南粤家政职业培训中心 --kind training --district 小榄镇
sc institution add --name 中山市职业技能评价中心 --kind evaluation --district 东区街道 \
   --body-kind S --body-code 0000 --province 44 --site 000123
sc institution list
sc user add clerk.yuecai --name 黄经办 --role institution --institution 中山市粤菜师傅培训学校
sc person add --id 440524188001010014 --name 陈大文 --phone 13800138000 --as clerk.yuecai
sc person add --id 11010519491231002X --name 王𠈌 --phone 13900139000 --as clerk.yuecai
sc person list --as clerk.yuecai
echo "# A rejected ID exits with status 1 and says why:"
sc person add --id 110105194912310021 --name 李四 --as clerk.yuecai || true
echo "# A clerk cannot change another institution:"
sc institution update 2 --contact 冒名 --as clerk.yuecai || true
sc catalog export
sc audit list --limit 8
