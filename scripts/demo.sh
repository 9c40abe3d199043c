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

echo "# Training: a cohort, the import template, a clerk's list with two bad rows."
sc cohort create --name 2026年第3期中式烹调师（五级）培训班 --institution 中山市粤菜师傅培训学校 --project yuecai \
   --occupation 中式烹调师 --level 5 --district 石岐街道 --start 2026-09-01 --end 2026-10-31 --hours 80 --capacity 40 \
   --as clerk.yuecai
sc cohort template
LIST="$(mktemp -d)/trainees.csv"
cat > "$LIST" <<'CSV'
序号,姓名,身份证号,手机号码,文化程度,户籍类型,重点群体
1,陈大文,440524188001010014,13800138000,大专,农村,高校毕业生
2,王𠈌,11010519491231002X,13900139000,高中/中专/技校,城镇,
3,李四,110105194912310021,13700137000,本科,城镇,
4,赵六,4.40524E+17,13600136000,大专,农村,退役军人、就业困难人员
5,钱七,34052419800101001X,13500135000,初中及以下,农村,农村劳动力
CSV
echo "# All or nothing: two rows are wrong, so nothing is imported and an error workbook is written."
sc cohort import 1 "$LIST" --as clerk.yuecai || true
echo "# --accept-valid imports the three good rows; importing again adds nobody twice."
sc cohort import 1 "$LIST" --accept-valid --as clerk.yuecai || true
iconv -f UTF-8 -t GB18030 "$LIST" > "${LIST%.csv}-gb18030.csv"
sc cohort import 1 "${LIST%.csv}-gb18030.csv" --accept-valid --as clerk.yuecai || true
sc cohort hours 1 --id 440524188001010014 --hours 72 --as clerk.yuecai
sc cohort hours 1 --id 11010519491231002X --hours 50.5 --as clerk.yuecai
sc cohort complete 1 --as clerk.yuecai
sc cohort withdraw 1 --id 34052419800101001X --reason 工作调动 --as clerk.yuecai
sc cohort show 1 --as clerk.yuecai
sc cohort roster 1 --as clerk.yuecai
sc audit list --limit 8
