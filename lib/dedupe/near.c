/*
 * near: near duplicates (MinHash signatures, LSH buckets) and paragraphs
 * contained in others (winnowing fingerprints), within a record and
 * against what is remembered.
 */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "dedupe/internal.h"

/* Shingles of paragraph 'i' into d->s.sh; returns their number. */
static size_t
shingle(struct dedupe *d, const struct work *w)
{
	const char *s = d->s.keys.data + w->key;
	size_t n = 0, i = 0;

	d->s.cps = xreserve(d->s.cps, &d->s.capcps, w->keylen + 1,
	    sizeof *d->s.cps);
	while (i < w->keylen)
		d->s.cps[n++] = (uint32_t)utf8_next(s, w->keylen, &i);
	d->s.sh = xreserve(d->s.sh, &d->s.capsh, n + 1, sizeof *d->s.sh);
	return minhash_shingles(&d->mh, d->s.cps, n, d->s.sh);
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
	size_t nb = shingle(d, &d->s.work[b]), na, in = 0;

	/* b's shingles, sorted, in a buffer of their own; then a's. */
	d->s.sh2 = xreserve(d->s.sh2, &d->s.capsh2, nb + 1, sizeof *d->s.sh2);
	memcpy(d->s.sh2, d->s.sh, nb * sizeof *d->s.sh);
	qsort(d->s.sh2, nb, sizeof *d->s.sh2, cmp_u64);
	na = shingle(d, &d->s.work[a]);
	for (size_t i = 0; i < na; i++)
		in += bsearch(&d->s.sh[i], d->s.sh2, nb, sizeof *d->s.sh2, cmp_u64) != NULL;
	return na ? (double)in / (double)na : 0;
}

/* Signatures and fingerprints of the judged paragraphs. */
void
near_sketch(struct dedupe *d, const struct dedupe_result *res)
{
	if (!d->near_index && !d->fp_index)
		return;
	if (d->near_index)
		d->s.lsigs = xreserve(d->s.lsigs, &d->s.caplsigs,
		    res->n * MINHASH_SIG + 1, 1);
	if (d->bands > 0)
		d->s.lbands = xreserve(d->s.lbands, &d->s.caplbands,
		    res->n * (size_t)d->bands + 1, sizeof *d->s.lbands);
	for (size_t i = 0; i < res->n; i++) {
		struct work *w = &d->s.work[i];
		size_t nsh;

		if (!w->judged)
			continue;
		nsh = shingle(d, w);
		if (d->near_index) {
			minhash_mins(&d->mh, d->s.sh, nsh, d->s.mins);
			minhash_sig(d->s.mins, d->s.lsigs + i * MINHASH_SIG);
			for (int b = 0; b < d->bands; b++)
				d->s.lbands[i * (size_t)d->bands + (size_t)b] =
				    minhash_band(&d->mh, d->s.mins, b, d->rows);
		}
		if (d->fp_index) {
			d->s.fps = xreserve(d->s.fps, &d->s.capfps,
			    d->s.nfps + nsh + 1, sizeof *d->s.fps);
			w->fp = d->s.nfps;
			w->nfp = minhash_winnow(d->s.sh, nsh, WINNOW_WINDOW,
			    d->s.fps + d->s.nfps);
			d->s.nfps += w->nfp;
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
	const struct dedupe_para *p = d->s.paras;
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
	struct work *w = &d->s.work[i];
	const char *k = d->s.keys.data + w->key;

	if (!w->judged || res->n > 512)
		return;
	for (size_t b = 0; b < res->n; b++) {
		const struct work *o = &d->s.work[b];

		if (b == i || !may_contain(d, i, b) || o->keylen <= w->keylen)
			continue;
		if (memmem(d->s.keys.data + o->key, o->keylen, k, w->keylen)) {
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
void
near_find_contained(struct dedupe *d, const struct dedupe_result *res,
    double threshold)
{
	uint32_t vals[COMMON_FP + 1];
	size_t i, j, k;

	imap_clear(d->s.local_fps);
	for (i = 0; i < res->n; i++)
		for (j = 0; j < d->s.work[i].nfp; j++)
			imap_add(d->s.local_fps, d->s.fps[d->s.work[i].fp + j], (uint32_t)i);
	d->s.counts = xreserve(d->s.counts, &d->s.capcounts, res->n + 1,
	    sizeof *d->s.counts);
	memset(d->s.counts, 0, res->n * sizeof *d->s.counts);
	d->s.cand = xreserve(d->s.cand, &d->s.capcand, res->n + 1,
	    sizeof *d->s.cand);

	for (i = 0; i < res->n; i++) {
		struct work *w = &d->s.work[i];
		size_t ncand = 0, best = SIZE_MAX;

		if (w->nfp < MIN_FPS) {
			contained_verbatim(d, res, i);
			continue;
		}
		for (j = 0; j < w->nfp; j++) {
			size_t n = imap_get(d->s.local_fps, d->s.fps[w->fp + j], vals,
			    COMMON_FP + 1);

			if (n > COMMON_FP)
				continue;	/* a boilerplate phrase, not evidence */
			for (k = 0; k < n; k++) {
				size_t b = vals[k];

				if (b == i || !may_contain(d, i, b))
					continue;
				if (d->s.counts[b]++ == 0)
					d->s.cand[ncand++] = (uint32_t)b;
			}
		}
		for (k = 0; k < ncand; k++) {
			size_t b = d->s.cand[k];

			if (best == SIZE_MAX || d->s.counts[b] > d->s.counts[best])
				best = b;
		}
		/*
		 * Fingerprints only sample; both texts are here, so the
		 * verdict is the share of the paragraph's shingles found in
		 * the other (a subhead made of the body's phrases shares a few
		 * fingerprints, not most of its shingles).
		 */
		if (best != SIZE_MAX &&
		    d->s.counts[best] >= threshold * (double)w->nfp) {
			double c = shingle_containment(d, i, best);

			if (c >= threshold) {
				w->container = (long)best;
				w->contained_sim = c;
			}
		}
		for (k = 0; k < ncand; k++)
			d->s.counts[d->s.cand[k]] = 0;
	}
}

/* Whether candidate 'pid' was checked already for this paragraph. */
static int
checked(struct dedupe *d, uint32_t pid)
{
	uint32_t h = (pid * 0x9E3779B1u) >> (32 - CHECKED_BITS);

	while (d->s.checked[h].stamp == d->s.stamp) {
		if (d->s.checked[h].pid == pid)
			return 1;
		h = (h + 1) & ((1u << CHECKED_BITS) - 1);
	}
	d->s.checked[h].stamp = d->s.stamp;
	d->s.checked[h].pid = pid;
	return 0;
}

static void
new_stamp(struct dedupe *d)
{
	if (++d->s.stamp == 0) {
		memset(d->s.checked, 0, sizeof d->s.checked);
		d->s.stamp = 1;
	}
}

/*
 * A remembered paragraph sharing an LSH bucket with paragraph 'i' and
 * similar enough, or -1.  Each candidate is checked once (a small table
 * stamped per call, never cleared); the first that passes wins.  A bucket
 * gives at most BAND_CAP candidates, and a few whose tag matched by
 * chance, which their band keys tell apart.
 */
long
near_match(struct dedupe *d, size_t i, double *sim)
{
	const uint8_t *sig = d->s.lsigs + i * MINHASH_SIG;
	const uint32_t *keys = d->s.lbands + i * (size_t)d->bands;
	const struct ptab *t = d->pt;

	if (t == NULL || t->bands == 0)
		return -1;
	new_stamp(d);
	for (int b = 0; b < d->bands; b++) {
		struct tidx_it it;
		uint32_t v;

		ptab_band_find(t, b, keys[b], &it);
		while (tidx_next(&t->band_idx[b], &it, &v))
			if (t->bkeys[v * (size_t)t->bands + (size_t)b] == keys[b] &&
			    !checked(d, v) && minhash_similar(sig,
			    t->sigs + (size_t)v * MINHASH_SIG, d->o.near, sim))
				return v;
	}
	return -1;
}

/* The same within the record: an earlier paragraph of it, or -1. */
long
near_match_local(struct dedupe *d, size_t i, double *sim)
{
	const uint8_t *sig = d->s.lsigs + i * MINHASH_SIG;
	const uint32_t *keys = d->s.lbands + i * (size_t)d->bands;
	uint32_t vals[BAND_CAP];

	new_stamp(d);
	for (int b = 0; b < d->bands; b++) {
		size_t n = imap_get(d->s.local_bands, keys[b], vals, BAND_CAP);

		for (size_t v = 0; v < n; v++)
			if (!checked(d, vals[v]) && minhash_similar(sig,
			    d->s.lsigs + (size_t)vals[v] * MINHASH_SIG, d->o.near, sim))
				return vals[v];
	}
	return -1;
}

/*
 * The remembered paragraph holding most of the fingerprints of 'w', when
 * it holds at least 'threshold' of them; else -1.  Votes are counted in a
 * small open-addressing table (at most FP_CAP per fingerprint).
 */
long
near_contained_match(struct dedupe *d, const struct work *w,
    double threshold, double *sim)
{
	const struct ptab *t = d->pt;
	size_t size = 16, i, best_n = 0;
	long best = -1;

	if (w->nfp < MIN_FPS_STREAM || t == NULL || !t->fps)
		return -1;
	while (size < w->nfp * FP_CAP * 2)
		size *= 2;
	d->s.cand = xreserve(d->s.cand, &d->s.capcand, 2 * size,
	    sizeof *d->s.cand);
	memset(d->s.cand, 0, 2 * size * sizeof *d->s.cand);
	for (i = 0; i < w->nfp; i++) {
		uint32_t vals[FP_CAP];
		size_t nv = imap_get(t->fp_map, d->s.fps[w->fp + i], vals, FP_CAP);

		for (size_t k = 0; k < nv; k++) {
			uint32_t v = vals[k];
			/* Slot: (paragraph + 1, votes); paragraph 0 is empty. */
			size_t h = (v * 0x9E3779B1u) & (size - 1);

			while (d->s.cand[2 * h] != 0 && d->s.cand[2 * h] != v + 1)
				h = (h + 1) & (size - 1);
			d->s.cand[2 * h] = v + 1;
			if (++d->s.cand[2 * h + 1] > best_n) {
				best_n = d->s.cand[2 * h + 1];
				best = v;
			}
		}
	}
	*sim = (double)best_n / (double)w->nfp;
	return *sim >= threshold ? best : -1;
}
