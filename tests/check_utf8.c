/* Unit tests for lib/core/utf8: validation, decoding, Hangul, offsets, normalization. */
#include <check.h>
#include <string.h>

#include <utf8proc.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "check_main.h"

/* Each row: bytes, their length, the valid prefix utf8_check must report. */
static const struct {
	const char *s;
	size_t len;
	size_t valid;
} check_rows[] = {
	{ "", 0, 0 },
	{ "plain ascii text, longer than eight bytes", 41, 41 },
	{ "\xed\x95\x9c\xea\xb8\x80", 6, 6 },		/* 한글 */
	{ "a\xc3\xa9", 3, 3 },				/* é */
	{ "\xf0\x9f\x98\x80", 4, 4 },			/* U+1F600 */
	{ "\xf4\x8f\xbf\xbf", 4, 4 },			/* U+10FFFF */
	{ "ab\xff", 3, 2 },				/* invalid byte */
	{ "\xc0\xaf", 2, 0 },				/* overlong '/' */
	{ "\xc1\xbf", 2, 0 },				/* overlong */
	{ "\xe0\x80\xaf", 3, 0 },			/* overlong, 3 bytes */
	{ "\xed\xa0\x80", 3, 0 },			/* surrogate U+D800 */
	{ "\xed\xbf\xbf", 3, 0 },			/* surrogate U+DFFF */
	{ "\xf4\x90\x80\x80", 4, 0 },			/* above U+10FFFF */
	{ "\xf5\x80\x80\x80", 4, 0 },			/* invalid lead */
	{ "xyz\xe2\x82", 5, 3 },			/* truncated */
	{ "\x80", 1, 0 },				/* bare continuation */
	{ "12345678\xe2\x82\xac", 11, 11 },		/* € after 8 ASCII */
	{ "1234567\xfe", 8, 7 },
	{ "a\0b", 3, 3 },				/* NUL is valid */
};

START_TEST(test_utf8_check_table)
{
	ck_assert_uint_eq(utf8_check(check_rows[_i].s, check_rows[_i].len),
	    check_rows[_i].valid);
}
END_TEST

/*
 * Differential test against utf8proc_iterate over every two-byte sequence
 * and every three-byte sequence with a continuation-like third byte, plus
 * four-byte leads: the hand-written validator must agree on each.
 */
START_TEST(test_utf8_check_agrees_with_utf8proc)
{
	unsigned a, b, c;

	for (a = 0x80; a < 0x100; a++)
		for (b = 0; b < 0x100; b++) {
			unsigned char s[2] = { (unsigned char)a, (unsigned char)b };
			utf8proc_int32_t cp;
			int ok = utf8proc_iterate(s, 2, &cp) == 2;

			ck_assert_int_eq(utf8_check((char *)s, 2) == 2, ok);
		}
	for (a = 0xE0; a < 0x100; a++)
		for (b = 0x70; b < 0xD0; b++)
			for (c = 0x70; c < 0xD0; c++) {
				unsigned char s[4] = { (unsigned char)a,
				    (unsigned char)b, (unsigned char)c, 0x80 };
				utf8proc_int32_t cp;
				utf8proc_ssize_t n = utf8proc_iterate(s, 4, &cp);
				size_t want = n > 0 ? (size_t)n : 4;

				/* With the 0x80 after, a 4-byte lead may be valid. */
				ck_assert_int_eq(utf8_check((char *)s, want) == want,
				    n > 0);
			}
}
END_TEST

START_TEST(test_utf8_decode_maximal_subparts)
{
	int32_t cp;

	/* E2 82 then ASCII: one replacement for the two bytes. */
	ck_assert_int_eq(utf8_decode("\xe2\x82" "a", 3, &cp), 2);
	ck_assert_int_eq(cp, -1);
	/* F0 9F 98 then end of text: three bytes in one subpart. */
	ck_assert_int_eq(utf8_decode("\xf0\x9f\x98", 3, &cp), 3);
	ck_assert_int_eq(cp, -1);
	/* ED A0 (surrogate) stops after the lead. */
	ck_assert_int_eq(utf8_decode("\xed\xa0\x80", 3, &cp), 1);
	ck_assert_int_eq(utf8_decode("\xed\x95\x9c", 3, &cp), 3);
	ck_assert_int_eq(cp, 0xD55C);
}
END_TEST

/* utf8_next walks any bytes as utf8_decode does, code point by code point. */
START_TEST(test_utf8_next_agrees_with_decode)
{
	static const char *extra[] = {
		"\xe2\x82" "a", "\xf0\x9f\x98", "\xed\xa0\x80\xed\x95\x9c",
		"\xe0\x9f\xbf\xe0\xa0\x80", "\xef\xbf\xbf\xee\x80\x80",
		"\xea\xb0\x80\xed\x9e\xa3 a\xc3\xa9\xf0\x9f\x98\x80",
	};
	unsigned a, b, c;
	size_t r;

	for (r = 0; r < sizeof check_rows / sizeof check_rows[0] +
	    sizeof extra / sizeof extra[0]; r++) {
		size_t nrows = sizeof check_rows / sizeof check_rows[0];
		const char *s = r < nrows ? check_rows[r].s : extra[r - nrows];
		size_t len = r < nrows ? check_rows[r].len : strlen(s);
		size_t i = 0, j = 0;

		while (i < len) {
			int32_t want, got = utf8_next(s, len, &i);

			j += (size_t)utf8_decode(s + j, len - j, &want);
			ck_assert_int_eq(got, want);
			ck_assert_uint_eq(i, j);
		}
		ck_assert_uint_eq(i, len);
	}
	/* Every three-byte lead with continuation-like bytes, cut short too. */
	for (a = 0xE0; a < 0xF0; a++)
		for (b = 0x70; b < 0xD0; b++)
			for (c = 0x70; c < 0xD0; c++) {
				char s[3] = { (char)a, (char)b, (char)c };
				size_t len;

				/* Not ck_assert in this loop: each call costs a write. */
				for (len = 1; len <= 3; len++) {
					size_t i = 0;
					int32_t want, got = utf8_next(s, len, &i);
					int n = utf8_decode(s, len, &want);

					if (got != want || i != (size_t)n)
						ck_abort_msg("%02x %02x %02x (%zu bytes): "
						    "%d after %zu, want %d after %d",
						    a, b, c, len, got, i, want, n);
				}
			}
}
END_TEST

/* Each row: a code point and what the Hangul tests say of it. */
static const struct {
	int32_t cp;
	int syllable, jamo, hangul;
} hangul_rows[] = {
	{ 'a', 0, 0, 0 },
	{ 0xABFF, 0, 0, 0 },		/* before 가 */
	{ 0xAC00, 1, 0, 1 },		/* 가 */
	{ 0xD55C, 1, 0, 1 },		/* 한 */
	{ 0xD7A3, 1, 0, 1 },		/* 힣 */
	{ 0xD7A4, 0, 0, 0 },		/* after 힣 */
	{ 0x10FF, 0, 0, 0 },
	{ 0x1100, 0, 1, 1 },		/* ᄀ, conjoining initial */
	{ 0x11FF, 0, 1, 1 },
	{ 0x1200, 0, 0, 0 },		/* Ethiopic */
	{ 0x3131, 0, 1, 1 },		/* ㄱ, compatibility */
	{ 0x318F, 0, 1, 1 },
	{ 0x3190, 0, 0, 0 },		/* Kanbun */
	{ 0xA960, 0, 0, 1 },		/* Jamo Extended-A */
	{ 0xD7B0, 0, 0, 1 },		/* Jamo Extended-B */
	{ 0xFFA0, 0, 0, 1 },		/* halfwidth filler */
	{ 0xFFDC, 0, 0, 1 },
	{ 0xFFDD, 0, 0, 0 },
	{ 0x4E00, 0, 0, 0 },		/* a Han ideograph */
	{ -1, 0, 0, 0 },		/* what utf8_next gives for bad bytes */
};

START_TEST(test_utf8_hangul_table)
{
	int32_t cp = hangul_rows[_i].cp;

	ck_assert_int_eq(utf8_is_hangul_syllable(cp), hangul_rows[_i].syllable);
	ck_assert_int_eq(utf8_is_hangul_jamo(cp), hangul_rows[_i].jamo);
	ck_assert_int_eq(utf8_is_hangul(cp), hangul_rows[_i].hangul);
}
END_TEST

/* utf8_hangul_at on the bytes says what decoding and testing would. */
START_TEST(test_utf8_hangul_at_every_code_point)
{
	int32_t cp;

	for (cp = 0; cp <= 0x10FFFF; cp++) {
		char s[4];
		int n;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = utf8_encode(cp, s);
		if (utf8_hangul_at(s, (size_t)n) != (utf8_is_hangul_syllable(cp) ?
		    cp - UTF8_HANGUL_FIRST : -1) ||
		    (n == 3 && utf8_hangul_at(s, 2) != -1))	/* cut short */
			ck_abort_msg("U+%04X", (unsigned)cp);
	}
}
END_TEST

START_TEST(test_utf8_repair_like_python)
{
	struct buf b = BUF_INIT;

	/* Python: b"a\xe2\x82b\xff".decode(errors="replace") == "a\ufffdb\ufffd" */
	ck_assert_uint_eq(utf8_repair("a\xe2\x82" "b\xff", 5, &b), 2);
	ck_assert_str_eq(b.data, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	buf_release(&b);
}
END_TEST

START_TEST(test_utf8_encode_round_trip)
{
	static const int32_t cps[] = { 0, 0x7F, 0x80, 0x7FF, 0x800, 0xAC00,
	    0xFFFF, 0x10000, 0x10FFFF };
	unsigned i;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		char s[4];
		int32_t back;
		int n = utf8_encode(cps[i], s);

		ck_assert_int_eq(utf8_decode(s, (size_t)n, &back), n);
		ck_assert_int_eq(back, cps[i]);
	}
}
END_TEST

START_TEST(test_utf8_encode_surrogate_is_replaced)
{
	char s[4];

	ck_assert_int_eq(utf8_encode(0xD800, s), 3);
	ck_assert_int_eq(memcmp(s, "\xef\xbf\xbd", 3), 0);
}
END_TEST

START_TEST(test_utf8_count_and_offsets)
{
	/* "가a😀나": 4 code points; Python offsets 0,1,2,3. */
	const char *s = "\xea\xb0\x80" "a" "\xf0\x9f\x98\x80" "\xeb\x82\x98";
	size_t len = strlen(s);
	struct utf8_pos pos = UTF8_POS_INIT;

	ck_assert_uint_eq(utf8_count(s, len), 4);
	ck_assert_uint_eq(utf8_pos_cp(&pos, s, 3), 1);
	ck_assert_uint_eq(utf8_pos_cp(&pos, s, 4), 2);
	ck_assert_uint_eq(utf8_pos_cp(&pos, s, 8), 3);
	ck_assert_uint_eq(utf8_pos_cp(&pos, s, 0), 0);	/* behind: restarts */
	ck_assert_uint_eq(utf8_cp_byte(s, len, 3), 8);
	ck_assert_uint_eq(utf8_cp_byte(s, len, 9), len);
}
END_TEST

START_TEST(test_utf8_count_long_text)
{
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i < 1000; i++)
		buf_addstr(&b, "\xed\x95\x9c" "ab");	/* 한ab */
	ck_assert_uint_eq(utf8_count(b.data, b.len), 3000);
	buf_release(&b);
}
END_TEST

/* Each row: input, form, expected output, whether it changed; len 0 = strlen. */
static const struct {
	const char *in;
	int form;
	const char *out;
	int changed;
	size_t len;
} norm_rows[] = {
	{ "plain ascii", UTF8_NFC, "plain ascii", 0 },
	{ "\xed\x95\x9c\xea\xb8\x80 text", UTF8_NFC, "\xed\x95\x9c\xea\xb8\x80 text", 0 },
	/* e + combining acute -> é */
	{ "caf" "e\xcc\x81", UTF8_NFC, "caf\xc3\xa9", 1 },
	/* conjoining jamo ᄒ ᅡ ᆫ -> 한 */
	{ "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", UTF8_NFC, "\xed\x95\x9c", 1 },
	/* 가 + trailing jamo ᆨ -> 각 */
	{ "x\xea\xb0\x80\xe1\x86\xa8y", UTF8_NFC, "x\xea\xb0\x81y", 1 },
	/* full-width Ａ１: NFC keeps, NFKC folds */
	{ "\xef\xbc\xa1\xef\xbc\x91", UTF8_NFC, "\xef\xbc\xa1\xef\xbc\x91", 0 },
	{ "\xef\xbc\xa1\xef\xbc\x91", UTF8_NFKC, "A1", 1 },
	/* … is NFC but NFKC makes it three dots */
	{ "a\xe2\x80\xa6", UTF8_NFC, "a\xe2\x80\xa6", 0 },
	{ "a\xe2\x80\xa6", UTF8_NFKC, "a...", 1 },
	/* U+2000 EN QUAD has a canonical decomposition to U+2002 */
	{ "a\xe2\x80\x80" "b", UTF8_NFC, "a\xe2\x80\x82" "b", 1 },
	/* combining marks reordered: a + dot below (220) after acute (230) */
	{ "a\xcc\x81\xcc\xa3", UTF8_NFC, "\xe1\xba\xa1\xcc\x81", 1 },
	{ "ABC\xc3\x89", UTF8_NFC | UTF8_CASEFOLD, "abc\xc3\xa9", 1 },
	{ "a\0b", UTF8_NFC, "a\0b", 0, 3 },
};

START_TEST(test_utf8_normalize_table)
{
	struct buf b = BUF_INIT;
	const char *in = norm_rows[_i].in;
	size_t len = norm_rows[_i].len ? norm_rows[_i].len : strlen(in);
	size_t outlen = norm_rows[_i].len ? len : strlen(norm_rows[_i].out);
	int r;

	buf_addstr(&b, "pre:");
	r = utf8_normalize(in, len, norm_rows[_i].form, &b);
	ck_assert_int_eq(r, norm_rows[_i].changed);
	ck_assert_uint_eq(b.len, 4 + outlen);
	ck_assert_int_eq(memcmp(b.data, "pre:", 4), 0);
	ck_assert_int_eq(memcmp(b.data + 4, norm_rows[_i].out, outlen), 0);
	ck_assert_int_eq(utf8_is_normal(in, len, norm_rows[_i].form) &&
	    norm_rows[_i].changed, 0);
	buf_release(&b);
}
END_TEST

START_TEST(test_utf8_normalize_rejects_invalid)
{
	struct buf b = BUF_INIT;

	buf_addstr(&b, "kept");
	ck_assert_int_eq(utf8_normalize("a\xff", 2, UTF8_NFC, &b), -1);
	ck_assert_str_eq(b.data, "kept");
	buf_release(&b);
}
END_TEST

START_TEST(test_utf8_is_normal_fast_cases)
{
	ck_assert_int_eq(utf8_is_normal("Hello, \xec\x84\xb8\xea\xb3\x84", 13, UTF8_NFKC), 1);
	ck_assert_int_eq(utf8_is_normal("e\xcc\x81", 3, UTF8_NFC), 0);
	ck_assert_int_eq(utf8_is_normal("Hello", 5, UTF8_NFC | UTF8_CASEFOLD), 0);
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("core");

	/* The exhaustive comparison with utf8proc takes seconds under ASan. */
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_utf8_check_table, 0,
	    sizeof check_rows / sizeof check_rows[0]);
	tcase_add_test(tc, test_utf8_check_agrees_with_utf8proc);
	tcase_add_test(tc, test_utf8_decode_maximal_subparts);
	tcase_add_test(tc, test_utf8_next_agrees_with_decode);
	tcase_add_loop_test(tc, test_utf8_hangul_table, 0,
	    sizeof hangul_rows / sizeof hangul_rows[0]);
	tcase_add_test(tc, test_utf8_hangul_at_every_code_point);
	tcase_add_test(tc, test_utf8_repair_like_python);
	tcase_add_test(tc, test_utf8_encode_round_trip);
	tcase_add_test(tc, test_utf8_encode_surrogate_is_replaced);
	tcase_add_test(tc, test_utf8_count_and_offsets);
	tcase_add_test(tc, test_utf8_count_long_text);
	tcase_add_loop_test(tc, test_utf8_normalize_table, 0,
	    sizeof norm_rows / sizeof norm_rows[0]);
	tcase_add_test(tc, test_utf8_normalize_rejects_invalid);
	tcase_add_test(tc, test_utf8_is_normal_fast_cases);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(utf8_suite)
