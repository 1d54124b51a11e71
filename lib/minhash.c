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
 * The hot loop: every hash function over every shingle.  Eight functions
 * share one vector (GCC vector extensions, so no intrinsics): their
 * minima stay in registers while the shingles stream past.  The AVX2
 * clone, picked at load time where the CPU has it, does eight 32-bit
 * multiplies at once; elsewhere the compiler splits the vectors.
 */
typedef uint32_t v8u32 __attribute__((vector_size(32)));

__attribute__((target_clones("avx2", "default")))
static void
sign_mins(const struct minhash *mh, const uint32_t *x, size_t n,
    uint32_t *mins)
{
	for (int blk = 0; blk < MINHASH_K; blk += 16) {
		v8u32 a0, a1, m0, m1, lo0, lo1;

		memcpy(&a0, mh->xr + blk, sizeof a0);
		memcpy(&a1, mh->xr + blk + 8, sizeof a1);
		memcpy(&m0, mh->mul + blk, sizeof m0);
		memcpy(&m1, mh->mul + blk + 8, sizeof m1);
		memcpy(&lo0, mins + blk, sizeof lo0);
		memcpy(&lo1, mins + blk + 8, sizeof lo1);
		for (size_t j = 0; j < n; j++) {
			v8u32 v = (v8u32){ 0 } + x[j];
			v8u32 h0 = (v ^ a0) * m0, h1 = (v ^ a1) * m1;
			v8u32 lt0 = (v8u32)(h0 < lo0), lt1 = (v8u32)(h1 < lo1);

			lo0 = (h0 & lt0) | (lo0 & ~lt0);
			lo1 = (h1 & lt1) | (lo1 & ~lt1);
		}
		memcpy(mins + blk, &lo0, sizeof lo0);
		memcpy(mins + blk + 8, &lo1, sizeof lo1);
	}
}

void
minhash_sign(const struct minhash *mh, const uint64_t *sh, size_t n,
    uint8_t sig[MINHASH_K])
{
	uint32_t mins[MINHASH_K], x[256];

	for (int i = 0; i < MINHASH_K; i++)
		mins[i] = UINT32_MAX;
	/* The high half of each shingle hash, a chunk at a time. */
	for (size_t done = 0; done < n; ) {
		size_t m = n - done < 256 ? n - done : 256;

		for (size_t j = 0; j < m; j++)
			x[j] = (uint32_t)(sh[done + j] >> 32);
		sign_mins(mh, x, m, mins);
		done += m;
	}
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

size_t
minhash_winnow(const uint64_t *sh, size_t n, int w, uint32_t *fps)
{
	size_t dq[64];		/* window positions of rising hashes: a ring */
	size_t head = 0, tail = 0, nfp = 0, last = SIZE_MAX, i, end;
	size_t win = w < 1 ? 1 : w > 64 ? 64 : (size_t)w;
	size_t full = n < win ? n : win;	/* a key shorter than a window has one */

	if (n <= MINHASH_SHINGLE)
		return 0;
	for (i = 0; i < n; i++) {
		size_t min;

		/*
		 * Popping equal hashes too keeps the rightmost minimum, as in
		 * the paper: fewer re-picks.
		 */
		while (tail > head && sh[dq[(tail - 1) % 64]] >= sh[i])
			tail--;
		dq[tail++ % 64] = i;
		if (i + 1 < full)
			continue;
		while (dq[head % 64] + full <= i)
			head++;
		min = dq[head % 64];
		if (min == last)
			continue;
		last = min;
		fps[nfp++] = (uint32_t)sh[min];
	}
	/* A few dozen: insertion sort, then unique. */
	for (i = 1; i < nfp; i++) {
		uint32_t v = fps[i];
		size_t j = i;

		for (; j > 0 && fps[j - 1] > v; j--)
			fps[j] = fps[j - 1];
		fps[j] = v;
	}
	for (i = 0, end = 0; i < nfp; i++)
		if (end == 0 || fps[i] != fps[end - 1])
			fps[end++] = fps[i];
	return end;
}
