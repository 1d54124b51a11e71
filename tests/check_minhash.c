/* Unit tests for lib/minhash: shingles, the Jaccard estimate, LSH, winnowing. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dedupe/internal.h"
#include "check_main.h"

static const unsigned char seed1[32] = "a seed of thirty-two bytes.....";
static const unsigned char seed2[32] = "another seed of thirty-two bytes";

static uint64_t rng = 88172645463325252ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

START_TEST(test_minhash_shingle_counts)
{
	struct minhash mh;
	uint32_t cps[10] = { 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j' };
	uint64_t sh[10], one[10];

	minhash_init(&mh, seed1, sizeof seed1);
	ck_assert_uint_eq(minhash_shingles(&mh, cps, 0, sh), 0);
	ck_assert_uint_eq(minhash_shingles(&mh, cps, 3, sh), 1);
	ck_assert_uint_eq(minhash_shingles(&mh, cps, 5, sh), 1);
	ck_assert_uint_eq(minhash_shingles(&mh, cps, 10, sh), 6);
	/* A shingle's hash depends on its characters only, not its place. */
	ck_assert_uint_eq(minhash_shingles(&mh, cps + 1, 5, one), 1);
	ck_assert_uint_eq(one[0], sh[1]);
	/* "abc" alone differs from any longer shingle starting "abc". */
	minhash_shingles(&mh, cps, 3, one);
	ck_assert_uint_ne(one[0], sh[0]);
}
END_TEST

/* The signature of 'n' shingle hashes. */
static void
sign(const struct minhash *mh, const uint64_t *sh, size_t n, uint8_t *sig)
{
	uint32_t mins[MINHASH_K];

	minhash_mins(mh, sh, n, mins);
	minhash_sig(mins, sig);
}

START_TEST(test_minhash_identical_and_disjoint)
{
	struct minhash mh;
	uint64_t a[200], b[200];
	uint8_t sa[MINHASH_SIG], sb[MINHASH_SIG];

	minhash_init(&mh, seed1, sizeof seed1);
	for (int i = 0; i < 200; i++) {
		a[i] = next();
		b[i] = next();
	}
	sign(&mh, a, 200, sa);
	sign(&mh, a, 200, sb);
	ck_assert(minhash_similarity(sa, sb) == 1.0);
	sign(&mh, b, 200, sb);
	ck_assert(minhash_similarity(sa, sb) < 0.1);
}
END_TEST

/*
 * Sets built with a known Jaccard similarity: over many pairs the mean
 * estimate is unbiased and its spread is what K hash functions give.
 */
START_TEST(test_minhash_estimate_unbiased)
{
	static const double levels[] = { 0.3, 0.5, 0.7, 0.8, 0.9 };
	struct minhash mh;

	minhash_init(&mh, seed1, sizeof seed1);
	for (unsigned l = 0; l < 5; l++) {
		double j = levels[l], sum = 0, sum2 = 0, mean, sd, want_sd;
		int trials = 300, size = 150;

		for (int t = 0; t < trials; t++) {
			/* |A∩B| = c, |A∪B| = 2*size - c, J = c / (2*size - c). */
			int c = (int)lround(2 * size * j / (1 + j));
			uint64_t a[150], b[150];
			uint8_t sa[MINHASH_SIG], sb[MINHASH_SIG];
			double e;

			for (int i = 0; i < size; i++) {
				a[i] = next();
				b[i] = i < c ? a[i] : next();
			}
			sign(&mh, a, (size_t)size, sa);
			sign(&mh, b, (size_t)size, sb);
			e = minhash_similarity(sa, sb);
			sum += e;
			sum2 += e * e;
		}
		mean = sum / trials;
		sd = sqrt(sum2 / trials - mean * mean);
		/* Positions agree with p = j + (1 - j) / 4; the estimate
		 * rescales p by 4/3. */
		want_sd = sqrt((j + (1 - j) / 4) * (1 - j) * 3 / 4 / MINHASH_K) / 0.75;
		ck_assert_msg(fabs(mean - j) < 0.015, "J %.1f: mean estimate %.3f", j, mean);
		ck_assert_msg(sd < 1.3 * want_sd + 0.005, "J %.1f: spread %.3f, ideal %.3f",
		    j, sd, want_sd);
	}
}
END_TEST

/* The threshold test agrees with the full estimate. */
START_TEST(test_minhash_similar_agrees)
{
	int bad = 0;

	for (int t = 0; t < 20000; t++) {
		uint8_t a[MINHASH_SIG], b[MINHASH_SIG];
		int differ = (int)(next() % (MINHASH_K + 1));
		double j = 0.3 + (double)(next() % 70) / 100, s = -1, full;

		for (int i = 0; i < MINHASH_SIG; i++)
			a[i] = b[i] = (uint8_t)next();
		for (int i = 0; i < differ; i++) {
			int k = (int)(next() % MINHASH_K);

			b[k / 4] ^= (uint8_t)((1 + next() % 3) << (2 * (k % 4)));
		}
		full = minhash_similarity(a, b);
		if (minhash_similar(a, b, j, &s) != (full >= j) ||
		    (full >= j && s != full))
			bad++;
	}
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(test_minhash_keyed)
{
	struct minhash m1, m2;
	uint32_t cps[40];
	uint64_t sh[40];
	uint8_t s1[MINHASH_SIG], s2[MINHASH_SIG];
	size_t n;

	minhash_init(&m1, seed1, sizeof seed1);
	minhash_init(&m2, seed2, sizeof seed2);
	for (int i = 0; i < 40; i++)
		cps[i] = 0xAC00 + (uint32_t)(next() % 11172);
	n = minhash_shingles(&m1, cps, 40, sh);
	sign(&m1, sh, n, s1);
	n = minhash_shingles(&m2, cps, 40, sh);
	sign(&m2, sh, n, s2);
	/* Same text, other seed: unrelated signatures. */
	ck_assert(minhash_similarity(s1, s2) < 0.2);
}
END_TEST

START_TEST(test_minhash_lsh_params)
{
	static const double js[] = { 0.5, 0.7, 0.8, 0.9, 0.95 };
	int bands, rows;

	minhash_lsh_params(0.8, &bands, &rows);
	ck_assert_int_eq(rows, 2);
	ck_assert_int_eq(bands, 5);
	/* One band of 5 shared: J 0.8 almost surely, J 0.3 seldom. */
	ck_assert(minhash_lsh_prob(5, 2, 0.8) > 0.99);
	ck_assert(minhash_lsh_prob(5, 2, 0.3) < 0.4);
	ck_assert(minhash_lsh_prob(5, 2, 0.1) < 0.05);
	for (unsigned i = 0; i < 5; i++) {
		minhash_lsh_params(js[i], &bands, &rows);
		ck_assert_int_le(bands * rows, MINHASH_K);
		ck_assert(minhash_lsh_prob(bands, rows, js[i]) >= 0.99);
		/* One band fewer would miss too many. */
		ck_assert(bands == 1 || minhash_lsh_prob(bands - 1, rows, js[i]) < 0.99);
	}
}
END_TEST

START_TEST(test_minhash_bands_agree)
{
	struct minhash mh;
	uint32_t a[MINHASH_K], b[MINHASH_K];

	minhash_init(&mh, seed1, sizeof seed1);
	for (int i = 0; i < MINHASH_K; i++)
		a[i] = b[i] = (uint32_t)next();
	b[7] ^= 1;	/* band 1 of rows 6 differs */
	ck_assert_uint_eq(minhash_band(&mh, a, 0, 6), minhash_band(&mh, b, 0, 6));
	ck_assert_uint_ne(minhash_band(&mh, a, 1, 6), minhash_band(&mh, b, 1, 6));
	/* The same bytes as another band: another bucket. */
	memcpy(a + 6, a, 6 * sizeof a[0]);
	ck_assert_uint_ne(minhash_band(&mh, a, 0, 6), minhash_band(&mh, a, 1, 6));
}
END_TEST

static int
subset(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t j = 0;

	for (size_t i = 0; i < na; i++) {
		while (j < nb && b[j] < a[i])
			j++;
		if (j == nb || b[j] != a[i])
			return 0;
	}
	return 1;
}

/* Text contained in another gives only fingerprints the other gives. */
START_TEST(test_minhash_winnow_containment)
{
	struct minhash mh;

	int bad = 0, few = 0;

	minhash_init(&mh, seed1, sizeof seed1);
	for (int t = 0; t < 500; t++) {
		uint32_t cps[300];
		uint64_t sh[300], shsub[300];
		uint32_t fa[300], fb[300];
		size_t n = 40 + next() % 250, off, len, ns, nsub, na, nb;

		for (size_t i = 0; i < n; i++)
			cps[i] = 0xAC00 + (uint32_t)(next() % 400);	/* repeats too */
		len = 20 + next() % (n - 20);
		off = next() % (n - len + 1);
		ns = minhash_shingles(&mh, cps, n, sh);
		nsub = minhash_shingles(&mh, cps + off, len, shsub);
		nb = minhash_winnow(sh, ns, 12, fb);
		na = minhash_winnow(shsub, nsub, 12, fa);
		bad += !subset(fa, na, fb, nb);
		few += len >= 50 && na < 3;
	}
	ck_assert_int_eq(bad, 0);
	ck_assert_int_eq(few, 0);
}
END_TEST

/* The straightforward definition, to check the sliding-window one. */
static size_t
winnow_naive(const uint64_t *sh, size_t n, size_t w,
    uint32_t *fps)
{
	size_t nfp = 0, last = SIZE_MAX, windows, s, i, out = 0;

	if (n <= MINHASH_SHINGLE)
		return 0;
	windows = n < w ? 1 : n - w + 1;
	for (s = 0; s < windows; s++) {
		size_t min = s, stop = s + w < n ? s + w : n;

		for (i = s + 1; i < stop; i++)
			if (sh[i] <= sh[min])
				min = i;
		if (min != last)
			fps[nfp++] = (uint32_t)sh[min];
		last = min;
	}
	for (i = 1; i < nfp; i++)
		for (size_t j = i; j > 0 && fps[j - 1] > fps[j]; j--) {
			uint32_t t = fps[j];

			fps[j] = fps[j - 1];
			fps[j - 1] = t;
		}
	for (i = 0; i < nfp; i++)
		if (out == 0 || fps[i] != fps[out - 1])
			fps[out++] = fps[i];
	return out;
}

START_TEST(test_minhash_winnow_matches_definition)
{
	struct minhash mh;
	int bad = 0;

	minhash_init(&mh, seed1, sizeof seed1);
	for (int t = 0; t < 2000; t++) {
		uint64_t sh[200];
		uint32_t a[200], b[200];
		size_t n = next() % 200, w = 1 + next() % 20, na, nb;

		for (size_t i = 0; i < n; i++)
			sh[i] = next() % 50;	/* many ties */
		na = minhash_winnow(sh, n, (int)w, a);
		nb = winnow_naive(sh, n, w, b);
		bad += na != nb || (na && memcmp(a, b, na * sizeof a[0]) != 0);
	}
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(test_minhash_winnow_density)
{
	struct minhash mh;
	uint32_t cps[1000];
	uint64_t sh[1000];
	uint32_t fp[1000];
	size_t n, nfp;

	minhash_init(&mh, seed1, sizeof seed1);
	for (int i = 0; i < 1000; i++)
		cps[i] = 0xAC00 + (uint32_t)(next() % 11172);
	n = minhash_shingles(&mh, cps, 1000, sh);
	nfp = minhash_winnow(sh, n, 8, fp);
	/* Expected density 2 / (w + 1) = 0.22. */
	ck_assert_uint_gt(nfp, 180);
	ck_assert_uint_lt(nfp, 270);
	for (size_t i = 1; i < nfp; i++)
		if (fp[i - 1] >= fp[i])
			ck_abort_msg("fingerprints not sorted and unique at %zu", i);
	ck_assert_uint_eq(minhash_winnow(sh, 5, 8, fp), 0);
}
END_TEST

static Suite *
minhash_suite(void)
{
	Suite *s = suite_create("minhash");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_minhash_shingle_counts);
	tcase_add_test(tc, test_minhash_identical_and_disjoint);
	tcase_add_test(tc, test_minhash_estimate_unbiased);
	tcase_add_test(tc, test_minhash_similar_agrees);
	tcase_add_test(tc, test_minhash_keyed);
	tcase_add_test(tc, test_minhash_lsh_params);
	tcase_add_test(tc, test_minhash_bands_agree);
	tcase_add_test(tc, test_minhash_winnow_containment);
	tcase_add_test(tc, test_minhash_winnow_matches_definition);
	tcase_add_test(tc, test_minhash_winnow_density);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(minhash_suite)
