/*
 * The floor for `skillcert cert roster` (issue 8): the same rows, read with the same query through
 * SQLite's C API, written as the same cells (columns, formats, masked IDs, totals) straight through
 * libxlsxwriter in constant-memory mode. Nothing else: no checks a user could need, no Swift.
 * scripts/bench_roster.py builds and times it beside the release build of skillcert.
 *
 *   cc -O2 bench/roster_floor.c $(pkg-config --cflags --libs xlsxwriter sqlite3) -o roster_floor
 *   ./roster_floor DB OUT.xlsx FIRST_DAY LAST_DAY TITLE      (a bureau roster of certificates issued
 *                                                             FIRST_DAY..LAST_DAY, as --period does)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* Keep in step with Store's CertificateRosterQuery.sql (a bureau actor, --period only). */
static const char *ROSTER_SQL =
    "SELECT c.id, c.number, c.person_id, p.name, p.sex, p.national_id, c.occupation_code, c.level, "
    "c.special_ability_code, c.issued_on, c.body_id, b.name AS body_name, c.session_id, "
    "c.training_institution_id, t.name AS training_name, s.sub_trade, c.revoked_on, c.revocation_reason, "
    "(SELECT count(*) FROM certificate_reissues r WHERE r.certificate_id = c.id) AS reissues "
    "FROM certificates c JOIN persons p ON p.id = c.person_id JOIN institutions b ON b.id = c.body_id "
    "LEFT JOIN institutions t ON t.id = c.training_institution_id LEFT JOIN exam_sessions s ON s.id = c.session_id "
    "WHERE 1 AND c.issued_on BETWEEN ? AND ? ORDER BY c.number";

enum { ID, NUMBER, PERSON, NAME, SEX, NATIONAL_ID, OCCUPATION, LEVEL, SPECIAL, ISSUED, BODY_ID, BODY_NAME,
       SESSION, TRAINING_ID, TRAINING_NAME, SUB_TRADE, REVOKED_ON, REASON, REISSUES };

typedef struct { char *code; char *name; } named_code;
typedef struct { named_code *items; int count; } code_table;

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "roster_floor: %s: %s\n", what, detail);
    exit(1);
}

static code_table load_names(sqlite3 *db, const char *sql, const char *suffix) {
    code_table table = {0};
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) fail("catalog", sqlite3_errmsg(db));
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        table.items = realloc(table.items, sizeof(named_code) * (table.count + 1));
        const char *name = (const char *)sqlite3_column_text(stmt, 1);
        char *full = malloc(strlen(name) + strlen(suffix) + 1);
        strcpy(full, name);
        strcat(full, suffix);
        table.items[table.count].code = strdup((const char *)sqlite3_column_text(stmt, 0));
        table.items[table.count].name = full;
        table.count++;
    }
    sqlite3_finalize(stmt);
    return table;
}

static const char *lookup(const code_table *table, const char *code) {
    for (int i = 0; i < table->count; i++)
        if (strcmp(table->items[i].code, code) == 0) return table->items[i].name;
    return code;
}

static const char *level_name(const char *digit) {
    switch (digit[0]) {
    case '5': return "五级/初级工";
    case '4': return "四级/中级工";
    case '3': return "三级/高级工";
    case '2': return "二级/技师";
    case '1': return "一级/高级技师";
    default: return digit;
    }
}

/* Excel's 1900 date serial of YYYY-MM-DD (dates after 1900-02-28). */
static double excel_serial(const char *text) {
    int y = atoi(text), m = atoi(text + 5), d = atoi(text + 8);
    if (m <= 2) y -= 1;
    int era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (double)(era * 146097 + doe - 719468) + 25569.0;
}

static lxw_format *format(lxw_workbook *wb, int bold, int border, int wrap, int center, const char *number,
                          uint8_t number_index) {
    lxw_format *f = workbook_add_format(wb);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (wrap) format_set_text_wrap(f);
    if (center) format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (number_index) format_set_num_format_index(f, number_index);
    else if (number) format_set_num_format(f, number);
    return f;
}

int main(int argc, char **argv) {
    if (argc != 6) fail("usage", "roster_floor DB OUT.xlsx FIRST_DAY LAST_DAY TITLE");
    sqlite3 *db;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) fail(argv[1], sqlite3_errmsg(db));
    code_table occupations = load_names(db, "SELECT code, name FROM catalog_occupations", "");
    code_table items = load_names(db, "SELECT code, name FROM catalog_special_abilities", "（专项职业能力）");

    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(argv[2], &options);
    char heading[512];
    snprintf(heading, sizeof heading, "%s 证书名册", argv[5]);
    lxw_doc_properties properties = {.title = heading, .subject = "证书名册 Certificate roster", .author = "SkillCert"};
    workbook_set_properties(wb, &properties);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "证书名册 Certificates");

    lxw_format *title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 16);
    format_set_align(title, LXW_ALIGN_CENTER);
    format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
    lxw_format *detail = workbook_add_format(wb);
    format_set_text_wrap(detail);
    format_set_align(detail, LXW_ALIGN_LEFT);
    format_set_align(detail, LXW_ALIGN_VERTICAL_CENTER);
    lxw_format *header = format(wb, 1, 1, 1, 1, NULL, 0);
    format_set_pattern(header, LXW_PATTERN_SOLID);
    format_set_bg_color(header, 0xD9E1F2);
    lxw_format *centred = format(wb, 0, 1, 0, 1, NULL, 0);
    lxw_format *centred_integer = format(wb, 0, 1, 0, 1, NULL, 1);
    lxw_format *centred_text = format(wb, 0, 1, 0, 1, NULL, 49);
    lxw_format *centred_wrapped = format(wb, 0, 1, 1, 1, NULL, 0);
    lxw_format *centred_date = format(wb, 0, 1, 0, 1, "yyyy-mm-dd", 0);
    lxw_format *status_format = format(wb, 0, 1, 1, 0, NULL, 0);
    lxw_format *plain = workbook_add_format(wb);
    format_set_border(plain, LXW_BORDER_THIN);
    lxw_format *bold = format(wb, 1, 1, 0, 0, NULL, 0);
    lxw_format *count_all = format(wb, 1, 1, 0, 1, "0\" 本\"", 0);
    lxw_format *count_valid = format(wb, 1, 1, 0, 1, "\"有效 \"0\" 本\"", 0);

    static const char *headers[] = {"序号 No.", "证书编号 Certificate No.", "姓名 Name", "性别 Sex",
        "身份证号 National ID", "职业/项目 Occupation/item", "等级 Level", "发证日期 Issued on", "评价机构 Evaluation body",
        "培训机构 Training institution", "状态 Status", "补发次数 Reissues"};
    static const double widths[] = {6, 25, 12, 6, 21, 16, 13, 12, 20, 20, 30, 9};
    lxw_format *styles[] = {centred_integer, centred_text, centred, centred, centred_text, centred_wrapped,
                            centred, centred_date, centred_wrapped, centred_wrapped, status_format, centred_integer};
    for (int c = 0; c < 12; c++) worksheet_set_column(ws, c, c, widths[c], NULL);

    worksheet_merge_range(ws, 0, 0, 0, 11, heading, title);
    worksheet_set_row(ws, 0, 30, NULL);
    worksheet_merge_range(ws, 1, 0, 1, 11,
        "状态：有效，或已撤销（撤销日期）及理由；已撤销证书的编号不再使用。补发（遗失、损毁）不改变证书编号，补发次数为已补发的次数。\n"
        "Status: 有效 valid, or 已撤销 revoked (date) with the reason; a revoked number is never used again. "
        "A reissue (lost, damaged) keeps the number; 补发次数 counts the reissues.", detail);
    worksheet_set_row(ws, 1, 34, NULL);
    for (int c = 0; c < 12; c++) worksheet_write_string(ws, 2, c, headers[c], header);
    worksheet_set_row(ws, 2, 30, NULL);

    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, ROSTER_SQL, -1, &stmt, NULL) != SQLITE_OK) fail("query", sqlite3_errmsg(db));
    sqlite3_bind_text(stmt, 1, argv[3], -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, argv[4], -1, SQLITE_STATIC);
    lxw_row_t row = 3;
    long count = 0, valid = 0;
    char masked[64], status[1024];
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        count++;
        const char *id = (const char *)sqlite3_column_text(stmt, NATIONAL_ID);
        size_t length = strlen(id);
        if (length == 18) {
            memcpy(masked, id, 6);
            memset(masked + 6, '*', 8);
            memcpy(masked + 14, id + 14, 5);
        } else {
            size_t visible = length / 3, tail = visible / 2 < 2 ? visible / 2 : 2;
            size_t head = visible - tail < 3 ? visible - tail : 3;
            memcpy(masked, id, head);
            memset(masked + head, '*', length - head - tail);
            memcpy(masked + length - tail, id + length - tail, tail + 1);
        }
        const char *sex = (const char *)sqlite3_column_text(stmt, SEX);
        const char *occupation = (const char *)sqlite3_column_text(stmt, OCCUPATION);
        const char *training = (const char *)sqlite3_column_text(stmt, TRAINING_NAME);
        const char *revoked_on = (const char *)sqlite3_column_text(stmt, REVOKED_ON);
        if (revoked_on) {
            const char *reason = (const char *)sqlite3_column_text(stmt, REASON);
            snprintf(status, sizeof status, reason ? "已撤销（%s）：%s" : "已撤销（%s）%s", revoked_on, reason ? reason : "");
        } else {
            valid++;
        }

        worksheet_write_number(ws, row, 0, (double)count, styles[0]);
        worksheet_write_string(ws, row, 1, (const char *)sqlite3_column_text(stmt, NUMBER), styles[1]);
        worksheet_write_string(ws, row, 2, (const char *)sqlite3_column_text(stmt, NAME), styles[2]);
        worksheet_write_string(ws, row, 3, strcmp(sex, "male") == 0 ? "男" : strcmp(sex, "female") == 0 ? "女" : sex, styles[3]);
        worksheet_write_string(ws, row, 4, masked, styles[4]);
        worksheet_write_string(ws, row, 5, occupation ? lookup(&occupations, occupation)
                                                      : lookup(&items, (const char *)sqlite3_column_text(stmt, SPECIAL)),
                               styles[5]);
        if (occupation) worksheet_write_string(ws, row, 6, level_name((const char *)sqlite3_column_text(stmt, LEVEL)), styles[6]);
        else worksheet_write_blank(ws, row, 6, styles[6]);
        worksheet_write_number(ws, row, 7, excel_serial((const char *)sqlite3_column_text(stmt, ISSUED)), styles[7]);
        worksheet_write_string(ws, row, 8, (const char *)sqlite3_column_text(stmt, BODY_NAME), styles[8]);
        worksheet_write_string(ws, row, 9, training ? training : "个人报名 Self-applied", styles[9]);
        worksheet_write_string(ws, row, 10, revoked_on ? status : "有效", styles[10]);
        worksheet_write_number(ws, row, 11, (double)sqlite3_column_int64(stmt, REISSUES), styles[11]);
        worksheet_set_row(ws, row, 30, NULL);
        row++;
    }
    if (rc != SQLITE_DONE) fail("query", sqlite3_errmsg(db));
    sqlite3_finalize(stmt);

    /* An empty roster keeps one bordered row, as the Swift layout does. */
    lxw_row_t last = count ? row - 1 : 3;
    if (!count) {
        for (int c = 0; c < 12; c++) worksheet_write_blank(ws, 3, c, styles[c]);
        worksheet_set_row(ws, 3, 30, NULL);
    }
    /* While the last data row is the current one: constant-memory mode refuses it later. */
    if (worksheet_autofilter(ws, 2, 0, last, 11) != LXW_NO_ERROR) fail("autofilter", argv[2]);
    lxw_row_t totals = last + 1;
    for (int c = 0; c < 12; c++) worksheet_write_blank(ws, totals, c, plain);
    worksheet_write_string(ws, totals, 0, "合计 Total", bold);
    char formula[128];
    snprintf(formula, sizeof formula, "COUNTA(B4:B%u)", last + 1);
    worksheet_write_formula_num(ws, totals, 1, formula, count_all, (double)count);
    snprintf(formula, sizeof formula, "COUNTIF(K4:K%u,\"有效\")", last + 1);
    worksheet_write_formula_num(ws, totals, 10, formula, count_valid, (double)valid);
    worksheet_set_row(ws, totals, 22, NULL);

    worksheet_freeze_panes(ws, 3, 0);
    worksheet_set_footer(ws, "&C&P / &N");
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 2);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_center_horizontally(ws);
    lxw_error error = workbook_close(wb);
    if (error != LXW_NO_ERROR) fail(argv[2], lxw_strerror(error));
    sqlite3_close(db);
    printf("%ld\n", count);
    return 0;
}
