/* nertrain: corpora, the averaged perceptron, and entity-level scoring. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/utf8.h"
#include "core/util.h"
#include "ner/gaz.h"
#include "ner/ner.h"
#include "ner/nerfeat.h"
#include "ner/nermodel.h"
#include "ner/nertrain.h"

/* Corpora. */

struct nercorpus *
nercorpus_new(int lang)
{
	struct nercorpus *c = xcalloc(1, sizeof *c);

	c->lang = lang;
	return c;
}

void
nercorpus_free(struct nercorpus *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->s[i].text);
		free(c->s[i].ub);
		free(c->s[i].ue);
		free(c->s[i].gold);
	}
	free(c->s);
	free(c);
}

/* A sentence being read: its text, unit spans and tags. */
struct reading {
	struct buf text;
	size_t *ub, *ue;
	uint8_t *tag;
	size_t n, cap;
};

static void
reading_add(struct reading *r, const char *s, size_t len, int sep, int tag)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->ub = xrealloc(r->ub, r->cap * sizeof *r->ub);
		r->ue = xrealloc(r->ue, r->cap * sizeof *r->ue);
		r->tag = xrealloc(r->tag, r->cap);
	}
	if (sep && r->text.len)
		buf_addc(&r->text, ' ');
	r->ub[r->n] = r->text.len;
	buf_add(&r->text, s, len);
	r->ue[r->n] = r->text.len;
	r->tag[r->n++] = (uint8_t)tag;
}

/* Finish the sentence being read, if any: repair its BIO, store it. */
static void
reading_end(struct nercorpus *c, struct reading *r)
{
	struct nersent *s;
	size_t i, j;

	if (r->n == 0)
		return;
	/*
	 * The file's tags, read as B (starts a span) or I (goes on), become
	 * BIOES; an I that cannot go on (IOB1) starts a span.
	 */
	for (i = 0; i < r->n; i = j) {
		int t = r->tag[i], type;

		j = i + 1;
		if (t == NER_O)
			continue;
		type = NER_TAG_TYPE(t);
		while (j < r->n && r->tag[j] == NER_I(type))
			j++;
		c->types |= 1u << type;
		if (j == i + 1) {
			r->tag[i] = (uint8_t)NER_S(type);
			continue;
		}
		r->tag[i] = (uint8_t)NER_B(type);
		r->tag[j - 1] = (uint8_t)NER_E(type);
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->s = xrealloc(c->s, c->cap * sizeof *c->s);
	}
	s = &c->s[c->n++];
	s->text = xmemdup(r->text.data, r->text.len + 1);
	s->len = r->text.len;
	s->n = r->n;
	s->ub = xmemdup(r->ub, r->n * sizeof *r->ub);
	s->ue = xmemdup(r->ue, r->n * sizeof *r->ue);
	s->gold = xmemdup(r->tag, r->n);
	buf_reset(&r->text);
	r->n = 0;
}

/*
 * A tag such as "B-PER", "I-location", "S-ORG" or "O".  Returns the tag,
 * O for types we do not tag (MISC), -1 when it is not a tag at all.
 */
static int
parse_tag(const char *s, size_t len)
{
	int t;

	if (len == 1 && s[0] == 'O')
		return NER_O;
	if (len < 3 || s[1] != '-')
		return -1;
	t = ner_type_parse(s + 2, len - 2);
	switch (s[0]) {
	case 'B': case 'S': case 'U':
		return t < 0 ? NER_O : NER_B(t);
	case 'I': case 'E': case 'L':
		return t < 0 ? NER_O : NER_I(t);
	}
	return -1;
}

static int
is_index(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

long
nercorpus_read(struct nercorpus *c, const char *path, int format)
{
	FILE *fp;
	char *line = NULL, *f[16];
	size_t cap = 0, flen[16], nf, before = c->n;
	ssize_t len;
	unsigned long lineno = 0;
	struct reading r = { BUF_INIT, NULL, NULL, NULL, 0, 0 };
	const char *why = NULL;
	int tag;

	if (!(fp = fopen(path, "r"))) {
		warnp("cannot open corpus '%s'", path);
		return -1;
	}
	while ((len = getline(&line, &cap, fp)) >= 0) {
		char *p, *e;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (format == NERCORPUS_AUTO)
			format = len >= 2 && line[0] == '#' && line[1] == '#' ?
			    NERCORPUS_KLUE : NERCORPUS_CONLL;
		if (utf8_check(line, (size_t)len) != (size_t)len) {
			why = "invalid UTF-8";
			goto fail;
		}
		if (format == NERCORPUS_KLUE) {
			if (len >= 2 && line[0] == '#' && line[1] == '#')
				continue;
			if (len == 0) {
				reading_end(c, &r);
				continue;
			}
			e = strrchr(line, '\t');
			if (!e) {
				why = "expected CHAR<TAB>TAG";
				goto fail;
			}
			if ((tag = parse_tag(e + 1, strlen(e + 1))) < 0) {
				why = "bad tag";
				goto fail;
			}
			/* a lone tab before the tag is a tab character */
			if (e == line)
				reading_add(&r, " ", 1, 0, tag);
			else if (utf8_count(line, (size_t)(e - line)) != 1) {
				why = "expected one character per line";
				goto fail;
			} else
				reading_add(&r, line, (size_t)(e - line), 0, tag);
			continue;
		}
		/* CoNLL: fields split by tabs, or by spaces when there is none */
		for (nf = 0, p = line; *p && nf < 16;) {
			int sep = strchr(line, '\t') ? '\t' : ' ';

			while (sep == ' ' && *p == ' ')
				p++;
			if (!*p)
				break;
			e = strchr(p, sep);
			if (!e)
				e = p + strlen(p);
			f[nf] = p;
			flen[nf++] = (size_t)(e - p);
			p = *e ? e + 1 : e;
		}
		while (nf > 0 && flen[nf - 1] == 0)
			nf--;
		if (nf == 0) {
			reading_end(c, &r);
			continue;
		}
		if (line[0] == '#')
			continue;
		if (nf < 2) {
			why = "expected TOKEN ... TAG";
			goto fail;
		}
		if ((tag = parse_tag(f[nf - 1], flen[nf - 1])) < 0) {
			why = "bad tag";
			goto fail;
		}
		p = nf >= 3 && is_index(f[0], flen[0]) ? f[1] : f[0];
		nf = p == f[1] ? flen[1] : flen[0];
		if (nf == 10 && memcmp(p, "-DOCSTART-", 10) == 0)
			continue;
		reading_add(&r, p, nf, 1, tag);
	}
	if (ferror(fp)) {
		warnp("cannot read corpus '%s'", path);
		goto fail_quiet;
	}
	reading_end(c, &r);
	free(line);
	fclose(fp);
	buf_release(&r.text);
	free(r.ub);
	free(r.ue);
	free(r.tag);
	return (long)(c->n - before);
fail:
	warnx("%s:%lu: %s", path, lineno, why);
fail_quiet:
	free(line);
	fclose(fp);
	buf_release(&r.text);
	free(r.ub);
	free(r.ue);
	free(r.tag);
	return -1;
}

void
nercorpus_spans(const struct nersent *s, struct ner_spans *out)
{
	struct utf8_pos pos = UTF8_POS_INIT;
	size_t i, j, cs;

	out->n = 0;
	for (i = 0; i < s->n; i = j) {
		int t = s->gold[i];

		j = i + 1;
		if (t == NER_O)
			continue;
		if (t == NER_B(NER_TAG_TYPE(t))) {
			while (j < s->n && s->gold[j] == NER_I(NER_TAG_TYPE(t)))
				j++;
			j++;	/* the E */
		}
		cs = utf8_pos_cp(&pos, s->text, s->ub[i]);
		ner_spans_add(out, cs, utf8_pos_cp(&pos, s->text, s->ue[j - 1]),
		    s->ub[i], s->ue[j - 1], NER_TAG_TYPE(t));
	}
}

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
		m->kcap = m->kcap ? m->kcap * 2 : 1 << 16;
		m->keys = xrealloc(m->keys, m->kcap * sizeof *m->keys);
		m->count = xrealloc(m->count, m->kcap * sizeof *m->count);
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

static void
shuffle(size_t *v, size_t n, uint64_t *state)
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

		shuffle(order, n, &state);
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

/* Scoring. */

void
nereval_add(struct nereval *e, const struct ner_spans *gold,
    const struct ner_spans *pred)
{
	size_t i, j;

	for (i = 0; i < pred->n; i++) {
		int hit = 0;

		for (j = 0; j < gold->n && !hit; j++)
			hit = gold->v[j].start == pred->v[i].start &&
			    gold->v[j].end == pred->v[i].end &&
			    gold->v[j].type == pred->v[i].type;
		if (hit)
			e->tp[pred->v[i].type]++;
		else
			e->fp[pred->v[i].type]++;
	}
	for (j = 0; j < gold->n; j++) {
		int hit = 0;

		for (i = 0; i < pred->n && !hit; i++)
			hit = gold->v[j].start == pred->v[i].start &&
			    gold->v[j].end == pred->v[i].end &&
			    gold->v[j].type == pred->v[i].type;
		if (!hit)
			e->fn[gold->v[j].type]++;
	}
}

static double
f1(uint64_t tp, uint64_t fp, uint64_t fn, double *p, double *r)
{
	*p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	*r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
	return *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}

double
nereval_report(const struct nereval *e, unsigned types, struct buf *out)
{
	uint64_t tp = 0, fp = 0, fn = 0;
	double p, r, f, macro = 0;
	int t, nt = 0;

	buf_printf(out, "%-10s %9s %9s %9s %7s %7s\n", "type", "precision",
	    "recall", "F1", "gold", "found");
	for (t = 0; t < NER_NTYPES; t++) {
		if (!(types & (1u << t)))
			continue;
		f = f1(e->tp[t], e->fp[t], e->fn[t], &p, &r);
		buf_printf(out, "%-10s %9.4f %9.4f %9.4f %7" PRIu64 " %7" PRIu64
		    "\n", ner_type_name(t), p, r, f, e->tp[t] + e->fn[t],
		    e->tp[t] + e->fp[t]);
		tp += e->tp[t];
		fp += e->fp[t];
		fn += e->fn[t];
		macro += f;
		nt++;
	}
	f = f1(tp, fp, fn, &p, &r);
	buf_printf(out, "%-10s %9.4f %9.4f %9.4f %7" PRIu64 " %7" PRIu64 "\n",
	    "micro", p, r, f, tp + fn, tp + fp);
	buf_printf(out, "%-10s %9s %9s %9.4f\n", "macro", "", "",
	    nt ? macro / nt : 0);
	return f;
}

static void
write_spans(FILE *fp, const char *what, const struct nersent *s,
    const struct ner_spans *sp, const struct ner_spans *other)
{
	size_t i, j;

	fprintf(fp, "%s", what);
	for (i = 0; i < sp->n; i++) {
		int hit = 0;

		for (j = 0; j < other->n && !hit; j++)
			hit = other->v[j].start == sp->v[i].start &&
			    other->v[j].end == sp->v[i].end &&
			    other->v[j].type == sp->v[i].type;
		fprintf(fp, " %s[%.*s/%s]", hit ? "" : "*",
		    (int)(sp->v[i].bend - sp->v[i].bstart),
		    s->text + sp->v[i].bstart, ner_type_code(sp->v[i].type));
	}
	fputc('\n', fp);
}

/* A sentence with a mistake: its text, what is gold and what was found. */
static void
write_errors(void *out, const struct nersent *s, const struct ner_spans *gold,
    const struct ner_spans *pred)
{
	FILE *fp = out;
	struct nereval e = { { 0 }, { 0 }, { 0 } };
	int t, wrong = 0;

	nereval_add(&e, gold, pred);
	for (t = 0; t < NER_NTYPES; t++)
		wrong |= e.fp[t] || e.fn[t];
	if (!wrong)
		return;
	fprintf(fp, "%s\n", s->text);
	write_spans(fp, "  gold:", s, gold, pred);
	write_spans(fp, "  found:", s, pred, gold);
}

double
nertrain_cv(const struct nercorpus *c, int k, const struct nertrain_opts *o,
    struct buf *out)
{
	size_t n = c->scored ? c->scored : c->n;
	size_t *idx = xmalloc((c->n + 1) * sizeof *idx), *train;
	struct nereval ev = { { 0 }, { 0 }, { 0 } };
	struct ner_spans gold = NER_SPANS_INIT, pred = NER_SPANS_INIT;
	uint64_t state = o->seed ^ 0x5eed;
	size_t i, j, nt, a, b;
	double f1 = 0;
	int f;

	train = xmalloc((c->n + 1) * sizeof *train);
	for (i = 0; i < n; i++)
		idx[i] = i;
	shuffle(idx, n, &state);
	for (f = 0; f < k; f++) {
		struct buf model = BUF_INIT;
		struct nermodel *m;
		struct ner *tagger;
		struct nereval fe = { { 0 }, { 0 }, { 0 } };
		struct buf rep = BUF_INIT;

		a = n * (size_t)f / (size_t)k;
		b = n * (size_t)(f + 1) / (size_t)k;
		for (i = nt = 0; i < n; i++)
			if (i < a || i >= b)
				train[nt++] = idx[i];
		for (i = n; i < c->n; i++)
			train[nt++] = i;
		m = nertrain(c, train, nt, o, &model) < 0 ? NULL :
		    nermodel_open(model.data, model.len, "cross-validation");
		if (!m) {
			buf_release(&model);
			f1 = -1;
			break;
		}
		tagger = ner_new();
		ner_set_model(tagger, m);
		ner_set_lang(tagger, c->lang);
		ner_set_types(tagger, c->types);
		for (j = a; j < b; j++) {
			const struct nersent *s = &c->s[idx[j]];

			nercorpus_spans(s, &gold);
			ner_tag(tagger, s->text, s->len, &pred);
			nereval_add(&fe, &gold, &pred);
			nereval_add(&ev, &gold, &pred);
			if (o->errors)
				write_errors(o->errors, s, &gold, &pred);
		}
		if (o->verbose) {
			nereval_report(&fe, c->types, &rep);
			fprintf(stderr, "%s: fold %d of %d\n%s", progname, f + 1,
			    k, rep.data);
		}
		buf_release(&rep);
		ner_free(tagger);
		buf_release(&model);
	}
	free(idx);
	free(train);
	ner_spans_release(&gold);
	ner_spans_release(&pred);
	return f1 < 0 ? f1 : nereval_report(&ev, c->types, out);
}
