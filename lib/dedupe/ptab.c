/*
 * ptab: the paragraphs that near mode and containment remember, numbered
 * in the order they came, and the indexes over them.
 *
 * Entry i holds 96 bits of a paragraph's key hash (two keys in a billion
 * agree there once in 10^11 corpora), its 2-bit signature, its LSH band
 * keys and its winnowing fingerprints, in arrays indexed by i.  The key
 * index and the band indexes keep no keys: a slot is a paragraph number and an 8-bit tag of the hash it
 * was filed under, found by linear probing from a home slot chosen by the
 * rest of the hash.  A lookup gives candidates; the caller checks them
 * (against the key, or by comparing signatures), so a tag that matches by
 * chance (1 in 255 a probed slot) costs a comparison, never a verdict.
 * An index is never grown in place: it is built anew, larger, from the
 * arrays, in entry order, with nothing else held: no moment holds two
 * copies.  About 5.6 bytes a slot at 90% load, where an index of full
 * keys takes 10 to 15.
 *
 * What an index holds is a function of the entries in order, not of its
 * size (a band bucket keeps the first BAND_CAP paragraphs whose band key
 * is that one, counted on the keys, not the tags), so loading states one
 * after another builds exactly what one run over their inputs built.
 */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "dedupe/internal.h"

#define LOAD 0.9		/* grow an index past this share of its slots */
#define GROW 1.2		/* by this factor */
#define MIN_SLOTS 64

/* A 64-bit hash of a 32-bit one: the index needs 64 well-mixed bits. */
static inline uint64_t
mix32(uint32_t x)
{
	uint64_t h = (uint64_t)x * 0x9E3779B97F4A7C15ULL;

	h ^= h >> 32;
	h *= 0xD6E8FEB86659FD93ULL;
	return h ^ (h >> 32);
}


/*
 * Indexes.
 */

static void
tidx_alloc(struct tidx *t, size_t entries)
{
	size_t slots = (size_t)((double)entries / LOAD) + 1;

	if (slots < MIN_SLOTS)
		slots = MIN_SLOTS;
	t->tags = xcalloc(slots, 1);
	t->vals = xreallocarray(NULL, slots, sizeof *t->vals);
	t->slots = slots;
	t->count = 0;
	t->limit = (size_t)((double)slots * LOAD);
}

static void
tidx_release(struct tidx *t)
{
	free(t->tags);
	free(t->vals);
	t->tags = NULL;
	t->vals = NULL;
	t->slots = t->count = t->limit = 0;
}

/* File 'val' under hash 'h'.  There is room: the caller grows first. */
static void
tidx_put(struct tidx *t, uint64_t h, uint32_t val)
{
	struct tidx_it it;

	tidx_find(t, h, &it);
	while (t->tags[it.pos] != 0)
		if (++it.pos == t->slots)
			it.pos = 0;
	t->tags[it.pos] = it.tag;
	t->vals[it.pos] = val;
	t->count++;
}

/*
 * File entry 'id' under its key for band 'b', unless BAND_CAP entries
 * with that very key are there already (checked against their band keys,
 * not the tags: what a bucket holds depends on the entries before it, not
 * on the table's size or layout).
 */
static void
band_put(struct ptab *t, int b, uint32_t bkey, uint32_t id)
{
	struct tidx *x = &t->band_idx[b];
	struct tidx_it it;
	unsigned same = 0;
	uint32_t v;

	tidx_find(x, mix32(bkey), &it);
	while (tidx_next(x, &it, &v))
		if (t->bkeys[v * (size_t)t->bands + (size_t)b] == bkey &&
		    ++same >= BAND_CAP)
			return;
	tidx_put(x, mix32(bkey), id);
}

/*
 * Entries.
 */

void
ptab_init(struct ptab *t, int bands, int rows, int fps)
{
	memset(t, 0, sizeof *t);
	t->bands = bands;
	t->rows = rows;
	t->fps = fps;
	if (bands > 0)
		t->band_idx = xcalloc((size_t)bands, sizeof *t->band_idx);
	t->fp_map = imap_new(FP_CAP);
}

void
ptab_free(struct ptab *t)
{
	if (t == NULL)
		return;
	free(t->klo);
	free(t->khi);
	free(t->sigs);
	free(t->bkeys);
	free(t->nfp);
	free(t->fp);
	tidx_release(&t->key_idx);
	for (int b = 0; b < t->bands; b++)
		tidx_release(&t->band_idx[b]);
	free(t->band_idx);
	imap_free(t->fp_map);
	memset(t, 0, sizeof *t);
}

/* Build index 'which' (-1 keys, else a band) for 'entries'. */
static void
rebuild(struct ptab *t, int which, size_t entries)
{
	struct tidx *x = which == -1 ? &t->key_idx : &t->band_idx[which];

	tidx_release(x);
	tidx_alloc(x, entries);
	for (size_t i = 0; i < t->n; i++) {
		if (which == -1) {
			tidx_put(x, t->klo[i], (uint32_t)i);
		} else {
			band_put(t, which, t->bkeys[i * (size_t)t->bands +
			    (size_t)which], (uint32_t)i);
		}
	}
}

/* Room in index 'which' for 'more' values. */
static void
room(struct ptab *t, int which, size_t more)
{
	struct tidx *x = which == -1 ? &t->key_idx : &t->band_idx[which];
	size_t want;

	if (x->slots > 0 && x->count + more <= x->limit)
		return;
	want = (size_t)((double)(x->count + more) * GROW) + MIN_SLOTS;
	rebuild(t, which, want);
}

void
ptab_reserve(struct ptab *t, size_t entries)
{
	if (entries <= t->cap || (t->max > 0 && entries > t->max))
		return;
	t->klo = xreallocarray(t->klo, entries, sizeof *t->klo);
	t->khi = xreallocarray(t->khi, entries, sizeof *t->khi);
	if (t->bands > 0) {
		t->sigs = xreallocarray(t->sigs, entries, MINHASH_SIG);
		t->bkeys = xreallocarray(t->bkeys, entries,
		    (size_t)t->bands * sizeof *t->bkeys);
	}
	if (t->fps)
		t->nfp = xreallocarray(t->nfp, entries, 1);
	t->cap = entries;
	if (t->key_idx.limit < entries)
		rebuild(t, -1, entries);
	for (int b = 0; b < t->bands; b++)
		if (t->band_idx[b].limit < entries)
			rebuild(t, b, entries);
}

void
ptab_limit(struct ptab *t, uint64_t bytes)
{
	size_t per = ptab_entry_bytes(t->bands, t->fps), max;

	max = (size_t)(bytes / per);
	if (max < 1)
		max = 1;
	if (max > UINT32_MAX - 2)
		max = UINT32_MAX - 2;
	t->max = max;
	t->maxfp = t->fps ? max * PTAB_FP_BUDGET : 0;
	/* Everything now, so the cap holds without a growth on the way. */
	t->cap = max;
	t->klo = xreallocarray(t->klo, max, sizeof *t->klo);
	t->khi = xreallocarray(t->khi, max, sizeof *t->khi);
	if (t->bands > 0) {
		t->sigs = xreallocarray(t->sigs, max, MINHASH_SIG);
		t->bkeys = xreallocarray(t->bkeys, max,
		    (size_t)t->bands * sizeof *t->bkeys);
	}
	if (t->fps) {
		t->nfp = xreallocarray(t->nfp, max, 1);
		t->capfp = t->maxfp;
		t->fp = xreallocarray(t->fp, t->capfp, sizeof *t->fp);
	}
	rebuild(t, -1, max);
	for (int b = 0; b < t->bands; b++)
		rebuild(t, b, max);
}

size_t
ptab_entry_bytes(int bands, int fps)
{
	double slot = (1.0 + sizeof(uint32_t)) / LOAD;
	double per = PTAB_KEY_BYTES + slot;

	if (bands > 0)
		per += MINHASH_SIG + bands * (sizeof(uint32_t) + slot);
	if (fps)	/* a fingerprint filed costs 4 bytes and 10 to 15 in its map */
		per += 1 + PTAB_FP_BUDGET * (sizeof(uint32_t) + 12);
	return (size_t)per + 1;
}

long
ptab_find(const struct ptab *t, struct hkey k)
{
	struct tidx_it it;
	uint32_t v;

	if (t->key_idx.slots == 0)
		return -1;
	tidx_find(&t->key_idx, k.lo, &it);
	while (tidx_next(&t->key_idx, &it, &v))
		if (t->klo[v] == k.lo && t->khi[v] == (uint32_t)k.hi)
			return (long)v;
	return -1;
}

void
ptab_prefetch(const struct ptab *t, struct hkey k)
{
	if (t->key_idx.slots > 0)
		tidx_prefetch(&t->key_idx, k.lo);
}

/* Room for one more entry in the arrays. */
static void
grow(struct ptab *t)
{
	size_t cap;

	if (t->n < t->cap)
		return;
	cap = t->cap + t->cap / 16 + 1024;	/* the arrays are most of it */
	t->klo = xreallocarray(t->klo, cap, sizeof *t->klo);
	t->khi = xreallocarray(t->khi, cap, sizeof *t->khi);
	if (t->bands > 0) {
		t->sigs = xreallocarray(t->sigs, cap, MINHASH_SIG);
		t->bkeys = xreallocarray(t->bkeys, cap,
		    (size_t)t->bands * sizeof *t->bkeys);
	}
	if (t->fps)
		t->nfp = xreallocarray(t->nfp, cap, 1);
	t->cap = cap;
}

int
ptab_add(struct ptab *t, struct hkey k, const uint8_t *sig,
    const uint32_t *bkeys, const uint32_t *fps, size_t nfp)
{
	uint32_t id = (uint32_t)t->n;

	if (nfp > 255)
		nfp = 255;	/* the fingerprints of a long text's start suffice */
	if (!t->fps)
		nfp = 0;
	if (t->n >= UINT32_MAX - 2 || (t->max > 0 && (t->n >= t->max ||
	    (t->fps && t->nfps + nfp > t->maxfp)))) {
		t->full++;
		return -1;
	}
	/* Room first: an index grows by being built from the entries so far. */
	grow(t);
	room(t, -1, 1);
	for (int b = 0; b < t->bands; b++)
		room(t, b, 1);
	t->klo[id] = k.lo;
	t->khi[id] = (uint32_t)k.hi;
	if (t->bands > 0) {
		memcpy(t->sigs + (size_t)id * MINHASH_SIG, sig, MINHASH_SIG);
		memcpy(t->bkeys + (size_t)id * (size_t)t->bands, bkeys,
		    (size_t)t->bands * sizeof *bkeys);
	}
	t->n++;
	tidx_put(&t->key_idx, k.lo, id);
	for (int b = 0; b < t->bands; b++)
		band_put(t, b, bkeys[b], id);
	if (t->fps) {
		size_t kept = 0;

		/*
		 * Only the fingerprints filed are kept: one that FP_CAP
		 * earlier paragraphs hold (a common phrase) is refused, and
		 * would be whenever these entries are loaded again in order
		 * (the map counts per fingerprint, whatever its layout).
		 */
		t->fp = xreserve(t->fp, &t->capfp, t->nfps + nfp, sizeof *t->fp);
		for (size_t j = 0; j < nfp; j++)
			if (imap_add(t->fp_map, fps[j], id))
				t->fp[t->nfps + kept++] = fps[j];
		t->nfp[id] = (uint8_t)kept;
		t->nfps += kept;
	}
	return 1;
}

void
ptab_band_find(const struct ptab *t, int band, uint32_t bkey,
    struct tidx_it *it)
{
	tidx_find(&t->band_idx[band], mix32(bkey), it);
}

void
ptab_band_prefetch(const struct ptab *t, int band, uint32_t bkey)
{
	tidx_prefetch(&t->band_idx[band], mix32(bkey));
}


static size_t
tidx_bytes(const struct tidx *x)
{
	return x->slots * (1 + sizeof *x->vals);
}

size_t
ptab_bytes(const struct ptab *t)
{
	size_t n = t->cap * (sizeof *t->klo + sizeof *t->khi) +
	    tidx_bytes(&t->key_idx);

	if (t->bands > 0)
		n += t->cap * (MINHASH_SIG + (size_t)t->bands * sizeof *t->bkeys);
	for (int b = 0; b < t->bands; b++)
		n += tidx_bytes(&t->band_idx[b]);
	if (t->fps)
		n += t->cap + t->capfp * sizeof *t->fp + imap_bytes(t->fp_map);
	return n;
}
