/*
 * bloom: a Bloom filter of 128-bit keys in a fixed amount of memory, for
 * deduplication under a memory cap.
 *
 * It is "blocked": each key sets BLOOM_K bits inside one 512-bit block (a
 * cache line) chosen by the key, so a lookup costs one cache miss.  That
 * makes its false-positive rate a little higher than a classic filter's of
 * the same size; bloom_fpr() computes it exactly for the blocked layout.
 * A false positive means a new paragraph is taken for a duplicate, so the
 * rate is reported, never hidden.  Keys must be uniformly random (outputs
 * of a keyed hash): the filter hashes them no further.
 */
#ifndef WINNOW_BLOOM_H
#define WINNOW_BLOOM_H

#include <stddef.h>
#include <stdint.h>

#include "core/hset.h"

#define BLOOM_K 12		/* bits per key: best near 17 bits per key */
#define BLOOM_BLOCK_BYTES 64

struct bloom;

/*
 * bloom_new(bytes): an empty filter using at most 'bytes' of memory
 * (rounded down to whole 64-byte blocks; at least one block).
 */
struct bloom *bloom_new(uint64_t bytes);

/*
 * bloom_from_bits(bits, nblocks, count): a filter holding a copy of
 * 'nblocks' blocks of saved bits and the count of keys added to them.
 */
struct bloom *bloom_from_bits(const void *bits, uint64_t nblocks,
    uint64_t count);

void bloom_free(struct bloom *b);

/* bloom_has(b, k): 1 when 'k' may have been added, 0 when it surely was not. */
int bloom_has(const struct bloom *b, struct hkey k);

/* bloom_add(b, k): add 'k'; 1 when it was (surely) new, else 0. */
int bloom_add(struct bloom *b, struct hkey k);

/*
 * bloom_merge(dst, src): add every key of 'src' to 'dst' (bitwise or).
 * Returns 0, or -1 when their sizes differ.  The count becomes the sum,
 * an upper bound when the two held keys in common.
 */
int bloom_merge(struct bloom *dst, const struct bloom *src);

/* bloom_count(b): keys added (those bloom_add found new). */
uint64_t bloom_count(const struct bloom *b);

uint64_t bloom_blocks(const struct bloom *b);
const void *bloom_bits(const struct bloom *b);	/* bloom_blocks() * 64 bytes */
uint64_t bloom_bytes(const struct bloom *b);

/*
 * bloom_fpr(b, n): the chance that a key never added is reported present
 * once 'n' keys have been added (pass bloom_count(b) for "now").
 */
double bloom_fpr(const struct bloom *b, uint64_t n);

/* bloom_capacity(b, rate): the most keys it holds at false-positive 'rate'. */
uint64_t bloom_capacity(const struct bloom *b, double rate);

#endif
