/* Unit tests for lib/prefilter: what a pattern needs, and that it never lies. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/rx.h"
#include "strip/internal.h"
#include "check_main.h"

/* Each row: a pattern and the requirement prefilter_describe() prints. */
static const struct {
	const char *pattern;
	const char *need;
} need_rows[] = {
	{ "abc", "(\"abc\")" },
	{ "기사\\s*보내기", "(\"기사\") & (\"보내기\")" },
	{ "(?:무단|재배포)", "(\"무단\"|\"재배포\")" },
	{ "Copyright", "(\"copyright\")" },		/* ASCII-lowercased */
	{ "(?i)all rights", "(\"all rights\")" },
	{ "a|b.*", "(\"a\"|\"b\")" },
	{ "a|.*", "*" },				/* a branch needs nothing */
	{ "ab?c", "(\"a\") & (\"c\")" },
	{ "ab+c", "(\"ab\") & (\"c\")" },
	{ "ab{2,}c", "(\"ab\") & (\"c\")" },
	{ "(?:xyz)?abc", "(\"abc\")" },		/* optional group: nothing */
	{ "(?:xyz)*", "*" },
	{ "(?:xyz)+", "(\"xyz\")" },
	{ "x\\.y", "(\"x.y\")" },
	{ "\\d+ comments", "(\"comments\")" },
	{ "[다요]", "(\"다\"|\"요\")" },		/* short plain class */
	{ "[다요]\\.", "(\"다\"|\"요\") & (\".\")" },	/* weak, all kept */
	{ "[다요]\\.\\s*제공", "(\"제공\")" },	/* weak sets go beside others */
	{ "a\\.b", "(\"a.b\")" },
	{ "[a-z]+x", "(\"x\")" },			/* ranges: nothing */
	{ "[^>]+>", "(\">\")" },
	{ "(?=abc)def", "(\"def\")" },		/* lookarounds: nothing */
	{ "(?<!no)yes", "(\"yes\")" },
	{ "(a)\\1", "(\"a\")" },			/* back reference: opaque */
	{ "\\Qa.b\\E", "*" },				/* not followed: all */
	{ "(?x) a b", "*" },
	{ "(*UTF)abc", "*" },
	{ "(?i)É", "*" },				/* caseless non-ASCII */
	{ "(?i)한글", "(\"한글\")" },			/* Hangul has no case */
	{ "(?i:Ab)Cd", "(\"ab\") & (\"cd\")" },
	{ "\\p{Lu}bc", "(\"bc\")" },
	{ "\\x{41}bc", "(\"bc\")" },
	{ "a{,3}", "*" },				/* a literal '{' here */
	{ "  spaced  ", "(\"spaced\")" },
	{ "ab(?#note)cd", "(\"abcd\")" },		/* a comment is nothing */
	{ "x(?#note){0}", "*" },			/* ...and not followed here */
	{ "ab{1234567890123}c", "(\"ab\") & (\"c\")" },	/* a count past 100000 */
	{ "a.{0222222222222222}|b", "(\"a\"|\"b\")" },
};

START_TEST(test_need_table)
{
	struct prefilter *pf = prefilter_new();
	struct buf out = BUF_INIT;
	const char *p = need_rows[_i].pattern;
	int id = prefilter_add(pf, p, strlen(p));

	prefilter_describe(pf, id, &out);
	ck_assert_msg(strcmp(out.data, need_rows[_i].need) == 0,
	    "%s: got %s, want %s", p, out.data, need_rows[_i].need);
	buf_release(&out);
	prefilter_free(pf);
}
END_TEST

START_TEST(test_scan_marks_only_present)
{
	struct prefilter *pf = prefilter_new();
	int a = prefilter_add(pf, "무단\\s*전재", strlen("무단\\s*전재"));
	int b = prefilter_add(pf, "(?i)advertisement", 17);
	int c = prefilter_add(pf, ".*", 2);
	const char *ko = "이 기사는 무단 전재를 금지합니다";
	const int *ids;
	size_t n;

	prefilter_scan(pf, ko, strlen(ko));
	ck_assert_int_eq(prefilter_may_match(pf, a), 1);
	ck_assert_int_eq(prefilter_may_match(pf, b), 0);
	ck_assert_int_eq(prefilter_may_match(pf, c), 1);
	n = prefilter_ready(pf, &ids);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(ids[0], a);
	ck_assert_int_eq(ids[1], c);
	/* The next scan forgets the last. */
	prefilter_scan(pf, "ADVERTISEMENT", 13);
	ck_assert_int_eq(prefilter_may_match(pf, a), 0);
	ck_assert_int_eq(prefilter_may_match(pf, b), 1);
	/* Literals at the very end and start of the text count. */
	prefilter_scan(pf, "무단전재", strlen("무단전재"));
	ck_assert_int_eq(prefilter_may_match(pf, a), 1);
	prefilter_free(pf);
}
END_TEST

/* Lines shaped like what the built-in rules remove, and like body text. */
static const char *const sample_lines[] = {
	"<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>",
	"[ⓒ 한국경제 & hankyung.com, 무단전재 및 재배포 금지]",
	"Copyright © 뉴스1. All rights reserved. 무단 전재 및 재배포 금지.",
	"GoodNews paper ⓒ 국민일보(www.kmib.co.kr), 무단전재 및 수집, 재배포금지",
	"(서울=연합뉴스) 홍길동 기자 = 정부는 오늘 새 정책을 발표했다.",
	"[서울=뉴시스] 박민수 기자 = 본문이 이어진다.",
	"경제타임스 김은국 기자 | 본문이 여기서 시작한다.",
	"홍길동 기자 gildong@yna.co.kr",
	"도쿄/정수진 특파원",
	"[ 문지혜 기자 Moon8166@mbn.co.kr ]",
	"☞공감언론 뉴시스 plain@newsis.com",
	"기자명 임대준 기자   입력 2025.06.17 19:05  수정 2025.06.18 05:57",
	"입력 2024.01.01 09:00",
	"2023/06/23 10:12 송고",
	"(사진=연합뉴스)",
	"SM엔터테인먼트 제공",
	"회담을 하고 있다. 새너제이=AFP 연합뉴스",
	"악수를 하고 있다. /SK그룹",
	"기념 촬영을 하고 있다. 대통령실 제공",
	"이미지 확대",
	"영상취재 : 최지훈 기자",
	"[앵커]",
	"KBS 뉴스 박민수입니다.",
	"기사제보 및 보도자료 news@aitimes.com",
	"▶카카오톡: '더팩트제보' 검색",
	"발로 뛰는 더팩트는 24시간 여러분의 제보를 기다립니다.",
	"※ 이 기사는 AI가 요약해 자동 작성됐습니다.",
	"▶ 관련기사 17면",
	"관련기사",
	"댓글목록",
	"등록된 댓글이 없습니다.",
	"0 / 300",
	"페이스북(으)로 기사보내기 트위터(으)로 기사보내기",
	"좋아요 훈훈해요 슬퍼요 화나요 후속기사 원해요",
	"공유 스크랩 인쇄",
	"홈 > 산업 > 산업일반",
	"광고",
	"키워드 #인공지능 #AI",
	"#인공지능 #AI #반도체",
	"By Eric Song, IGN Staff",
	"PUBLISHED: 10:48, Tue, Nov 19, 2019",
	"Nov 18, 2019 at 9:24 pm ET • 2 min read",
	"China has warned they will cease control (Image: GETTY )",
	"airpods-pro-2.jpg airpods-pro-2.jpg",
	"[ps4.jpg?width=640] The price dropped.",
	"Advertisement",
	"Share this article",
	"Facebook Twitter Email",
	"Privacy Policy | Terms of Use",
	"We use cookies to improve your experience.",
	"Sign up for our daily newsletter",
	"Related articles",
	"Read more: Another story",
	"34 responses to \"Anthony Lynn\"",
	"thelastchargersfan says:",
	"Your email address will not be published.",
	"IFRAME: https://example.com/embed",
	"____________________ Sign Up",
	"Have a tip? Amy may be reached at amy@example.com.",
	"정부는 올해 경제성장률 전망치를 2.2%로 낮췄다고 밝혔다.",
	"The committee said it would publish its findings next week.",
};

/*
 * The prefilter must never rule out a rule that matches: for every
 * built-in rule and every sample line, a regex match implies may_match.
 */
START_TEST(test_builtin_rules_never_missed)
{
	struct strip *st = strip_new();
	struct rules *rs;
	struct prefilter *pf = prefilter_new();
	size_t i, j, n, matched = 0;

	ck_assert_int_gt(strip_add_builtin(st), 0);
	rs = strip_rules(st);
	n = rules_count(rs);
	for (i = 0; i < n; i++) {
		const struct rule *r = rules_get(rs, i);

		ck_assert_int_eq(prefilter_add(pf, r->pattern,
		    strlen(r->pattern)), (int)i);
	}
	for (j = 0; j < sizeof sample_lines / sizeof sample_lines[0]; j++) {
		const char *s = sample_lines[j];
		size_t len = strlen(s);

		prefilter_scan(pf, s, len);
		for (i = 0; i < n; i++) {
			const struct rule *r = rules_get(rs, i);
			size_t ov[2];

			if (rx_exec(r->rx, s, len, 0, ov, 1) <= 0)
				continue;
			matched++;
			ck_assert_msg(prefilter_may_match(pf, (int)i),
			    "rule %s (%s) matches '%s' but was ruled out",
			    r->name, r->where, s);
		}
	}
	/* The samples do exercise the rules. */
	ck_assert_uint_gt(matched, 50);
	prefilter_free(pf);
	strip_free(st);
}
END_TEST

/* The same over real text from ../shared, when it is there. */
START_TEST(test_builtin_rules_never_missed_shared)
{
	static const char *const files[] = {
		"seeds/000_0e466a73966c3012.txt",
		"seeds/001_e6d7e86e84895ee3.txt",
		"seeds/002_e7528356263c0c7f.txt",
		"seeds/gold-lines.tsv",
		"data/korean-news/korean-english-park.dev.ko",
	};
	struct strip *st = strip_new();
	struct rules *rs;
	struct prefilter *pf = prefilter_new();
	size_t f, i, n;

	ck_assert_int_gt(strip_add_builtin(st), 0);
	rs = strip_rules(st);
	n = rules_count(rs);
	for (i = 0; i < n; i++)
		prefilter_add(pf, rules_get(rs, i)->pattern,
		    strlen(rules_get(rs, i)->pattern));
	for (f = 0; f < sizeof files / sizeof files[0]; f++) {
		char path[512], *line = NULL;
		size_t cap = 0;
		ssize_t len;
		FILE *fp;

		if (check_shared_path(files[f], path, sizeof path) == NULL)
			continue;
		fp = fopen(path, "r");
		ck_assert_ptr_nonnull(fp);
		while ((len = getline(&line, &cap, fp)) > 0) {
			if (line[len - 1] == '\n')
				len--;
			prefilter_scan(pf, line, (size_t)len);
			for (i = 0; i < n; i++) {
				const struct rule *r = rules_get(rs, i);
				size_t ov[2];

				if (rx_exec(r->rx, line, (size_t)len, 0, ov,
				    1) > 0)
					ck_assert_msg(prefilter_may_match(pf,
					    (int)i), "rule %s missed '%.*s'",
					    r->where, (int)len, line);
			}
		}
		free(line);
		fclose(fp);
	}
	prefilter_free(pf);
	strip_free(st);
}
END_TEST

/*
 * Random patterns from a soup of atoms, and random subjects: a regex match
 * must always find the pattern's requirement in the subject.  (A longer
 * run of this found the comment-then-quantifier case.)
 */
START_TEST(test_random_patterns_never_missed)
{
	static const char *const atoms[] = {
		"a", "b", "ab", "가", "나다", "\\.", "\\s", "\\w", "\\d",
		"\\b", "[ab]", "[^a]", "[가나]", "(", "(?:", "(?i)", "(?i:", ")",
		"|", "*", "+", "?", "{2}", "{1,3}", "{2,}", "{0}", "*?", "++",
		"^", "$", ".", "(?=a)", "(?!b)", "\\1", "x", "Y", "-", "'",
		"\\(", "[a-c]", "\\p{L}", "\\x41", "(?#c)", "(?|", "(?>",
		"(?-i)", "[]b]", "[a\\-]", "(a|b)*", "(가|나)+", "(?:x|y)?z",
		"\\W{0,2}", "|b",
	};
	static const char *const chars[] = {
		"a", "b", "x", "y", "가", "나", "다", ".", "-", " ", "Y", "A",
		"B", "(", ")", "'",
	};
	unsigned long seed = 20251122;
	int it, k, j, checked = 0;

#define RND(n) (seed = seed * 6364136223846793005UL + 1442695040888963407UL, \
	(unsigned)((seed >> 33) % (n)))
	for (it = 0; it < 1500; it++) {
		char pat[512] = "";
		struct prefilter *pf = prefilter_new();
		struct buf err = BUF_INIT;
		struct rx *rx;
		int id;

		for (k = 1 + RND(8), j = 0; j < k; j++)
			strcat(pat, atoms[RND(sizeof atoms / sizeof atoms[0])]);
		id = prefilter_add(pf, pat, strlen(pat));
		rx = rx_compile(pat, strlen(pat), 0, &err);
		buf_release(&err);
		for (j = 0; rx && j < 20; j++) {
			char subj[128] = "";
			size_t ov[2];
			int m = RND(10), q;

			for (q = 0; q < m; q++)
				strcat(subj, chars[RND(sizeof chars / sizeof chars[0])]);
			prefilter_scan(pf, subj, strlen(subj));
			if (rx_exec(rx, subj, strlen(subj), 0, ov, 1) > 0) {
				checked++;
				ck_assert_msg(prefilter_may_match(pf, id),
				    "pattern '%s' matches '%s' but was ruled out",
				    pat, subj);
			}
		}
		rx_free(rx);
		prefilter_free(pf);
	}
#undef RND
	ck_assert_int_gt(checked, 400);
}
END_TEST

static Suite *
prefilter_suite(void)
{
	Suite *s = suite_create("prefilter");
	TCase *tc = tcase_create("prefilter");

	tcase_set_timeout(tc, 120);	/* JIT compiles under ASan on a busy host */
	tcase_add_loop_test(tc, test_need_table, 0,
	    sizeof need_rows / sizeof need_rows[0]);
	tcase_add_test(tc, test_scan_marks_only_present);
	tcase_add_test(tc, test_builtin_rules_never_missed);
	tcase_add_test(tc, test_builtin_rules_never_missed_shared);
	tcase_add_test(tc, test_random_patterns_never_missed);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(prefilter_suite)
