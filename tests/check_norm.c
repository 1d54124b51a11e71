/* Unit tests for lib/norm: normalization and white-space clean-up. */
#include <check.h>
#include <string.h>

#include "core/buf.h"
#include "core/simd.h"
#include "core/utf8.h"
#include "norm/norm.h"
#include "check_main.h"

/* Each row: input, form, output (NULL: already clean, left alone). */
static const struct {
	const char *in;
	int form;
	const char *out;
} rows[] = {
	{ "", UTF8_NFC, NULL },
	{ "clean text\nsecond line", UTF8_NFC, NULL },
	{ "\xed\x95\x9c\xea\xb8\x80 \xea\xb8\xb0\xec\x82\xac\xeb\x8b\xa4.", UTF8_NFC, NULL },
	{ "tab\tinside", UTF8_NFC, NULL },
	{ "ends with newline\n", UTF8_NFC, NULL },
	{ "one\n\ntwo\n\n\nthree", UTF8_NFC, NULL },	/* two blank lines stay */
	{ "  lead", UTF8_NFC, "lead" },
	{ "trail  ", UTF8_NFC, "trail" },
	{ "\tindent\t", UTF8_NFC, "indent" },
	{ "a  b     c", UTF8_NFC, "a b c" },
	{ "a\xc2\xa0" "b", UTF8_NFC, "a b" },			/* NBSP */
	{ "a\xe3\x80\x80" "b", UTF8_NFC, "a b" },		/* ideographic space */
	{ "a \xe2\x80\x83 b", UTF8_NFC, "a b" },		/* em space among spaces */
	{ "zero\xe2\x80\x8bwidth\xef\xbb\xbf", UTF8_NFC, "zerowidth" },
	{ "soft\xc2\xadhyphen", UTF8_NFC, "softhyphen" },
	{ "keep\xe2\x80\x8djoiner", UTF8_NFC, NULL },		/* ZWJ stays */
	{ "bell\x07 and del\x7f", UTF8_NFC, "bell and del" },
	{ "c1\xc2\x80x", UTF8_NFC, "c1x" },
	{ "crlf\r\nline\rmac", UTF8_NFC, "crlf\nline\nmac" },
	{ "ls\xe2\x80\xa8ps\xe2\x80\xa9" "end", UTF8_NFC, "ls\nps\nend" },
	{ "form\ffeed", UTF8_NFC, "form feed" },
	{ "a\n\n\n\nb", UTF8_NFC, "a\n\nb" },			/* three blank lines: one */
	{ "a\n \n\t\n  \n\nb", UTF8_NFC, "a\n\nb" },		/* white-space-only lines are blank */
	{ "a\n\n\n", UTF8_NFC, "a\n" },
	{ "  \n  x  \n", UTF8_NFC, "\nx\n" },
	{ "cafe\xcc\x81", UTF8_NFC, "caf\xc3\xa9" },
	{ "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\x91", UTF8_NFC, NULL },
	{ "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\x91", UTF8_NFKC, "AB1" },
	{ "\xe2\x91\xa0 first", UTF8_NFKC, "1 first" },		/* ① */
	{ "x \xef\xbd\x9e y", UTF8_NFKC, "x ~ y" },		/* full-width tilde */
	/* A dropped character between a base and its combining mark: they
	 * compose once it is gone (a fuzz finding: cleaning twice differed). */
	{ "Z\x01\xcc\x82", UTF8_NFC, "\xe1\xba\x90" },		/* Z, U+0302: U+1E90 */
	{ "e\xe2\x80\x8b\xcc\x81!", UTF8_NFKC, "\xc3\xa9!" },	/* ZWSP between */
};

START_TEST(test_norm_table)
{
	struct buf b = BUF_INIT;
	const char *in = rows[_i].in;
	int r;

	buf_addstr(&b, "keep");
	r = norm_text(in, strlen(in), rows[_i].form, &b);
	if (rows[_i].out == NULL) {
		ck_assert_msg(r == 0, "'%s' changed to '%s'", in, b.data + 4);
		ck_assert_str_eq(b.data, "keep");
	} else {
		ck_assert_int_eq(r, 1);
		ck_assert_str_eq(b.data + 4, rows[_i].out);
	}
	buf_release(&b);
}
END_TEST

/* Cleaning is idempotent: the output of a row is itself clean. */
START_TEST(test_norm_idempotent)
{
	struct buf once = BUF_INIT, twice = BUF_INIT;
	const char *in = rows[_i].in;

	if (norm_text(in, strlen(in), rows[_i].form, &once) == 1)
		ck_assert_int_eq(norm_text(once.data, once.len, rows[_i].form, &twice), 0);
	buf_release(&once);
	buf_release(&twice);
}
END_TEST

START_TEST(test_norm_nul_kept)
{
	struct buf b = BUF_INIT;

	/* NUL is a control character: dropped, and the rest kept. */
	ck_assert_int_eq(norm_text("a\0b", 3, UTF8_NFC, &b), 1);
	ck_assert_str_eq(b.data, "ab");
	buf_release(&b);
}
END_TEST

/*
 * The fast check against the clean-up itself, on random texts: it must
 * never call a text clean that cleaning would change, and texts made only
 * of clean pieces (Hangul, words, single spaces inside lines, line breaks)
 * must be found clean at every length and alignment.
 */
START_TEST(test_norm_is_clean_property)
{
	static const char *clean_pieces[] = {
		"\xed\x95\x9c", "\xea\xb8\x80", "\xeb\x8f\x84", "\xec\x9e\x90",
		"\xea\xb0\x80", "\xed\x9e\xa3", "word", "AI", "2025", ".", ",",
		"\xe2\x80\x9c", "\xc2\xb7",
	};
	static const char *dirty_pieces[] = {
		"  ", "\t", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\x8b", "e\xcc\x81",
		"\r", "\x07", "\n\n\n\n", "\xe1\x84\x92\xe1\x85\xa1", "\xef\xbc\xa1",
	};
	static const char *levels[] = { "avx2", "sse2", "none" };
	struct buf text = BUF_INIT, out = BUF_INIT;
	unsigned seed = 777;
	int round;

	if (simd_use(levels[_i]) < 0)
		return;		/* not on this CPU */
	for (round = 0; round < 5000; round++) {
		int n, i, dirty = round % 2, at_start = 1;

		buf_reset(&text);
		seed = seed * 1103515245 + 12345;
		n = 1 + (int)((seed >> 16) % 60);
		for (i = 0; i < n; i++) {
			unsigned pick;

			seed = seed * 1103515245 + 12345;
			pick = seed >> 16;
			if (dirty && pick % 9 == 0) {
				buf_addstr(&text, dirty_pieces[pick / 9 % 11]);
				at_start = 0;
			} else if (!at_start && pick % 5 == 0) {
				buf_addc(&text, pick % 3 ? ' ' : '\n');
				at_start = 1;
				buf_addstr(&text, clean_pieces[pick / 5 % 13]);
				at_start = 0;
			} else {
				buf_addstr(&text, clean_pieces[pick % 13]);
				at_start = 0;
			}
		}
		buf_reset(&out);
		/* Cleaning is idempotent: what it gives is clean. */
		if (norm_text(text.data, text.len, UTF8_NFC, &out) == 1) {
			struct buf again = BUF_INIT;

			ck_assert_msg(norm_text(out.data, out.len, UTF8_NFC, &again) == 0,
			    "round %d: cleaning twice changed '%s' to '%s'", round,
			    out.data, again.data);
			buf_release(&again);
		}
		buf_reset(&out);
		if (norm_is_clean(text.data, text.len, UTF8_NFC))
			ck_assert_msg(norm_text(text.data, text.len, UTF8_NFC, &out) == 0,
			    "round %d: called clean, but cleaning changes it", round);
		else if (!dirty)
			ck_abort_msg("round %d: clean text not found clean", round);
	}
	buf_release(&text);
	buf_release(&out);
}
END_TEST

static Suite *
norm_suite(void)
{
	Suite *s = suite_create("norm");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_norm_table, 0, sizeof rows / sizeof rows[0]);
	tcase_add_loop_test(tc, test_norm_idempotent, 0, sizeof rows / sizeof rows[0]);
	tcase_add_test(tc, test_norm_nul_kept);
	tcase_add_loop_test(tc, test_norm_is_clean_property, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(norm_suite)
