/* dedupe: exact, near and contained duplicate paragraphs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/hset.h"
#include "core/json.h"
#include "core/parakey.h"
#include "core/utf8.h"
#include "core/util.h"
#include "dedupe/bloom.h"
#include "dedupe/dedupe.h"
#include "dedupe/imap.h"
#include "dedupe/minhash.h"

#define WINNOW_WINDOW 12	/* shingles per winnowing window */
#define BAND_CAP 8		/* paragraphs remembered per LSH bucket */
#define FP_CAP 4		/* paragraphs remembered per fingerprint */
#define MIN_FPS 2		/* fingerprints to look for a container in the record */
#define MIN_FPS_STREAM 4	/* and in the stream, where only they are kept */
#define CHECKED_BITS 9		/* room for bands * BAND_CAP candidates */
#define COMMON_FP 32		/* in-record fingerprints this common are ignored */
#define ORIGIN_BITS 20		/* 2^20 remembered first holders: 16 MiB */
#define ID_RING 65536		/* ids of the last records, for 'first' */
#define ID_MAX 512		/* longer ids are not remembered */

/* What a state keeps (payload flags). */
enum {
	PAYLOAD_BLOOM = 1 << 0,
	PAYLOAD_NEAR = 1 << 1,	/* a signature per paragraph */
	PAYLOAD_FP = 1 << 2	/* containment fingerprints */
};

/* One paragraph of the record being judged. */
struct work {
	struct hkey h;
	size_t key, keylen;	/* in d->keys */
	size_t fp, nfp;		/* in d->fps */
	long container;		/* in-record container, or -1 */
	double contained_sim;
	int judged;
};

struct origin {
	uint64_t tag;
	uint64_t ord;		/* record ordinal; 0: empty */
};

struct ring_id {
	uint64_t ord;
	char *s;
	size_t len, cap;
};

struct dedupe {
	struct dedupe_opts o;
	unsigned char seed[STATE_SEED_SIZE];
	unsigned char secret[XXH3_SECRET_DEFAULT_SIZE];
	struct minhash mh;
	int bands, rows;
	int near_index;		/* keep signatures (bands too when o.near) */
	int fp_index;		/* keep containment fingerprints */
	int loads;		/* states loaded */
	int changed;		/* something new was remembered */

	/* What is remembered: exact keys (or a Bloom filter) ... */
	struct hset *set;
	struct bloom *bloom;
	/* ... and, for near mode, a signature per paragraph and two indexes. */
	uint8_t *sigs;
	size_t nsig, capsig;
	struct imap *band_index;
	struct imap *fp_index_map;

	/* First holders, for --removed. */
	struct origin *origins;
	struct ring_id *ring;
	uint64_t ord;		/* ordinal of the current record */
	uint64_t records_before, paragraphs_before;

	/* Scratch for one record. */
	struct dedupe_para *paras;
	size_t cappara;
	struct work *work;
	size_t capwork;
	struct buf keys;
	uint32_t *cps;
	size_t capcps;
	uint64_t *sh;
	size_t capsh;
	uint64_t *sh2;		/* a second paragraph's, for containment */
	size_t capsh2;
	uint8_t *lsigs;		/* signatures of the record's paragraphs */
	size_t caplsigs;
	uint32_t *lbands;	/* and their LSH bucket keys */
	size_t caplbands;
	uint32_t *fps;		/* fingerprints of the record's paragraphs */
	size_t nfps, capfps;
	uint32_t *counts;
	size_t capcounts;
	uint32_t *cand;
	size_t capcand;
	struct {			/* candidates seen by near_match */
		uint32_t stamp, pid, bands;
	} checked[1 << CHECKED_BITS];
	uint32_t stamp;
	struct hset *local_set;		/* the record's kept keys */
	struct imap *local_bands;	/* and their LSH buckets */
	struct imap *local_fps;		/* the record's fingerprints */

	struct dedupe_stats st;
};

/* Make room for 'need' elements of 'size' bytes in '*p' (capacity '*cap'). */
static void
reserve(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t n = *cap ? *cap : 16;

	if (need <= *cap)
		return;
	while (n < need)
		n *= 2;
	if (n > SIZE_MAX / size)
		out_of_memory();
	*p = xrealloc(*p, n * size);
	*cap = n;
}

/*
 * Engine.
 */

struct dedupe *
dedupe_new(const struct dedupe_opts *o, const unsigned char *seed)
{
	struct dedupe *d = xcalloc(1, sizeof *d);

	d->o = *o;
	memcpy(d->seed, seed, STATE_SEED_SIZE);
	XXH3_generateSecret(d->secret, sizeof d->secret, seed, STATE_SEED_SIZE);
	minhash_init(&d->mh, seed, STATE_SEED_SIZE);
	if (o->near > 0) {
		minhash_lsh_params(o->near, &d->bands, &d->rows);
		d->near_index = 1;
	}
	d->fp_index = o->contained;
	if (o->memory > 0)
		d->bloom = bloom_new(o->memory);
	else
		d->set = hset_new(0);
	d->band_index = imap_new(BAND_CAP);
	d->fp_index_map = imap_new(FP_CAP);
	d->local_set = hset_new(0);
	d->local_bands = imap_new(BAND_CAP);
	d->local_fps = imap_new(COMMON_FP + 1);
	if (o->origins) {
		d->origins = xcalloc((size_t)1 << ORIGIN_BITS, sizeof *d->origins);
		d->ring = xcalloc(ID_RING, sizeof *d->ring);
	}
	return d;
}

void
dedupe_free(struct dedupe *d)
{
	if (d == NULL)
		return;
	hset_free(d->set);
	bloom_free(d->bloom);
	free(d->sigs);
	imap_free(d->band_index);
	imap_free(d->fp_index_map);
	free(d->origins);
	if (d->ring)
		for (size_t i = 0; i < ID_RING; i++)
			free(d->ring[i].s);
	free(d->ring);
	free(d->paras);
	free(d->work);
	buf_release(&d->keys);
	free(d->cps);
	free(d->sh);
	free(d->sh2);
	free(d->lsigs);
	free(d->lbands);
	free(d->fps);
	free(d->counts);
	free(d->cand);
	hset_free(d->local_set);
	imap_free(d->local_bands);
	imap_free(d->local_fps);
	free(d);
}

/*
 * Room for 'n' signatures.  They are most of near mode's memory, so the
 * array grows by a quarter, not by doubling.
 */
static void
grow_sigs(struct dedupe *d, size_t n)
{
	size_t cap = d->capsig / MINHASH_K;

	if (n <= cap)
		return;
	cap += cap / 4 + 1024;
	if (cap < n)
		cap = n;
	if (cap > SIZE_MAX / MINHASH_K)
		out_of_memory();
	d->sigs = xrealloc(d->sigs, cap * MINHASH_K);
	d->capsig = cap * MINHASH_K;
}

static inline int
set_has(const struct dedupe *d, struct hkey h)
{
	return d->bloom ? bloom_has(d->bloom, h) : hset_has(d->set, h);
}

static inline void
set_add(struct dedupe *d, struct hkey h)
{
	if (d->bloom ? bloom_add(d->bloom, h) : hset_add(d->set, h))
		d->changed = 1;
}

/*
 * First holders: a direct-mapped table from a paragraph's tag (its hash,
 * or its signature number) to the ordinal of the record that held it,
 * and a ring of the last ID_RING records' ids.  Both are fixed in size,
 * so --removed costs at most ~48 MiB however long the stream; older
 * holders are forgotten and reported as unknown.
 */
static inline uint64_t
pid_tag(uint32_t pid)
{
	return ((uint64_t)pid + 1) * 0x9E3779B97F4A7C15ULL;
}

static void
origin_put(struct dedupe *d, uint64_t tag)
{
	struct origin *o;

	if (d->origins == NULL)
		return;
	o = &d->origins[(tag * 0xD6E8FEB86659FD93ULL) >> (64 - ORIGIN_BITS)];
	o->tag = tag;
	o->ord = d->ord;
}

static void
origin_get(const struct dedupe *d, uint64_t tag, struct dedupe_para *p)
{
	const struct origin *o;
	const struct ring_id *r;

	p->first = NULL;
	p->first_len = 0;
	if (d->origins == NULL)
		return;
	o = &d->origins[(tag * 0xD6E8FEB86659FD93ULL) >> (64 - ORIGIN_BITS)];
	if (o->ord == 0 || o->tag != tag)
		return;
	r = &d->ring[o->ord % ID_RING];
	if (r->ord == o->ord && r->s != NULL) {
		p->first = r->s;
		p->first_len = r->len;
	}
}

static void
remember_id(struct dedupe *d, const char *id, size_t idlen)
{
	struct ring_id *r;

	if (d->ring == NULL)
		return;
	r = &d->ring[d->ord % ID_RING];
	r->ord = d->ord;
	if (idlen > ID_MAX || id == NULL) {
		r->ord = 0;
		return;
	}
	reserve(&r->s, &r->cap, idlen + 1, 1);
	memcpy(r->s, id, idlen);
	r->s[idlen] = '\0';
	r->len = idlen;
}

/* The record itself as 'first' (a duplicate within one record). */
static void
self_origin(const struct dedupe *d, struct dedupe_para *p)
{
	const struct ring_id *r;

	p->first = NULL;
	p->first_len = 0;
	if (d->ring == NULL)
		return;
	r = &d->ring[d->ord % ID_RING];
	if (r->ord == d->ord) {
		p->first = r->s;
		p->first_len = r->len;
	}
}

/* Split 'text' into paragraphs and compute what each needs. */
static void
prepare(struct dedupe *d, const char *text, size_t len, struct dedupe_result *res)
{
	size_t pos = 0;

	res->n = 0;
	buf_reset(&d->keys);
	d->nfps = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		struct dedupe_para *p;
		struct work *w;
		int blank;
		size_t key0 = d->keys.len, weight;

		weight = para_key(text + pos, end - pos, &d->keys, &blank);
		if (blank) {
			pos = end + 1;
			continue;
		}
		reserve(&d->paras, &d->cappara, res->n + 1, sizeof *d->paras);
		reserve(&d->work, &d->capwork, res->n + 1, sizeof *d->work);
		p = &d->paras[res->n];
		w = &d->work[res->n];
		memset(p, 0, sizeof *p);
		memset(w, 0, sizeof *w);
		p->start = pos;
		p->len = end - pos;
		p->weight = weight;
		p->verdict = DEDUPE_SHORT;
		w->key = key0;
		w->keylen = d->keys.len - key0;
		w->container = -1;
		w->judged = weight >= d->o.min_chars && w->keylen > 0;
		if (w->judged) {
			XXH128_hash_t h = XXH3_128bits_withSecret(d->keys.data + key0,
			    w->keylen, d->secret, sizeof d->secret);

			w->h.lo = h.low64;
			w->h.hi = h.high64;
			/* The record's lookups then overlap their waits. */
			if (d->set)
				hset_prefetch(d->set, w->h);
		}
		res->n++;
		pos = end + 1;
	}
	res->p = d->paras;
}

/* Shingles of paragraph 'i' into d->sh; returns their number. */
static size_t
shingle(struct dedupe *d, const struct work *w)
{
	const char *s = d->keys.data + w->key;
	size_t n = 0, i = 0;

	reserve(&d->cps, &d->capcps, w->keylen + 1, sizeof *d->cps);
	while (i < w->keylen) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;

		if ((c & 0xF0) == 0xE0 && w->keylen - i >= 3) {
			/* Keys are valid UTF-8; Hangul and CJK take three bytes. */
			cp = (int32_t)((c & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 |
			    (s[i + 2] & 0x3F));
			i += 3;
		} else if (c < 0x80) {
			cp = c;
			i++;
		} else {
			i += (size_t)utf8_decode(s + i, w->keylen - i, &cp);
		}
		d->cps[n++] = (uint32_t)cp;
	}
	reserve(&d->sh, &d->capsh, n + 1, sizeof *d->sh);
	return minhash_shingles(&d->mh, d->cps, n, d->sh);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The share of paragraph a's shingles that paragraph b has too. */
static double
shingle_containment(struct dedupe *d, size_t a, size_t b)
{
	size_t nb = shingle(d, &d->work[b]), na, in = 0;

	/* b's shingles, sorted, in a buffer of their own; then a's. */
	reserve(&d->sh2, &d->capsh2, nb + 1, sizeof *d->sh2);
	memcpy(d->sh2, d->sh, nb * sizeof *d->sh);
	qsort(d->sh2, nb, sizeof *d->sh2, cmp_u64);
	na = shingle(d, &d->work[a]);
	for (size_t i = 0; i < na; i++)
		in += bsearch(&d->sh[i], d->sh2, nb, sizeof *d->sh2, cmp_u64) != NULL;
	return na ? (double)in / (double)na : 0;
}

/* Signatures and fingerprints of the judged paragraphs. */
static void
sketch(struct dedupe *d, struct dedupe_result *res)
{
	if (!d->near_index && !d->fp_index)
		return;
	if (d->near_index)
		reserve(&d->lsigs, &d->caplsigs, res->n * MINHASH_K + 1, 1);
	if (d->bands > 0)
		reserve(&d->lbands, &d->caplbands, res->n * (size_t)d->bands + 1,
		    sizeof *d->lbands);
	for (size_t i = 0; i < res->n; i++) {
		struct work *w = &d->work[i];
		size_t nsh;

		if (!w->judged)
			continue;
		nsh = shingle(d, w);
		if (d->near_index)
			minhash_sign(&d->mh, d->sh, nsh, d->lsigs + i * MINHASH_K);
		for (int b = 0; b < d->bands; b++)
			d->lbands[i * (size_t)d->bands + (size_t)b] = minhash_band(&d->mh,
			    d->lsigs + i * MINHASH_K, b, d->rows);
		if (d->fp_index) {
			reserve(&d->fps, &d->capfps, d->nfps + nsh + 1, sizeof *d->fps);
			w->fp = d->nfps;
			w->nfp = minhash_winnow(d->sh, nsh, WINNOW_WINDOW,
			    d->fps + d->nfps);
			d->nfps += w->nfp;
		}
	}
}

/*
 * Whether paragraph 'b' may hold paragraph 'a' of the same record.  An
 * earlier one may: the first occurrence is kept.  A later one must be so
 * much heavier that the two cannot be near duplicates (the Jaccard
 * similarity of a text inside another is at most the ratio of their
 * sizes); near duplicates keep the first one, as everywhere.
 */
static int
may_contain(const struct dedupe *d, size_t a, size_t b)
{
	const struct dedupe_para *p = d->paras;
	double j = d->o.near > 0 ? d->o.near : 1.0;

	return b < a || (double)p[a].weight < j * (double)p[b].weight;
}

/*
 * A paragraph too short for fingerprints (a headline-sized teaser) is
 * contained only if its key is found verbatim in a heavier paragraph's
 * key.  Records of very many paragraphs skip this: it is quadratic.
 */
static void
contained_verbatim(struct dedupe *d, const struct dedupe_result *res, size_t i)
{
	struct work *w = &d->work[i];
	const char *k = d->keys.data + w->key;

	if (!w->judged || res->n > 512)
		return;
	for (size_t b = 0; b < res->n; b++) {
		const struct work *o = &d->work[b];

		if (b == i || !may_contain(d, i, b) || o->keylen <= w->keylen)
			continue;
		if (memmem(d->keys.data + o->key, o->keylen, k, w->keylen)) {
			w->container = (long)b;
			w->contained_sim = 1.0;
			return;
		}
	}
}

/*
 * Within the record: which paragraph lies inside a longer one, wherever
 * it stands.  Every fingerprint of the record goes into a small index
 * (fingerprint -> paragraphs); each paragraph then counts, per other
 * paragraph, how many of its fingerprints that one shares.
 */
static void
find_contained(struct dedupe *d, struct dedupe_result *res, double threshold)
{
	uint32_t vals[COMMON_FP + 1];
	size_t i, j, k;

	imap_clear(d->local_fps);
	for (i = 0; i < res->n; i++)
		for (j = 0; j < d->work[i].nfp; j++)
			imap_add(d->local_fps, d->fps[d->work[i].fp + j], (uint32_t)i);
	reserve(&d->counts, &d->capcounts, res->n + 1, sizeof *d->counts);
	memset(d->counts, 0, res->n * sizeof *d->counts);
	reserve(&d->cand, &d->capcand, res->n + 1, sizeof *d->cand);

	for (i = 0; i < res->n; i++) {
		struct work *w = &d->work[i];
		size_t ncand = 0, best = SIZE_MAX;

		if (w->nfp < MIN_FPS) {
			contained_verbatim(d, res, i);
			continue;
		}
		for (j = 0; j < w->nfp; j++) {
			size_t n = imap_get(d->local_fps, d->fps[w->fp + j], vals,
			    COMMON_FP + 1);

			if (n > COMMON_FP)
				continue;	/* a boilerplate phrase, not evidence */
			for (k = 0; k < n; k++) {
				size_t b = vals[k];

				if (b == i || !may_contain(d, i, b))
					continue;
				if (d->counts[b]++ == 0)
					d->cand[ncand++] = (uint32_t)b;
			}
		}
		for (k = 0; k < ncand; k++) {
			size_t b = d->cand[k];

			if (best == SIZE_MAX || d->counts[b] > d->counts[best])
				best = b;
		}
		/*
		 * Fingerprints only sample; both texts are here, so the
		 * verdict is the share of the paragraph's shingles found in
		 * the other (a subhead made of the body's phrases shares a few
		 * fingerprints, not most of its shingles).
		 */
		if (best != SIZE_MAX &&
		    d->counts[best] >= threshold * (double)w->nfp) {
			double c = shingle_containment(d, i, best);

			if (c >= threshold) {
				w->container = (long)best;
				w->contained_sim = c;
			}
		}
		for (k = 0; k < ncand; k++)
			d->counts[d->cand[k]] = 0;
	}
}

/*
 * An earlier paragraph sharing two LSH buckets with paragraph 'i' in
 * 'index' (whose values number the signatures 'sigs') and similar enough,
 * or -1.  Shared buckets are counted per candidate in a small table
 * stamped per call (never cleared); a candidate's signature is prefetched
 * at its first bucket and checked at its second.  The first that passes
 * wins.
 */
static long
near_match(struct dedupe *d, struct imap *index, const uint8_t *sigs, size_t i,
    double *sim)
{
	const uint8_t *sig = d->lsigs + i * MINHASH_K;
	const uint32_t *keys = d->lbands + i * (size_t)d->bands;
	uint32_t vals[BAND_CAP];

	if (++d->stamp == 0) {
		memset(d->checked, 0, sizeof d->checked);
		d->stamp = 1;
	}
	for (int b = 0; b < d->bands; b++) {
		size_t n = imap_get(index, keys[b], vals, BAND_CAP);

		for (size_t v = 0; v < n; v++) {
			uint32_t h = (vals[v] * 0x9E3779B1u) >> (32 - CHECKED_BITS);
			const uint8_t *other = sigs + (size_t)vals[v] * MINHASH_K;

			while (d->checked[h].stamp == d->stamp && d->checked[h].pid != vals[v])
				h = (h + 1) & ((1u << CHECKED_BITS) - 1);
			if (d->checked[h].stamp != d->stamp) {
				d->checked[h].stamp = d->stamp;
				d->checked[h].pid = vals[v];
				d->checked[h].bands = 1;
				__builtin_prefetch(other);
				__builtin_prefetch(other + 64);
			} else if (++d->checked[h].bands == 2 &&
			    minhash_similar(sig, other, d->o.near, sim)) {
				return vals[v];
			}
		}
	}
	return -1;
}

/*
 * The remembered paragraph holding most of the fingerprints of 'w', when
 * it holds at least 'threshold' of them; else -1.  Votes are counted in a
 * small open-addressing table (at most FP_CAP per fingerprint).
 */
static long
contained_match(struct dedupe *d, const struct work *w, double threshold,
    double *sim)
{
	uint32_t vals[FP_CAP];
	size_t size = 16, i, best_n = 0;
	long best = -1;

	if (w->nfp < MIN_FPS_STREAM)
		return -1;
	while (size < w->nfp * FP_CAP * 2)
		size *= 2;
	reserve(&d->cand, &d->capcand, 2 * size, sizeof *d->cand);
	memset(d->cand, 0, 2 * size * sizeof *d->cand);
	for (i = 0; i < w->nfp; i++) {
		size_t n = imap_get(d->fp_index_map, d->fps[w->fp + i], vals, FP_CAP);

		for (size_t v = 0; v < n; v++) {
			/* Slot: (paragraph + 1, votes); paragraph 0 is empty. */
			size_t h = (vals[v] * 0x9E3779B1u) & (size - 1);

			while (d->cand[2 * h] != 0 && d->cand[2 * h] != vals[v] + 1)
				h = (h + 1) & (size - 1);
			d->cand[2 * h] = vals[v] + 1;
			if (++d->cand[2 * h + 1] > best_n) {
				best_n = d->cand[2 * h + 1];
				best = vals[v];
			}
		}
	}
	*sim = (double)best_n / (double)w->nfp;
	return *sim >= threshold ? best : -1;
}

/* Start loading what paragraph 'i' will look up, so the waits overlap. */
static void
prefetch(const struct dedupe *d, const struct dedupe_result *res, size_t i)
{
	const struct work *w;

	if (i >= res->n || !(w = &d->work[i])->judged)
		return;
	for (int b = 0; b < d->bands; b++)
		imap_prefetch(d->band_index, d->lbands[i * (size_t)d->bands + (size_t)b]);
	for (size_t j = 0; j < w->nfp; j++)
		imap_prefetch(d->fp_index_map, d->fps[w->fp + j]);
}

static void
judge(struct dedupe *d, struct dedupe_result *res)
{
	double cthreshold = d->o.near > 0 ? d->o.near : 1.0;

	hset_clear(d->local_set);
	imap_clear(d->local_bands);
	if (d->o.contained)
		find_contained(d, res, cthreshold);
	prefetch(d, res, 0);

	for (size_t i = 0; i < res->n; i++) {
		struct dedupe_para *p = &d->paras[i];
		struct work *w = &d->work[i];
		double sim;
		long m;

		prefetch(d, res, i + 1);
		if (!w->judged)
			continue;
		d->st.judged++;
		p->verdict = DEDUPE_KEEP;
		if (set_has(d, w->h)) {
			p->verdict = DEDUPE_EXACT;
			origin_get(d, w->h.lo, p);
		} else if (hset_has(d->local_set, w->h)) {
			p->verdict = DEDUPE_EXACT;
			self_origin(d, p);
		} else if (d->o.near > 0 &&
		    (m = near_match(d, d->band_index, d->sigs, i, &sim)) >= 0) {
			p->verdict = DEDUPE_NEAR;
			p->similarity = sim;
			origin_get(d, pid_tag((uint32_t)m), p);
		} else if (d->o.near > 0 &&
		    near_match(d, d->local_bands, d->lsigs, i, &sim) >= 0) {
			p->verdict = DEDUPE_NEAR;
			p->similarity = sim;
			self_origin(d, p);
		} else if (w->container >= 0) {
			p->verdict = DEDUPE_CONTAINED;
			p->similarity = w->contained_sim;
			self_origin(d, p);
		} else if (d->o.contained &&
		    (m = contained_match(d, w, cthreshold, &sim)) >= 0) {
			p->verdict = DEDUPE_CONTAINED;
			p->similarity = sim;
			origin_get(d, pid_tag((uint32_t)m), p);
		}
		if (p->verdict != DEDUPE_KEEP) {
			res->dropped++;
			continue;
		}
		hset_add(d->local_set, w->h);
		for (int b = 0; b < d->bands; b++)
			imap_add(d->local_bands, d->lbands[i * (size_t)d->bands + (size_t)b],
			    (uint32_t)i);
	}
}

/* Remember the kept paragraphs of a kept record. */
static void
commit(struct dedupe *d, struct dedupe_result *res)
{
	prefetch(d, res, 0);
	for (size_t i = 0; i < res->n; i++) {
		struct work *w = &d->work[i];
		uint32_t pid;

		prefetch(d, res, i + 1);
		if (d->paras[i].verdict != DEDUPE_KEEP)
			continue;
		set_add(d, w->h);
		origin_put(d, w->h.lo);
		if (!d->near_index && !d->fp_index)
			continue;
		if (d->nsig >= UINT32_MAX - 1)
			continue;	/* 4 billion paragraphs: stop indexing */
		pid = (uint32_t)d->nsig;
		if (d->near_index) {
			grow_sigs(d, d->nsig + 1);
			memcpy(d->sigs + d->nsig * MINHASH_K, d->lsigs + i * MINHASH_K,
			    MINHASH_K);
		}
		for (int b = 0; b < d->bands; b++)
			imap_add(d->band_index, d->lbands[i * (size_t)d->bands + (size_t)b],
			    pid);
		for (size_t j = 0; d->fp_index && j < w->nfp; j++)
			imap_add(d->fp_index_map, d->fps[w->fp + j], pid);
		d->nsig++;
		d->changed = 1;
		origin_put(d, pid_tag(pid));
	}
}

void
dedupe_record(struct dedupe *d, const char *text, size_t len, const char *id,
    size_t idlen, struct dedupe_result *res)
{
	uint64_t dup = 0, total = 0;

	d->ord++;
	d->st.records++;
	remember_id(d, id, idlen);
	memset(res, 0, sizeof *res);
	prepare(d, text, len, res);
	d->st.paragraphs += res->n;
	sketch(d, res);
	judge(d, res);

	for (size_t i = 0; i < res->n; i++) {
		total += res->p[i].weight;
		if (res->p[i].verdict > DEDUPE_KEEP)
			dup += res->p[i].weight;
		switch (res->p[i].verdict) {
		case DEDUPE_EXACT: d->st.exact++; break;
		case DEDUPE_NEAR: d->st.near++; break;
		case DEDUPE_CONTAINED: d->st.contained++; break;
		}
	}
	if (d->o.drop_docs > 0 && dup > 0 &&
	    (double)dup >= d->o.drop_docs * (double)total) {
		res->drop_doc = 1;
		d->st.docs++;
		for (size_t i = 0; i < res->n; i++)
			if (res->p[i].verdict <= DEDUPE_KEEP) {
				res->p[i].verdict = DEDUPE_DOC;
				d->st.doc_paragraphs++;
			}
		return;
	}
	commit(d, res);
}

void
dedupe_rebuild(const char *text, size_t len, const struct dedupe_result *res,
    struct buf *out)
{
	size_t pos = 0, k = 0, start = out->len;
	size_t gap = 0;			/* where the lines since the last kept paragraph begin */
	size_t run = 0, run_len = 0;	/* the blank run being read */
	size_t first = 0, first_len = 0;	/* the first blank run of the gap */
	int kept_any = 0, dropped = 0;	/* dropped: a paragraph was dropped in the gap */

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;

		if (k >= res->n || res->p[k].start != pos) {
			/* A blank line: extend the run. */
			if (run_len == 0)
				run = pos;
			run_len += end - pos;
			pos = end;
			continue;
		}
		if (run_len > 0 && first_len == 0) {
			first = run;
			first_len = run_len;
		}
		run_len = 0;
		if (res->p[k].verdict > DEDUPE_KEEP) {
			dropped = 1;
		} else {
			/* Untouched gaps are copied; gaps with drops keep one
			 * blank run, and none before the first kept line. */
			if (!dropped)
				buf_add(out, text + gap, pos - gap);
			else if (kept_any && first_len > 0)
				buf_add(out, text + first, first_len);
			buf_add(out, text + pos, end - pos);
			kept_any = 1;
			dropped = 0;
			gap = end;
			first_len = 0;
		}
		k++;
		pos = end;
	}
	if (!dropped)
		buf_add(out, text + gap, len - gap);
	/* Dropping the last line must not add a line end the text lacked. */
	if (len > 0 && text[len - 1] != '\n' && out->len > start &&
	    out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
}

/*
 * State payload, version 1 (integers little-endian):
 *	u32 flags (PAYLOAD_*), u32 MINHASH_K, u32 MINHASH_SHINGLE,
 *	u32 WINNOW_WINDOW, u64 records and u64 paragraphs seen in all runs;
 *	Bloom: u64 blocks, u64 keys, blocks * 8 u64 words;
 *	else:  u64 keys, keys * (u64 lo, u64 hi);
 *	u64 paragraph numbers given out (signatures, fingerprints);
 *	near:  numbers * MINHASH_K signature bytes;
 *	fp:    u64 pairs, pairs * (u32 fingerprint, u32 paragraph number).
 * The LSH band index is rebuilt from the signatures at load, for the
 * threshold of the run.
 */

static unsigned
payload_flags(const struct dedupe *d)
{
	return (d->bloom ? PAYLOAD_BLOOM : 0) |
	    (d->near_index ? PAYLOAD_NEAR : 0) |
	    (d->fp_index ? PAYLOAD_FP : 0);
}

static const char *
describe(unsigned flags)
{
	switch (flags & (PAYLOAD_NEAR | PAYLOAD_FP)) {
	case 0: return "exact keys only";
	case PAYLOAD_NEAR: return "near-duplicate signatures";
	case PAYLOAD_FP: return "containment fingerprints";
	default: return "near-duplicate signatures and containment fingerprints";
	}
}

/* Index a loaded signature under the run's LSH bands. */
static void
index_bands(struct dedupe *d, uint32_t pid)
{
	const uint8_t *sig = d->sigs + (size_t)pid * MINHASH_K;

	for (int b = 0; b < d->bands; b++)
		imap_add(d->band_index, minhash_band(&d->mh, sig, b, d->rows), pid);
}

/* Switch to Bloom filtering with the filter 'b', moving exact keys into it. */
static void
become_bloom(struct dedupe *d, struct bloom *b)
{
	struct hkey k;
	size_t pos = 0;

	while (d->set && hset_next(d->set, &pos, &k))
		bloom_add(b, k);
	hset_free(d->set);
	d->set = NULL;
	d->bloom = b;
}

int
dedupe_load(struct dedupe *d, struct state *st)
{
	struct state_reader rd;
	unsigned flags;
	uint64_t n, i, base;
	int changed = d->changed;	/* what is loaded is not news */

	if (state_load(st, &rd) == 0)
		return 0;
	if (memcmp(state_seed(st), d->seed, STATE_SEED_SIZE) != 0) {
		warnx("state '%s' has another seed: only states grown from one "
		    "state (copies of one empty state) can be merged", state_path(st));
		return -1;
	}
	if (state_kind_version(st) != DEDUPE_VERSION) {
		warnx("state '%s' has dedupe format %u; this winnow reads %u",
		    state_path(st), state_kind_version(st), DEDUPE_VERSION);
		return -1;
	}
	flags = state_get_u32(&rd);
	if (state_get_u32(&rd) != MINHASH_K ||
	    state_get_u32(&rd) != MINHASH_SHINGLE ||
	    state_get_u32(&rd) != WINNOW_WINDOW)
		return rd.bad ? state_bad(st, "payload too short") :
		    state_bad(st, "unknown near-duplicate parameters");
	/*
	 * The indexes a state keeps are fixed when it is made: a run that
	 * does not query them still keeps them up to date.
	 */
	if (d->loads++ == 0) {
		d->near_index |= (flags & PAYLOAD_NEAR) != 0;
		d->fp_index |= (flags & PAYLOAD_FP) != 0;
	}
	if ((flags & (PAYLOAD_NEAR | PAYLOAD_FP)) != (payload_flags(d) &
	    (PAYLOAD_NEAR | PAYLOAD_FP))) {
		warnx("state '%s' keeps %s, but this run needs %s (a state keeps "
		    "the indexes it was made with)", state_path(st),
		    describe(flags), describe(payload_flags(d)));
		return -1;
	}
	d->records_before += state_get_u64(&rd);
	d->paragraphs_before += state_get_u64(&rd);

	if (flags & PAYLOAD_BLOOM) {
		uint64_t nblocks = state_get_u64(&rd), count = state_get_u64(&rd);
		const void *bits;
		struct bloom *b;

		if (nblocks == 0 || nblocks > SIZE_MAX / BLOOM_BLOCK_BYTES ||
		    (bits = state_get_bytes(&rd, nblocks * BLOOM_BLOCK_BYTES)) == NULL)
			return state_bad(st, "bad Bloom filter");
		b = bloom_from_bits(bits, nblocks, count);
		if (d->bloom != NULL && d->loads == 1 && bloom_count(d->bloom) == 0) {
			/* --memory with a Bloom state: the state's filter wins. */
			if (bloom_blocks(b) != bloom_blocks(d->bloom))
				warnx("--memory ignored: state '%s' holds a Bloom filter of %llu bytes",
				    state_path(st), (unsigned long long)nblocks * BLOOM_BLOCK_BYTES);
			bloom_free(d->bloom);
			d->bloom = b;
		} else if (d->bloom == NULL) {
			become_bloom(d, b);
		} else if (bloom_merge(d->bloom, b) < 0) {
			bloom_free(b);
			warnx("state '%s' has a Bloom filter of another size (%llu bytes, not %llu)",
			    state_path(st), (unsigned long long)nblocks * BLOOM_BLOCK_BYTES,
			    (unsigned long long)bloom_blocks(d->bloom) * BLOOM_BLOCK_BYTES);
			return -1;
		} else {
			bloom_free(b);
		}
	} else {
		n = state_get_u64(&rd);
		if (n > (uint64_t)(rd.end - rd.p) / 16)
			return state_bad(st, "key count beyond the end");
		if (d->set && hset_count(d->set) == 0) {
			hset_free(d->set);
			d->set = hset_new((size_t)n);
		}
		for (i = 0; i < n; i++) {
			struct hkey k;

			k.lo = state_get_u64(&rd);
			k.hi = state_get_u64(&rd);
			set_add(d, k);
		}
	}

	n = state_get_u64(&rd);
	base = d->nsig;
	if (n > UINT32_MAX - 1 - base)
		return state_bad(st, "too many paragraph numbers");
	if (flags & PAYLOAD_NEAR) {
		const void *sigs;

		if (n > SIZE_MAX / MINHASH_K ||
		    (sigs = state_get_bytes(&rd, n * MINHASH_K)) == NULL)
			return state_bad(st, "signatures beyond the end");
		if (n > 0) {	/* d->sigs may still be NULL */
			grow_sigs(d, base + n);
			memcpy(d->sigs + base * MINHASH_K, sigs, n * MINHASH_K);
		}
	}
	d->nsig = base + n;
	if (d->o.near > 0)
		for (i = base; i < d->nsig; i++)
			index_bands(d, (uint32_t)i);
	if (flags & PAYLOAD_FP) {
		uint64_t pairs = state_get_u64(&rd);

		if (pairs > (uint64_t)(rd.end - rd.p) / 8)
			return state_bad(st, "fingerprint count beyond the end");
		for (i = 0; i < pairs; i++) {
			uint32_t key = state_get_u32(&rd), val = state_get_u32(&rd);

			if (val >= n)
				return state_bad(st, "fingerprint of an unknown paragraph");
			imap_add(d->fp_index_map, key, (uint32_t)(val + base));
		}
	}
	if (rd.bad)
		return state_bad(st, "payload too short");
	if (rd.p != rd.end)
		return state_bad(st, "bytes after the payload");
	state_unload(st);
	d->changed = changed;
	return 0;
}

int
dedupe_save(struct dedupe *d, struct state *st)
{
	struct state_writer *w;
	uint64_t len = 4 * 4 + 8 * 2 + 8;
	size_t pos = 0;

	if (d->bloom)
		len += 16 + bloom_blocks(d->bloom) * BLOOM_BLOCK_BYTES;
	else
		len += 8 + (uint64_t)hset_count(d->set) * 16;
	if (d->near_index)
		len += (uint64_t)d->nsig * MINHASH_K;
	if (d->fp_index)
		len += 8 + (uint64_t)imap_count(d->fp_index_map) * 8;

	if ((w = state_save_begin(st, len, DEDUPE_VERSION)) == NULL)
		return -1;
	state_put_u32(w, payload_flags(d));
	state_put_u32(w, MINHASH_K);
	state_put_u32(w, MINHASH_SHINGLE);
	state_put_u32(w, WINNOW_WINDOW);
	state_put_u64(w, d->records_before + d->st.records);
	state_put_u64(w, d->paragraphs_before + d->st.paragraphs);
	if (d->bloom) {
		const uint64_t *bits = bloom_bits(d->bloom);

		state_put_u64(w, bloom_blocks(d->bloom));
		state_put_u64(w, bloom_count(d->bloom));
		for (uint64_t i = 0; i < bloom_blocks(d->bloom) * 8; i++)
			state_put_u64(w, bits[i]);
	} else {
		struct hkey k;

		state_put_u64(w, hset_count(d->set));
		while (hset_next(d->set, &pos, &k)) {
			state_put_u64(w, k.lo);
			state_put_u64(w, k.hi);
		}
	}
	state_put_u64(w, d->nsig);
	if (d->near_index)
		state_put(w, d->sigs, d->nsig * MINHASH_K);
	if (d->fp_index) {
		uint32_t key, val;

		pos = 0;
		state_put_u64(w, imap_count(d->fp_index_map));
		while (imap_next(d->fp_index_map, &pos, &key, &val)) {
			state_put_u32(w, key);
			state_put_u32(w, val);
		}
	}
	return state_save_commit(w);
}

void
dedupe_stats(const struct dedupe *d, struct dedupe_stats *s)
{
	*s = d->st;
	s->bloom = d->bloom != NULL;
	if (d->bloom) {
		s->distinct = bloom_count(d->bloom);
		s->bytes = bloom_bytes(d->bloom);
		s->bloom_fpr = bloom_fpr(d->bloom, s->distinct);
		s->bloom_capacity = bloom_capacity(d->bloom, 1e-4);
	} else {
		s->distinct = hset_count(d->set);
		s->bytes = hset_bytes(d->set);
	}
	if (d->near_index)
		s->bytes += d->capsig;
	if (d->near_index || d->fp_index)
		s->bytes += imap_bytes(d->band_index) + imap_bytes(d->fp_index_map);
	s->bands = d->o.near > 0 ? d->bands : 0;
	s->rows = d->o.near > 0 ? d->rows : 0;
}

int
dedupe_changed(const struct dedupe *d)
{
	return d->changed;
}

/* Whether 'a' and 'b' name one existing file. */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
dedupe_merge_files(char *const *inputs, int n, const char *output,
    double wait, struct dedupe_stats *stats)
{
	static const struct dedupe_opts none;
	unsigned char seed[STATE_SEED_SIZE];
	struct state *out = NULL;
	struct dedupe *d = NULL;
	int rc, i;

	if ((rc = state_open(&out, output, DEDUPE_KIND, 0, wait)) != STATE_OK)
		return rc;
	for (i = 0; i < n; i++) {
		struct state *in = out;

		/* The output may be one of the inputs: it is open already. */
		if (strcmp(output, "-") == 0 || !same_file(inputs[i], output)) {
			rc = state_open(&in, inputs[i], DEDUPE_KIND,
			    STATE_READ_ONLY | STATE_MUST_EXIST, wait);
			if (rc != STATE_OK)
				goto done;
		}
		if (d == NULL) {
			memcpy(seed, state_seed(in), sizeof seed);
			d = dedupe_new(&none, seed);
		}
		rc = dedupe_load(d, in) < 0 ? STATE_BAD : STATE_OK;
		if (in != out)
			state_close(in);
		if (rc != STATE_OK)
			goto done;
	}
	if (d == NULL) {
		warnx("--merge needs at least one state to read");
		rc = STATE_IOERR;
		goto done;
	}
	if (state_set_seed(out, seed) < 0 || dedupe_save(d, out) < 0)
		rc = STATE_IOERR;
	else if (stats)
		dedupe_stats(d, stats);
done:
	dedupe_free(d);
	state_close(out);
	return rc;
}

static const char *const reasons[] = {
	[DEDUPE_EXACT] = "exact", [DEDUPE_NEAR] = "near",
	[DEDUPE_CONTAINED] = "contained", [DEDUPE_DOC] = "doc"
};

void
dedupe_removed_json(const struct dedupe_result *res, const char *text,
    const char *id, size_t idlen, struct buf *out)
{
	for (size_t i = 0; i < res->n; i++) {
		const struct dedupe_para *p = &res->p[i];

		if (p->verdict <= DEDUPE_KEEP)
			continue;
		buf_addstr(out, "{\"id\":");
		if (id != NULL && idlen > 0)
			buf_add(out, id, idlen);
		else
			buf_addstr(out, "null");
		buf_printf(out, ",\"para\":%zu,\"text\":", i);
		json_escape(text + p->start, p->len, out);
		buf_addstr(out, ",\"first\":");
		if (p->first)
			buf_add(out, p->first, p->first_len);
		else
			buf_addstr(out, "null");
		buf_printf(out, ",\"reason\":\"%s\"", reasons[p->verdict]);
		if (p->verdict == DEDUPE_NEAR || p->verdict == DEDUPE_CONTAINED)
			buf_printf(out, ",\"similarity\":%.2f", p->similarity);
		buf_addstr(out, "}\n");
	}
}

void
dedupe_describe(const struct dedupe *d, struct buf *b)
{
	struct dedupe_stats s;
	double mib = 1024.0 * 1024.0;

	dedupe_stats(d, &s);
	buf_printf(b, "%llu paragraphs (%llu judged); dropped %llu exact, %llu near, "
	    "%llu contained, and %llu records whole (with %llu other paragraphs)",
	    (unsigned long long)s.paragraphs, (unsigned long long)s.judged,
	    (unsigned long long)s.exact, (unsigned long long)s.near,
	    (unsigned long long)s.contained, (unsigned long long)s.docs,
	    (unsigned long long)s.doc_paragraphs);
	if (s.bands)
		buf_printf(b, "; LSH %d bands of %d rows for J >= %.2f", s.bands,
		    s.rows, d->o.near);
	buf_printf(b, "; %llu distinct paragraphs remembered in %.1f %s (%.1f bytes each)",
	    (unsigned long long)s.distinct,
	    s.bytes >= 10 * mib ? (double)s.bytes / mib : (double)s.bytes / 1024,
	    s.bytes >= 10 * mib ? "MiB" : "KiB",
	    s.distinct ? (double)s.bytes / (double)s.distinct : 0.0);
	if (s.bloom)
		buf_printf(b, "; Bloom filter: expected false-positive rate %.2g now, "
		    "1e-4 up to %llu paragraphs", s.bloom_fpr,
		    (unsigned long long)s.bloom_capacity);
}
