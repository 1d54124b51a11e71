/*
 * Unit tests for lib/simd: at every level this CPU has, the block scans
 * skip what they must (a scan that always gave up would still be correct,
 * and slow) and stop where they must, at a character boundary.
 */
#include <check.h>
#include <string.h>

#include "core/buf.h"
#include "core/simd.h"
#include "check_main.h"

static const char *levels[] = { "avx2", "sse2", "none" };

/* A long line of Korean and English text with spaces, no specials. */
static void
plain_text(struct buf *b, int reps)
{
	int i;

	for (i = 0; i < reps; i++)
		buf_addstr(b, "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 \xea\xb8\xb0\xec\x82\xac"
		    "\xeb\x8a\x94 text, 2025 \xed\x95\x98\xea\xb0\x80. ");
}

START_TEST(test_simd_skips_json_string)
{
	struct buf b = BUF_INIT;
	const unsigned char *s, *end, *stop;

	if (simd_use(levels[_i]) < 0)
		return;		/* not on this CPU */
	buf_addstr(&b, "{\"text\":\"");
	plain_text(&b, 40);
	buf_addstr(&b, "\"}");
	s = (const unsigned char *)b.data;
	end = s + b.len;
	stop = simd_skip_json_string(s + 9, s, end);
	if (strcmp(levels[_i], "none") == 0) {
		ck_assert_ptr_eq(stop, s + 9);
	} else {
		/* Up to the block holding the closing quote. */
		ck_assert_msg(end - stop <= 2 + 32 + 3, "%s stopped %td bytes early",
		    levels[_i], end - stop);
		ck_assert((*stop & 0xC0) != 0x80);
	}
	buf_release(&b);
}
END_TEST

START_TEST(test_simd_stops_at_specials_and_bad_bytes)
{
	static const char *stoppers[] = { "\"", "\\", "\n", "\x01", "\xff",
	    "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe0\x80\x80", "\x80" };
	struct buf b = BUF_INIT;
	size_t k, at;

	if (simd_use(levels[_i]) < 0 || strcmp(levels[_i], "none") == 0)
		return;
	for (k = 0; k < sizeof stoppers / sizeof stoppers[0]; k++) {
		const unsigned char *s, *stop;

		buf_reset(&b);
		buf_addstr(&b, "{\"text\":\"");
		plain_text(&b, 4);
		at = b.len;
		buf_addstr(&b, stoppers[k]);
		plain_text(&b, 4);
		s = (const unsigned char *)b.data;
		stop = simd_skip_json_string(s + 9, s, s + b.len);
		ck_assert_msg((size_t)(stop - s) <= at, "%s ran past stopper %zu",
		    levels[_i], k);
		ck_assert_msg(at - (size_t)(stop - s) <= 32 + 3,
		    "%s stopped too early before stopper %zu", levels[_i], k);
	}
	buf_release(&b);
}
END_TEST

START_TEST(test_simd_skips_clean_text)
{
	struct buf b = BUF_INIT;
	const unsigned char *s;
	int line_start = 1, prev_space = 0;
	size_t stop;

	if (simd_use(levels[_i]) < 0)
		return;
	plain_text(&b, 40);
	buf_addstr(&b, "  double");
	s = (const unsigned char *)b.data;
	stop = simd_skip_clean_valid(s, 0, b.len, &line_start, &prev_space);
	if (strcmp(levels[_i], "none") == 0) {
		ck_assert_uint_eq(stop, 0);
	} else {
		ck_assert_msg(b.len - stop <= 8 + 32 + 3, "%s stopped %zu bytes early",
		    levels[_i], b.len - stop);
		ck_assert_uint_le(stop, b.len - 8);	/* not past the two spaces */
		ck_assert((s[stop] & 0xC0) != 0x80);
		ck_assert_int_eq(line_start, 0);
	}
	stop = simd_skip_hangul_valid(s, 0, b.len);
	if (strcmp(levels[_i], "none") != 0)
		ck_assert_uint_ge(stop, b.len - 32 - 3);
	buf_release(&b);
}
END_TEST

START_TEST(test_simd_clean_stops_at_leading_space)
{
	struct buf b = BUF_INIT;
	int line_start = 1, prev_space = 0;

	if (simd_use(levels[_i]) < 0)
		return;
	buf_addstr(&b, " leading");
	plain_text(&b, 4);
	ck_assert_uint_eq(simd_skip_clean_valid((const unsigned char *)b.data, 0,
	    b.len, &line_start, &prev_space), 0);
	buf_release(&b);
}
END_TEST

START_TEST(test_simd_count_cont)
{
	struct buf b = BUF_INIT;
	size_t len, want = 0, i;

	if (simd_use(levels[_i]) < 0)
		return;
	/* Long enough for the counters to be summed more than once. */
	while (b.len < 3 * 255 * 32 + 7)
		plain_text(&b, 1);
	for (len = 0; len <= b.len; len += len < 100 ? 1 : 997) {
		for (want = 0, i = 0; i < len; i++)
			want += ((unsigned char)b.data[i] & 0xC0) == 0x80;
		ck_assert_uint_eq(simd_count_cont((const unsigned char *)b.data, len), want);
	}
	buf_release(&b);
}
END_TEST

static Suite *
simd_suite(void)
{
	Suite *s = suite_create("simd");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_simd_skips_json_string, 0, 3);
	tcase_add_loop_test(tc, test_simd_stops_at_specials_and_bad_bytes, 0, 3);
	tcase_add_loop_test(tc, test_simd_skips_clean_text, 0, 3);
	tcase_add_loop_test(tc, test_simd_clean_stops_at_leading_space, 0, 3);
	tcase_add_loop_test(tc, test_simd_count_cont, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(simd_suite)
