/*
 * dedupe/internal.h: what the files of lib/dedupe share and cmd/ never
 * sees — the Bloom filter, the capped multimap behind the indexes, MinHash
 * signatures and winnowing fingerprints, and the engine's own struct.
 * Code outside lib/dedupe (its unit tests aside) includes dedupe/dedupe.h
 * only.
 *
 * The engine's files: dedupe.c judges a record (the verdicts, the drop of
 * whole records, rebuilding the text, the counts); near.c finds near
 * duplicates and contained paragraphs; payload.c loads, saves and merges
 * what a state remembers; origins.c remembers which record first held a
 * paragraph, for --removed.
 */
#ifndef WINNOW_DEDUPE_INTERNAL_H
#define WINNOW_DEDUPE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/buf.h"
#include "core/hset.h"
#include "core/state.h"
#include "dedupe/dedupe.h"

/* ---- bloom ---- */
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

/* ---- imap ---- */
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

/* ---- minhash ---- */
/*
 * minhash: MinHash signatures of character shingles, LSH banding, and
 * winnowing fingerprints, for near-duplicate and containment checks.
 *
 * A paragraph key (see dedupe.h) is cut into overlapping shingles of
 * MINHASH_SHINGLE code points (characters, not words: Korean words carry
 * particles that change with the sentence).  Every hash is keyed by the
 * state's seed, so signatures stay comparable across runs and an attacker
 * cannot aim paragraphs at one LSH bucket.
 *
 * A signature keeps, for each of MINHASH_K hash functions, the top 2 bits
 * of the well-mixed minimum over the shingles ("b-bit MinHash", Li and
 * König 2010): 48 bytes a paragraph.  Two signatures agree in a position
 * with probability J + (1 - J) / 4 for Jaccard similarity J, which
 * minhash_similarity() corrects for; the estimate's standard deviation at
 * J = 0.75 is 0.038, as 128 functions of 8 bits (128 bytes) give; 128 of
 * 2 bits gave 0.046, and three times the false positives near J = 0.8.
 * LSH bands hash the full 32-bit minima, so their buckets hold only
 * paragraphs that agree exactly in those rows.
 */
#define MINHASH_K 192		/* hash functions */
#define MINHASH_SIG (MINHASH_K / 4)	/* signature bytes */
#define MINHASH_SHINGLE 5	/* code points per shingle */

struct minhash {
	uint64_t k0, k1;		/* shingle hash key */
	uint64_t band_key;
	uint32_t xr[MINHASH_K];		/* hash function i: (x ^ xr) * mul */
	uint32_t mul[MINHASH_K];
};

/* minhash_init(mh, seed, seedlen): derive every hash function from 'seed'. */
void minhash_init(struct minhash *mh, const unsigned char *seed, size_t seedlen);

/*
 * minhash_shingles(mh, cps, n, out): hash the shingles of the 'n' code
 * points 'cps' into 'out' (room for n entries); returns their number:
 * n - 4, or 1 for a key shorter than a shingle, 0 for an empty one.
 */
size_t minhash_shingles(const struct minhash *mh, const uint32_t *cps,
    size_t n, uint64_t *out);

/* minhash_mins(mh, sh, n, mins): each hash function's minimum over 'n' (> 0) shingle hashes. */
void minhash_mins(const struct minhash *mh, const uint64_t *sh, size_t n,
    uint32_t mins[MINHASH_K]);

/* minhash_sig(mins, sig): the 2-bit signature of those minima. */
void minhash_sig(const uint32_t mins[MINHASH_K], uint8_t sig[MINHASH_SIG]);

/* minhash_similarity(a, b): the Jaccard similarity two signatures estimate. */
double minhash_similarity(const uint8_t *a, const uint8_t *b);

/*
 * minhash_similar(a, b, j, &sim): whether the estimate reaches 'j'; when it
 * does, '*sim' is set to it.
 */
int minhash_similar(const uint8_t *a, const uint8_t *b, double j, double *sim);

/*
 * minhash_lsh_params(j, &bands, &rows): the banding for threshold 'j'.  A
 * pair is a candidate when it shares one band; a band is 'rows' minima
 * (two from J = 0.7 up, where a band of one minimum would gather every
 * paragraph whose smallest shingle is a common phrase; else one), and
 * there are just enough bands that a pair of similarity 'j' shares one
 * with probability >= 99%: 5 bands for J = 0.8, 7 for 0.7.  Few bands is
 * what keeps near mode's memory small.
 */
void minhash_lsh_params(double j, int *bands, int *rows);

/* minhash_lsh_prob(bands, rows, j): P(a pair of similarity j shares a band). */
double minhash_lsh_prob(int bands, int rows, double j);

/* minhash_band(mh, mins, band, rows): the 32-bit bucket key of one band. */
uint32_t minhash_band(const struct minhash *mh, const uint32_t mins[MINHASH_K],
    int band, int rows);

/*
 * minhash_winnow(sh, n, w, fps): containment fingerprints (Schleimer,
 * Wilkerson and Aiken 2003): in every window of 'w' shingles the one with
 * the smallest hash is picked.  A text contained in another yields only
 * fingerprints the other yields too, and the share of a text's
 * fingerprints found in another estimates the share of its shingles
 * there.  Writes them (32 bits of the shingle hash) sorted and unique to
 * 'fps' (room for n); returns how many: none for five shingles or fewer.
 * 'w' is at most 64.
 */
size_t minhash_winnow(const uint64_t *sh, size_t n, int w, uint32_t *fps);

/* ---- ptab: the paragraphs near mode and containment remember ---- */

/*
 * An index of paragraph numbers filed under 64-bit hashes, keeping an
 * 8-bit tag of each hash (see ptab.c).  Slot 'pos' is empty when
 * tags[pos] is 0.
 */
struct tidx {
	uint8_t *tags;
	uint32_t *vals;
	size_t slots, count, limit;
};

struct tidx_it {
	size_t pos;
	uint8_t tag;
};

/* tidx_find(t, h, &it): start at the home slot of hash 'h'. */
static inline void
tidx_find(const struct tidx *t, uint64_t h, struct tidx_it *it)
{
	it->pos = (size_t)(((unsigned __int128)h * t->slots) >> 64);
	it->tag = (uint8_t)(1 + (uint32_t)(h & 0xFFFF) % 255);
}

/* tidx_next(t, &it, &val): the next value filed under the tag; 0 at the end. */
static inline int
tidx_next(const struct tidx *t, struct tidx_it *it, uint32_t *val)
{
	if (t->slots == 0)
		return 0;
	while (t->tags[it->pos] != 0) {
		size_t p = it->pos;

		if (++it->pos == t->slots)
			it->pos = 0;
		if (t->tags[p] == it->tag) {
			*val = t->vals[p];
			return 1;
		}
	}
	return 0;
}

static inline void
tidx_prefetch(const struct tidx *t, uint64_t h)
{
	size_t pos = (size_t)(((unsigned __int128)h * t->slots) >> 64);

	if (t->slots > 0) {
		__builtin_prefetch(t->tags + pos);
		__builtin_prefetch(t->vals + pos);
	}
}

#define BAND_CAP 8		/* paragraphs filed per LSH bucket */
#define FP_CAP 4		/* paragraphs filed per fingerprint */
#define PTAB_FP_BUDGET 12	/* fingerprints a paragraph, for --memory */
#define PTAB_KEY_BYTES 12	/* of a key hash kept */

struct ptab {
	int bands, rows;	/* LSH banding (0 bands: no signatures) */
	int fps;		/* fingerprints kept */
	size_t n, cap;		/* entries, room */
	size_t max, maxfp;	/* --memory: most entries, fingerprints; 0: any */
	uint64_t full;		/* paragraphs not remembered: the table was full */
	uint64_t *klo;		/* n: the key hash's low half */
	uint32_t *khi;		/* n: and 32 bits of its high half */
	uint8_t *sigs;		/* n * MINHASH_SIG */
	uint32_t *bkeys;	/* n * bands */
	uint8_t *nfp;		/* n: fingerprints of each */
	uint32_t *fp;		/* all fingerprints, entry after entry */
	size_t nfps, capfp;
	struct tidx key_idx;
	struct tidx *band_idx;	/* one per band */
	struct imap *fp_map;	/* fingerprint -> entries, FP_CAP each */
};

/* ptab_init(t, bands, rows, fps): an empty table keeping signatures when 'bands' > 0. */
void ptab_init(struct ptab *t, int bands, int rows, int fps);
void ptab_free(struct ptab *t);

/*
 * ptab_limit(t, bytes): hold at most what fits in about 'bytes' (--memory),
 * allocated now; later paragraphs are not remembered (t->full counts them).
 */
void ptab_limit(struct ptab *t, uint64_t bytes);

/* ptab_reserve(t, entries): room for that many entries in all, made at once. */
void ptab_reserve(struct ptab *t, size_t entries);

/* ptab_entry_bytes(bands, fps): what an entry costs, for ptab_limit(). */
size_t ptab_entry_bytes(int bands, int fps);

/* ptab_find(t, k): the number of the entry of key 'k', or -1. */
long ptab_find(const struct ptab *t, struct hkey k);
void ptab_prefetch(const struct ptab *t, struct hkey k);

/*
 * ptab_add(t, k, sig, bkeys, fps, nfp): remember a paragraph (not there
 * yet: see ptab_find) with its signature and band keys (when the table
 * keeps them) and its 'nfp' fingerprints (when it keeps them).  Returns
 * 1, or -1 when the table is full.
 */
int ptab_add(struct ptab *t, struct hkey k, const uint8_t *sig,
    const uint32_t *bkeys, const uint32_t *fps, size_t nfp);

/* Candidates filed under a band key or a fingerprint: see tidx_next(). */
void ptab_band_find(const struct ptab *t, int band, uint32_t bkey,
    struct tidx_it *it);
void ptab_band_prefetch(const struct ptab *t, int band, uint32_t bkey);

size_t ptab_bytes(const struct ptab *t);

/* ---- the engine ---- */

#define WINNOW_WINDOW 12	/* shingles per winnowing window */
#define MIN_FPS 2		/* fingerprints to look for a container in the record */
#define MIN_FPS_STREAM 4	/* and in the stream, where only they are kept */
#define CHECKED_BITS 10		/* room for bands * BAND_CAP candidates */
#define COMMON_FP 32		/* in-record fingerprints this common are ignored */

/* One paragraph of the record being judged. */
struct work {
	struct hkey h;
	size_t key, keylen;	/* in scratch.keys */
	size_t fp, nfp;		/* in scratch.fps */
	long container;		/* in-record container, or -1 */
	double contained_sim;
	int judged;
};

/*
 * Scratch for the record being judged: what prepare() and near.c compute
 * for its paragraphs, kept from record to record only so that it need not
 * be allocated again.  Nothing in it outlives a record.
 */
struct scratch {
	struct dedupe_para *paras;
	size_t cappara;
	struct work *work;
	size_t capwork;
	struct buf keys;	/* the paragraphs' keys, one after another */
	uint32_t *cps;		/* a key's code points */
	size_t capcps;
	uint64_t *sh;		/* its shingles' hashes */
	size_t capsh;
	uint64_t *sh2;		/* a second paragraph's, for containment */
	size_t capsh2;
	uint32_t mins[MINHASH_K];	/* a paragraph's minima */
	uint8_t *lsigs;		/* signatures of the record's paragraphs */
	size_t caplsigs;
	uint32_t *lbands;	/* and their LSH bucket keys */
	size_t caplbands;
	uint32_t *fps;		/* fingerprints of the record's paragraphs */
	size_t nfps, capfps;
	uint32_t *counts;	/* votes per paragraph of the record */
	size_t capcounts;
	uint32_t *cand;		/* candidates, and contained_match's table */
	size_t capcand;
	struct {		/* candidates seen by near_match */
		uint32_t stamp, pid;
	} checked[1 << CHECKED_BITS];
	uint32_t stamp;
	struct hset *local_set;		/* the record's judged keys so far */
	struct imap *local_bands;	/* and their LSH buckets */
	struct imap *local_fps;		/* the record's fingerprints */
};

struct origins;

struct dedupe {
	struct dedupe_opts o;
	unsigned char seed[STATE_SEED_SIZE];
	unsigned char secret[XXH3_SECRET_DEFAULT_SIZE];
	struct minhash mh;
	int bands, rows;	/* LSH banding of the signatures kept */
	double made_for;	/* the --near it was chosen for */
	int near_index;		/* keep signatures and band keys */
	int fp_index;		/* keep containment fingerprints */
	int loads;		/* states loaded */
	int changed;		/* something new was remembered */

	/*
	 * What is remembered: exact keys (or a Bloom filter), or, when
	 * signatures or fingerprints are kept, a paragraph table.
	 */
	struct hset *set;
	struct bloom *bloom;
	struct ptab *pt;

	struct origins *origins;	/* first holders, for --removed; or NULL */
	uint64_t ord;			/* ordinal of the current record */
	uint64_t records_before, paragraphs_before;

	struct scratch s;
	struct dedupe_stats st;
};

/*
 * dedupe_use_ptab(d, bands, rows, made_for): remember paragraphs in a
 * table (signatures with that banding when 'bands' > 0, fingerprints when
 * d->fp_index) instead of a set of keys, which must still be empty.
 */
void dedupe_use_ptab(struct dedupe *d, int bands, int rows, double made_for);

/*
 * dedupe_remember(d, k, sig, bkeys, fps, nfp): add a paragraph to what is
 * remembered unless its key is there; 1 when added, 0 when it was there,
 * -1 when a capped table is full.  Loading a state and judging a record
 * both go through here, in order, so they build the same thing.
 */
int dedupe_remember(struct dedupe *d, struct hkey k, const uint8_t *sig,
    const uint32_t *bkeys, const uint32_t *fps, size_t nfp);

static inline int
dedupe_set_has(const struct dedupe *d, struct hkey h)
{
	if (d->pt)
		return ptab_find(d->pt, h) >= 0;
	return d->bloom ? bloom_has(d->bloom, h) : hset_has(d->set, h);
}

/* near.c: near duplicates and containment. */

/* near_sketch(d, res): signatures, bucket keys and fingerprints of the judged paragraphs. */
void near_sketch(struct dedupe *d, const struct dedupe_result *res);

/*
 * near_find_contained(d, res, threshold): within the record, mark each
 * paragraph lying inside another (work[i].container, contained_sim).
 */
void near_find_contained(struct dedupe *d, const struct dedupe_result *res,
    double threshold);

/*
 * near_match(d, i, &sim): a remembered paragraph near enough to paragraph
 * 'i' of the record, or -1; near_match_local(): one earlier in the record.
 */
long near_match(struct dedupe *d, size_t i, double *sim);
long near_match_local(struct dedupe *d, size_t i, double *sim);

/*
 * near_contained_match(d, w, threshold, &sim): the remembered paragraph
 * holding at least 'threshold' of the fingerprints of 'w'; or -1.
 */
long near_contained_match(struct dedupe *d, const struct work *w,
    double threshold, double *sim);

/*
 * origins.c: first holders — a direct-mapped table from a paragraph's tag
 * (its hash, or pid_tag() of its number) to the ordinal of the record that
 * held it, and a ring of the last records' ids.
 */
static inline uint64_t
pid_tag(uint32_t pid)
{
	return ((uint64_t)pid + 1) * 0x9E3779B97F4A7C15ULL;
}

struct origins *origins_new(void);
void origins_free(struct origins *o);

/* origins_remember(o, ord, id, idlen): record number 'ord' has id 'id' (JSON; NULL: none). */
void origins_remember(struct origins *o, uint64_t ord, const char *id,
    size_t idlen);

/* origins_put(o, tag, ord): the paragraph 'tag' was first held by record 'ord'. */
void origins_put(struct origins *o, uint64_t tag, uint64_t ord);

/* origins_get(o, tag, p): set p->first to the id of the first holder of 'tag', or NULL. */
void origins_get(const struct origins *o, uint64_t tag, struct dedupe_para *p);

/* origins_self(o, ord, p): set p->first to record 'ord''s own id (a duplicate within it). */
void origins_self(const struct origins *o, uint64_t ord, struct dedupe_para *p);

#endif
