/* Unit tests for lib/strip: the three layers together, on whole documents. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/rx.h"
#include "strip/internal.h"
#include "check_main.h"

#define BODY1 "정부는 오늘 새 경제 정책을 발표하면서 올해 성장률 전망치를 " \
	"2.2%로 낮췄다고 밝혔다. 기획재정부 관계자는 수출 회복이 더디다고 말했다."
#define BODY2 "전문가들은 내수 부진이 이어지면서 하반기에도 경기 회복이 " \
	"쉽지 않을 것이라고 내다봤다. 한국은행도 비슷한 전망을 내놓았다."
#define BODY3 "정부는 다음 달 추가 대책을 내놓을 계획이라고 덧붙였다. " \
	"관련 부처들은 세부 방안을 협의하고 있는 것으로 알려졌다."

static struct strip *
builtin(void)
{
	struct strip *st = strip_new();

	ck_assert_int_gt(strip_add_builtin(st), 50);
	return st;
}

/* Strip 'in' and check the text kept. */
static void
check_text(struct strip *st, int lang, const char *in, const char *want,
    struct strip_result *res)
{
	ck_assert_int_eq(strip_text(st, in, strlen(in), lang, res), 0);
	ck_assert_msg(res->text.len == strlen(want) &&
	    memcmp(res->text.data, want, res->text.len) == 0,
	    "got:\n%.*s\nwant:\n%s", (int)res->text.len,
	    res->text.data ? res->text.data : "", want);
}

/* Whether cut 'i' of 'res' is line 'line' with 'reason' and 'text'. */
static void
check_cut(const struct strip_result *res, size_t i, const char *in,
    size_t line, const char *reason, const char *text)
{
	ck_assert_uint_gt(res->ncut, i);
	ck_assert_uint_eq(res->cut[i].line, line);
	ck_assert_str_eq(res->cut[i].reason, reason);
	ck_assert_msg(res->cut[i].len == strlen(text) &&
	    memcmp(in + res->cut[i].start, text, strlen(text)) == 0,
	    "cut %zu is '%.*s'", i, (int)res->cut[i].len,
	    in + res->cut[i].start);
}

START_TEST(test_copyright_line_removed)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *in = BODY1 "\n" BODY2 "\n" BODY3 "\n"
	    "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>\n";

	check_text(st, STRIP_KO, in, BODY1 "\n" BODY2 "\n" BODY3 "\n", &res);
	ck_assert_int_eq(res.changed, 1);
	ck_assert_uint_eq(res.ncut, 1);
	check_cut(&res, 0, in, 4, "copyright",
	    "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>");
	ck_assert_int_eq(res.cut[0].whole, 1);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

/* The cut list as --explain and --removed write it, escaped. */
START_TEST(test_cuts_json)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	struct buf out = BUF_INIT;
	struct jsonw w;
	const char *in = BODY1 "\n" BODY2 "\n" BODY3 "\n"
	    "<저작권자(c) \"연합뉴스\", 무단 전재-재배포 금지>\n";

	ck_assert_int_eq(strip_text(st, in, strlen(in), STRIP_KO, &res), 0);
	strip_cuts_json(&res, in, &out);
	ck_assert_str_eq(out.data, "[{\"line\":4,\"rule\":\"copyright\","
	    "\"text\":\"<저작권자(c) \\\"연합뉴스\\\", 무단 전재-재배포 금지>\"}]");
	buf_reset(&out);
	jsonw_init(&w, &out);
	jsonw_begin_object(&w);
	jsonw_name(&w, "id");
	jsonw_int(&w, 7);
	strip_cut_members(&w, &res.cut[0], in);
	jsonw_end_object(&w);
	ck_assert_str_eq(out.data, "{\"id\":7,\"line\":4,\"rule\":\"copyright\","
	    "\"text\":\"<저작권자(c) \\\"연합뉴스\\\", 무단 전재-재배포 금지>\"}");
	/* Nothing cut: an empty array. */
	ck_assert_int_eq(strip_text(st, BODY1, strlen(BODY1), STRIP_KO, &res), 0);
	buf_reset(&out);
	strip_cuts_json(&res, BODY1, &out);
	ck_assert_str_eq(out.data, "[]");
	buf_release(&out);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_body_mentioning_copyright_kept)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *in = BODY1 "\n"
	    "법원은 이 신문의 기사를 무단 전재한 블로그 운영자에게 손해를 배상하라고 "
	    "판결했다. 재판부는 무단 전재와 재배포를 금지한 약관이 유효하다고 봤다.\n"
	    BODY2;

	/* Nothing to remove: the very same bytes come back. */
	check_text(st, STRIP_KO, in, in, &res);
	ck_assert_int_eq(res.changed, 0);
	ck_assert_uint_eq(res.ncut, 0);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_byline_prefix_cut)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *in = "[뉴스임팩트=이정희 기자] " BODY1 "\n"
	    "(서울=연합뉴스) 홍길동 기자 = " BODY2 "\n"
	    "경제타임스 김은국 기자 | " BODY3;

	check_text(st, STRIP_KO, in, BODY1 "\n" BODY2 "\n" BODY3, &res);
	ck_assert_uint_eq(res.ncut, 3);
	check_cut(&res, 0, in, 1, "byline", "[뉴스임팩트=이정희 기자]");
	ck_assert_int_eq(res.cut[0].whole, 0);
	check_cut(&res, 1, in, 2, "byline", "(서울=연합뉴스) 홍길동 기자 =");
	check_cut(&res, 2, in, 3, "byline", "경제타임스 김은국 기자 |");
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_captions_and_tail_lines)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *in =
	    "정부, 성장률 전망 2.2%로 하향\n"
	    "추경호 부총리가 기자회견을 하고 있다. 연합뉴스\n"
	    BODY1 "\n"
	    "회의 참석자들이 기념 촬영을 하고 있다. /기획재정부\n"
	    BODY2 "\n" BODY3 "\n"
	    "홍길동 기자 gildong@yna.co.kr\n"
	    "댓글목록\n"
	    "등록된 댓글이 없습니다.\n";

	check_text(st, STRIP_KO, in, "정부, 성장률 전망 2.2%로 하향\n" BODY1 "\n"
	    BODY2 "\n" BODY3 "\n", &res);
	ck_assert_uint_eq(res.ncut, 5);
	check_cut(&res, 0, in, 2, "caption",
	    "추경호 부총리가 기자회견을 하고 있다. 연합뉴스");
	check_cut(&res, 1, in, 4, "caption",
	    "회의 참석자들이 기념 촬영을 하고 있다. /기획재정부");
	check_cut(&res, 2, in, 7, "byline", "홍길동 기자 gildong@yna.co.kr");
	check_cut(&res, 3, in, 8, "comments", "댓글목록");
	check_cut(&res, 4, in, 9, "comments", "등록된 댓글이 없습니다.");
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_block_start_takes_list)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *in = BODY1 "\n" BODY2 "\n"
	    "관련기사\n"
	    "정부, 추경 편성 검토\n"
	    "수출 석 달째 감소\n"
	    "\n" BODY3 "\n";

	check_text(st, STRIP_KO, in, BODY1 "\n" BODY2 "\n\n" BODY3 "\n", &res);
	ck_assert_uint_eq(res.ncut, 3);
	check_cut(&res, 0, in, 3, "related", "관련기사");
	check_cut(&res, 1, in, 4, "related", "정부, 추경 편성 검토");
	check_cut(&res, 2, in, 5, "related", "수출 석 달째 감소");
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

/*
 * A comment section: its header cuts the rest of the text, comments that
 * read like prose included; a "Comments" link above the article does not.
 */
#define EN1 "The city council voted on Tuesday to approve the new budget, " \
	"which includes money for roads, parks and the library that has been " \
	"closed since the flood last spring."
#define EN2 "Members said the plan would be reviewed again in the autumn, " \
	"when the state is expected to announce how much it will contribute."
#define EN3 "The mayor, who had argued for a smaller increase, said she " \
	"would sign the budget but that she was worried about the cost."

START_TEST(test_tail_start_comments)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *in = "Comments\n" EN1 "\n\n" EN2 "\n\n" EN3 "\n\n"
	    "Leave a Reply\n"
	    "I think the council is wasting our money on this again, as usual.\n"
	    "Another commenter says the library should have been fixed first.\n";
	size_t i;

	check_text(st, STRIP_EN, in, EN1 "\n\n" EN2 "\n\n" EN3 "\n", &res);
	for (i = 0; i < res.ncut; i++)
		if (res.cut[i].line >= 8)
			ck_assert_str_eq(res.cut[i].reason, "comments");
	ck_assert_uint_eq(res.cut[res.ncut - 1].line, 10);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_blank_lines_collapse)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	/* Removed lines leave one blank line, none at either end. */
	const char *in = "\nAdvertisement\n\n" EN1 "\n\nAdvertisement\n\n" EN2
	    "\n\n\n" EN3 "\n\nShare this article\n\n";

	check_text(st, STRIP_EN, in, EN1 "\n\n" EN2 "\n\n\n" EN3 "\n", &res);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_crlf_and_indent_kept)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *in = "   " EN1 "\r\n   " EN2 "\r\n  * Advertisement\r\n   "
	    EN3 "\r\n";

	/* Kept lines keep their bytes; the removed one goes with its end. */
	check_text(st, STRIP_EN, in, "   " EN1 "\r\n   " EN2 "\r\n   " EN3
	    "\r\n", &res);
	check_cut(&res, 0, in, 3, "ad", "* Advertisement");
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_empty_and_blank_texts)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;

	check_text(st, STRIP_AUTO, "", "", &res);
	ck_assert_int_eq(res.changed, 0);
	check_text(st, STRIP_AUTO, "\n\n  \n", "\n\n  \n", &res);
	ck_assert_int_eq(res.changed, 0);
	/* A text that is all boilerplate becomes empty. */
	check_text(st, STRIP_KO, "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>\n",
	    "", &res);
	ck_assert_int_eq(res.changed, 1);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_single_sentence_records_kept)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;

	/* Layout needs a page to judge; a lone sentence is left alone. */
	check_text(st, STRIP_KO, "짧은 문장이다.", "짧은 문장이다.", &res);
	check_text(st, STRIP_EN, "Stocks fell.\nBonds rose.",
	    "Stocks fell.\nBonds rose.", &res);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_detect_lang)
{
	ck_assert_int_eq(strip_detect_lang("정부는 AI 정책을 발표했다.", 34),
	    STRIP_KO);
	ck_assert_int_eq(strip_detect_lang("Kim Jong-un (김정은) said so.", 32),
	    STRIP_EN);
	ck_assert_int_eq(strip_detect_lang("", 0), STRIP_EN);
}
END_TEST

START_TEST(test_auto_lang_in_result)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;

	check_text(st, STRIP_AUTO, BODY1, BODY1, &res);
	ck_assert_int_eq(res.lang, STRIP_KO);
	check_text(st, STRIP_AUTO, EN1, EN1, &res);
	ck_assert_int_eq(res.lang, STRIP_EN);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_no_builtin_is_layout_only)
{
	struct strip *st = strip_new();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *in = BODY1 "\n" BODY2 "\n<저작권자(c) 연합뉴스, 무단 전재-재배포 "
	    "금지>\n" BODY3 "\n";

	/* No rules: the copyright line between body lines stays. */
	check_text(st, STRIP_KO, in, in, &res);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_user_rule_added)
{
	struct strip *st = strip_new();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *rules = "promo line ko ^주식투자도\n";
	const char *in = BODY1 "\n주식투자도 이제 글로벌 시대! 와우스탁론에서\n" BODY2;

	ck_assert_int_eq(rules_parse(strip_rules(st), rules, strlen(rules),
	    "user.rules"), 1);
	check_text(st, STRIP_KO, in, BODY1 "\n" BODY2, &res);
	check_cut(&res, 0, in, 2, "promo",
	    "주식투자도 이제 글로벌 시대! 와우스탁론에서");
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

/*
 * A rule that backtracks catastrophically: strip_text returns 1, the text
 * unchanged and the rule named; the next document is stripped as usual.
 */
START_TEST(test_evil_rule_passes_text_through)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *rules = "evil line:100000 en ^(a|aa)+$\n";
	struct buf in = BUF_INIT;
	int i;

	ck_assert_int_eq(rules_parse(strip_rules(st), rules, strlen(rules),
	    "evil.rules"), 1);
	buf_addstr(&in, "Advertisement\n");
	for (i = 0; i < 5000; i++)
		buf_addc(&in, 'a');
	buf_addstr(&in, "b\n");
	ck_assert_int_eq(strip_text(st, in.data, in.len, STRIP_EN, &res), 1);
	ck_assert_ptr_nonnull(res.failed);
	ck_assert_str_eq(res.failed, "evil");
	ck_assert_int_eq(res.failed_rc, RX_LIMIT);
	ck_assert_uint_eq(res.text.len, in.len);
	ck_assert_int_eq(memcmp(res.text.data, in.data, in.len), 0);
	ck_assert_uint_eq(res.ncut, 0);
	check_text(st, STRIP_EN, EN1 "\nAdvertisement\n" EN2, EN1 "\n" EN2, &res);
	ck_assert_ptr_null(res.failed);
	buf_release(&in);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

/*
 * The three seed pages: every line labelled boiler, caption or meta is
 * removed, body and dup lines are kept, bylines are cut.
 */
START_TEST(test_seed_pages)
{
	static const char *const pages[] = {
		"000_0e466a73966c3012.txt",
		"001_e6d7e86e84895ee3.txt",
		"002_e7528356263c0c7f.txt",
	};
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	char path[512], *line = NULL;
	size_t p, cap = 0;
	FILE *gold;
	ssize_t n;

	if (check_shared_path("seeds/gold-lines.tsv", path, sizeof path) ==
	    NULL) {
		strip_free(st);
		return;
	}
	gold = fopen(path, "r");
	ck_assert_ptr_nonnull(gold);
	for (p = 0; p < 3; p++) {
		struct buf text = BUF_INIT;
		char rel[128], buf[65536];
		size_t got;
		FILE *fp;

		snprintf(rel, sizeof rel, "seeds/%s", pages[p]);
		ck_assert_ptr_nonnull(check_shared_path(rel, path, sizeof path));
		fp = fopen(path, "r");
		ck_assert_ptr_nonnull(fp);
		while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
			buf_add(&text, buf, got);
		fclose(fp);
		ck_assert_int_eq(strip_text(st, text.data, text.len, STRIP_AUTO,
		    &res), 0);
		/* Every gold line of this page: kept (its text, bylines cut) or not. */
		rewind(gold);
		while ((n = getline(&line, &cap, gold)) > 0) {
			char *f[5], *s = line;
			int k;

			line[n - 1] = '\0';
			for (k = 0; k < 5; k++)
				f[k] = strsep(&s, "\t");
			if (f[4] == NULL || strcmp(f[0], pages[p]) != 0 ||
			    strcmp(f[2], "blank") == 0)
				continue;
			{
				const char *want = f[4] + strlen(f[3]);
				int keep = strcmp(f[2], "body") == 0 ||
				    strncmp(f[2], "dup:", 4) == 0;
				int found = 0;
				const char *q = res.text.data;

				while (q && *q) {
					const char *e = strchr(q, '\n');
					size_t len = e ? (size_t)(e - q) :
					    strlen(q);

					if (len == strlen(want) &&
					    memcmp(q, want, len) == 0)
						found = 1;
					q = e ? e + 1 : q + len;
				}
				ck_assert_msg(found == keep, "%s:%s (%s) %s",
				    pages[p], f[1], f[2], keep ? "removed" :
				    "kept");
			}
		}
		buf_release(&text);
	}
	free(line);
	fclose(gold);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

/*
 * Each kind of boilerplate the built-in rules know, one line of it set
 * among body paragraphs: removed (whole, or the part given), for the
 * reason named.  Lines invented for the test.
 */
static const struct {
	int lang;
	const char *line;
	const char *reason;
	const char *cut;	/* the text cut, when not the whole line */
} kind_rows[] = {
	{ STRIP_KO, "<저작권자(c) 가상통신, 무단 전재-재배포 금지>", "copyright", NULL },
	{ STRIP_KO, "ⓒ 가상경제 & example.co.kr, 무단전재 및 재배포 금지", "copyright", NULL },
	{ STRIP_KO, "[가상일보=나은별 기자] 정부는 새 정책을 내놓았다고 밝혔다.", "byline",
	    "[가상일보=나은별 기자]" },
	{ STRIP_KO, "나은별 기자 eunbyul@example.co.kr", "byline", NULL },
	{ STRIP_KO, "브뤼셀=나은별 특파원", "byline", NULL },
	{ STRIP_KO, "기자명 나은별 기자   입력 2025.10.21 09:40   댓글 0", "byline", NULL },
	{ STRIP_KO, "입력 2025.10.21 10:00  수정 2025.10.21 11:30", "date", NULL },
	{ STRIP_KO, "2025/10/21 09:12 송고", "date", NULL },
	{ STRIP_KO, "시민들이 거리를 걷고 있다. 서울=가상통신", "caption", NULL },
	{ STRIP_KO, "회의 참석자들이 기념 촬영을 하고 있다. /가상그룹 제공", "caption", NULL },
	{ STRIP_KO, "(사진=가상통신)", "caption", NULL },
	{ STRIP_KO, "▲ 지난 1일 열린 행사에서 참석자들이 박수를 치고 있다.", "caption", NULL },
	{ STRIP_KO, "이미지 확대", "caption", NULL },
	{ STRIP_KO, "[앵커]", "broadcast", NULL },
	{ STRIP_KO, "영상취재 : 나은별 기자", "broadcast", NULL },
	{ STRIP_KO, "가상일보는 여러분의 제보를 기다립니다.", "tipline", NULL },
	{ STRIP_KO, "▶카카오톡: '가상제보' 검색", "tipline", NULL },
	{ STRIP_KO, "※ 이 기사는 AI가 요약해 자동 작성했습니다.", "notice", NULL },
	{ STRIP_KO, "▶ 관련기사 바로가기", "related", NULL },
	{ STRIP_KO, "많이 본 뉴스", "related", NULL },
	{ STRIP_KO, "등록된 댓글이 없습니다.", "comments", NULL },
	{ STRIP_KO, "페이스북(으)로 기사보내기 트위터(으)로 기사보내기", "widget", NULL },
	{ STRIP_KO, "좋아요 0 훈훈해요 0 슬퍼요 0", "widget", NULL },
	{ STRIP_KO, "본문 글씨 줄이기 본문 글씨 키우기", "widget", NULL },
	{ STRIP_KO, "기자 구독하기", "widget", NULL },
	{ STRIP_KO, "홈 > 경제 > 금융", "widget", NULL },
	{ STRIP_KO, "가상일보 | 서울특별시 중구 가상로 1 | 등록번호 서울 아00000",
	    "footer", NULL },
	{ STRIP_KO, "키워드 #금리 #대출", "tags", NULL },
	{ STRIP_KO, "광고", "ad", NULL },
	{ STRIP_EN, "Copyright © 2025 Example Media. All rights reserved.",
	    "copyright", NULL },
	{ STRIP_EN, "By Dana Whitfield, Staff Writer", "byline", NULL },
	{ STRIP_EN, "October 21, 2025 7:30 am ET", "date", NULL },
	{ STRIP_EN, "Updated: 21 Oct 2025 9:38 pm", "date", NULL },
	{ STRIP_EN, "The harbour at dawn on Monday. Photo: Dana Whitfield",
	    "caption", NULL },
	{ STRIP_EN, "Advertisement", "ad", NULL },
	{ STRIP_EN, "Share this article", "widget", NULL },
	{ STRIP_EN, "We use cookies to improve your experience on our site.",
	    "widget", NULL },
	{ STRIP_EN, "Sign up for our free daily newsletter", "widget", NULL },
	{ STRIP_EN, "Read more: Council delays the bridge vote", "related", NULL },
	{ STRIP_EN, "Your email address will not be published.", "comments", NULL },
	{ STRIP_EN, "Dana Whitfield is a city hall reporter for the Example.",
	    "author", NULL },
	{ STRIP_EN, "(Reporting by Dana Whitfield; Editing by Sam Ode)", "footer",
	    NULL },
	{ STRIP_EN, "IFRAME: https://www.example.com/embed", "markup", NULL },
};

START_TEST(test_rule_kinds)
{
	struct strip *st = builtin();
	struct strip_result res = STRIP_RESULT_INIT;
	const char *line = kind_rows[_i].line;
	const char *want = kind_rows[_i].cut ? kind_rows[_i].cut : line;
	struct buf in = BUF_INIT;
	size_t i;
	int found = 0;

	if (kind_rows[_i].lang == STRIP_KO)
		buf_printf(&in, "%s\n%s\n%s\n%s", BODY1, BODY2, line, BODY3);
	else
		buf_printf(&in, "%s\n%s\n%s\n%s", EN1, EN2, line, EN3);
	ck_assert_int_eq(strip_text(st, in.data, in.len, kind_rows[_i].lang,
	    &res), 0);
	for (i = 0; i < res.ncut; i++) {
		const struct strip_cut *c = &res.cut[i];

		ck_assert_uint_eq(c->line, 3);	/* nothing else goes */
		if (strcmp(c->reason, kind_rows[_i].reason) == 0 &&
		    c->len == strlen(want) &&
		    memcmp(in.data + c->start, want, c->len) == 0)
			found = 1;
	}
	ck_assert_msg(found, "'%s': not cut as %s", line, kind_rows[_i].reason);
	buf_release(&in);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

START_TEST(test_builtin_rules_text)
{
	size_t len;
	const char *text = strip_builtin_rules(&len);

	ck_assert_uint_gt(len, 1000);
	ck_assert_uint_eq(strlen(text), len);
	ck_assert_int_eq(strncmp(text, "# winnow-strip built-in rules", 29), 0);
}
END_TEST

static Suite *
strip_suite(void)
{
	Suite *s = suite_create("strip");
	TCase *tc = tcase_create("strip");

	tcase_set_timeout(tc, 60);	/* limits hit under ASan take a while */
	tcase_add_test(tc, test_copyright_line_removed);
	tcase_add_loop_test(tc, test_rule_kinds, 0,
	    sizeof kind_rows / sizeof kind_rows[0]);
	tcase_add_test(tc, test_cuts_json);
	tcase_add_test(tc, test_body_mentioning_copyright_kept);
	tcase_add_test(tc, test_byline_prefix_cut);
	tcase_add_test(tc, test_captions_and_tail_lines);
	tcase_add_test(tc, test_block_start_takes_list);
	tcase_add_test(tc, test_tail_start_comments);
	tcase_add_test(tc, test_blank_lines_collapse);
	tcase_add_test(tc, test_crlf_and_indent_kept);
	tcase_add_test(tc, test_empty_and_blank_texts);
	tcase_add_test(tc, test_single_sentence_records_kept);
	tcase_add_test(tc, test_detect_lang);
	tcase_add_test(tc, test_auto_lang_in_result);
	tcase_add_test(tc, test_no_builtin_is_layout_only);
	tcase_add_test(tc, test_user_rule_added);
	tcase_add_test(tc, test_evil_rule_passes_text_through);
	tcase_add_test(tc, test_seed_pages);
	tcase_add_test(tc, test_builtin_rules_text);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(strip_suite)
