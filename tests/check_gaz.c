/* Unit tests for lib/gaz: longest match, types, loading, serialization. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "ner/internal.h"
#include "check_main.h"

static size_t
to_cps(const char *s, int32_t *cp)
{
	size_t n = 0, at = 0, len = strlen(s);
	int32_t c;

	while (at < len) {
		at += (size_t)utf8_decode(s + at, len - at, &c);
		cp[n++] = c;
	}
	return n;
}

/* Write 'text' to a file of the test's directory; returns its path. */
static const char *
temp_file(const char *text)
{
	return check_file("names.tsv", text, strlen(text));
}

START_TEST(test_gaz_longest_match)
{
	struct gaz *g = gaz_new();
	int32_t cp[32];
	size_t n;
	unsigned types;

	gaz_add(g, "서울", strlen("서울"), 1u << NER_LC);
	gaz_add(g, "서울시청", strlen("서울시청"), 1u << NER_OG);
	n = to_cps("서울시청에서 서울시", cp);
	ck_assert_uint_eq(gaz_match(g, cp, n, 0, NULL, NER_TYPE_MASK, &types), 4);
	ck_assert_uint_eq(types, 1u << NER_OG);
	/* "서울시" is not a form: the longest is "서울" */
	ck_assert_uint_eq(gaz_match(g, cp, n, 7, NULL, NER_TYPE_MASK, &types), 2);
	ck_assert_uint_eq(types, 1u << NER_LC);
	ck_assert_uint_eq(gaz_match(g, cp, n, 1, NULL, NER_TYPE_MASK, &types), 0);
	ck_assert_uint_eq(types, 0);
	ck_assert_uint_eq(gaz_count(g), 2);
	gaz_free(g);
	gaz_free(NULL);
}
END_TEST

START_TEST(test_gaz_types_are_merged_and_masked)
{
	struct gaz *g = gaz_new();
	int32_t cp[16];
	size_t n = to_cps("한국은행", cp);
	unsigned types;

	gaz_add(g, "한국", strlen("한국"), 1u << NER_LC);
	gaz_add(g, "한국", strlen("한국"), 1u << NER_OG);
	gaz_add(g, "한국은행", strlen("한국은행"), GAZ_WORD);
	ck_assert_uint_eq(gaz_count(g), 2);
	/* a common word is not a name: with the name mask, 한국 wins */
	ck_assert_uint_eq(gaz_match(g, cp, n, 0, NULL, NER_TYPE_MASK, &types), 2);
	ck_assert_uint_eq(types, 1u << NER_LC | 1u << NER_OG);
	ck_assert_uint_eq(gaz_match(g, cp, n, 0, NULL, GAZ_WORD, &types), 4);
	ck_assert_uint_eq(types, GAZ_WORD);
	gaz_free(g);
}
END_TEST

START_TEST(test_gaz_end_ok)
{
	struct gaz *g = gaz_new();
	int32_t cp[32];
	size_t n = to_cps("New Yorker", cp);
	uint8_t end_ok[32] = { 0 };
	unsigned types;

	gaz_add(g, "New York", 8, 1u << NER_LC);
	ck_assert_uint_eq(gaz_match(g, cp, n, 0, NULL, NER_TYPE_MASK, &types), 8);
	/* word ends only at 3 and 10: "New York" ends inside "Yorker" */
	end_ok[3] = end_ok[10] = 1;
	ck_assert_uint_eq(gaz_match(g, cp, n, 0, end_ok, NER_TYPE_MASK, &types), 0);
	gaz_free(g);
}
END_TEST

START_TEST(test_gaz_add_refuses_bad_forms)
{
	struct gaz *g = gaz_new();
	char longform[300];

	memset(longform, 'a', sizeof longform);
	ck_assert_int_eq(gaz_add(g, "", 0, 1), -1);
	ck_assert_int_eq(gaz_add(g, "a\xff", 2, 1), -1);
	ck_assert_int_eq(gaz_add(g, longform, 65, 1), -1);
	ck_assert_int_eq(gaz_add(g, longform, 64, 1), 0);
	ck_assert_uint_eq(gaz_count(g), 1);
	gaz_free(g);
}
END_TEST

START_TEST(test_gaz_load)
{
	struct gaz *g = gaz_new();
	const char *p = temp_file("# names\n삼성전자\tORG\t12\r\n\n"
	    "샘 올트먼\tPERSON\n서울\tLC\nApple\torganization\n");

	ck_assert_int_eq(gaz_load(g, p), 4);
	ck_assert_uint_eq(gaz_count(g), 4);
	gaz_free(g);
}
END_TEST

/* A bad line is named by file and line, and nothing of the file is added. */
START_TEST(test_gaz_load_bad_file_adds_nothing)
{
	static const char *const bad[] = {
		"서울\tLC\n삼성\tFOO\n",	/* unknown type */
		"서울\tLC\n삼성전자\n",		/* no type */
		"서울\tLC\n\tLC\n",		/* empty form */
		"서울\tLC\n\xff\tLC\n",		/* invalid UTF-8 */
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct gaz *g = gaz_new();
		const char *p = temp_file(bad[i]);

		ck_assert_int_eq(gaz_load(g, p), -1);
		ck_assert_uint_eq(gaz_count(g), 0);
		gaz_free(g);
	}
	{
		struct gaz *g = gaz_new();

		ck_assert_int_eq(gaz_load(g, "/nonexistent/names.tsv"), -1);
		gaz_free(g);
	}
}
END_TEST

START_TEST(test_gaz_write_read_is_stable)
{
	struct gaz *a = gaz_new(), *b = gaz_new(), *c = gaz_new();
	struct buf ba = BUF_INIT, bb = BUF_INIT, bc = BUF_INIT;

	gaz_add(a, "서울", strlen("서울"), 1u << NER_LC);
	gaz_add(a, "Apple", 5, 1u << NER_OG);
	gaz_add(a, "어제", strlen("어제"), GAZ_WORD);
	/* the same names in another order give the same bytes */
	gaz_add(b, "어제", strlen("어제"), GAZ_WORD);
	gaz_add(b, "Apple", 5, 1u << NER_OG);
	gaz_add(b, "서울", strlen("서울"), 1u << NER_LC);
	gaz_write(a, &ba);
	gaz_write(b, &bb);
	ck_assert_uint_eq(ba.len, bb.len);
	ck_assert(memcmp(ba.data, bb.data, ba.len) == 0);
	ck_assert_int_eq(gaz_read(c, (unsigned char *)ba.data, ba.len), 0);
	gaz_write(c, &bc);
	ck_assert(bc.len == ba.len && memcmp(bc.data, ba.data, ba.len) == 0);
	/* malformed blocks */
	ck_assert_int_eq(gaz_read(c, (unsigned char *)ba.data, ba.len - 1), -1);
	ck_assert_int_eq(gaz_read(c, (const unsigned char *)"\0\2ab", 4), -1);
	buf_release(&ba);
	buf_release(&bb);
	buf_release(&bc);
	gaz_free(a);
	gaz_free(b);
	gaz_free(c);
}
END_TEST

static Suite *
gaz_suite(void)
{
	Suite *s = suite_create("gaz");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, check_tmpdir_setup, check_tmpdir_teardown);

	tcase_add_test(tc, test_gaz_longest_match);
	tcase_add_test(tc, test_gaz_types_are_merged_and_masked);
	tcase_add_test(tc, test_gaz_end_ok);
	tcase_add_test(tc, test_gaz_add_refuses_bad_forms);
	tcase_add_test(tc, test_gaz_load);
	tcase_add_test(tc, test_gaz_load_bad_file_adds_nothing);
	tcase_add_test(tc, test_gaz_write_read_is_stable);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(gaz_suite)
