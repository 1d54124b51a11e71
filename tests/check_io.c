/* Unit tests for lib/io: line sources (plain, gzip, zstd) and atomic output. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include "core/buf.h"
#include "record/io.h"
#include "check_main.h"

static void
put(const char *name, const void *data, size_t len)
{
	FILE *f = fopen(check_path(name), "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Read every line of 'name', joined with '|' into 'b'. */
static void
lines(const char *name, struct buf *b)
{
	struct src *s = src_open(check_path(name));
	const char *line;
	size_t len;
	int rc;

	ck_assert_ptr_nonnull(s);
	buf_reset(b);
	while ((rc = src_getline(s, &line, &len)) == 1) {
		buf_add(b, line, len);
		buf_addc(b, '|');
	}
	ck_assert_int_eq(rc, SRC_EOF);
	src_close(s);
}

START_TEST(test_io_line_ends)
{
	struct buf b = BUF_INIT;

	put("a", "one\r\ntwo\n\nthree", 15);
	lines("a", &b);
	ck_assert_str_eq(b.data, "one|two||three|");
	put("b", "\xef\xbb\xbfx\n\xef\xbb\xbfy\n", 10);	/* BOM only at the start */
	lines("b", &b);
	ck_assert_str_eq(b.data, "x|\xef\xbb\xbfy|");
	put("c", "", 0);
	lines("c", &b);
	ck_assert_uint_eq(b.len, 0);
	put("d", "cr in\rline\n", 11);			/* a lone \r stays */
	lines("d", &b);
	ck_assert_str_eq(b.data, "cr in\rline|");
	buf_release(&b);
}
END_TEST

START_TEST(test_io_long_lines)
{
	struct buf data = BUF_INIT, b = BUF_INIT;
	struct src *s;
	const char *line;
	size_t len, i;

	/* A 5 MiB line spans several buffer fills. */
	for (i = 0; i < 5 * 1024 * 1024; i++)
		buf_addc(&data, (char)('a' + i % 26));
	buf_addstr(&data, "\nshort\n");
	put("long", data.data, data.len);
	s = src_open(check_path("long"));
	ck_assert_int_eq(src_getline(s, &line, &len), 1);
	ck_assert_uint_eq(len, 5 * 1024 * 1024);
	ck_assert_int_eq(memcmp(line, data.data, len), 0);
	ck_assert_int_eq(src_getline(s, &line, &len), 1);
	ck_assert_uint_eq(src_lineno(s), 2);
	src_close(s);

	/* With a limit: the long line is reported, the next one read. */
	s = src_open(check_path("long"));
	src_set_max_line(s, 1000);
	ck_assert_int_eq(src_getline(s, &line, &len), SRC_TOO_LONG);
	ck_assert_uint_eq(len, 1000);
	ck_assert_int_eq(src_getline(s, &line, &len), 1);
	ck_assert_int_eq(memcmp(line, "short", 5), 0);
	ck_assert_uint_eq(src_lineno(s), 2);
	ck_assert_int_eq(src_getline(s, &line, &len), SRC_EOF);
	src_close(s);

	/* A long line that fits in the buffer is caught too. */
	put("mid", "0123456789abcdef\nok\n", 20);
	s = src_open(check_path("mid"));
	src_set_max_line(s, 10);
	ck_assert_int_eq(src_getline(s, &line, &len), SRC_TOO_LONG);
	ck_assert_int_eq(src_getline(s, &line, &len), 1);
	ck_assert_uint_eq(len, 2);
	src_close(s);
	buf_release(&data);
	buf_release(&b);
}
END_TEST

/* Read 'name' with limit 'max' and check that its first line, over the
 * limit, comes back whole from src_line_rest, and 'next' after it. */
static void
check_rest(const char *name, const struct buf *want, size_t max,
    const char *next)
{
	struct src *s = src_open(check_path(name));
	struct buf got = BUF_INIT;
	const char *line;
	size_t len;
	int rc;

	src_set_max_line(s, max);
	ck_assert_int_eq(src_getline(s, &line, &len), SRC_TOO_LONG);
	ck_assert_uint_eq(len, max);
	buf_add(&got, line, len);
	while ((rc = src_line_rest(s, &line, &len)) == 1)
		buf_add(&got, line, len);
	ck_assert_int_eq(rc, SRC_EOF);
	ck_assert_uint_eq(got.len, want->len);
	ck_assert_int_eq(memcmp(got.data, want->data, got.len), 0);
	ck_assert_uint_eq(src_lineno(s), 1);
	if (next) {
		ck_assert_int_eq(src_getline(s, &line, &len), 1);
		ck_assert_uint_eq(len, strlen(next));
		ck_assert_int_eq(memcmp(line, next, len), 0);
	}
	ck_assert_int_eq(src_getline(s, &line, &len), SRC_EOF);
	src_close(s);
	buf_release(&got);
}

START_TEST(test_io_long_line_rest)
{
	struct buf data = BUF_INIT, want = BUF_INIT;
	size_t i;

	/* Over several buffer fills, CRLF at its end; then at the end of
	 * the input without a newline; then within one buffer. */
	for (i = 0; i < 5 * 1024 * 1024 + 7; i++)
		buf_addc(&want, (char)('a' + i % 26));
	buf_add(&data, want.data, want.len);
	buf_addstr(&data, "\r\nshort\n");
	put("long", data.data, data.len);
	check_rest("long", &want, 1000, "short");
	put("last", want.data, want.len);
	check_rest("last", &want, 1 << 20, NULL);
	buf_reset(&want);
	buf_addstr(&want, "0123456789abcdef");
	put("mid", "0123456789abcdef\nok\n", 20);
	check_rest("mid", &want, 10, "ok");
	buf_release(&data);
	buf_release(&want);
}
END_TEST

START_TEST(test_io_gzip_and_zstd)
{
	struct buf b = BUF_INIT;
	const char *text = "{\"a\":1}\n{\"b\":2}\n";
	char z[256];
	size_t zlen;
	gzFile g;

	g = gzopen(check_path("x.gz"), "wb");
	gzputs(g, "{\"a\":1}\n");
	gzclose(g);
	g = gzopen(check_path("x.gz"), "ab");		/* a second member */
	gzputs(g, "{\"b\":2}\n");
	gzclose(g);
	lines("x.gz", &b);
	ck_assert_str_eq(b.data, "{\"a\":1}|{\"b\":2}|");

	zlen = ZSTD_compress(z, sizeof z, text, strlen(text), 3);
	ck_assert(!ZSTD_isError(zlen));
	put("x.zst", z, zlen);
	lines("x.zst", &b);
	ck_assert_str_eq(b.data, "{\"a\":1}|{\"b\":2}|");
	buf_release(&b);
}
END_TEST

START_TEST(test_io_corrupt_compressed_input)
{
	struct src *s;
	const char *line;
	size_t len;
	char z[256];
	size_t zlen = ZSTD_compress(z, sizeof z, "hello\n", 6, 3);

	put("cut.zst", z, zlen - 3);
	s = src_open(check_path("cut.zst"));
	ck_assert_int_eq(src_getline(s, &line, &len), SRC_ERROR);
	src_close(s);
	put("bad.gz", "\x1f\x8b\x08\x00garbage-garbage", 19);
	s = src_open(check_path("bad.gz"));
	ck_assert_int_eq(src_getline(s, &line, &len), SRC_ERROR);
	src_close(s);
}
END_TEST

START_TEST(test_io_open_errors)
{
	ck_assert_ptr_null(src_open(check_path("missing")));
	ck_assert_ptr_null(src_open(check_tmpdir()));			/* a directory */
	ck_assert_ptr_null(out_open("/nonexistent/dir/f", OUT_ATOMIC));
}
END_TEST

static int
count_files(void)
{
	DIR *d = opendir(check_tmpdir());
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.' || (e->d_name[1] && e->d_name[1] != '.');
	closedir(d);
	return n;
}

START_TEST(test_io_atomic_output)
{
	struct out *o;
	struct buf b = BUF_INIT;

	put("target", "old\n", 4);
	o = out_open(check_path("target"), OUT_ATOMIC);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(out_write(o, "new\n", 4), 0);
	lines("target", &b);
	ck_assert_str_eq(b.data, "old|");		/* untouched until close */
	ck_assert_int_eq(count_files(), 2);		/* the target and a temp */
	ck_assert_int_eq(out_close(o), 0);
	lines("target", &b);
	ck_assert_str_eq(b.data, "new|");
	ck_assert_int_eq(count_files(), 1);

	o = out_open(check_path("target"), OUT_ATOMIC);
	out_write(o, "lost\n", 5);
	out_abort(o);
	lines("target", &b);
	ck_assert_str_eq(b.data, "new|");
	ck_assert_int_eq(count_files(), 1);		/* no temp left behind */
	buf_release(&b);
}
END_TEST

START_TEST(test_io_write_error_is_sticky)
{
	struct out *o = out_open("/dev/full", OUT_APPEND);

	ck_assert_ptr_nonnull(o);
	out_write(o, "x", 1);
	ck_assert_int_eq(out_flush(o), -1);
	ck_assert_int_eq(out_error(o), 1);
	ck_assert_int_eq(out_write(o, "y", 1), -1);
	ck_assert_int_eq(out_close(o), -1);
}
END_TEST

static Suite *
io_suite(void)
{
	Suite *s = suite_create("io");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, check_tmpdir_setup, check_tmpdir_teardown);
	tcase_add_test(tc, test_io_line_ends);
	tcase_add_test(tc, test_io_long_lines);
	tcase_add_test(tc, test_io_long_line_rest);
	tcase_add_test(tc, test_io_gzip_and_zstd);
	tcase_add_test(tc, test_io_corrupt_compressed_input);
	tcase_add_test(tc, test_io_open_errors);
	tcase_add_test(tc, test_io_atomic_output);
	tcase_add_test(tc, test_io_write_error_is_sticky);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(io_suite)
