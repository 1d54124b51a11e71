/* ner eval: entity-level scores and k-fold cross-validation. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/util.h"
#include "ner/internal.h"

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

/* Tag sentence 's' and count it in 'e'; its mistakes go to 'errors'. */
static void
score(struct ner *tagger, const struct nersent *s, struct nereval *e,
    struct ner_spans *gold, struct ner_spans *pred, void *errors)
{
	nercorpus_spans(s, gold);
	ner_tag(tagger, s->text, s->len, pred);
	nereval_add(e, gold, pred);
	if (errors)
		write_errors(errors, s, gold, pred);
}

double
nereval_model(struct nermodel *m, const struct nercorpus *c, void *errors,
    struct buf *out)
{
	struct nereval ev = { { 0 }, { 0 }, { 0 } };
	struct ner_spans gold = NER_SPANS_INIT, pred = NER_SPANS_INIT;
	struct ner *tagger = ner_new();
	size_t i;

	ner_set_model(tagger, m);
	ner_set_lang(tagger, c->lang);
	ner_set_types(tagger, c->types);
	for (i = 0; i < c->n; i++)
		score(tagger, &c->s[i], &ev, &gold, &pred, errors);
	ner_free(tagger);
	ner_spans_release(&gold);
	ner_spans_release(&pred);
	return nereval_report(&ev, c->types, out);
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
	int f, t;

	train = xmalloc((c->n + 1) * sizeof *train);
	for (i = 0; i < n; i++)
		idx[i] = i;
	nertrain_shuffle(idx, n, &state);
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
		for (j = a; j < b; j++)
			score(tagger, &c->s[idx[j]], &fe, &gold, &pred, o->errors);
		for (t = 0; t < NER_NTYPES; t++) {
			ev.tp[t] += fe.tp[t];
			ev.fp[t] += fe.fp[t];
			ev.fn[t] += fe.fn[t];
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
