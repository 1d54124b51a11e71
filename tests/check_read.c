/* Unit tests for lib/read: a file cut into records' texts, whole, by paragraph, by line. */
#include <check.h>
#include <string.h>

#include "core/buf.h"
#include "read/read.h"
#include "check_main.h"

/* Each piece as "NUM:TEXT|", so that a row's whole result is one string. */
static int
collect(void *arg, const char *s, size_t len, uint64_t num)
{
	struct buf *b = arg;

	buf_printf(b, "%llu:", (unsigned long long)num);
	buf_add(b, s, len);
	buf_addc(b, '|');
	return 0;
}

static const struct {
	enum read_by by;
	const char *in;
	const char *out;
} rows[] = {
	{ READ_BY_FILE, "", "0:|" },
	{ READ_BY_FILE, "a\r\nb\rc\n", "0:a\nb\nc\n|" },
	{ READ_BY_FILE, "\xef\xbb\xbfno bom", "0:no bom|" },
	{ READ_BY_PARA, "", "" },
	{ READ_BY_PARA, "one\ntwo\n\n\nthree", "1:one\ntwo|2:three|" },
	/* a line of spaces and tabs is blank; a paragraph keeps its lines' spaces */
	{ READ_BY_PARA, " a \n \t \nb\r\n\r\n", "1: a |2:b|" },
	{ READ_BY_PARA, "\n\n\nx\n", "1:x|" },
	{ READ_BY_LINE, "", "" },
	/* line numbers count the blank lines too, and every kind of line end */
	{ READ_BY_LINE, "a\n\n  \nb\r\nc\rd", "1:a|4:b|5:c|6:d|" },
	{ READ_BY_LINE, "\r\r\n\n", "" },
};

/* Each row fed whole, then one byte at a time: the same pieces. */
START_TEST(test_read_text_table)
{
	int piece;

	for (piece = 0; piece < 2; piece++) {
		struct buf out = BUF_INIT;
		struct read_text *t = read_text_new("auto", rows[_i].by, collect, &out);
		size_t len = strlen(rows[_i].in), at;

		ck_assert_ptr_nonnull(t);
		if (piece == 0)
			ck_assert_int_eq(read_text_feed(t, rows[_i].in, len), 0);
		else
			for (at = 0; at < len; at++)
				ck_assert_int_eq(read_text_feed(t, rows[_i].in + at, 1), 0);
		ck_assert_int_eq(read_text_end(t), 0);
		ck_assert_str_eq(out.data ? out.data : "", rows[_i].out);
		read_text_free(t);
		buf_release(&out);
	}
}
END_TEST

/* Text in another encoding is cut after decoding, and says what it was. */
START_TEST(test_read_text_decodes)
{
	struct buf out = BUF_INIT;
	/* 한글\r\n기사 in CP949 */
	struct read_text *t = read_text_new("auto", READ_BY_LINE, collect, &out);

	read_text_feed(t, "\xc7\xd1\xb1\xdb\r\n\xb1\xe2\xbb\xe7", 10);
	read_text_end(t);
	ck_assert_str_eq(out.data, "1:\xed\x95\x9c\xea\xb8\x80|2:\xea\xb8\xb0\xec\x82\xac|");
	ck_assert_str_eq(read_text_encoding(t), "cp949");
	ck_assert_uint_eq(read_text_replaced(t), 0);
	read_text_free(t);
	buf_release(&out);
}
END_TEST

static int
stop_at_two(void *arg, const char *s, size_t len, uint64_t num)
{
	return num == 2 ? -7 : 0;
}

/* A callback's failure stops the input and comes back to the caller. */
START_TEST(test_read_text_stops)
{
	struct read_text *t = read_text_new("utf-8", READ_BY_LINE, stop_at_two, NULL);

	ck_assert_int_eq(read_text_feed(t, "a\n", 2), 0);
	ck_assert_int_eq(read_text_feed(t, "b\nc\n", 4), -7);
	read_text_free(t);
	ck_assert_ptr_null(read_text_new("no-such-encoding-x", READ_BY_FILE, collect, NULL));
}
END_TEST

START_TEST(test_read_id)
{
	struct buf id = BUF_INIT;

	read_id("site/a.txt", 0, &id);
	ck_assert_str_eq(id.data, "site/a.txt");
	read_id("site/a.txt", 12, &id);
	ck_assert_str_eq(id.data, "site/a.txt#12");
	buf_release(&id);
}
END_TEST

static Suite *
read_suite(void)
{
	Suite *s = suite_create("read");
	TCase *tc = tcase_create("read");

	tcase_add_loop_test(tc, test_read_text_table, 0, sizeof rows / sizeof rows[0]);
	tcase_add_test(tc, test_read_text_decodes);
	tcase_add_test(tc, test_read_text_stops);
	tcase_add_test(tc, test_read_id);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(read_suite)
