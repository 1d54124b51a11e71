/* minhash: signatures, LSH banding and winnowing fingerprints. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "minhash.h"

/* splitmix64: expands one seed into a stream of independent words. */
static uint64_t
splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

void
minhash_init(struct minhash *mh, const unsigned char *seed, size_t seedlen)
{
	/* A domain constant, so these keys differ from the seed's other uses. */
	uint64_t s = XXH3_64bits_withSeed(seed, seedlen, 0x6d696e68617368ULL);

	mh->k0 = splitmix(&s);
	mh->k1 = splitmix(&s);
	mh->band_key = splitmix(&s);
	for (int i = 0; i < MINHASH_K; i++) {
		uint64_t r = splitmix(&s);

		mh->xr[i] = (uint32_t)r;
		mh->mul[i] = (uint32_t)(r >> 32) | 1;
	}
}

/* Fold a 128-bit product: a fast keyed mix of two words. */
static inline uint64_t
mum(uint64_t a, uint64_t b)
{
	unsigned __int128 r = (unsigned __int128)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

size_t
minhash_shingles(const struct minhash *mh, const uint32_t *cps, size_t n,
    uint64_t *out)
{
	size_t count, i;

	if (n == 0)
		return 0;
	count = n < MINHASH_SHINGLE ? 1 : n - MINHASH_SHINGLE + 1;
	for (i = 0; i < count; i++) {
		/* Five code points of 21 bits fit two words; the length tags
		 * a short key's only shingle. */
		uint32_t c[MINHASH_SHINGLE] = { 0 };
		size_t len = n - i < MINHASH_SHINGLE ? n - i : MINHASH_SHINGLE;
		uint64_t lo, hi;

		memcpy(c, cps + i, len * sizeof c[0]);
		lo = c[0] | (uint64_t)c[1] << 21 | (uint64_t)c[2] << 42;
		hi = c[3] | (uint64_t)c[4] << 21 | (uint64_t)len << 42;
		out[i] = mum(lo ^ mh->k0, hi ^ mh->k1);
	}
	return count;
}

/*
 * The hot loop: for every shingle, every hash function.  Written so that
 * the compiler vectorizes the inner loop; target_clones adds an AVX2
 * version picked at load time where the CPU has it.
 */
__attribute__((target_clones("avx2", "default")))
static void
sign_mins(const struct minhash *mh, const uint64_t *sh, size_t n,
    uint32_t *mins)
{
	for (int i = 0; i < MINHASH_K; i++)
		mins[i] = UINT32_MAX;
	for (size_t j = 0; j < n; j++) {
		uint32_t x = (uint32_t)(sh[j] >> 32);

		for (int i = 0; i < MINHASH_K; i++) {
			uint32_t v = (x ^ mh->xr[i]) * mh->mul[i];

			mins[i] = v < mins[i] ? v : mins[i];
		}
	}
}

void
minhash_sign(const struct minhash *mh, const uint64_t *sh, size_t n,
    uint8_t sig[MINHASH_K])
{
	uint32_t mins[MINHASH_K];

	sign_mins(mh, sh, n, mins);
	/* Keep 8 well-mixed bits of each minimum. */
	for (int i = 0; i < MINHASH_K; i++)
		sig[i] = (uint8_t)((mins[i] * 0x9E3779B1u) >> 24);
}

double
minhash_similarity(const uint8_t *a, const uint8_t *b)
{
	int same = 0;
	double p, c = 1.0 / 256;

	for (int i = 0; i < MINHASH_K; i++)
		same += a[i] == b[i];
	p = (double)same / MINHASH_K;
	p = (p - c) / (1 - c);
	return p < 0 ? 0 : p;
}

double
minhash_lsh_prob(int bands, int rows, double j)
{
	return 1 - pow(1 - pow(j, rows), bands);
}

void
minhash_lsh_params(double j, int *bands, int *rows)
{
	int r;

	for (r = MINHASH_K; r > 1; r--)
		if (minhash_lsh_prob(MINHASH_K / r, r, j) >= 0.995)
			break;
	*rows = r;
	*bands = MINHASH_K / r;
}

uint32_t
minhash_band(const struct minhash *mh, const uint8_t *sig, int band, int rows)
{
	return (uint32_t)XXH3_64bits_withSeed(sig + band * rows, (size_t)rows,
	    mh->band_key + (uint64_t)band);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

size_t
minhash_winnow(const struct minhash *mh, const uint64_t *sh, size_t n, int w,
    uint32_t *fps)
{
	size_t nfp = 0, last = SIZE_MAX, i, start, end;

	if (n <= MINHASH_SHINGLE)
		return 0;
	/* Windows [start, start + w); a key shorter than one window has one. */
	end = n < (size_t)w ? 1 : n - (size_t)w + 1;
	for (start = 0; start < end; start++) {
		size_t stop = start + (size_t)w < n ? start + (size_t)w : n;
		size_t min = start;

		/* The rightmost minimum, as in the paper: fewer re-picks. */
		for (i = start + 1; i < stop; i++)
			if (sh[i] <= sh[min])
				min = i;
		if (min == last)
			continue;
		last = min;
		if (min + MINHASH_SHINGLE < n)
			fps[nfp++] = (uint32_t)(mum(sh[min] ^ mh->k1,
			    sh[min + MINHASH_SHINGLE]) >> 32);
	}
	qsort(fps, nfp, sizeof fps[0], cmp_u32);
	for (i = 0, end = 0; i < nfp; i++)
		if (end == 0 || fps[i] != fps[end - 1])
			fps[end++] = fps[i];
	return end;
}
