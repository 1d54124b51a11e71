/* Unit tests for lib/rules: the rule file format, matching per scope, limits. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/rx.h"
#include "core/utf8.h"
#include "strip/internal.h"
#include "check_main.h"

/*
 * Send stderr to a file of the test's directory, to read back what a
 * failing call said; it is read back through stderr itself.
 */
static void
capture(void)
{
	ck_assert_ptr_nonnull(freopen(check_path("stderr"), "w+", stderr));
}

/* What was written to stderr since capture(), as a C string (static). */
static const char *
captured(void)
{
	static char msg[4096];
	size_t n;

	fflush(stderr);
	rewind(stderr);
	n = fread(msg, 1, sizeof msg - 1, stderr);
	msg[n] = '\0';
	fseek(stderr, 0, SEEK_END);
	return msg;
}

static int
parse(struct rules *rs, const char *text)
{
	return rules_parse(rs, text, strlen(text), "t.rules");
}

/* Each row: a rule file; the rules it holds, or -1 and part of the message. */
static const struct {
	const char *text;
	int count;
	const char *error;
} parse_rows[] = {
	{ "", 0, NULL },
	{ "# only a comment\n\n   \n\t# indented comment\n", 0, NULL },
	{ "copyright line ko 무단\\s*전재\n", 1, NULL },
	{ "a line * x\nb prefix en ^y\r\nc suffix ko,en z$\n", 3, NULL },
	{ "a line:200 ko x\nb block-start:40 en y\nc tail-start en z", 3, NULL },
	{ "a\tline\t*\tpattern with spaces inside\n", 1, NULL },
	{ "copyright\n", -1, "t.rules:1: rule 'copyright' has no scope" },
	{ "a line\n", -1, "t.rules:1: rule 'a' has no language" },
	{ "a line ko\n", -1, "t.rules:1: rule 'a' has no pattern" },
	{ "a line ko   \n", -1, "t.rules:1: rule 'a' has no pattern" },
	{ "\n\na lines ko x\n", -1, "t.rules:3: unknown scope 'lines'" },
	{ "a prefix:20 ko x\n", -1, "t.rules:1: unknown scope 'prefix:20'" },
	{ "a line:0 ko x\n", -1, "t.rules:1: unknown scope 'line:0'" },
	{ "a line:12x ko x\n", -1, "t.rules:1: unknown scope 'line:12x'" },
	{ "a line: ko x\n", -1, "t.rules:1: unknown scope 'line:'" },
	{ "a line jp x\n", -1, "t.rules:1: unknown language 'jp'" },
	{ "a line ko,,en x\n", -1, "t.rules:1: unknown language 'ko,,en'" },
	{ "bad/name line ko x\n", -1, "t.rules:1: bad rule name 'bad/name'" },
	{ "ok line ko x\nbad line ko (unclosed\n", -1,
	    "t.rules:2: bad pattern in rule 'bad': missing closing parenthesis" },
	{ "a line ko x\nb line ko [z-a]\n", -1, "t.rules:2: bad pattern" },
};

START_TEST(test_parse_table)
{
	struct rules *rs = rules_new();
	int rc;

	capture();
	rc = parse(rs, parse_rows[_i].text);
	ck_assert_int_eq(rc, parse_rows[_i].count);
	if (parse_rows[_i].error) {
		const char *msg = captured();

		ck_assert_msg(strstr(msg, parse_rows[_i].error) != NULL,
		    "message '%s' lacks '%s'", msg, parse_rows[_i].error);
		/* A file with an error adds none of its rules. */
		ck_assert_uint_eq(rules_count(rs), 0);
	}
	rules_free(rs);
}
END_TEST

START_TEST(test_parse_fields)
{
	struct rules *rs = rules_new();
	const struct rule *r;

	ck_assert_int_eq(parse(rs, "# c\ncopyright  line:200\tko,en  "
	    "a b  c  \nbyline prefix * ^x\n"), 2);
	r = rules_get(rs, 0);
	ck_assert_str_eq(r->name, "copyright");
	ck_assert_int_eq(r->scope, RULE_LINE);
	ck_assert_uint_eq(r->max_chars, 200);
	ck_assert_uint_eq(r->langs, RULE_KO | RULE_EN);
	/* Inner white space is the pattern's, trailing white space is not. */
	ck_assert_str_eq(r->pattern, "a b  c");
	ck_assert_str_eq(r->where, "t.rules:2");
	r = rules_get(rs, 1);
	ck_assert_int_eq(r->scope, RULE_PREFIX);
	ck_assert_uint_eq(r->langs, RULE_ANYLANG);
	ck_assert_uint_eq(r->max_chars, RULE_MAX_CHARS);
	ck_assert_ptr_null(rules_get(rs, 2));
	rules_free(rs);
}
END_TEST

START_TEST(test_parse_nul_byte)
{
	struct rules *rs = rules_new();

	capture();
	ck_assert_int_eq(rules_parse(rs, "a line ko x\0y\n", 14, "n.rules"), -1);
	ck_assert_ptr_nonnull(strstr(captured(), "n.rules:1: NUL byte"));
	rules_free(rs);
}
END_TEST

/*
 * A file whose last rule has no line end: the parser reads none of the
 * bytes after the text (the buffer is exactly the file, so ASan and
 * valgrind see an overread; a fuzz finding).
 */
START_TEST(test_parse_reads_only_its_bytes)
{
	static const char *const files[] = { "name line ko pattern", "name" };
	size_t i;

	for (i = 0; i < 2; i++) {
		struct rules *rs = rules_new();
		size_t len = strlen(files[i]);
		char *text = malloc(len);

		memcpy(text, files[i], len);
		capture();
		ck_assert_int_eq(rules_parse(rs, text, len, "e.rules"), i == 0 ? 1 : -1);
		if (i == 0) {
			ck_assert_str_eq(rules_get(rs, 0)->name, "name");
			ck_assert_str_eq(rules_get(rs, 0)->pattern, "pattern");
		}
		free(text);
		rules_free(rs);
	}
}
END_TEST

START_TEST(test_load_missing_file)
{
	struct rules *rs = rules_new();

	capture();
	ck_assert_int_eq(rules_load(rs, "/nonexistent/x.rules"), -1);
	ck_assert_ptr_nonnull(strstr(captured(),
	    "cannot open rule file '/nonexistent/x.rules'"));
	rules_free(rs);
}
END_TEST

START_TEST(test_load_file)
{
	const char *text = "# mine\nad line en ^Advertisement$\n";
	const char *path = check_file("mine.rules", text, strlen(text));
	struct rules *rs = rules_new();

	ck_assert_int_eq(rules_load(rs, path), 1);
	ck_assert_str_eq(rules_get(rs, 0)->name, "ad");
	rules_free(rs);
}
END_TEST

/* Match 's' (the whole string is the line) against group 'g'. */
static int
match(struct rules *rs, enum rule_group g, unsigned lang, const char *s,
    struct rule_hit *hit)
{
	size_t len = strlen(s);

	rules_scan(rs, s, len);
	return rules_match(rs, g, lang, s, len, utf8_count(s, len),
	    hit);
}

START_TEST(test_match_line_scope)
{
	struct rules *rs = rules_new();
	struct rule_hit hit;

	ck_assert_int_eq(parse(rs, "copyright line:30 ko 무단\\s*전재\n"), 1);
	ck_assert_int_eq(match(rs, RULES_WHOLE, RULE_KO,
	    "<저작권자 ⓒ 연합뉴스, 무단 전재-재배포 금지>", &hit), 1);
	ck_assert_str_eq(hit.rule->name, "copyright");
	/* A long body line that mentions it is beyond the limit. */
	ck_assert_int_eq(match(rs, RULES_WHOLE, RULE_KO,
	    "법원은 이 신문의 기사를 무단 전재한 블로그 운영자에게 손해를 "
	    "배상하라고 판결했다고 밝혔다.", &hit), 0);
	/* Another language does not see the rule. */
	ck_assert_int_eq(match(rs, RULES_WHOLE, RULE_EN, "무단 전재 금지",
	    &hit), 0);
	/* Nor does another group. */
	ck_assert_int_eq(match(rs, RULES_PREFIX, RULE_KO, "무단 전재 금지",
	    &hit), 0);
	rules_free(rs);
}
END_TEST

START_TEST(test_match_prefix_scope)
{
	struct rules *rs = rules_new();
	struct rule_hit hit;

	/* No ^ in the pattern: prefix rules match at the start anyway. */
	ck_assert_int_eq(parse(rs, "byline prefix ko "
	    "\\[[^\\]=]{1,20}=[^\\]]{1,20}\\]\\s*\n"), 1);
	ck_assert_int_eq(match(rs, RULES_PREFIX, RULE_KO,
	    "[뉴스임팩트=이정희 기자] 챗GPT 개발사 오픈AI가", &hit), 1);
	ck_assert_uint_eq(hit.start, 0);
	ck_assert_uint_eq(hit.end, strlen("[뉴스임팩트=이정희 기자] "));
	ck_assert_int_eq(match(rs, RULES_PREFIX, RULE_KO,
	    "본문 [뉴스임팩트=이정희 기자] 뒤에", &hit), 0);
	rules_free(rs);
}
END_TEST

START_TEST(test_match_suffix_scope)
{
	struct rules *rs = rules_new();
	struct rule_hit hit;
	const char *s = "회담이 열렸다. (사진=연합뉴스)";

	ck_assert_int_eq(parse(rs, "credit suffix ko \\s*\\(사진=[^)]+\\)\n"),
	    1);
	ck_assert_int_eq(match(rs, RULES_SUFFIX, RULE_KO, s, &hit), 1);
	ck_assert_uint_eq(hit.start, strlen("회담이 열렸다."));
	ck_assert_uint_eq(hit.end, strlen(s));
	/* A match that does not end the line is no suffix. */
	ck_assert_int_eq(match(rs, RULES_SUFFIX, RULE_KO,
	    "(사진=연합뉴스) 회담이 열렸다.", &hit), 0);
	rules_free(rs);
}
END_TEST

START_TEST(test_match_file_order)
{
	struct rules *rs = rules_new();
	struct rule_hit hit;

	ck_assert_int_eq(parse(rs, "first line * ^Share\nsecond line * "
	    "Share this\nthird line en this\n"), 3);
	ck_assert_int_eq(match(rs, RULES_WHOLE, RULE_EN, "Share this article",
	    &hit), 1);
	ck_assert_str_eq(hit.rule->name, "first");
	ck_assert_int_eq(match(rs, RULES_WHOLE, RULE_EN, "Please share this",
	    &hit), 1);
	ck_assert_str_eq(hit.rule->name, "third");
	rules_free(rs);
}
END_TEST

START_TEST(test_match_block_and_tail_are_whole_line)
{
	struct rules *rs = rules_new();
	struct rule_hit hit;

	ck_assert_int_eq(parse(rs, "related block-start en ^Related\n"
	    "comments tail-start:10 en ^Comments$\n"), 2);
	ck_assert_int_eq(match(rs, RULES_WHOLE, RULE_EN, "Related", &hit), 1);
	ck_assert_int_eq(hit.rule->scope, RULE_BLOCK_START);
	ck_assert_int_eq(match(rs, RULES_WHOLE, RULE_EN, "Comments", &hit), 1);
	ck_assert_int_eq(hit.rule->scope, RULE_TAIL_START);
	rules_free(rs);
}
END_TEST

/*
 * A user rule that backtracks catastrophically on a long line hits the
 * PCRE2 limits: rules_match reports RX_LIMIT and names the rule, quickly.
 */
START_TEST(test_match_catastrophic_backtracking)
{
	struct rules *rs = rules_new();
	struct rule_hit hit;
	struct buf line = BUF_INIT;
	struct timespec t0, t1;
	double secs;
	int i;

	ck_assert_int_eq(parse(rs, "ok line en ^fine$\n"
	    "evil line:100000 en ^(a|aa)+$\n"), 2);
	for (i = 0; i < 5000; i++)
		buf_addc(&line, 'a');
	buf_addc(&line, 'b');
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rules_scan(rs, line.data, line.len);
	ck_assert_int_eq(rules_match(rs, RULES_WHOLE, RULE_EN, line.data,
	    line.len, line.len, &hit), RX_LIMIT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_str_eq(hit.rule->name, "evil");
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	/* Not a benchmark: a hang would take hours, not seconds. */
	ck_assert_msg(secs < 20, "limit took %.1f s", secs);
	buf_release(&line);
	rules_free(rs);
}
END_TEST

START_TEST(test_scope_names)
{
	ck_assert_str_eq(rules_scope_name(RULE_LINE), "line");
	ck_assert_str_eq(rules_scope_name(RULE_TAIL_START), "tail-start");
	ck_assert_str_eq(rules_scope_name(99), "?");
}
END_TEST

static Suite *
rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");

	tcase_add_checked_fixture(tc, check_tmpdir_setup, check_tmpdir_teardown);

	tcase_set_timeout(tc, 60);	/* limits hit under ASan take a while */
	tcase_add_loop_test(tc, test_parse_table, 0,
	    sizeof parse_rows / sizeof parse_rows[0]);
	tcase_add_test(tc, test_parse_fields);
	tcase_add_test(tc, test_parse_nul_byte);
	tcase_add_test(tc, test_parse_reads_only_its_bytes);
	tcase_add_test(tc, test_load_missing_file);
	tcase_add_test(tc, test_load_file);
	tcase_add_test(tc, test_match_line_scope);
	tcase_add_test(tc, test_match_prefix_scope);
	tcase_add_test(tc, test_match_suffix_scope);
	tcase_add_test(tc, test_match_file_order);
	tcase_add_test(tc, test_match_block_and_tail_are_whole_line);
	tcase_add_test(tc, test_match_catastrophic_backtracking);
	tcase_add_test(tc, test_scope_names);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(rules_suite)
