/* bloom: a blocked Bloom filter of 128-bit keys. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "dedupe/internal.h"

#define BLOCK_BITS (BLOOM_BLOCK_BYTES * 8)
#define WORDS (BLOOM_BLOCK_BYTES / 8)

struct bloom {
	uint64_t *bits;		/* nblocks * WORDS words, cache-line aligned */
	uint64_t nblocks;
	uint64_t count;
};

static struct bloom *
alloc_filter(uint64_t nblocks)
{
	struct bloom *b = xcalloc(1, sizeof *b);

	if (nblocks == 0)
		nblocks = 1;
	if (nblocks > SIZE_MAX / BLOOM_BLOCK_BYTES)
		out_of_memory();
	b->bits = aligned_alloc(BLOOM_BLOCK_BYTES, nblocks * BLOOM_BLOCK_BYTES);
	if (b->bits == NULL)
		out_of_memory();
	memset(b->bits, 0, nblocks * BLOOM_BLOCK_BYTES);
	b->nblocks = nblocks;
	return b;
}

struct bloom *
bloom_new(uint64_t bytes)
{
	return alloc_filter(bytes / BLOOM_BLOCK_BYTES);
}

struct bloom *
bloom_from_bits(const void *bits, uint64_t nblocks, uint64_t count)
{
	struct bloom *b = alloc_filter(nblocks);

	memcpy(b->bits, bits, b->nblocks * BLOOM_BLOCK_BYTES);
	b->count = count;
	return b;
}

void
bloom_free(struct bloom *b)
{
	if (b == NULL)
		return;
	free(b->bits);
	free(b);
}

/*
 * The block comes from k.lo through a multiply-shift (its high bits); the
 * BLOOM_K bit positions inside it are 9-bit fields, seven from k.hi and
 * five from the low 45 bits of k.lo: 108 independent bits, so two keys
 * in one block almost never share a pattern.  Positions may repeat, as
 * the rate in bloom_fpr() assumes.
 */
static inline uint64_t *
block_of(const struct bloom *b, struct hkey k)
{
	uint64_t i = (uint64_t)(((unsigned __int128)k.lo * b->nblocks) >> 64);

	return b->bits + i * WORDS;
}

static inline unsigned
bit_of(struct hkey k, int i)
{
	uint64_t src = i < 7 ? k.hi >> (9 * i) : k.lo >> (9 * (i - 7));

	return (unsigned)(src % BLOCK_BITS);
}

int
bloom_has(const struct bloom *b, struct hkey k)
{
	const uint64_t *w = block_of(b, k);

	for (int i = 0; i < BLOOM_K; i++) {
		unsigned bit = bit_of(k, i);

		if (!(w[bit / 64] >> (bit % 64) & 1))
			return 0;
	}
	return 1;
}

int
bloom_add(struct bloom *b, struct hkey k)
{
	uint64_t *w = block_of(b, k);
	uint64_t fresh = 0;

	for (int i = 0; i < BLOOM_K; i++) {
		unsigned bit = bit_of(k, i);
		uint64_t m = (uint64_t)1 << (bit % 64);

		fresh |= ~w[bit / 64] & m;
		w[bit / 64] |= m;
	}
	if (fresh)
		b->count++;
	return fresh != 0;
}

int
bloom_merge(struct bloom *dst, const struct bloom *src)
{
	if (dst->nblocks != src->nblocks)
		return -1;
	for (uint64_t i = 0; i < dst->nblocks * WORDS; i++)
		dst->bits[i] |= src->bits[i];
	dst->count += src->count;
	return 0;
}

uint64_t
bloom_count(const struct bloom *b)
{
	return b->count;
}

uint64_t
bloom_blocks(const struct bloom *b)
{
	return b->nblocks;
}

const void *
bloom_bits(const struct bloom *b)
{
	return b->bits;
}

uint64_t
bloom_bytes(const struct bloom *b)
{
	return b->nblocks * BLOOM_BLOCK_BYTES + sizeof *b;
}

/*
 * A block holding j keys has BLOOM_K * j bits set at random (with
 * repeats); a new key falls in it and finds its K bits all set with
 * probability (1 - (1 - 1/512)^(K j))^K.  The number of keys per
 * block is Poisson with mean n / nblocks; sum over it.
 */
double
bloom_fpr(const struct bloom *b, uint64_t n)
{
	double lambda = (double)n / (double)b->nblocks;
	double lo = floor(lambda - 12 * sqrt(lambda) - 12);
	double hi = ceil(lambda + 12 * sqrt(lambda) + 12);
	double sum = 0;

	if (n == 0)
		return 0;
	if (lo < 0)
		lo = 0;
	for (double j = lo; j <= hi; j++) {
		double logp = -lambda + j * log(lambda) - lgamma(j + 1);
		double fill = 1 - pow(1 - 1.0 / BLOCK_BITS, BLOOM_K * j);

		sum += exp(logp + BLOOM_K * log(fill > 0 ? fill : 1e-300));
	}
	return sum > 1 ? 1 : sum;
}

uint64_t
bloom_capacity(const struct bloom *b, double rate)
{
	uint64_t lo = 0, hi = b->nblocks * BLOCK_BITS;

	/* fpr grows with n: find the largest n with fpr(n) <= rate. */
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo + 1) / 2;

		if (bloom_fpr(b, mid) <= rate)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}
