/*
 * dedupe: the judge — a record's paragraphs split and keyed, each given its
 * verdict (exact, near, contained, or kept), the record dropped whole when
 * it is mostly duplicate, what it keeps remembered, and its text rebuilt.
 */
#include <stdlib.h>
#include <string.h>

#include "core/jsonw.h"
#include "core/parakey.h"
#include "core/util.h"
#include "dedupe/internal.h"

/*
 * Engine.
 */

/* Scratch buffers are allocated by the first records that need them. */
static void
scratch_free(struct scratch *s)
{
	free(s->paras);
	free(s->work);
	buf_release(&s->keys);
	free(s->cps);
	free(s->sh);
	free(s->sh2);
	free(s->lsigs);
	free(s->lbands);
	free(s->fps);
	free(s->counts);
	free(s->cand);
	hset_free(s->local_set);
	imap_free(s->local_bands);
	imap_free(s->local_fps);
}

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
		d->made_for = o->near;
		d->near_index = 1;
	}
	d->fp_index = o->contained;
	if (d->near_index || d->fp_index)
		dedupe_use_ptab(d, d->bands, d->rows, o->near);
	else if (o->memory > 0)
		d->bloom = bloom_new(o->memory);
	else
		d->set = hset_new(0);
	d->s.local_set = hset_new(0);
	d->s.local_bands = imap_new(BAND_CAP);
	d->s.local_fps = imap_new(COMMON_FP + 1);
	if (o->origins)
		d->origins = origins_new();
	return d;
}

void
dedupe_free(struct dedupe *d)
{
	if (d == NULL)
		return;
	hset_free(d->set);
	bloom_free(d->bloom);
	ptab_free(d->pt);
	free(d->pt);
	origins_free(d->origins);
	scratch_free(&d->s);
	free(d);
}

void
dedupe_use_ptab(struct dedupe *d, int bands, int rows, double made_for)
{
	hset_free(d->set);
	d->set = NULL;
	bloom_free(d->bloom);
	d->bloom = NULL;
	if (d->pt)
		ptab_free(d->pt);
	else
		d->pt = xmalloc(sizeof *d->pt);
	d->bands = bands;
	d->rows = rows;
	d->made_for = made_for;
	d->near_index = bands > 0;
	ptab_init(d->pt, bands, rows, d->fp_index);
	if (d->o.memory > 0)
		ptab_limit(d->pt, d->o.memory);
}

int
dedupe_remember(struct dedupe *d, struct hkey k, const uint8_t *sig,
    const uint32_t *bkeys, const uint32_t *fps, size_t nfp)
{
	int rc;

	if (d->pt == NULL) {
		rc = d->bloom ? bloom_add(d->bloom, k) : hset_add(d->set, k);
	} else {
		if (ptab_find(d->pt, k) >= 0)
			return 0;
		rc = ptab_add(d->pt, k, sig, bkeys, fps, nfp);
	}
	if (rc > 0)
		d->changed = 1;
	return rc;
}

/* Split 'text' into paragraphs and compute what each needs. */
static void
prepare(struct dedupe *d, const char *text, size_t len, struct dedupe_result *res)
{
	size_t pos = 0;

	res->n = 0;
	buf_reset(&d->s.keys);
	d->s.nfps = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		struct dedupe_para *p;
		struct work *w;
		int blank;
		size_t key0 = d->s.keys.len, weight;

		weight = para_key(text + pos, end - pos, &d->s.keys, &blank);
		if (blank) {
			pos = end + 1;
			continue;
		}
		d->s.paras = xreserve(d->s.paras, &d->s.cappara, res->n + 1,
		    sizeof *d->s.paras);
		d->s.work = xreserve(d->s.work, &d->s.capwork, res->n + 1,
		    sizeof *d->s.work);
		p = &d->s.paras[res->n];
		w = &d->s.work[res->n];
		memset(p, 0, sizeof *p);
		memset(w, 0, sizeof *w);
		p->start = pos;
		p->len = end - pos;
		p->weight = weight;
		p->verdict = DEDUPE_SHORT;
		w->key = key0;
		w->keylen = d->s.keys.len - key0;
		w->container = -1;
		w->judged = weight >= d->o.min_chars && w->keylen > 0;
		if (w->judged) {
			XXH128_hash_t h = XXH3_128bits_withSecret(d->s.keys.data + key0,
			    w->keylen, d->secret, sizeof d->secret);

			w->h.lo = h.low64;
			w->h.hi = h.high64;
			/* The record's lookups then overlap their waits. */
			if (d->set)
				hset_prefetch(d->set, w->h);
			else if (d->pt)
				ptab_prefetch(d->pt, w->h);
		}
		res->n++;
		pos = end + 1;
	}
	res->p = d->s.paras;
}

/* Start loading what paragraph 'i' will look up, so the waits overlap. */
static void
prefetch(const struct dedupe *d, const struct dedupe_result *res, size_t i)
{
	const struct work *w;

	if (i >= res->n || !(w = &d->s.work[i])->judged || d->pt == NULL)
		return;
	for (int b = 0; b < d->pt->bands; b++)
		ptab_band_prefetch(d->pt, b, d->s.lbands[i * (size_t)d->bands + (size_t)b]);
	for (size_t j = 0; j < w->nfp; j++)
		imap_prefetch(d->pt->fp_map, d->s.fps[w->fp + j]);
}

static void
judge(struct dedupe *d, struct dedupe_result *res)
{
	double cthreshold = d->o.near > 0 ? d->o.near : 1.0;

	hset_clear(d->s.local_set);
	imap_clear(d->s.local_bands);
	if (d->o.contained)
		near_find_contained(d, res, cthreshold);
	prefetch(d, res, 0);

	for (size_t i = 0; i < res->n; i++) {
		struct dedupe_para *p = &d->s.paras[i];
		struct work *w = &d->s.work[i];
		double sim;
		long m;

		prefetch(d, res, i + 1);
		if (!w->judged)
			continue;
		d->st.judged++;
		p->verdict = DEDUPE_KEEP;
		if (dedupe_set_has(d, w->h)) {
			p->verdict = DEDUPE_EXACT;
			origins_get(d->origins, w->h.lo, p);
		} else if (hset_has(d->s.local_set, w->h)) {
			p->verdict = DEDUPE_EXACT;
			origins_self(d->origins, d->ord, p);
		} else if (d->o.near > 0 && (m = near_match(d, i, &sim)) >= 0) {
			p->verdict = DEDUPE_NEAR;
			p->similarity = sim;
			origins_get(d->origins, pid_tag((uint32_t)m), p);
		} else if (d->o.near > 0 && near_match_local(d, i, &sim) >= 0) {
			p->verdict = DEDUPE_NEAR;
			p->similarity = sim;
			origins_self(d->origins, d->ord, p);
		} else if (w->container >= 0) {
			p->verdict = DEDUPE_CONTAINED;
			p->similarity = w->contained_sim;
			origins_self(d->origins, d->ord, p);
		} else if (d->o.contained &&
		    (m = near_contained_match(d, w, cthreshold, &sim)) >= 0) {
			p->verdict = DEDUPE_CONTAINED;
			p->similarity = sim;
			origins_get(d->origins, pid_tag((uint32_t)m), p);
		}
		if (p->verdict != DEDUPE_KEEP)
			res->dropped++;
		/* Later paragraphs are compared with this one, kept or not. */
		if (hset_add(d->s.local_set, w->h))
			for (int b = 0; b < d->bands; b++)
				imap_add(d->s.local_bands,
				    d->s.lbands[i * (size_t)d->bands + (size_t)b], (uint32_t)i);
	}
}

/*
 * Remember every judged paragraph of a kept record, kept or dropped: what
 * is remembered after some records then depends on nothing but those
 * records, so the states of consecutive shards, loaded in order, hold what
 * one run over them holds (exact mode remembered only kept paragraphs,
 * which is the same thing there: a dropped one's key is known already).
 */
static void
commit(struct dedupe *d, struct dedupe_result *res)
{
	prefetch(d, res, 0);
	for (size_t i = 0; i < res->n; i++) {
		struct work *w = &d->s.work[i];
		int rc;

		prefetch(d, res, i + 1);
		if (!w->judged)
			continue;
		/* No arithmetic on the arrays a mode leaves NULL. */
		rc = dedupe_remember(d, w->h, d->near_index ?
		    d->s.lsigs + i * MINHASH_SIG : NULL, d->bands > 0 ?
		    d->s.lbands + i * (size_t)d->bands : NULL,
		    d->fp_index ? d->s.fps + w->fp : NULL, w->nfp);
		if (rc <= 0)
			continue;
		origins_put(d->origins, w->h.lo, d->ord);
		if (d->pt)
			origins_put(d->origins, pid_tag((uint32_t)(d->pt->n - 1)),
			    d->ord);
	}
}

void
dedupe_record(struct dedupe *d, const char *text, size_t len, const char *id,
    size_t idlen, struct dedupe_result *res)
{
	uint64_t dup = 0, total = 0;

	d->ord++;
	d->st.records++;
	origins_remember(d->origins, d->ord, id, idlen);
	memset(res, 0, sizeof *res);
	prepare(d, text, len, res);
	d->st.paragraphs += res->n;
	near_sketch(d, res);
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
	} else if (d->pt) {
		s->distinct = d->pt->n;
		s->bytes = ptab_bytes(d->pt);
		s->full = d->pt->full;
		s->capacity = d->pt->max;
	} else {
		s->distinct = hset_count(d->set);
		s->bytes = hset_bytes(d->set);
	}
	s->bands = d->o.near > 0 ? d->bands : 0;
	s->rows = d->o.near > 0 ? d->rows : 0;
}

int
dedupe_changed(const struct dedupe *d)
{
	return d->changed;
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
		struct jsonw w;

		if (p->verdict <= DEDUPE_KEEP)
			continue;
		jsonw_init(&w, out);
		jsonw_begin_object(&w);
		jsonw_name(&w, "id");
		if (id != NULL && idlen > 0)
			jsonw_raw(&w, id, idlen);
		else
			jsonw_null(&w);
		jsonw_name(&w, "para");
		jsonw_uint(&w, i);
		jsonw_name(&w, "text");
		jsonw_string(&w, text + p->start, p->len);
		jsonw_name(&w, "first");
		if (p->first)
			jsonw_raw(&w, p->first, p->first_len);
		else
			jsonw_null(&w);
		jsonw_name(&w, "reason");
		jsonw_str(&w, reasons[p->verdict]);
		if (p->verdict == DEDUPE_NEAR || p->verdict == DEDUPE_CONTAINED) {
			jsonw_name(&w, "similarity");
			jsonw_printf(&w, "%.2f", p->similarity);
		}
		jsonw_end_object(&w);
		buf_addc(out, '\n');
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
