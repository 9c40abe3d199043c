#!/usr/bin/env bash
# make tour: a fresh database from Catalog/ and a walk through the commands, one by one: institutions,
# users and persons, a cohort, an exam session, results, certificates, an apprenticeship, and the
# workbooks in Exports/. Safe to run again: it starts from a new database each time.
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
echo "# A clerk cannot change another institution, which to them is not there (the same answer as an id nobody has):"
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

echo "# Exams: examiners, a session today, registration checked against the eligibility routes,"
echo "# staffing checked before the session may be held."
EXAM_DAY="$(TZ=Asia/Shanghai date +%F)"   # the bureau's day, as skillcert counts it
BODY=中山市职业技能评价中心
sc user add exam.sun --name 孙考评 --role examiner --institution "$BODY"
sc examiner add --body "$BODY" --id 442000199001010011 --name 孙考评 --qualify 中式烹调师:3 --login exam.sun
sc examiner add --body "$BODY" --id 442000199002020027 --name 周考评 --qualify 中式烹调师:4
sc examiner add --body "$BODY" --id 442000198503030034 --name 吴考评 --qualify 中式烹调师:4
sc examiner add --body "$BODY" --id 442000198004040043 --name 郑考评 --qualify 中式烹调师:5
sc examiner add --body "$BODY" --id 44200019950505005X --name 冯老师 --qualify 中式烹调师:3 --institution 中山市粤菜师傅培训学校
sc examiner list
sc session create --body "$BODY" --occupation 中式烹调师 --level 5 --date "$EXAM_DAY" \
   --room 理论一室:theory:30 --room 实操一组:practical:30
sc session open 1
echo "# A dry run first: nobody has declared the year in the occupation that route 5A asks for."
sc session register 1 --cohort 1 --dry-run --as clerk.yuecai
sc session register 1 --cohort 1 --years 2 --as clerk.yuecai
echo "# 王𠈌 has not completed and declares no experience: refused, then admitted by the bureau with a reason."
sc session register 1 --id 11010519491231002X || true
sc session register 1 --id 11010519491231002X --override-reason 外省五级证书已核验
echo "# 冯老师 teaches at the school that trained these candidates: refused."
sc session assign 1 --room 理论一室 --examiner 5 || true
sc session assign 1 --room 理论一室 --examiner 1
sc session assign 1 --room 实操一组 --examiner 2 --examiner 3
sc session close 1
echo "# Held is refused while a rule is broken, naming the rule and the room."
sc session hold 1 || true
sc session assign 1 --room 理论一室 --examiner 4
sc session assign 1 --room 实操一组 --examiner 1
sc session hold 1
sc session show 1
sc session list --as exam.sun
sc session tickets 1
sc session tickets 1 --file tickets-session-1-school.xlsx --as clerk.yuecai
sc session sign-in 1 --as exam.sun
sc session score-sheets 1 --as exam.sun

echo "# Results: every mark is entered twice by two users. The examiner imports a filled score sheet"
echo "# (here a CSV with the score sheet's columns); the bureau enters its own copy one by one."
Y="${EXAM_DAY:0:4}"
SCORES="$(mktemp -d)/scores-exam-sun.csv"
cat > "$SCORES" <<CSV
准考证号,姓名,科目,成绩,缺考/违纪
${Y}000010001,陈大文,theory,85.5,
${Y}000010001,陈大文,practical,72,
${Y}000010002,王𠈌,theory,,缺考
${Y}000010002,王𠈌,practical,55,
CSV
sc results import 1 "$SCORES" --as exam.sun
sc results enter 1 --ticket ${Y}000010001 --part theory --score 85.5
sc results enter 1 --ticket ${Y}000010001 --part practical --score 27
sc results enter 1 --ticket ${Y}000010002 --part theory --score 缺考
sc results enter 1 --ticket ${Y}000010002 --part practical --score 155 || true
sc results enter 1 --ticket ${Y}000010002 --part practical --score 55
sc results show 1 --pending
echo "# The lock is refused while a mismatch is open; the bureau settles it with a reason, then locks."
sc results lock 1 || true
sc results settle 1 --ticket ${Y}000010001 --part practical --score 72 --reason 核对原始评分表
sc results lock 1
echo "# After the lock examiners change nothing; the bureau amends with a reason, and a re-check is recorded."
sc results enter 1 --ticket ${Y}000010002 --part practical --score 56 --as exam.sun || true
sc results amend 1 --ticket ${Y}000010002 --part practical --score 58 --reason 复算总分
sc results recheck 1 --ticket ${Y}000010002 --reason 对理论缺考有异议
sc results recheck-decide 1 --ticket ${Y}000010002 --unchanged --note 签到表确认缺考
sc results show 1
sc results roster 1

echo "# Certificates: numbers for the passed candidates, a verification, a reissue, the training subsidy claim."
sc cert issue 1
sc cert issue 1
CERT="S000044000123${Y:2:2}5000001"
sc cert verify "$CERT" --name 陈大文
sc cert verify "$CERT" --name 王𠈌
sc cert reissue "$CERT" --reason lost --note 搬家遗失，已登报声明
sc cert list --period "$Y"
sc cert roster --period "$Y"
sc cert upload --period "$Y"
sc cert claims --institution 中山市粤菜师傅培训学校 --period "$Y" --as clerk.yuecai
sc cert claims --institution 中山市粤菜师傅培训学校 --period "$Y" --record --as clerk.yuecai

echo "# Apprenticeships: an enterprise, a two-year apprenticeship, filed (half the subsidy in advance), ended early."
sc enterprise add --credit-code 91440101MA5CJQ4N59 --name 中山市某某酒家 --district 石岐街道 --as clerk.yuecai
sc apprentice register --enterprise 91440101MA5CJQ4N59 --id 11010519491231002X --occupation 中式烹调师 --level 4 \
   --contract-start "$EXAM_DAY" --contract-years 3 --start "$EXAM_DAY" --end "$(date -d "$EXAM_DAY +2 years" +%F)" \
   --enterprise-mentor 李师傅 --institution-mentor 王老师 --as clerk.yuecai
sc apprentice file 1
sc apprentice start 1 --as clerk.yuecai
END_DAY="$(date -d "$EXAM_DAY +8 months +5 days" +%F)"
echo "# (--today rehearses the day the apprentice left, eight months on.)"
sc apprentice terminate 1 --on "$END_DAY" --reason 离职 --today "$END_DAY"
sc apprentice show 1 --today "$END_DAY"
sc apprentice roster --as clerk.yuecai
sc apprentice filing-list --period "$Y"
sc apprentice claims --enterprise 91440101MA5CJQ4N59 --period "$Y"
echo "# Apprentices in bulk: the template, and a list whose second row ends too early, so nobody is registered;"
echo "# the fixed list registers both in one go."
sc apprentice template --as clerk.yuecai
APPRENTICES="$(mktemp -d)/apprentices.csv"
TWO_YEARS="$(date -d "$EXAM_DAY +2 years" +%F)"
SIX_MONTHS="$(date -d "$EXAM_DAY +6 months" +%F)"
cat > "$APPRENTICES" <<CSV
序号,企业统一社会信用代码,身份证号,姓名,职业,目标等级,劳动合同起始日期,合同年限,学徒开始日期,学徒结束日期,延长理由,企业导师,院校导师
1,91440101MA5CJQ4N59,440524188001010014,陈大文,中式烹调师,四级/中级工,$EXAM_DAY,3,$EXAM_DAY,$TWO_YEARS,,李师傅,王老师
2,91440101MA5CJQ4N59,34052419800101001X,钱七,中式烹调师,三级/高级工,$EXAM_DAY,3,$EXAM_DAY,$SIX_MONTHS,,赵师傅,王老师
CSV
sc apprentice import "$APPRENTICES" --as clerk.yuecai || true
sed -i "3s/,$SIX_MONTHS,/,$TWO_YEARS,/" "$APPRENTICES"
sc apprentice import "$APPRENTICES" --as clerk.yuecai
sc apprentice roster --as clerk.yuecai --file apprentices-after-import.xlsx

echo "# The bureau's quarterly statistics: the quarter and the year to date, for the area and one district."
sc report quarterly "$(TZ=Asia/Shanghai date +%Y)Q$(( ($(TZ=Asia/Shanghai date +%-m) + 2) / 3 ))"
sc report quarterly "$(TZ=Asia/Shanghai date +%Y)Q$(( ($(TZ=Asia/Shanghai date +%-m) + 2) / 3 ))" --district 石岐街道
