/* hset: bucketized cuckoo hash set of 128-bit keys. */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "core/hset.h"
#include "core/util.h"

#define SLOTS 4			/* keys per bucket: 64 bytes, one cache line */
#define MAX_KICKS 500		/* displacements before a table counts as full */
#define MIN_BUCKETS 16

struct bucket {
	struct hkey k[SLOTS];
};

struct hset {
	struct bucket *b;
	size_t nb;		/* buckets */
	size_t count;
	size_t limit;		/* grow when count reaches this (90% of slots) */
	uint64_t salt[2];	/* per table: where keys go is not predictable */
	uint64_t rng;		/* picks the victim of a displacement */
};

static inline int
is_empty(struct hkey k)
{
	return (k.lo | k.hi) == 0;
}

static inline int
key_eq(struct hkey a, struct hkey b)
{
	return a.lo == b.lo && a.hi == b.hi;
}

/* Map a uniform 64-bit value onto [0, n) without a division (Lemire). */
static inline size_t
reduce(uint64_t x, size_t n)
{
	return (size_t)(((unsigned __int128)x * n) >> 64);
}

/* A bijective 64-bit mixer (MurmurHash3's finalizer). */
static inline uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xFF51AFD7ED558CCDULL;
	x ^= x >> 33;
	x *= 0xC4CEB9FE1A85EC53ULL;
	return x ^ (x >> 33);
}

/*
 * Bucket choices mix each half with a random per-table salt: even someone
 * who knows the keys (a test build with a fixed seed, or a leaked state)
 * cannot send many of them to one bucket pair.
 */
static inline size_t
bucket1(const struct hset *h, struct hkey k)
{
	return reduce(mix(k.lo ^ h->salt[0]), h->nb);
}

static inline size_t
bucket2(const struct hset *h, struct hkey k)
{
	size_t i = reduce(mix(k.hi ^ h->salt[1]), h->nb);

	/* Two distinct buckets, or a full bucket could never be escaped. */
	return i == bucket1(h, k) ? (i + 1) % h->nb : i;
}

static void
alloc_table(struct hset *h, size_t nb)
{
	if (nb < MIN_BUCKETS)
		nb = MIN_BUCKETS;
	if (nb > SIZE_MAX / sizeof(struct bucket))
		out_of_memory();
	h->b = xbigalloc(nb * sizeof(struct bucket));
	h->nb = nb;
	h->limit = nb * SLOTS * 9 / 10;
	h->count = 0;
}

struct hset *
hset_new(size_t expect)
{
	struct hset *h = xcalloc(1, sizeof *h);

	alloc_table(h, expect * 10 / 9 / SLOTS + 2);
	if (getrandom(h->salt, sizeof h->salt, GRND_NONBLOCK) != sizeof h->salt) {
		/* No entropy yet (early boot): the salt is a second line of
		 * defence behind the keyed hash, so time and address do. */
		h->salt[0] = mix((uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)h);
		h->salt[1] = mix(h->salt[0] + 1);
	}
	h->rng = h->salt[0] | 1;
	return h;
}

void
hset_free(struct hset *h)
{
	if (h == NULL)
		return;
	xbigfree(h->b, h->nb * sizeof(struct bucket));
	free(h);
}

static inline int
bucket_has(const struct bucket *b, struct hkey k)
{
	for (int i = 0; i < SLOTS; i++)
		if (key_eq(b->k[i], k))
			return 1;
	return 0;
}

static inline int
bucket_put(struct bucket *b, struct hkey k)
{
	for (int i = 0; i < SLOTS; i++)
		if (is_empty(b->k[i])) {
			b->k[i] = k;
			return 1;
		}
	return 0;
}

static inline struct hkey
fix_zero(struct hkey k)
{
	if (is_empty(k))
		k.lo = 1;
	return k;
}

int
hset_has(const struct hset *h, struct hkey k)
{
	k = fix_zero(k);
	return bucket_has(&h->b[bucket1(h, k)], k) ||
	    bucket_has(&h->b[bucket2(h, k)], k);
}

void
hset_prefetch(const struct hset *h, struct hkey k)
{
	k = fix_zero(k);
	__builtin_prefetch(&h->b[bucket1(h, k)]);
	__builtin_prefetch(&h->b[bucket2(h, k)]);
}

static uint64_t
next_random(struct hset *h)
{
	/* xorshift64: the victim choice only needs to avoid cycles. */
	h->rng ^= h->rng << 13;
	h->rng ^= h->rng >> 7;
	h->rng ^= h->rng << 17;
	return h->rng;
}

/*
 * Place 'k' (known to be absent) by displacing keys along a random walk.
 * Returns 1, or 0 with '*homeless' set to the key left without a slot
 * (not necessarily 'k') when the walk is too long.
 */
static int
place(struct hset *h, struct hkey k, struct hkey *homeless)
{
	size_t i = bucket1(h, k);

	if (bucket_put(&h->b[i], k))
		return 1;
	i = bucket2(h, k);
	for (int kick = 0; kick < MAX_KICKS; kick++) {
		struct bucket *b = &h->b[i];
		int victim;
		struct hkey v;

		if (bucket_put(b, k))
			return 1;
		victim = (int)(next_random(h) % SLOTS);
		v = b->k[victim];
		b->k[victim] = k;
		k = v;
		i = bucket1(h, k) == i ? bucket2(h, k) : bucket1(h, k);
	}
	*homeless = k;
	return 0;
}

#define PIPELINE 16	/* keys in flight while rehashing */

/*
 * Move every key of 'old' into the new table.  The buckets a key goes to
 * are all over the table, so each move would wait for memory; instead the
 * key's first bucket is prefetched PIPELINE keys ahead.  Returns 1, or 0
 * with '*homeless' set when a walk failed.
 */
static int
rehash(struct hset *h, const struct bucket *old, size_t oldnb,
    struct hkey *homeless)
{
	struct hkey ring[PIPELINE];
	size_t n = 0, i;

	for (i = 0; i < oldnb; i++)
		for (int s = 0; s < SLOTS; s++) {
			struct hkey k = old[i].k[s];

			if (is_empty(k))
				continue;
			if (n >= PIPELINE &&
			    !place(h, ring[n % PIPELINE], homeless))
				return 0;
			__builtin_prefetch(&h->b[bucket1(h, k)], 1);
			ring[n++ % PIPELINE] = k;
		}
	for (i = n > PIPELINE ? n - PIPELINE : 0; i < n; i++)
		if (!place(h, ring[i % PIPELINE], homeless))
			return 0;
	return 1;
}

static void
grow(struct hset *h, struct hkey pending)
{
	struct bucket *old = h->b;
	size_t oldnb = h->nb, count = h->count;
	size_t nb = oldnb + oldnb / 4 + 1;
	struct hkey homeless;

	for (;;) {
		alloc_table(h, nb);
		if (rehash(h, old, oldnb, &homeless) &&
		    place(h, pending, &homeless))
			break;
		/* Unlucky walk in the new table: try a bigger one. */
		xbigfree(h->b, h->nb * sizeof(struct bucket));
		nb += nb / 4 + 1;
	}
	h->count = count + 1;
	xbigfree(old, oldnb * sizeof(struct bucket));
}

int
hset_add(struct hset *h, struct hkey k)
{
	struct hkey homeless;

	k = fix_zero(k);
	if (hset_has(h, k))
		return 0;
	if (h->count >= h->limit) {
		grow(h, k);
		return 1;
	}
	if (place(h, k, &homeless)) {
		h->count++;
		return 1;
	}
	/* The walk left another key homeless: it goes in with the resize. */
	grow(h, homeless);
	return 1;
}

void
hset_clear(struct hset *h)
{
	/* A table grown for one huge record shrinks back, or every later
	 * clear would pay for its size. */
	if (h->nb > 1024 && h->count < h->nb) {
		size_t want = h->count * 10 / 9 / SLOTS + 2;

		xbigfree(h->b, h->nb * sizeof(struct bucket));
		alloc_table(h, want);
		return;
	}
	memset(h->b, 0, h->nb * sizeof(struct bucket));
	h->count = 0;
}

size_t
hset_count(const struct hset *h)
{
	return h->count;
}

size_t
hset_bytes(const struct hset *h)
{
	return h->nb * sizeof(struct bucket) + sizeof *h;
}

int
hset_next(const struct hset *h, size_t *pos, struct hkey *k)
{
	while (*pos < h->nb * SLOTS) {
		struct hkey v = h->b[*pos / SLOTS].k[*pos % SLOTS];

		++*pos;
		if (!is_empty(v)) {
			*k = v;
			return 1;
		}
	}
	return 0;
}
