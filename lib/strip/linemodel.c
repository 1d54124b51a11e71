/* linemodel: the line model, boosted trees in two stages, and its file. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "strip/internal.h"

#define WEIGHT_MAX 1e6		/* larger weights are a broken file */

static const char *const ctx_name[CTX_N] = {
#define CTX_NAME_(id, name) name,
	CTX_LIST(CTX_NAME_)
#undef CTX_NAME_
};

#define NEAR_LINES 3		/* the close neighbours of a line, each side */
#define FAR_LINES 8		/* and the wider window */

const char *
model_column_name(int j)
{
	return j < FEAT_N ? feat_name[j] : ctx_name[j - FEAT_N];
}

static double
sigmoid(double z)
{
	return 1 / (1 + exp(-z));
}

/* The mean of v[a..b) but v[k], or 1 (boilerplate) when there is none. */
static float
mean_around(const double *v, size_t a, size_t b, size_t k)
{
	double sum = 0;
	size_t i, n = 0;

	for (i = a; i < b; i++)
		if (i != k) {
			sum += v[i];
			n++;
		}
	return n ? (float)(sum / (double)n) : 1;
}

void
model_context(const double *q, const unsigned char *kind, size_t n, float *z)
{
	size_t *at = xreallocarray(NULL, n + 1, sizeof *at);
	double *v = xreallocarray(NULL, n + 1, sizeof *v);
	size_t m = 0, k, j, judged = 0, body = 0, last, start = 0, a = 0, b = 0;
	double best = 0, cur = 0;

	/* The non-blank lines in order: what the first stage made of each. */
	for (k = 0; k < n; k++) {
		if (kind[k] == MODEL_BLANK)
			continue;
		at[m] = k;
		v[m] = kind[k] == MODEL_RULE ? 1 : q[k];
		if (kind[k] == MODEL_JUDGED) {
			judged++;
			body += q[k] < 0.5;
		}
		m++;
	}
	/* The run of lines most like an article (Kadane, over 1/2 - v). */
	for (k = 0; k < m; k++) {
		if (cur <= 0) {
			cur = 0;
			start = k;
		}
		cur += 0.5 - v[k];
		if (cur > best) {
			best = cur;
			a = start;
			b = k + 1;
		}
	}
	for (k = 0; k < m; k++) {
		float *c = z + at[k] * STAGE2_N + FEAT_N;
		size_t lo3 = k > NEAR_LINES ? k - NEAR_LINES : 0;
		size_t lo8 = k > FAR_LINES ? k - FAR_LINES : 0;
		size_t d;
		int up = 0, down = 0;

		if (kind[at[k]] != MODEL_JUDGED)
			continue;
		c[CTX_SCORE] = (float)v[k];
		c[CTX_PREV_SCORE] = k > 0 ? (float)v[k - 1] : 1;
		c[CTX_NEXT_SCORE] = k + 1 < m ? (float)v[k + 1] : 1;
		c[CTX_NEAR3] = mean_around(v, lo3, k + NEAR_LINES + 1 < m ?
		    k + NEAR_LINES + 1 : m, k);
		c[CTX_NEAR8] = mean_around(v, lo8, k + FAR_LINES + 1 < m ?
		    k + FAR_LINES + 1 : m, k);
		for (j = lo3; j < k; j++)
			up |= v[j] < 0.5;
		for (j = k + 1; j < m && j <= k + NEAR_LINES; j++)
			down |= v[j] < 0.5;
		c[CTX_BETWEEN] = up && down;
		c[CTX_PAGE_BODY] = judged ? (float)body / (float)judged : 0;
		c[CTX_IN_RUN] = best > 0 && k >= a && k < b;
		d = best <= 0 ? SIZE_MAX : k < a ? a - k : k >= b ? k - b + 1 : 0;
		c[CTX_RUN_DIST] = d == SIZE_MAX ? 1 :
		    fminf(1, log2f(1 + (float)d) / 7);
	}
	/* The nearest article-like line above and below: 1, 1/2, 1/3... */
	for (k = 0, last = SIZE_MAX; k < m; k++) {
		if (kind[at[k]] == MODEL_JUDGED)
			z[at[k] * STAGE2_N + FEAT_N + CTX_BODY_ABOVE] =
			    last == SIZE_MAX ? 0 : 1.0f / (float)(k - last);
		if (v[k] < 0.5)
			last = k;
	}
	for (k = m, last = SIZE_MAX; k-- > 0;) {
		if (kind[at[k]] == MODEL_JUDGED)
			z[at[k] * STAGE2_N + FEAT_N + CTX_BODY_BELOW] =
			    last == SIZE_MAX ? 0 : 1.0f / (float)(last - k);
		if (v[k] < 0.5)
			last = k;
	}
	free(at);
	free(v);
}

void
model_compile(struct lmodel *lm, int depth)
{
	int inner = (1 << depth) - 1, stage, k;
	size_t i;

	for (stage = 0; stage < 2; stage++) {
		size_t n = lm->ntree[stage];
		float *fl;
		short *fe;

		free(lm->flat[stage]);
		free(lm->ffeat[stage]);
		fl = lm->flat[stage] = xreallocarray(NULL, n + 1,
		    (size_t)(2 * inner + 1) * sizeof *fl);
		fe = lm->ffeat[stage] = xreallocarray(NULL, n + 1,
		    (size_t)inner * sizeof *fe);
		for (i = 0; i < n; i++) {
			const struct tree *t = &lm->tree[stage][i];

			for (k = 0; k < inner; k++) {
				fe[k] = t->feat[k] >= 0 ? t->feat[k] : FEAT_BIAS;
				fl[k] = t->feat[k] >= 0 ? t->thr[k] : INFINITY;
			}
			for (k = 0; k <= inner; k++)
				fl[inner + k] = t->value[inner + k];
			fl += 2 * inner + 1;
			fe += inner;
		}
	}
}

double
model_eval(const struct lmodel *lm, int depth, int stage, const float *x)
{
	const float *fl = lm->flat[stage - 1];
	const short *fe = lm->ffeat[stage - 1];
	size_t i, n = lm->ntree[stage - 1];
	int inner = (1 << depth) - 1, k, d;
	double z = lm->base[stage - 1];

	for (i = 0; i < n; i++) {
		for (k = 0, d = 0; d < depth; d++)
			k = 2 * k + 1 + (x[fe[k]] >= fl[k]);
		z += fl[k];	/* the leaf: thresholds, then leaves, in fl */
		fl += 2 * inner + 1;
		fe += inner;
	}
	return z;
}

void
lmodel_release(struct lmodel *lm)
{
	int stage;

	for (stage = 0; stage < 2; stage++) {
		free(lm->tree[stage]);
		free(lm->flat[stage]);
		free(lm->ffeat[stage]);
	}
	memset(lm, 0, sizeof *lm);
}

void
model_doc(const struct strip_model *m, int lang, const float *x,
    const unsigned char *kind, size_t n, double *q, float *z, double *p)
{
	const struct lmodel *lm = &m->lang[lang];
	size_t i;

	for (i = 0; i < n; i++) {
		q[i] = -1;
		if (kind[i] != MODEL_JUDGED)
			continue;
		q[i] = sigmoid(model_eval(lm, m->depth, 1, x + i * FEAT_N));
		memcpy(z + i * STAGE2_N, x + i * FEAT_N, FEAT_N * sizeof *z);
	}
	model_context(q, kind, n, z);
	for (i = 0; i < n; i++)
		p[i] = kind[i] != MODEL_JUDGED ? -1 : lm->stages == 1 ? q[i] :
		    sigmoid(model_eval(lm, m->depth, 2, z + i * STAGE2_N));
}

size_t
model_explain(const struct strip_model *m, int lang, const float *z,
    short *why)
{
	const struct lmodel *lm = &m->lang[lang];
	double push[STAGE2_N], top[MODEL_WHY];
	size_t i, n = 0, k;
	int j, d;

	int st = lm->stages == 1 ? 0 : 1;	/* the stage that decides */

	memset(push, 0, sizeof push);
	for (i = 0; i < lm->ntree[st]; i++) {
		const struct tree *t = &lm->tree[st][i];
		int node = 0;

		for (d = 0; d < m->depth; d++) {
			int f = t->feat[node];
			int child = 2 * node + 1 + (f >= 0 && z[f] >= t->thr[node]);

			if (f >= 0)
				push[f] += t->value[child] - t->value[node];
			node = child;
		}
	}
	for (j = 0; j < STAGE2_N; j++) {
		double c = push[j];

		if (c <= 0 || j == FEAT_BIAS)
			continue;
		/* Into the top list, strongest first. */
		k = n;
		if (k == MODEL_WHY) {
			if (top[k - 1] >= c)
				continue;
			k--;
		} else {
			n++;
		}
		for (; k > 0 && top[k - 1] < c; k--) {
			top[k] = top[k - 1];
			why[k] = why[k - 1];
		}
		top[k] = c;
		why[k] = (short)(z[j] >= lm->mean[j] ? j : -1 - j);
	}
	return n;
}

/* The column of feature 'name' in a stage of 'ncol' columns, or -1. */
static int
column_id(const char *name, size_t len, int ncol)
{
	int j;

	for (j = 0; j < ncol; j++)
		if (strlen(model_column_name(j)) == len &&
		    memcmp(model_column_name(j), name, len) == 0)
			return j;
	return -1;
}

/* The next field of [*p, end): white-space separated. */
static const char *
field(const char **p, const char *end, size_t *len)
{
	const char *s = *p, *f;

	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	if (s == end)
		return NULL;
	f = s;
	while (s < end && *s != ' ' && *s != '\t' && *s != '\r')
		s++;
	*len = (size_t)(s - f);
	*p = s;
	return f;
}

/* A number field; 0, or -1 when it is not a finite number in range. */
static int
number(const char *f, size_t len, double *v)
{
	char tmp[64], *end;

	if (len == 0 || len >= sizeof tmp)
		return -1;
	memcpy(tmp, f, len);
	tmp[len] = '\0';
	errno = 0;
	*v = strtod(tmp, &end);
	if (*end != '\0' || errno != 0 || !isfinite(*v) || fabs(*v) > WEIGHT_MAX)
		return -1;
	return 0;
}

/* One split, "NAME<THRESHOLD:VALUE" or "-", into node k of 't'. */
static int
parse_split(struct tree *t, int k, const char *f, size_t len, int ncol)
{
	const char *lt = memchr(f, '<', len), *colon;
	double thr, v;

	if (len == 1 && *f == '-') {
		t->feat[k] = -1;
		t->thr[k] = 0;
		t->value[k] = 0;
		return 0;
	}
	if (lt == NULL || (colon = memchr(lt, ':', len - (size_t)(lt - f))) ==
	    NULL)
		return -1;
	if ((t->feat[k] = (short)column_id(f, (size_t)(lt - f), ncol)) < 0 ||
	    number(lt + 1, (size_t)(colon - lt - 1), &thr) < 0 ||
	    number(colon + 1, len - (size_t)(colon + 1 - f), &v) < 0)
		return -1;
	t->thr[k] = (float)thr;
	t->value[k] = (float)v;
	return 0;
}

/* "tree STAGE split... : leaf...": 0, or -1 after a message. */
static int
parse_tree(struct lmodel *m, int depth, const char **q, const char *end,
    const char *file, size_t lineno)
{
	int inner = (1 << depth) - 1, k, stage;
	size_t flen;
	const char *f = field(q, end, &flen);
	struct tree *t;
	double v;

	if (f == NULL || flen != 1 || (*f != '1' && *f != '2')) {
		warnx("%s:%zu: 'tree' wants its stage, 1 or 2", file, lineno);
		return -1;
	}
	stage = *f - '1';
	if (m->ntree[stage] == MODEL_TREES_MAX) {
		warnx("%s:%zu: more than %d trees in stage %d", file, lineno,
		    MODEL_TREES_MAX, stage + 1);
		return -1;
	}
	m->tree[stage] = xreserve(m->tree[stage], &m->ctree[stage],
	    m->ntree[stage] + 1, sizeof *m->tree[stage]);
	t = &m->tree[stage][m->ntree[stage]];
	memset(t, 0, sizeof *t);
	for (k = 0; k < inner; k++) {
		f = field(q, end, &flen);
		if (f == NULL || parse_split(t, k, f, flen, stage == 0 ? FEAT_N :
		    STAGE2_N) < 0) {
			warnx("%s:%zu: split %d of the tree is not FEATURE<X:V or "
			    "'-' (a feature of stage %d)", file, lineno, k + 1,
			    stage + 1);
			return -1;
		}
	}
	f = field(q, end, &flen);
	if (f == NULL || flen != 1 || *f != ':') {
		warnx("%s:%zu: the tree wants ':' after its %d splits", file,
		    lineno, inner);
		return -1;
	}
	for (k = 0; k <= inner; k++) {
		f = field(q, end, &flen);
		if (f == NULL || number(f, flen, &v) < 0) {
			warnx("%s:%zu: the tree wants %d leaf values", file,
			    lineno, inner + 1);
			return -1;
		}
		t->value[inner + k] = (float)v;
	}
	if (field(q, end, &flen) != NULL) {
		warnx("%s:%zu: the tree has more than %d leaf values", file,
		    lineno, inner + 1);
		return -1;
	}
	m->ntree[stage]++;
	return 0;
}

/* "LANG threshold X", "LANG base S X", ...: 0, or -1 after a message. */
static int
parse_lang_line(struct strip_model *m, const char **q, const char *end,
    const char *file, size_t lineno)
{
	size_t flen, glen;
	const char *f = field(q, end, &flen), *g;
	struct lmodel *lm;
	double v;
	int lang, j;

	lang = f && flen == 2 && memcmp(f, "ko", 2) == 0 ? MODEL_KO :
	    f && flen == 2 && memcmp(f, "en", 2) == 0 ? MODEL_EN : -1;
	lm = &m->lang[lang < 0 ? 0 : lang];
	f = field(q, end, &flen);
	if (lang < 0 || f == NULL) {
		warnx("%s:%zu: a line is 'depth N' or starts with a language, "
		    "ko or en, and a keyword", file, lineno);
		return -1;
	}
	if (flen == 6 && memcmp(f, "stages", 6) == 0) {
		g = field(q, end, &glen);
		if (g == NULL || glen != 1 || (*g != '1' && *g != '2') ||
		    field(q, end, &glen) != NULL) {
			warnx("%s:%zu: 'stages' wants 1 or 2", file, lineno);
			return -1;
		}
		lm->stages = *g - '0';
	} else if (flen == 9 && memcmp(f, "threshold", 9) == 0) {
		g = field(q, end, &glen);
		if (g == NULL || number(g, glen, &v) < 0 || !(v > 0 && v <= 1) ||
		    field(q, end, &glen) != NULL) {
			warnx("%s:%zu: 'threshold' wants a number above 0 and at "
			    "most 1", file, lineno);
			return -1;
		}
		lm->threshold = v;
	} else if (flen == 4 && memcmp(f, "base", 4) == 0) {
		f = field(q, end, &flen);
		g = field(q, end, &glen);
		if (f == NULL || flen != 1 || (*f != '1' && *f != '2') ||
		    g == NULL || number(g, glen, &v) < 0 ||
		    field(q, end, &glen) != NULL) {
			warnx("%s:%zu: 'base' wants a stage, 1 or 2, and a number",
			    file, lineno);
			return -1;
		}
		lm->base[*f - '1'] = v;
	} else if (flen == 4 && memcmp(f, "mean", 4) == 0) {
		f = field(q, end, &flen);
		g = field(q, end, &glen);
		if (f == NULL || (j = column_id(f, flen, STAGE2_N)) < 0 ||
		    g == NULL || number(g, glen, &v) < 0 ||
		    field(q, end, &glen) != NULL) {
			warnx("%s:%zu: 'mean' wants a feature and a number", file,
			    lineno);
			return -1;
		}
		lm->mean[j] = (float)v;
	} else if (flen == 4 && memcmp(f, "tree", 4) == 0) {
		if (m->depth == 0) {
			warnx("%s:%zu: a tree before 'depth'", file, lineno);
			return -1;
		}
		return parse_tree(lm, m->depth, q, end, file, lineno);
	} else {
		warnx("%s:%zu: unknown keyword '%.*s' (threshold, base, mean or "
		    "tree)", file, lineno, (int)flen, f);
		return -1;
	}
	return 0;
}

int
model_parse(struct strip_model *m, const char *text, size_t len,
    const char *file)
{
	const char *p = text, *end = text + len;
	size_t lineno = 0;
	int magic = 0, lang;

	memset(m, 0, sizeof *m);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *lend = nl ? nl : end, *q = p, *f;
		size_t flen;

		lineno++;
		p = nl ? nl + 1 : end;
		if (memchr(q, '\0', (size_t)(lend - q)) != NULL) {
			warnx("%s:%zu: NUL byte in model file", file, lineno);
			goto fail;
		}
		f = field(&q, lend, &flen);
		if (f == NULL || *f == '#')
			continue;
		if (!magic) {
			if (flen != strlen(MODEL_MAGIC) ||
			    memcmp(f, MODEL_MAGIC, flen) != 0) {
				warnx("%s:%zu: not a winnow-strip model (no '%s' "
				    "line first)", file, lineno, MODEL_MAGIC);
				goto fail;
			}
			f = field(&q, lend, &flen);
			if (f == NULL || flen != 1 || *f != '0' + MODEL_VERSION ||
			    field(&q, lend, &flen) != NULL) {
				warnx("%s:%zu: model version is not %d", file,
				    lineno, MODEL_VERSION);
				goto fail;
			}
			magic = 1;
			continue;
		}
		if (flen == 5 && memcmp(f, "depth", 5) == 0) {
			f = field(&q, lend, &flen);
			if (m->depth || f == NULL || flen != 1 || *f < '1' ||
			    *f > '0' + MODEL_DEPTH_MAX ||
			    field(&q, lend, &flen) != NULL) {
				warnx("%s:%zu: 'depth' wants 1 to %d, once, before "
				    "the trees", file, lineno, MODEL_DEPTH_MAX);
				goto fail;
			}
			m->depth = *f - '0';
			continue;
		}
		q = f;	/* the language is the line's first field */
		if (parse_lang_line(m, &q, lend, file, lineno) < 0)
			goto fail;
	}
	if (!magic) {
		warnx("%s: not a winnow-strip model (empty)", file);
		goto fail;
	}
	for (lang = 0; lang < MODEL_LANGS; lang++)
		if (m->lang[lang].threshold == 0) {
			warnx("%s: the model has no 'threshold' for %s", file,
			    lang == MODEL_KO ? "ko" : "en");
			goto fail;
		}
	if (m->depth == 0)
		m->depth = 1;
	for (lang = 0; lang < MODEL_LANGS; lang++) {
		if (m->lang[lang].stages == 0)
			m->lang[lang].stages = 2;
		model_compile(&m->lang[lang], m->depth);
	}
	return 0;
fail:
	model_release(m);
	return -1;
}

void
model_release(struct strip_model *m)
{
	int lang;

	for (lang = 0; lang < MODEL_LANGS; lang++)
		lmodel_release(&m->lang[lang]);
}

void
model_format(const struct strip_model *m, const char *comment,
    struct buf *out)
{
	static const char *const name[MODEL_LANGS] = { "ko", "en" };
	const char *p = comment;
	int inner = (1 << m->depth) - 1, lang, stage, j, k;
	size_t i;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		buf_printf(out, "# %.*s\n", (int)len, p);
		p += len + (nl != NULL);
	}
	buf_printf(out, "%s %d\ndepth %d\n", MODEL_MAGIC, MODEL_VERSION,
	    m->depth);
	for (lang = 0; lang < MODEL_LANGS; lang++) {
		const struct lmodel *lm = &m->lang[lang];

		buf_printf(out, "%s stages %d\n%s threshold %.9g\n"
		    "%s base 1 %.9g\n%s base 2 %.9g\n", name[lang],
		    lm->stages ? lm->stages : 2, name[lang], lm->threshold,
		    name[lang], lm->base[0], name[lang], lm->base[1]);
		for (j = 0; j < STAGE2_N; j++)
			buf_printf(out, "%s mean %s %.4g\n", name[lang],
			    model_column_name(j), lm->mean[j]);
		for (stage = 0; stage < 2; stage++)
			for (i = 0; i < lm->ntree[stage]; i++) {
				const struct tree *t = &lm->tree[stage][i];

				buf_printf(out, "%s tree %d", name[lang],
				    stage + 1);
				for (k = 0; k < inner; k++)
					if (t->feat[k] < 0)
						buf_addstr(out, " -");
					else
						buf_printf(out, " %s<%.9g:%.6g",
						    model_column_name(t->feat[k]),
						    t->thr[k], t->value[k]);
				buf_addstr(out, " :");
				for (k = 0; k <= inner; k++)
					buf_printf(out, " %.6g",
					    t->value[inner + k]);
				buf_addc(out, '\n');
			}
	}
}
