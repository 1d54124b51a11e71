/* Unit tests for lib/bloom: sizing, no false negatives, the stated rate. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "dedupe/internal.h"
#include "check_main.h"

static struct hkey
key_n(uint64_t n)
{
	struct hkey k;
	uint64_t z = n * 0x9E3779B97F4A7C15ULL + 99;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	k.lo = z ^ (z >> 31);
	z = k.lo + 0x632BE59BD9B4E019ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	k.hi = z ^ (z >> 31);
	return k;
}

START_TEST(test_bloom_sized_to_cap)
{
	struct bloom *b = bloom_new(1 << 20);

	ck_assert_uint_eq(bloom_blocks(b), (1 << 20) / 64);
	ck_assert_uint_le(bloom_bytes(b), (1 << 20) + 64);
	bloom_free(b);
	b = bloom_new(10);			/* less than a block: one block */
	ck_assert_uint_eq(bloom_blocks(b), 1);
	bloom_free(b);
	bloom_free(NULL);
}
END_TEST

START_TEST(test_bloom_no_false_negatives)
{
	struct bloom *b = bloom_new(1 << 20);
	uint64_t i, fresh = 0, found = 0;

	for (i = 0; i < 300000; i++)
		fresh += bloom_add(b, key_n(i));
	for (i = 0; i < 300000; i++)
		found += bloom_has(b, key_n(i));
	ck_assert_uint_eq(found, 300000);
	ck_assert_uint_eq(bloom_count(b), fresh);
	ck_assert_uint_ge(fresh, 299000);
	bloom_free(b);
}
END_TEST

/* The rate bloom_fpr states matches the one measured, at several loads. */
START_TEST(test_bloom_fpr_matches_measurement)
{
	static const double per_key_bits[] = { 8, 12, 17, 24 };
	uint64_t bytes = 1 << 16, bits = bytes * 8;

	for (unsigned t = 0; t < 4; t++) {
		struct bloom *b = bloom_new(bytes);
		uint64_t n = (uint64_t)(bits / per_key_bits[t]), i, fp = 0, probes = 1000000;
		double want, got;

		for (i = 0; i < n; i++)
			bloom_add(b, key_n(i));
		for (i = 0; i < probes; i++)
			fp += bloom_has(b, key_n(10000000 + i));
		want = bloom_fpr(b, n);
		got = (double)fp / (double)probes;
		/* Within 15%, plus counting noise for the smallest rates. */
		ck_assert_msg(fabs(got - want) <= 0.15 * want + 4 * sqrt(want / probes),
		    "%.0f bits/key: stated %.3g, measured %.3g", per_key_bits[t], want, got);
		bloom_free(b);
	}
}
END_TEST

START_TEST(test_bloom_capacity)
{
	struct bloom *b = bloom_new(1 << 20);
	uint64_t cap = bloom_capacity(b, 1e-4);

	/* About 20 bits a key at 1e-4 for a blocked filter with k = 12. */
	ck_assert_uint_gt(cap, (1ULL << 23) / 24);
	ck_assert_uint_lt(cap, (1ULL << 23) / 16);
	ck_assert(bloom_fpr(b, cap) <= 1e-4);
	ck_assert(bloom_fpr(b, cap + cap / 50) > 1e-4);
	ck_assert(bloom_fpr(b, 0) == 0);
	bloom_free(b);
}
END_TEST

START_TEST(test_bloom_merge_and_copy)
{
	struct bloom *a = bloom_new(4096), *b = bloom_new(4096), *c = bloom_new(8192), *d;

	bloom_add(a, key_n(1));
	bloom_add(b, key_n(2));
	ck_assert_int_eq(bloom_merge(a, b), 0);
	ck_assert(bloom_has(a, key_n(1)) && bloom_has(a, key_n(2)));
	ck_assert_uint_eq(bloom_count(a), 2);
	ck_assert_int_eq(bloom_merge(a, c), -1);
	d = bloom_from_bits(bloom_bits(a), bloom_blocks(a), bloom_count(a));
	ck_assert(bloom_has(d, key_n(1)) && bloom_has(d, key_n(2)));
	ck_assert_uint_eq(bloom_count(d), 2);
	bloom_free(a);
	bloom_free(b);
	bloom_free(c);
	bloom_free(d);
}
END_TEST

static Suite *
bloom_suite(void)
{
	Suite *s = suite_create("bloom");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_bloom_sized_to_cap);
	tcase_add_test(tc, test_bloom_no_false_negatives);
	tcase_add_test(tc, test_bloom_fpr_matches_measurement);
	tcase_add_test(tc, test_bloom_capacity);
	tcase_add_test(tc, test_bloom_merge_and_copy);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(bloom_suite)
