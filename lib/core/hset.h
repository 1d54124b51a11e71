/*
 * hset: a set of 128-bit keys (paragraph hashes), in at most ~22 bytes per
 * key.
 *
 * The keys are outputs of a keyed hash (XXH3-128 under a state's secret
 * seed), so they are uniformly spread and an attacker who cannot read the
 * seed cannot choose them.  The table is bucketized cuckoo hashing:
 * buckets of four 16-byte slots (one cache line), each key in one of two
 * buckets chosen from its two 64-bit halves mixed with a random salt of
 * the table's own (so even known keys cannot be aimed at one bucket), so
 * a lookup reads at most two cache lines whatever the input.  Cuckoo tables stay fast up to
 * 95% full; this one grows by 1.25x at 90%, so it is never less than 72%
 * full once past its first size, hence 16 / 0.72 = 22 bytes per key at
 * worst (the old and new tables coexist for the moment of a resize).
 *
 * The all-zero key marks an empty slot: a real zero key (chance 2^-128) is
 * stored as {1, 0}, which is harmless for a set of hashes.
 */
#ifndef WINNOW_HSET_H
#define WINNOW_HSET_H

#include <stddef.h>
#include <stdint.h>

struct hkey {
	uint64_t lo;
	uint64_t hi;
};

struct hset;

/*
 * hset_new(expect): an empty set with room for about 'expect' keys before
 * it first grows (0 for a small start).  Dies when out of memory.
 */
struct hset *hset_new(size_t expect);

/* hset_free(h): free the set; NULL is a no-op. */
void hset_free(struct hset *h);

/* hset_has(h, k): 1 when 'k' is in the set, else 0. */
int hset_has(const struct hset *h, struct hkey k);

/*
 * hset_prefetch(h, k): start loading the buckets of 'k' so that a later
 * hset_has() or hset_add() of it does not wait for memory (callers with a
 * batch of keys prefetch them all first).
 */
void hset_prefetch(const struct hset *h, struct hkey k);

/* hset_add(h, k): add 'k'; 1 when it was new, 0 when already there. */
int hset_add(struct hset *h, struct hkey k);

/* hset_clear(h): remove every key (memory is kept unless mostly unused). */
void hset_clear(struct hset *h);

/* hset_count(h): the number of keys. */
size_t hset_count(const struct hset *h);

/* hset_bytes(h): the memory the table takes, in bytes. */
size_t hset_bytes(const struct hset *h);

/*
 * hset_next(h, &pos, &k): iterate.  Start with pos = 0; each call sets 'k'
 * to the next key and returns 1, or returns 0 at the end.  Adding keys
 * during an iteration may skip or repeat keys.
 */
int hset_next(const struct hset *h, size_t *pos, struct hkey *k);

#endif
