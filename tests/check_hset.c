/* Unit tests for lib/hset: a set of 128-bit keys. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/hset.h"
#include "check_main.h"

/* Deterministic pseudo-random keys (splitmix64). */
static struct hkey
key_n(uint64_t n)
{
	struct hkey k;
	uint64_t z = n * 0x9E3779B97F4A7C15ULL + 12345;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	k.lo = z ^ (z >> 31);
	z = k.lo * 0x9E3779B97F4A7C15ULL + 777;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	k.hi = z ^ (z >> 27);
	return k;
}

START_TEST(test_hset_add_has)
{
	struct hset *h = hset_new(0);
	struct hkey a = { 1, 2 }, b = { 1, 3 }, c = { 2, 2 };

	ck_assert_int_eq(hset_has(h, a), 0);
	ck_assert_int_eq(hset_add(h, a), 1);
	ck_assert_int_eq(hset_add(h, a), 0);
	ck_assert_int_eq(hset_has(h, a), 1);
	ck_assert_int_eq(hset_has(h, b), 0);
	ck_assert_int_eq(hset_has(h, c), 0);
	ck_assert_uint_eq(hset_count(h), 1);
	hset_free(h);
	hset_free(NULL);
}
END_TEST

START_TEST(test_hset_zero_key)
{
	struct hset *h = hset_new(0);
	struct hkey z = { 0, 0 };

	ck_assert_int_eq(hset_has(h, z), 0);
	ck_assert_int_eq(hset_add(h, z), 1);
	ck_assert_int_eq(hset_has(h, z), 1);
	ck_assert_int_eq(hset_add(h, z), 0);
	hset_free(h);
}
END_TEST

/* Many keys: all found, none invented, through every resize. */
START_TEST(test_hset_many)
{
	struct hset *h = hset_new(0);
	uint64_t i, n = 300000, added = 0, found = 0, invented = 0, again = 0;

	/* Counted, then asserted once: each Check assertion is a write. */
	for (i = 0; i < n; i++)
		added += hset_add(h, key_n(i));
	for (i = 0; i < n; i++)
		found += hset_has(h, key_n(i));
	for (i = n; i < 2 * n; i++)
		invented += hset_has(h, key_n(i));
	for (i = 0; i < n; i += 7)
		again += hset_add(h, key_n(i));
	ck_assert_uint_eq(added, n);
	ck_assert_uint_eq(hset_count(h), n);
	ck_assert_uint_eq(found, n);
	ck_assert_uint_eq(invented, 0);
	ck_assert_uint_eq(again, 0);
	hset_free(h);
}
END_TEST

/* The promise: at most 24 bytes per key, whatever the count. */
START_TEST(test_hset_memory_per_key)
{
	struct hset *h = hset_new(0);
	double worst = 0;
	uint64_t i;

	for (i = 1; i <= 400000; i++) {
		hset_add(h, key_n(i));
		if (i >= 1000) {
			double per = (double)hset_bytes(h) / (double)i;

			if (per > worst)
				worst = per;
		}
	}
	ck_assert_msg(worst <= 24.0, "%.2f bytes per key", worst);
	hset_free(h);
}
END_TEST

START_TEST(test_hset_presized)
{
	struct hset *h = hset_new(100000);
	size_t before = hset_bytes(h);

	for (uint64_t i = 0; i < 100000; i++)
		hset_add(h, key_n(i));
	ck_assert_uint_eq(hset_bytes(h), before);	/* no resize */
	ck_assert_uint_le(hset_bytes(h) / 100000, 20);
	hset_free(h);
}
END_TEST

START_TEST(test_hset_iterate)
{
	struct hset *h = hset_new(0), *seen = hset_new(0);
	struct hkey k;
	size_t pos = 0, n = 0;

	for (uint64_t i = 0; i < 5000; i++)
		hset_add(h, key_n(i));
	while (hset_next(h, &pos, &k))
		n += hset_add(seen, k);		/* each once */
	ck_assert_uint_eq(n, 5000);
	n = 0;
	for (uint64_t i = 0; i < 5000; i++)
		n += hset_has(seen, key_n(i));
	ck_assert_uint_eq(n, 5000);
	hset_free(h);
	hset_free(seen);
}
END_TEST

START_TEST(test_hset_clear)
{
	struct hset *h = hset_new(0);

	for (uint64_t i = 0; i < 100000; i++)
		hset_add(h, key_n(i));
	hset_clear(h);
	ck_assert_uint_eq(hset_count(h), 0);
	ck_assert_int_eq(hset_has(h, key_n(5)), 0);
	ck_assert_int_eq(hset_add(h, key_n(5)), 1);
	/* Cleared again while mostly empty, a big table shrinks back. */
	hset_clear(h);
	ck_assert_uint_lt(hset_bytes(h), 4096);
	ck_assert_int_eq(hset_has(h, key_n(5)), 0);
	hset_free(h);
}
END_TEST

/*
 * Keys someone chose so that their halves agree in their high bits (what
 * a plain multiply-shift would turn into one bucket pair) still spread:
 * the table salts its bucket choice.
 */
START_TEST(test_hset_chosen_keys)
{
	struct hset *h = hset_new(0);
	size_t bytes;

	for (uint64_t i = 0; i < 50000; i++) {
		struct hkey k = { 0xABCDEF0000000000ULL | i, 0x1234560000000000ULL | i };

		hset_add(h, k);
	}
	ck_assert_uint_eq(hset_count(h), 50000);
	bytes = hset_bytes(h);
	ck_assert_msg(bytes / 50000 <= 24, "%zu bytes per key", bytes / 50000);
	hset_free(h);
}
END_TEST

static Suite *
hset_suite(void)
{
	Suite *s = suite_create("hset");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_hset_add_has);
	tcase_add_test(tc, test_hset_zero_key);
	tcase_add_test(tc, test_hset_many);
	tcase_add_test(tc, test_hset_memory_per_key);
	tcase_add_test(tc, test_hset_presized);
	tcase_add_test(tc, test_hset_iterate);
	tcase_add_test(tc, test_hset_clear);
	tcase_add_test(tc, test_hset_chosen_keys);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(hset_suite)
