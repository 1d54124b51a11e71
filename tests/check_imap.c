/* Unit tests for lib/imap: the capped multimap behind the LSH and fingerprint indexes. */
#include <check.h>
#include <stdlib.h>

#include "dedupe/internal.h"
#include "check_main.h"

static int
has(const struct imap *m, uint32_t key, uint32_t val)
{
	uint32_t v[16];
	size_t n = imap_get(m, key, v, 16);

	for (size_t i = 0; i < n; i++)
		if (v[i] == val)
			return 1;
	return 0;
}

START_TEST(test_imap_multi_values)
{
	struct imap *m = imap_new(3);
	uint32_t v[8];

	ck_assert_uint_eq(imap_get(m, 7, v, 8), 0);
	ck_assert_int_eq(imap_add(m, 7, 100), 1);
	ck_assert_int_eq(imap_add(m, 7, 101), 1);
	ck_assert_int_eq(imap_add(m, 8, 200), 1);
	ck_assert_int_eq(imap_add(m, 7, 102), 1);
	ck_assert_int_eq(imap_add(m, 7, 103), 0);	/* the key is full */
	ck_assert_uint_eq(imap_get(m, 7, v, 8), 3);
	ck_assert(has(m, 7, 100) && has(m, 7, 101) && has(m, 7, 102));
	ck_assert_uint_eq(imap_get(m, 8, v, 8), 1);
	ck_assert_uint_eq(v[0], 200);
	ck_assert_uint_eq(imap_get(m, 7, v, 2), 2);	/* 'max' is respected */
	ck_assert_uint_eq(imap_count(m), 4);
	imap_free(m);
	imap_free(NULL);
}
END_TEST

START_TEST(test_imap_grows)
{
	struct imap *m = imap_new(4);
	uint32_t i, added = 0, found = 0;

	for (i = 0; i < 200000; i++)
		added += (uint32_t)imap_add(m, i * 2654435761u, i);
	for (i = 0; i < 200000; i++)
		found += (uint32_t)has(m, i * 2654435761u, i);
	ck_assert_uint_eq(added, 200000);
	ck_assert_uint_eq(found, 200000);
	ck_assert_uint_eq(imap_count(m), 200000);
	ck_assert_uint_le(imap_bytes(m) / 200000, 18);
	imap_free(m);
}
END_TEST

START_TEST(test_imap_iterate_and_clear)
{
	struct imap *m = imap_new(2);
	size_t pos = 0, n = 0;
	uint32_t k, v;

	for (uint32_t i = 0; i < 10000; i++)
		imap_add(m, i, i + 1);
	while (imap_next(m, &pos, &k, &v))
		n += v == k + 1;
	ck_assert_uint_eq(n, 10000);
	imap_clear(m);
	ck_assert_uint_eq(imap_count(m), 0);
	ck_assert(!has(m, 5, 6));
	imap_add(m, 5, 6);
	/* Cleared again while mostly empty, a big table shrinks back. */
	imap_clear(m);
	ck_assert_uint_lt(imap_bytes(m), 4096);
	ck_assert(!has(m, 5, 6));
	imap_free(m);
}
END_TEST

/* One key shared by very many values costs no more than 'cap' of them. */
START_TEST(test_imap_cap_bounds_hot_key)
{
	struct imap *m = imap_new(8);
	uint32_t v[16];

	for (uint32_t i = 0; i < 100000; i++)
		imap_add(m, 42, i);
	ck_assert_uint_eq(imap_count(m), 8);
	ck_assert_uint_eq(imap_get(m, 42, v, 16), 8);
	imap_free(m);
}
END_TEST

static Suite *
imap_suite(void)
{
	Suite *s = suite_create("imap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_imap_multi_values);
	tcase_add_test(tc, test_imap_grows);
	tcase_add_test(tc, test_imap_iterate_and_clear);
	tcase_add_test(tc, test_imap_cap_bounds_hot_key);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(imap_suite)
