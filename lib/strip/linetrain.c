/* linetrain: fit the line model to labelled pages (winnow-strip-train). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "strip/internal.h"

#define HALVINGS 20

/* A line of a page, as the model sees it. */
struct tline {
	float x[FEAT_N];	/* its features, when judged */
	unsigned char kind;	/* MODEL_BLANK, MODEL_RULE, MODEL_JUDGED */
	signed char label;	/* STRIP_KEEP, STRIP_DROP, STRIP_UNLABELLED */
};

/* The fit reads the features of tline[] as rows of a float matrix. */
_Static_assert(sizeof(struct tline) % sizeof(float) == 0,
    "struct tline is not a whole number of floats");

struct tpage {
	size_t first, n;	/* its lines in tr->line */
	uint32_t site;
	unsigned char part;	/* MODEL_KO or MODEL_EN */
};

struct strip_trainer {
	struct strip *st;
	struct tline *line;
	size_t nline, cline;
	struct tpage *page;
	size_t npage, cpage;
	char **site;		/* site names, by id */
	size_t nsite, csite;
	/* labelled lines the rules removed: not the model's to learn */
	size_t ruled_body, ruled_boiler;
};

/* What one fit works on: a stage's rows, one per line of every page. */
struct design {
	const float *x;		/* row i at x + i * stride */
	size_t stride;
	int ncol;
	const unsigned char *part;	/* each line's language part */
	const unsigned char *y;		/* 1: boilerplate */
	const double *w;		/* weights */
	size_t n;
};

struct strip_trainer *
strip_trainer_new(struct strip *st)
{
	struct strip_trainer *tr = xcalloc(1, sizeof *tr);

	tr->st = st;
	strip_want_features(st);
	return tr;
}

void
strip_trainer_free(struct strip_trainer *tr)
{
	size_t i;

	if (tr == NULL)
		return;
	for (i = 0; i < tr->nsite; i++)
		free(tr->site[i]);
	free(tr->site);
	free(tr->line);
	free(tr->page);
	free(tr);
}

static uint32_t
site_id(struct strip_trainer *tr, const char *name)
{
	size_t i;

	for (i = 0; i < tr->nsite; i++)
		if (strcmp(tr->site[i], name) == 0)
			return (uint32_t)i;
	tr->site = xreserve(tr->site, &tr->csite, tr->nsite + 1,
	    sizeof *tr->site);
	tr->site[tr->nsite] = xstrdup(name);
	return (uint32_t)tr->nsite++;
}

int
strip_trainer_add(struct strip_trainer *tr, const char *s, size_t len,
    int lang, const signed char *label, size_t nlabel, const char *site)
{
	struct strip_result res = STRIP_RESULT_INIT;
	const struct strip_line *v;
	const struct layout_line *ll;
	const float *x;
	struct tpage *pg;
	size_t n, i;
	int rc;

	rc = strip_analyse(tr->st, s, len, lang, &res);
	lang = res.lang;
	strip_result_release(&res);
	if (rc != 0)
		return 1;
	n = strip_lines(tr->st, &v, &ll, &x);
	/* A text ending in "\n" has no line after it: nothing to label. */
	for (i = n; i < nlabel; i++)
		if (label[i] != STRIP_UNLABELLED)
			return -1;
	tr->page = xreserve(tr->page, &tr->cpage, tr->npage + 1,
	    sizeof *tr->page);
	pg = &tr->page[tr->npage++];
	pg->first = tr->nline;
	pg->n = n;
	pg->site = site_id(tr, site);
	pg->part = lang == STRIP_KO ? MODEL_KO : MODEL_EN;
	tr->line = xreserve(tr->line, &tr->cline, tr->nline + n,
	    sizeof *tr->line);
	for (i = 0; i < n; i++) {
		struct tline *t = &tr->line[tr->nline++];

		t->kind = ll[i].cls == LAYOUT_BLANK ? MODEL_BLANK :
		    ll[i].cls == LAYOUT_RULE ? MODEL_RULE : MODEL_JUDGED;
		t->label = i < nlabel ? label[i] : STRIP_UNLABELLED;
		if (t->kind == MODEL_JUDGED)
			memcpy(t->x, x + i * FEAT_N, sizeof t->x);
		else
			memset(t->x, 0, sizeof t->x);
		if (t->kind == MODEL_RULE && t->label == STRIP_KEEP)
			tr->ruled_body++;
		if (t->kind == MODEL_RULE && t->label == STRIP_DROP)
			tr->ruled_boiler++;
	}
	return 0;
}

static double
sigmoid(double z)
{
	return 1 / (1 + exp(-z));
}

#define BINS 32			/* split points tried per column */

/* A design's columns cut into bins: row i's bin of column j. */
struct binned {
	int ncol;
	float cut[STAGE2_N][BINS - 1];	/* bin b holds x < cut[b] */
	int ncut[STAGE2_N];
	unsigned char *bin;		/* n rows of ncol */
};

static int
by_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return x < y ? -1 : x > y;
}

/*
 * Cut each column of the rows 'use' marks at up to BINS - 1 points: the
 * midpoints between its values, or between the values at its quantiles
 * when it has more; then give every row its bins.
 */
static void
bin_columns(const struct design *ds, const unsigned char *use,
    struct binned *bn)
{
	float *v = xreallocarray(NULL, ds->n + 1, sizeof *v);
	size_t i, m, k;
	int j, b;

	bn->ncol = ds->ncol;
	bn->bin = xreallocarray(NULL, ds->n + 1, (size_t)ds->ncol);
	for (j = 0; j < ds->ncol; j++) {
		for (i = m = 0; i < ds->n; i++)
			if (use[i])
				v[m++] = ds->x[i * ds->stride + j];
		qsort(v, m, sizeof *v, by_float);
		bn->ncut[j] = 0;
		for (b = 1; b < BINS && m > 0; b++) {
			float hi, lo;

			k = m * (size_t)b / BINS;
			hi = v[k];
			/* the largest value below it */
			while (k > 0 && v[k - 1] == hi)
				k--;
			if (k == 0)
				continue;
			lo = v[k - 1];
			if (bn->ncut[j] > 0 &&
			    bn->cut[j][bn->ncut[j] - 1] >= (lo + hi) / 2)
				continue;
			bn->cut[j][bn->ncut[j]++] = lo + (hi - lo) / 2;
		}
		for (i = 0; i < ds->n; i++) {
			float x = ds->x[i * ds->stride + j];

			for (b = 0; b < bn->ncut[j] && x >= bn->cut[j][b]; b++)
				;
			bn->bin[i * (size_t)ds->ncol + j] = (unsigned char)b;
		}
	}
	free(v);
}

/* The gain of a side with sums g, h: g^2 / (h + lambda). */
static double
side(double g, double h, double lambda)
{
	return g * g / (h + lambda);
}

/*
 * Boost 'trees' trees of depth o->depth on the rows 'use' marks (the
 * second-order method of XGBoost: each tree fits the gradient of the log
 * loss, leaves weighed by its curvature, shrunk by o->rate), into
 * t[0..trees) and '*base'.
 */
static void
boost(const struct design *ds, const struct binned *bn,
    const unsigned char *use, const struct strip_train_opts *o,
    unsigned trees, struct tree *t, double *base)
{
	int nc = ds->ncol, depth = o->depth, inner = (1 << depth) - 1;
	size_t n = ds->n, i, tn;
	double *f = xcalloc(n + 1, sizeof *f), *g = xcalloc(n + 1, sizeof *g);
	double *h = xcalloc(n + 1, sizeof *h);
	double *hist = xcalloc((size_t)(1 << (depth - 1)) * nc * BINS * 2,
	    sizeof *hist);
	int *node = xcalloc(n + 1, sizeof *node);
	double pos = 0, neg = 0;

	for (i = 0; i < n; i++)
		if (use[i]) {
			pos += ds->w[i] * ds->y[i];
			neg += ds->w[i] * !ds->y[i];
		}
	*base = log((pos + 1) / (neg + 1));
	for (i = 0; i < n; i++)
		f[i] = *base;
	for (tn = 0; tn < trees; tn++) {
		struct tree *tr = &t[tn];
		unsigned char sbin[MODEL_NODES];
		int d, k;

		memset(tr, 0, sizeof *tr);
		for (i = 0; i < n; i++)
			if (use[i]) {
				double p = sigmoid(f[i]);

				g[i] = ds->w[i] * (p - ds->y[i]);
				h[i] = ds->w[i] * p * (1 - p);
				node[i] = 0;
			}
		for (d = 0; d < depth; d++) {
			int first = (1 << d) - 1, nodes = 1 << d;

			memset(hist, 0, (size_t)nodes * nc * BINS * 2 *
			    sizeof *hist);
			for (i = 0; i < n; i++) {
				const unsigned char *bin = bn->bin + i * (size_t)nc;
				double *hn;
				int j;

				if (!use[i])
					continue;
				hn = hist + (size_t)(node[i] - first) * nc * BINS * 2;
				for (j = 0; j < nc; j++) {
					hn[(j * BINS + bin[j]) * 2] += g[i];
					hn[(j * BINS + bin[j]) * 2 + 1] += h[i];
				}
			}
			for (k = 0; k < nodes; k++) {
				double *hn = hist + (size_t)k * nc * BINS * 2;
				double gs = 0, hs = 0, best = 0, parent;
				int j, b, bj = -1, bb = 0, at = first + k;

				for (b = 0; b < BINS; b++) {
					gs += hn[b * 2];
					hs += hn[b * 2 + 1];
				}
				tr->value[at] = (float)(-gs / (hs + o->l2) *
				    o->rate);
				tr->feat[at] = -1;
				parent = side(gs, hs, o->l2);
				for (j = 0; j < nc && hs >= 2 * o->min_child; j++) {
					double gl = 0, hl = 0;

					for (b = 0; b < bn->ncut[j]; b++) {
						double gain;

						gl += hn[(j * BINS + b) * 2];
						hl += hn[(j * BINS + b) * 2 + 1];
						if (hl < o->min_child ||
						    hs - hl < o->min_child)
							continue;
						gain = side(gl, hl, o->l2) +
						    side(gs - gl, hs - hl, o->l2) -
						    parent;
						if (gain > best + 1e-12) {
							best = gain;
							bj = j;
							bb = b;
						}
					}
				}
				sbin[at] = (unsigned char)bb;
				if (bj >= 0) {
					tr->feat[at] = (short)bj;
					tr->thr[at] = bn->cut[bj][bb];
				}
			}
			/* Each row to the child its bin says. */
			for (i = 0; i < n; i++) {
				int at = node[i];

				if (!use[i])
					continue;
				node[i] = 2 * at + 1 + (tr->feat[at] >= 0 &&
				    bn->bin[i * (size_t)nc + tr->feat[at]] >
				    sbin[at]);
			}
		}
		/* The leaves, and each row's new sum. */
		{
			double *gl = xcalloc((size_t)inner + 1, sizeof *gl);
			double *hl = xcalloc((size_t)inner + 1, sizeof *hl);

			for (i = 0; i < n; i++)
				if (use[i]) {
					gl[node[i] - inner] += g[i];
					hl[node[i] - inner] += h[i];
				}
			for (k = 0; k <= inner; k++)
				tr->value[inner + k] = hl[k] > 0 ?
				    (float)(-gl[k] / (hl[k] + o->l2) * o->rate) :
				    tr->value[(inner + k - 1) / 2];
			free(gl);
			free(hl);
		}
		for (i = 0; i < n; i++)
			if (use[i])
				f[i] += tr->value[node[i]];
	}
	free(f);
	free(g);
	free(h);
	free(hist);
	free(node);
}

struct scored {
	double p;
	int boiler;
};

static int
by_p(const void *a, const void *b)
{
	double x = ((const struct scored *)a)->p;
	double y = ((const struct scored *)b)->p;

	return x < y ? -1 : x > y;
}

/*
 * The threshold from the out-of-fold p[] of the rows 'use' marks: the
 * lowest that keeps 'recall' of the body lines (never below 1/2), then
 * raised while that gets more lines right.
 */
static double
choose_threshold(const double *p, const unsigned char *y,
    const unsigned char *use, size_t n, double recall)
{
	struct scored *v = xreallocarray(NULL, n + 1, sizeof *v);
	size_t m = 0, nbody = 0, miss, seen, i, k;
	long right = 0, best;
	double t, best_t;

	for (i = 0; i < n; i++)
		if (use[i]) {
			v[m].p = p[i];
			v[m].boiler = y[i];
			nbody += !y[i];
			m++;
		}
	qsort(v, m, sizeof *v, by_p);
	/* The lowest threshold that leaves at most 'miss' body lines out. */
	miss = (size_t)floor((1 - recall) * (double)nbody);
	t = 0;
	for (i = m, seen = 0; i-- > 0;)
		if (!v[i].boiler && ++seen > miss) {
			t = nextafter(v[i].p, 2);
			break;
		}
	if (t < 0.5)
		t = 0.5;
	for (i = 0; i < m; i++)
		right += v[i].boiler ? v[i].p >= t : v[i].p < t;
	best = right;
	best_t = t;
	/* Raise it past one score at a time: those lines are kept then. */
	for (i = 0; i < m; ) {
		if (v[i].p < t) {
			i++;
			continue;
		}
		for (k = i; k < m && v[k].p == v[i].p; k++)
			right += v[k].boiler ? -1 : 1;
		if (right > best && v[i].p < 1) {
			best = right;
			best_t = nextafter(v[i].p, 2);
		}
		i = k;
	}
	free(v);
	return best_t < 1 ? best_t : 1;
}

/* Assign the sites of the used pages to 'folds' folds, in name order. */
static size_t
site_folds(const struct strip_trainer *tr, const unsigned char *use_page,
    unsigned folds, unsigned *fold)
{
	size_t *order = xreallocarray(NULL, tr->nsite + 1, sizeof *order);
	unsigned char *present = xcalloc(tr->nsite + 1, 1);
	size_t i, j, n = 0;

	for (i = 0; i < tr->npage; i++)
		if (use_page[i])
			present[tr->page[i].site] = 1;
	for (i = 0; i < tr->nsite; i++) {
		if (!present[i])
			continue;
		for (j = n; j > 0 && strcmp(tr->site[order[j - 1]],
		    tr->site[i]) > 0; j--)
			order[j] = order[j - 1];
		order[j] = i;
		n++;
	}
	for (i = 0; i < n; i++)
		fold[order[i]] = folds ? (unsigned)(i % folds) : 0;
	free(order);
	free(present);
	return n;
}

/* Everything one fit needs, per line of every page. */
struct fit {
	unsigned char *use;	/* labelled, judged, of a used page */
	unsigned char *in;	/* 'use' within the folds being fitted */
	unsigned char *part, *y;
	unsigned *fold;		/* by line: its site's fold */
	double *w, *q, *p;	/* weights; out-of-fold p1 and p */
	float *z;		/* second-stage rows */
};

/* The second-stage rows of page 'pg' from the p1 in f->q. */
static void
stage2_rows(const struct strip_trainer *tr, const struct tpage *pg,
    struct fit *f, unsigned char *kind)
{
	size_t i;

	for (i = 0; i < pg->n; i++) {
		const struct tline *t = &tr->line[pg->first + i];

		kind[i] = t->kind;
		memcpy(f->z + (pg->first + i) * STAGE2_N, t->x,
		    FEAT_N * sizeof *f->z);
	}
	model_context(f->q + pg->first, kind, pg->n, f->z + pg->first *
	    STAGE2_N);
}

/* The p of stage 'stage' of 'lm' for the lines 'mark' says, into out[]. */
static void
predict(const struct lmodel *lm, int depth, int stage,
    const struct design *ds, const unsigned char *mark, double *out)
{
	size_t i;

	for (i = 0; i < ds->n; i++)
		if (mark[i])
			out[i] = sigmoid(model_eval(lm, depth, stage, ds->x + i *
			    ds->stride));
}

/* Fit stage 'stage' of 'lm' to the rows 'use' marks. */
static void
fit_stage(struct lmodel *lm, int stage, const struct design *ds,
    const struct binned *bn, const unsigned char *use,
    const struct strip_train_opts *o)
{
	unsigned n = stage == 1 ? o->trees : o->trees2;

	lm->tree[stage - 1] = xreserve(lm->tree[stage - 1],
	    &lm->ctree[stage - 1], n, sizeof *lm->tree[stage - 1]);
	boost(ds, bn, use, o, n, lm->tree[stage - 1], &lm->base[stage - 1]);
	lm->ntree[stage - 1] = n;
	model_compile(lm, o->depth);
}


/* Whether 'site' is one of the n sites of 'v'. */
static int
listed(const char *site, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(site, v[i]) == 0)
			return 1;
	return 0;
}

/*
 * Fit one language's model 'lm' to the pages 'use_page' marks.  Returns
 * the count of labelled lines it learned from (0: nothing to learn, 'lm'
 * untouched), their body lines in '*nbody', their sites in '*nsites'.
 */
static size_t
fit_lang(struct strip_trainer *tr, const struct strip_train_opts *o,
    const unsigned char *use_page, int lang, struct lmodel *lm,
    size_t *nbody, size_t *nsites)
{
	size_t n = tr->nline, i, k, nuse = 0, body = 0, maxn = 0;
	unsigned *site_fold = xcalloc(tr->nsite + 1, sizeof *site_fold);
	double *site_w = xcalloc(tr->nsite + 1, sizeof *site_w);
	size_t *site_n = xcalloc(tr->nsite + 1, sizeof *site_n);
	unsigned char *judged = xcalloc(n + 1, 1), *mark = xcalloc(n + 1, 1);
	unsigned char *kind;
	double wsum = 0;
	struct design d1, d2;
	struct binned b1 = { 0 }, b2 = { 0 };
	struct lmodel fm;
	struct fit f;
	unsigned folds, fo;
	int j;

	memset(&fm, 0, sizeof fm);
	f.use = xcalloc(n + 1, 1);
	f.in = xcalloc(n + 1, 1);
	f.part = xcalloc(n + 1, 1);
	f.y = xcalloc(n + 1, 1);
	f.fold = xcalloc(n + 1, sizeof *f.fold);
	f.w = xcalloc(n + 1, sizeof *f.w);
	f.q = xcalloc(n + 1, sizeof *f.q);
	f.p = xcalloc(n + 1, sizeof *f.p);
	f.z = xcalloc((n + 1) * STAGE2_N, sizeof *f.z);
	for (k = 0; k < tr->npage; k++) {
		const struct tpage *pg = &tr->page[k];

		if (pg->n > maxn)
			maxn = pg->n;
		for (i = pg->first; i < pg->first + pg->n; i++) {
			const struct tline *t = &tr->line[i];

			f.part[i] = pg->part;
			f.y[i] = t->label == STRIP_DROP;
			judged[i] = use_page[k] && t->kind == MODEL_JUDGED;
			f.use[i] = judged[i] && t->label != STRIP_UNLABELLED;
			if (f.use[i]) {
				nuse++;
				body += t->label == STRIP_KEEP;
				site_n[pg->site]++;
			}
		}
	}
	*nbody = body;
	*nsites = 0;
	if (nuse == 0 || body == 0 || body == nuse) {
		nuse = 0;
		goto done;
	}
	/* Weights: sites balanced as asked, body lines as asked, mean 1. */
	for (i = 0; i < tr->nsite; i++)
		site_w[i] = site_n[i] ? pow((double)site_n[i], o->balance - 1) : 0;
	for (k = 0; k < tr->npage; k++)
		for (i = tr->page[k].first; i < tr->page[k].first +
		    tr->page[k].n; i++)
			if (f.use[i]) {
				f.w[i] = site_w[tr->page[k].site] *
				    (f.y[i] ? 1 : o->body_weight);
				wsum += f.w[i];
			}
	for (i = 0; i < n; i++)
		f.w[i] *= (double)nuse / wsum;
	d1 = (struct design){ &tr->line[0].x[0], sizeof *tr->line /
	    sizeof(float), FEAT_N, f.part, f.y, f.w, n };
	d2 = (struct design){ f.z, STAGE2_N, STAGE2_N, f.part, f.y, f.w, n };
	bin_columns(&d1, judged, &b1);
	fit_stage(lm, 1, &d1, &b1, f.use, o);
	*nsites = site_folds(tr, use_page, 1, site_fold);
	folds = o->folds < *nsites ? o->folds : (unsigned)*nsites;
	if (folds < 2)
		folds = 1;
	site_folds(tr, use_page, folds, site_fold);
	for (k = 0; k < tr->npage; k++)
		for (i = tr->page[k].first; i < tr->page[k].first +
		    tr->page[k].n; i++)
			f.fold[i] = site_fold[tr->page[k].site];
	/*
	 * The second stage learns from first-stage verdicts on pages the
	 * first stage did not see (its verdicts on its own training pages
	 * are too sure): p1 out of fold, sites held out together.
	 */
	for (fo = 0; fo < folds; fo++) {
		const struct lmodel *use_m = lm;

		if (folds > 1) {
			for (i = 0; i < n; i++)
				f.in[i] = f.use[i] && f.fold[i] != fo;
			fit_stage(&fm, 1, &d1, &b1, f.in, o);
			use_m = &fm;
		}
		for (i = 0; i < n; i++)
			mark[i] = judged[i] && f.fold[i] == fo;
		predict(use_m, o->depth, 1, &d1, mark, f.q);
	}
	kind = xmalloc(maxn + 1);
	for (k = 0; k < tr->npage; k++)
		if (use_page[k])
			stage2_rows(tr, &tr->page[k], &f, kind);
	free(kind);
	lm->stages = o->trees2 > 0 ? 2 : 1;
	if (lm->stages == 2) {
		bin_columns(&d2, judged, &b2);
		fit_stage(lm, 2, &d2, &b2, f.use, o);
	} else {
		memcpy(f.p, f.q, n * sizeof *f.p);	/* p1 decides */
	}
	lm->threshold = o->threshold > 0 ? o->threshold : 0.5;
	if (o->threshold <= 0 && folds > 1) {
		/* Out-of-fold p, for the threshold. */
		for (fo = 0; fo < folds && lm->stages == 2; fo++) {
			for (i = 0; i < n; i++) {
				f.in[i] = f.use[i] && f.fold[i] != fo;
				mark[i] = f.use[i] && f.fold[i] == fo;
			}
			fit_stage(&fm, 2, &d2, &b2, f.in, o);
			predict(&fm, o->depth, 2, &d2, mark, f.p);
		}
		lm->threshold = choose_threshold(f.p, f.y, f.use, n,
		    o->recall[lang]);
	}
	{
		double mean[STAGE2_N] = { 0 };

		for (i = 0; i < n; i++)
			if (f.use[i])
				for (j = 0; j < STAGE2_N; j++)
					mean[j] += f.w[i] * f.z[i * STAGE2_N + j];
		for (j = 0; j < STAGE2_N; j++)
			lm->mean[j] = (float)(mean[j] / (double)nuse);
	}
done:
	lmodel_release(&fm);
	free(b1.bin);
	free(b2.bin);
	free(site_fold);
	free(site_w);
	free(site_n);
	free(judged);
	free(mark);
	free(f.use);
	free(f.in);
	free(f.part);
	free(f.y);
	free(f.fold);
	free(f.w);
	free(f.q);
	free(f.p);
	free(f.z);
	return nuse;
}

int
strip_trainer_fit(struct strip_trainer *tr, const struct strip_train_opts *o,
    const char *const *leave_out, size_t nleave, struct buf *out)
{
	static const char *const name[MODEL_LANGS] = { "ko", "en" };
	unsigned char *use_page = xcalloc(tr->npage + 1, 1);
	size_t k, got[MODEL_LANGS], body[MODEL_LANGS], sites[MODEL_LANGS];
	struct strip_model m;
	struct buf note = BUF_INIT;
	int lang;

	memset(&m, 0, sizeof m);
	m.depth = o->depth;
	for (lang = 0; lang < MODEL_LANGS; lang++) {
		int need = nleave == 0;

		/*
		 * Leaving sites out is for measuring them: a language none of
		 * them is in need not be fitted (the other's stands in).
		 */
		for (k = 0; k < tr->npage; k++) {
			int out_k = listed(tr->site[tr->page[k].site], leave_out,
			    nleave);

			use_page[k] = tr->page[k].part == lang && !out_k;
			need |= tr->page[k].part == lang && out_k;
		}
		got[lang] = body[lang] = sites[lang] = 0;
		if (need)
			got[lang] = fit_lang(tr, o, use_page, lang,
			    &m.lang[lang], &body[lang], &sites[lang]);
	}
	if (got[MODEL_KO] == 0 && got[MODEL_EN] == 0) {
		/*
		 * Nothing learnt: a model that keeps every line the rules
		 * leave, which is what a page of unknown lines deserves.
		 */
		warnx("nothing to learn from (no page with both body and "
		    "boilerplate lines): the model keeps every line");
		for (lang = 0; lang < MODEL_LANGS; lang++) {
			m.lang[lang].base[0] = m.lang[lang].base[1] = -30;
			m.lang[lang].threshold = 0.5;
		}
		got[MODEL_KO] = got[MODEL_EN] = 1;
	}
	buf_printf(&note, "winnow-strip line model: %u trees of depth %d in the first "
	    "stage, %u in the second, rate %g, l2 %g, min child %g,\nbody "
	    "weight %g, balance %g, recall ko %g, en %g, %u folds", o->trees,
	    o->depth, o->trees2, o->rate,
	    o->l2, o->min_child, o->body_weight, o->balance,
	    o->recall[MODEL_KO], o->recall[MODEL_EN], o->folds);
	for (lang = 0; lang < MODEL_LANGS; lang++) {
		int other = !lang;

		if (got[lang] && !body[lang])
			buf_printf(&note, "\n%s: nothing learnt", name[lang]);
		else if (got[lang])
			buf_printf(&note, "\n%s: %zu labelled lines (%zu body) of "
			    "%zu sites", name[lang], got[lang], body[lang],
			    sites[lang]);
		else
			buf_printf(&note, "\n%s: no pages; the %s model stands in",
			    name[lang], name[other]);
	}
	/* A language without pages borrows the other's trees. */
	for (lang = 0; lang < MODEL_LANGS; lang++)
		if (!got[lang]) {
			struct lmodel *to = &m.lang[lang];
			const struct lmodel *from = &m.lang[!lang];
			int stage;

			*to = *from;
			for (stage = 0; stage < 2; stage++) {
				to->tree[stage] = xmemdup(from->tree[stage],
				    from->ntree[stage] * sizeof *from->tree[stage]);
				to->ctree[stage] = from->ntree[stage];
				to->flat[stage] = NULL;
				to->ffeat[stage] = NULL;
			}
			model_compile(to, m.depth);
		}
	model_format(&m, note.data, out);
	buf_release(&note);
	model_release(&m);
	free(use_page);
	return 0;
}

void
strip_trainer_describe(const struct strip_trainer *tr, struct buf *out)
{
	size_t i, body = 0, boiler = 0;

	for (i = 0; i < tr->nline; i++)
		if (tr->line[i].kind == MODEL_JUDGED) {
			body += tr->line[i].label == STRIP_KEEP;
			boiler += tr->line[i].label == STRIP_DROP;
		}
	buf_printf(out, "%zu labelled lines for the model (%zu body, %zu "
	    "boilerplate) from %zu pages of %zu sites; the rules removed %zu "
	    "more (%zu of them labelled body)", body + boiler, body, boiler,
	    tr->npage, tr->nsite, tr->ruled_body + tr->ruled_boiler,
	    tr->ruled_body);
}
