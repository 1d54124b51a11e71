/*
 * imap: a multimap from 32-bit hashes to 32-bit values (paragraph
 * numbers): the index behind near-duplicate candidates (LSH bands) and
 * containment (fingerprints).
 *
 * Keys must be uniformly random (outputs of a keyed hash).  A key holds at
 * most 'cap' values: further values for it are ignored.  That bounds every
 * lookup, even on input built so that many paragraphs share one band or
 * fingerprint, at the price of forgetting some of them.  Open addressing
 * with linear probing, 8 bytes a slot, grown by 1.5x at 80% full: 10 to
 * 15 bytes a pair.
 */
#ifndef WINNOW_IMAP_H
#define WINNOW_IMAP_H

#include <stddef.h>
#include <stdint.h>

struct imap;

/* imap_new(cap): an empty map keeping at most 'cap' values per key. */
struct imap *imap_new(unsigned cap);
void imap_free(struct imap *m);

/*
 * imap_add(m, key, val): add the pair; 1 when stored, 0 when the key is
 * full.  'val' must be below UINT32_MAX.
 */
int imap_add(struct imap *m, uint32_t key, uint32_t val);

/*
 * imap_get(m, key, vals, max): copy up to 'max' values of 'key' into
 * 'vals' (in no particular order); returns how many.
 */
size_t imap_get(const struct imap *m, uint32_t key, uint32_t *vals, size_t max);

/* imap_prefetch(m, key): start loading where 'key' lives (see hset_prefetch). */
void imap_prefetch(const struct imap *m, uint32_t key);

/* imap_clear(m): remove every pair (memory is kept unless mostly unused). */
void imap_clear(struct imap *m);

size_t imap_count(const struct imap *m);	/* pairs stored */
size_t imap_bytes(const struct imap *m);

/* imap_next(m, &pos, &key, &val): iterate like hset_next. */
int imap_next(const struct imap *m, size_t *pos, uint32_t *key, uint32_t *val);

#endif
