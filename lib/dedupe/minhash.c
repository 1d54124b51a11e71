/* minhash: signatures, LSH banding and winnowing fingerprints. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dedupe/internal.h"

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
 * The hot loop: every hash function over every shingle, keeping the
 * minima.  With AVX2 (checked at run time) thirty-two functions at a time
 * stay in four registers while the shingles stream past: a multiply and
 * an unsigned min per eight lanes.  Elsewhere, plain C.
 */
static void
sign_mins_c(const struct minhash *mh, const uint32_t *x, size_t n,
    uint32_t *mins)
{
	for (size_t j = 0; j < n; j++)
		for (int i = 0; i < MINHASH_K; i++) {
			uint32_t v = (x[j] ^ mh->xr[i]) * mh->mul[i];

			mins[i] = v < mins[i] ? v : mins[i];
		}
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

__attribute__((target("avx2")))
static void
sign_mins_avx2(const struct minhash *mh, const uint32_t *x, size_t n,
    uint32_t *mins)
{
	for (int blk = 0; blk < MINHASH_K; blk += 32) {
		__m256i a[4], m[4], lo[4];

		for (int k = 0; k < 4; k++) {
			a[k] = _mm256_loadu_si256((const __m256i *)(mh->xr + blk + 8 * k));
			m[k] = _mm256_loadu_si256((const __m256i *)(mh->mul + blk + 8 * k));
			lo[k] = _mm256_loadu_si256((const __m256i *)(mins + blk + 8 * k));
		}
		for (size_t j = 0; j < n; j++) {
			__m256i v = _mm256_set1_epi32((int)x[j]);

			for (int k = 0; k < 4; k++)
				lo[k] = _mm256_min_epu32(lo[k], _mm256_mullo_epi32(
				    _mm256_xor_si256(v, a[k]), m[k]));
		}
		for (int k = 0; k < 4; k++)
			_mm256_storeu_si256((__m256i *)(mins + blk + 8 * k), lo[k]);
	}
}

static void
sign_mins(const struct minhash *mh, const uint32_t *x, size_t n,
    uint32_t *mins)
{
	static int avx2 = -1;

	if (avx2 < 0)
		avx2 = __builtin_cpu_supports("avx2") != 0;
	if (avx2)
		sign_mins_avx2(mh, x, n, mins);
	else
		sign_mins_c(mh, x, n, mins);
}
#else
#define sign_mins sign_mins_c
#endif

void
minhash_mins(const struct minhash *mh, const uint64_t *sh, size_t n,
    uint32_t mins[MINHASH_K])
{
	uint32_t x[256];

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
}

void
minhash_sig(const uint32_t mins[MINHASH_K], uint8_t sig[MINHASH_SIG])
{
	memset(sig, 0, MINHASH_SIG);
	/* Two well-mixed bits of each minimum, four to a byte. */
	for (int i = 0; i < MINHASH_K; i++)
		sig[i / 4] |= (uint8_t)(((mins[i] * 0x9E3779B1u) >> 30) << (2 * (i % 4)));
}

/* How many of the 2-bit positions of 'a' and 'b' agree. */
static inline int
same_pairs(const uint8_t *a, const uint8_t *b)
{
	int same = 0;

	for (int i = 0; i < MINHASH_SIG; i += 8) {
		uint64_t x, y;

		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		x ^= y;
		/* A pair agrees when both of its bits are 0 in x. */
		same += __builtin_popcountll(~(x | x >> 1) & 0x5555555555555555ULL);
	}
	return same;
}

/* Signature positions that agree, for the b-bit estimate of Jaccard. */
static double
estimate(int same)
{
	double p = (double)same / MINHASH_K, c = 1.0 / 4;

	p = (p - c) / (1 - c);
	return p < 0 ? 0 : p;
}

double
minhash_similarity(const uint8_t *a, const uint8_t *b)
{
	return estimate(same_pairs(a, b));
}

int
minhash_similar(const uint8_t *a, const uint8_t *b, double j, double *sim)
{
	double s = estimate(same_pairs(a, b));

	if (s < j - 1e-9)
		return 0;
	*sim = s;
	return 1;
}

double
minhash_lsh_prob(int bands, int rows, double j)
{
	/* 1 - P(no band shared) */
	return 1 - pow(1 - pow(j, rows), bands);
}

void
minhash_lsh_params(double j, int *bands, int *rows)
{
	int r = j >= 0.7 ? 2 : 1, b = 1;

	while (b * r < MINHASH_K && minhash_lsh_prob(b, r, j) < 0.99)
		b++;
	*rows = r;
	*bands = b;
}

uint32_t
minhash_band(const struct minhash *mh, const uint32_t mins[MINHASH_K],
    int band, int rows)
{
	return (uint32_t)XXH3_64bits_withSeed(mins + band * rows,
	    (size_t)rows * sizeof mins[0], mh->band_key + (uint64_t)band);
}

size_t
minhash_winnow(const uint64_t *sh, size_t n, int w, uint32_t *fps)
{
	size_t win = w < 1 ? 1 : w > 64 ? 64 : (size_t)w;
	size_t full = n < win ? n : win;	/* a key shorter than a window has one */
	size_t pre[64], suf[64];		/* argmins within one block */
	size_t nfp = 0, last = SIZE_MAX, i, end;

	if (n <= MINHASH_SHINGLE)
		return 0;
	/*
	 * Window [s, s + full) spans at most two blocks of 'full' shingles:
	 * its minimum is the smaller of the suffix minimum of s's block from s
	 * and the prefix minimum of the next block up to s + full - 1 (van
	 * Herk / Gil-Werman).  Ties go to the rightmost, as in the paper.
	 */
	for (size_t b = 0; b + full <= n || b == 0; b += full) {
		size_t bend = b + full < n ? b + full : n;
		size_t nend = bend + full < n ? bend + full : n;
		size_t k;

		/* Suffix argmins of this block, prefix argmins of the next. */
		suf[bend - 1 - b] = bend - 1;
		for (k = bend - 1; k-- > b; )
			suf[k - b] = sh[k] < sh[suf[k + 1 - b]] ? k : suf[k + 1 - b];
		for (k = bend; k < nend; k++)
			pre[k - bend] = k == bend || sh[k] <= sh[pre[k - 1 - bend]] ?
			    k : pre[k - 1 - bend];
		for (size_t s = b; s < bend && s + full <= n; s++) {
			size_t min = suf[s - b];

			if (s > b) {	/* the window reaches into the next block */
				size_t p = pre[s + full - 1 - bend];

				if (sh[p] <= sh[min])
					min = p;
			}
			if (min != last) {
				fps[nfp++] = (uint32_t)sh[min];
				last = min;
			}
		}
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
