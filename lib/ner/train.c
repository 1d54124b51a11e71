/* ner train: the structured averaged perceptron that makes a model. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/util.h"
#include "ner/internal.h"

/* The feature map: 64-bit feature hashes to dense ids. */

struct fmap {
	uint64_t *key;		/* slot: key + 1, 0 when free */
	uint32_t *id;
	size_t cap, n;
	uint64_t *keys;		/* by id */
	uint32_t *count;
	size_t kcap;
};

static inline size_t
fslot(uint64_t k, size_t mask)
{
	return (size_t)(k ^ (k >> 29)) & mask;
}

static uint32_t
fmap_id(struct fmap *m, uint64_t k)
{
	size_t i, mask;

	if ((m->n + 1) * 2 > m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 1 << 16, j;
		uint64_t *nk = xcalloc(ncap, sizeof *nk);
		uint32_t *ni = xmalloc(ncap * sizeof *ni);

		for (i = 0; i < m->cap; i++) {
			if (!m->key[i])
				continue;
			for (j = fslot(m->key[i] - 1, ncap - 1); nk[j];
			    j = (j + 1) & (ncap - 1))
				;
			nk[j] = m->key[i];
			ni[j] = m->id[i];
		}
		free(m->key);
		free(m->id);
		m->key = nk;
		m->id = ni;
		m->cap = ncap;
	}
	mask = m->cap - 1;
	for (i = fslot(k, mask); m->key[i]; i = (i + 1) & mask)
		if (m->key[i] == k + 1) {
			m->count[m->id[i]]++;
			return m->id[i];
		}
	if (m->n == m->kcap) {
		m->keys = xreserve(m->keys, &m->kcap, m->n + 1, sizeof *m->keys);
		m->count = xreallocarray(m->count, m->kcap, sizeof *m->count);
	}
	m->key[i] = k + 1;
	m->id[i] = (uint32_t)m->n;
	m->keys[m->n] = k;
	m->count[m->n] = 1;
	return (uint32_t)m->n++;
}

static void
fmap_release(struct fmap *m)
{
	free(m->key);
	free(m->id);
	free(m->keys);
	free(m->count);
}

/* splitmix64: the project's seeded order, the same on every platform */
static uint64_t
rnd(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
nertrain_shuffle(size_t *v, size_t n, uint64_t *state)
{
	size_t i, j, t;

	for (i = n; i > 1; i--) {
		j = (size_t)(rnd(state) % i);
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static struct gaz *
gaz_copy(const struct gaz *g)
{
	struct gaz *c = gaz_new();
	struct buf b = BUF_INIT;

	if (g) {
		gaz_write(g, &b);
		gaz_read(c, (const unsigned char *)b.data, b.len);
	}
	buf_release(&b);
	return c;
}

/* Names from training sentences: persons, places and organizations. */
#define SURFACE_TYPES (1u << NER_PS | 1u << NER_LC | 1u << NER_OG)

static void
gaz_add_surfaces(struct gaz *g, const struct nersent *s)
{
	struct ner_spans sp = NER_SPANS_INIT;
	size_t i;

	nercorpus_spans(s, &sp);
	for (i = 0; i < sp.n; i++)
		if ((SURFACE_TYPES & (1u << sp.v[i].type)) &&
		    sp.v[i].end - sp.v[i].start >= 2)
			gaz_add(g, s->text + sp.v[i].bstart,
			    sp.v[i].bend - sp.v[i].bstart, 1u << sp.v[i].type);
	ner_spans_release(&sp);
}

/* A training sentence as feature ids. */
struct tsent {
	const struct nersent *s;
	uint32_t *fid;
	size_t *off;		/* n + 1 */
};

static void
featurize(const struct nercorpus *c, const struct nersent *s,
    const struct gaz *g, struct nerfeat_doc *d, struct fmap *fm,
    struct tsent *t)
{
	size_t i;

	if (c->lang == NER_KO)
		nerfeat_units(d, NER_KO, s->text, s->len);
	else
		nerfeat_set_units(d, s->text, s->len, s->ub, s->ue, s->n);
	nerfeat_compute(d, c->lang, s->text, s->len, g);
	t->s = s;
	t->fid = xmalloc((d->off[d->n] + 1) * sizeof *t->fid);
	t->off = xmalloc((d->n + 1) * sizeof *t->off);
	for (i = 0; i < d->off[d->n]; i++)
		t->fid[i] = fmap_id(fm, d->feat[i]);
	memcpy(t->off, d->off, (d->n + 1) * sizeof *t->off);
}

struct percep {
	size_t nid;
	int32_t *w;		/* nid * NER_NTAGS */
	int64_t *u;		/* sum of step * change, for the average */
	int32_t trans[NER_NTAGS * NER_NTAGS], start[NER_NTAGS];
	int64_t utrans[NER_NTAGS * NER_NTAGS], ustart[NER_NTAGS];
	int64_t step;
	const uint32_t *count;
	uint32_t min_count;
};

static inline void
bump(struct percep *p, uint32_t id, int tag, int d)
{
	size_t k = (size_t)id * NER_NTAGS + (size_t)tag;

	p->w[k] += d;
	p->u[k] += p->step * d;
}

/* One sentence: decode, then move toward the gold tags.  1 if wrong. */
static int
learn(struct percep *p, const struct tsent *t, int32_t *emit, uint8_t *pred,
    uint8_t *back)
{
	const struct nersent *s = t->s;
	size_t i, k, wrong = 0;
	int tag, g, q;

	for (i = 0; i < s->n; i++) {
		int64_t sum[NER_NTAGS] = { 0 };

		for (k = t->off[i]; k < t->off[i + 1]; k++) {
			const int32_t *w;

			if (p->count[t->fid[k]] < p->min_count)
				continue;
			w = p->w + (size_t)t->fid[k] * NER_NTAGS;
			for (tag = 0; tag < NER_NTAGS; tag++)
				sum[tag] += w[tag];
		}
		/* far beyond what training reaches; keeps Viterbi in range */
		for (tag = 0; tag < NER_NTAGS; tag++)
			emit[i * NER_NTAGS + tag] = sum[tag] > (1 << 24) ?
			    1 << 24 : sum[tag] < -(1 << 24) ? -(1 << 24) :
			    (int32_t)sum[tag];
	}
	ner_viterbi(emit, s->n, p->trans, p->start, pred, back);
	for (i = 0; i < s->n; i++) {
		g = s->gold[i];
		q = pred[i];
		if (g != q) {
			wrong = 1;
			for (k = t->off[i]; k < t->off[i + 1]; k++) {
				if (p->count[t->fid[k]] < p->min_count)
					continue;
				bump(p, t->fid[k], g, 1);
				bump(p, t->fid[k], q, -1);
			}
		}
		if (i == 0) {
			if (g != q) {
				p->start[g]++;
				p->ustart[g] += p->step;
				p->start[q]--;
				p->ustart[q] -= p->step;
			}
		} else if (g != q || s->gold[i - 1] != pred[i - 1]) {
			size_t a = (size_t)s->gold[i - 1] * NER_NTAGS + (size_t)g;
			size_t b = (size_t)pred[i - 1] * NER_NTAGS + (size_t)q;

			p->trans[a]++;
			p->utrans[a] += p->step;
			p->trans[b]--;
			p->utrans[b] -= p->step;
		}
	}
	p->step++;
	return (int)wrong;
}

static float
average(int32_t w, int64_t u, int64_t step)
{
	return (float)((double)w - (double)u / (double)step);
}

static int
cmp_row(const void *a, const void *b)
{
	const struct nermodel_row *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

int
nertrain(const struct nercorpus *c, const size_t *idx, size_t n,
    const struct nertrain_opts *o, struct buf *out)
{
	struct gaz *half[2], *all;
	struct nerfeat_doc d = NERFEAT_DOC_INIT;
	struct fmap fm = { 0 };
	struct tsent *ts = xcalloc(n ? n : 1, sizeof *ts);
	struct percep p = { 0 };
	struct nermodel_row *rows;
	size_t i, j, maxn = 1, nrows = 0, *order = xmalloc((n + 1) *
	    sizeof *order), kept;
	float trans[NER_NTAGS * NER_NTAGS], start[NER_NTAGS];
	int32_t *emit;
	uint8_t *pred, *back;
	uint64_t state = o->seed;
	int e, tag, rc = 0;
	struct buf note = BUF_INIT;
	clock_t t0 = clock();

	/* jackknife: each half sees the names of the other half */
	half[0] = gaz_copy(o->gaz);
	half[1] = gaz_copy(o->gaz);
	all = gaz_copy(o->gaz);
	for (i = 0; i < n; i++) {
		gaz_add_surfaces(half[1 - i % 2], &c->s[idx[i]]);
		gaz_add_surfaces(all, &c->s[idx[i]]);
	}
	for (i = 0; i < n; i++) {
		featurize(c, &c->s[idx[i]], half[i % 2], &d, &fm, &ts[i]);
		if (c->s[idx[i]].n > maxn)
			maxn = c->s[idx[i]].n;
	}
	nerfeat_doc_release(&d);
	p.nid = fm.n;
	p.w = xcalloc(p.nid * NER_NTAGS + 1, sizeof *p.w);
	p.u = xcalloc(p.nid * NER_NTAGS + 1, sizeof *p.u);
	p.count = fm.count;
	p.min_count = (uint32_t)(o->min_count > 1 ? o->min_count : 1);
	p.step = 1;
	emit = xmalloc(maxn * NER_NTAGS * sizeof *emit);
	pred = xmalloc(maxn);
	back = xmalloc(maxn * NER_NTAGS);
	if (o->verbose)
		fprintf(stderr, "%s: %zu sentences, %zu features\n", progname,
		    n, fm.n);
	for (i = 0; i < n; i++)
		order[i] = i;
	for (e = 0; e < o->epochs; e++) {
		size_t wrong = 0;

		nertrain_shuffle(order, n, &state);
		for (i = 0; i < n; i++)
			wrong += (size_t)learn(&p, &ts[order[i]], emit, pred,
			    back);
		if (o->verbose)
			fprintf(stderr, "%s: epoch %d: %zu of %zu sentences "
			    "wrong (%.1fs)\n", progname, e + 1, wrong, n,
			    (double)(clock() - t0) / CLOCKS_PER_SEC);
	}

	rows = xmalloc((p.nid + 1) * sizeof *rows);
	for (i = 0; i < p.nid; i++) {
		int nz = 0;

		if (fm.count[i] < p.min_count)
			continue;
		rows[nrows].key = fm.keys[i];
		for (tag = 0; tag < NER_NTAGS; tag++) {
			j = i * NER_NTAGS + (size_t)tag;
			rows[nrows].w[tag] = average(p.w[j], p.u[j], p.step);
			nz |= rows[nrows].w[tag] != 0;
		}
		nrows += nz;
	}
	if (nrows > 1)
		qsort(rows, nrows, sizeof *rows, cmp_row);
	for (i = 0; i < NER_NTAGS * NER_NTAGS; i++)
		trans[i] = average(p.trans[i], p.utrans[i], p.step);
	for (i = 0; i < NER_NTAGS; i++)
		start[i] = average(p.start[i], p.ustart[i], p.step);
	buf_printf(&note, "sentences=%zu\nepochs=%d\nseed=%" PRIu64
	    "\nmin-count=%d\nfeatures=%zu\n%s", n, o->epochs, o->seed,
	    o->min_count, nrows, o->note ? o->note : "");
	{
		struct nermodel_spec spec = {
			c->lang, rows, nrows, trans, start, all, note.data,
			o->prune
		};

		kept = nermodel_write(&spec, out);
	}
	if (kept == (size_t)-1)
		rc = -1;
	else if (o->verbose)
		fprintf(stderr, "%s: %zu of %zu features kept, %zu bytes, "
		    "%zu names (%.1fs)\n", progname, kept, nrows, out->len,
		    gaz_count(all), (double)(clock() - t0) / CLOCKS_PER_SEC);

	buf_release(&note);
	free(rows);
	for (i = 0; i < n; i++) {
		free(ts[i].fid);
		free(ts[i].off);
	}
	free(ts);
	free(order);
	free(p.w);
	free(p.u);
	free(emit);
	free(pred);
	free(back);
	fmap_release(&fm);
	gaz_free(half[0]);
	gaz_free(half[1]);
	gaz_free(all);
	return rc;
}
