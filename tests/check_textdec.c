/* Unit tests for lib/textdec: encodings to UTF-8, detection, streaming. */
#include <check.h>
#include <string.h>

#include "core/buf.h"
#include "read/read.h"
#include "check_main.h"

/* Each row: encoding asked, bytes, the encoding used, UTF-8 out, replacements. */
static const struct {
	const char *enc;
	const char *in;
	size_t len;
	const char *used;
	const char *out;
	unsigned replaced;
} rows[] = {
	{ "auto", "plain", 5, "utf-8", "plain", 0 },
	{ "auto", "\xef\xbb\xbf" "bom", 6, "utf-8", "bom", 0 },
	{ "auto", "\xed\x95\x9c\xea\xb8\x80", 6, "utf-8", "\xed\x95\x9c\xea\xb8\x80", 0 },
	/* 한글 기사 in CP949 */
	{ "auto", "\xc7\xd1\xb1\xdb \xb1\xe2\xbb\xe7", 9, "cp949",
	    "\xed\x95\x9c\xea\xb8\x80 \xea\xb8\xb0\xec\x82\xac", 0 },
	{ "auto", "caf\xe9 cr\xe8me", 10, "latin1", "caf\xc3\xa9 cr\xc3\xa8me", 0 },
	{ "auto", "\xff\xfeh\0i\0", 6, "utf-16le", "hi", 0 },
	{ "auto", "\xfe\xff\0h\0i", 6, "utf-16be", "hi", 0 },
	{ "utf-16", "h\0i\0", 4, "utf-16le", "hi", 0 },
	{ "utf-16", "\xfe\xff\0h", 4, "utf-16be", "h", 0 },
	/* a UTF-8 page with one broken byte is still UTF-8 */
	{ "auto", "\xed\x95\x9c\xea\xb8\x80\xed\x95\x9c\xea\xb8\x80\xed\x95\x9c\xea\xb8\x80"
	    "\xed\x95\x9c\xea\xb8\x80\xed\x95\x9c\xea\xb8\x80 \xff", 32, "utf-8",
	    "\xed\x95\x9c\xea\xb8\x80\xed\x95\x9c\xea\xb8\x80\xed\x95\x9c\xea\xb8\x80"
	    "\xed\x95\x9c\xea\xb8\x80\xed\x95\x9c\xea\xb8\x80 \xef\xbf\xbd", 1 },
	{ "utf-8", "ok\xffok\xe2\x82", 7, "utf-8", "ok\xef\xbf\xbdok\xef\xbf\xbd", 2 },
	{ "cp949", "\xc7\xd1\xff", 3, "cp949", "\xed\x95\x9c\xef\xbf\xbd", 1 },
	{ "euc-kr", "\xc7\xd1", 2, "euc-kr", "\xed\x95\x9c", 0 },
};

START_TEST(test_textdec_table)
{
	struct textdec *d = textdec_new(rows[_i].enc);
	struct buf out = BUF_INIT;

	ck_assert_ptr_nonnull(d);
	textdec_feed(d, rows[_i].in, rows[_i].len, 1, &out);
	ck_assert_str_eq(textdec_name(d), rows[_i].used);
	ck_assert_str_eq(out.data ? out.data : "", rows[_i].out);
	ck_assert_uint_eq(textdec_replaced(d), rows[_i].replaced);
	textdec_free(d);
	buf_release(&out);
}
END_TEST

/* Fed one byte at a time, every row decodes to the same text. */
START_TEST(test_textdec_byte_at_a_time)
{
	struct textdec *d = textdec_new(rows[_i].enc);
	struct buf out = BUF_INIT;
	size_t i;

	for (i = 0; i < rows[_i].len; i++)
		textdec_feed(d, rows[_i].in + i, 1, 0, &out);
	textdec_feed(d, "", 0, 1, &out);
	ck_assert_str_eq(out.data ? out.data : "", rows[_i].out);
	ck_assert_uint_eq(textdec_replaced(d), rows[_i].replaced);
	textdec_free(d);
	buf_release(&out);
}
END_TEST

START_TEST(test_textdec_unknown_encoding)
{
	ck_assert_ptr_null(textdec_new("no-such-encoding"));
}
END_TEST

static Suite *
textdec_suite(void)
{
	Suite *s = suite_create("textdec");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_textdec_table, 0, sizeof rows / sizeof rows[0]);
	tcase_add_loop_test(tc, test_textdec_byte_at_a_time, 0, sizeof rows / sizeof rows[0]);
	tcase_add_test(tc, test_textdec_unknown_encoding);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(textdec_suite)
