/* strip: remove boilerplate from the text of one document. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "core/rx.h"
#include "core/utf8.h"
#include "core/util.h"
#include "strip/internal.h"

/* data/strip.rules, embedded at build time (scripts/embed). */
extern const char strip_rules_text[];
extern const size_t strip_rules_text_len;
/* data/strip.model, the line model of make strip-model (lib/strip/data.S). */
extern const char stripdata_model[], stripdata_model_end[];

#define PREFIX_ROUNDS 4		/* prefix rules applied one after another */
#define DETECT_WINDOWS 4	/* samples of a long text to tell its language */
#define DETECT_WINDOW 128

struct strip {
	struct rules *rules;
	struct layout *layout;
	struct strip_line *line;
	struct layout_line *ll;
	size_t cap;
	struct tmpl *tmpl;
	unsigned min_docs;
	struct strip_model *model;	/* NULL: layout decides */
	struct feat *feat;		/* with a model, or for training */
	const float *x;			/* the last document's features */
	double *p;			/* and the model's p(boilerplate) */
	double *q;			/* scratch for the model: p1 */
	float *z;			/* its second-stage rows */
	unsigned char *kind;		/* what each line is to it */
	size_t n, pcap;			/* of its lines */
	int layout_lang;
};

struct strip *
strip_new(void)
{
	struct strip *st = xcalloc(1, sizeof *st);

	st->rules = rules_new();
	st->layout = layout_new();
	return st;
}

void
strip_free(struct strip *st)
{
	if (st == NULL)
		return;
	rules_free(st->rules);
	layout_free(st->layout);
	if (st->model)
		model_release(st->model);
	free(st->model);
	free(st->p);
	free(st->q);
	free(st->z);
	free(st->kind);
	feat_free(st->feat);
	free(st->line);
	free(st->ll);
	free(st);
}

const char *
strip_builtin_rules(size_t *len)
{
	*len = strip_rules_text_len;
	return strip_rules_text;
}

int
strip_add_builtin(struct strip *st)
{
	return rules_parse(st->rules, strip_rules_text, strip_rules_text_len,
	    "builtin:strip.rules");
}

int
strip_add_rules(struct strip *st, const char *path)
{
	return rules_load(st->rules, path);
}

struct rules *
strip_rules(struct strip *st)
{
	return st->rules;
}

int
strip_set_model(struct strip *st, const char *text, size_t len,
    const char *name)
{
	struct strip_model m;

	if (text == NULL) {
		if (st->model)
			model_release(st->model);
		free(st->model);
		st->model = NULL;
		return 0;
	}
	if (model_parse(&m, text, len, name) < 0)
		return -1;
	if (st->model == NULL)
		st->model = xmalloc(sizeof *st->model);
	else
		model_release(st->model);
	*st->model = m;
	if (st->feat == NULL)
		st->feat = feat_new();
	return 0;
}

int
strip_use_builtin_model(struct strip *st)
{
	return strip_set_model(st, stripdata_model,
	    (size_t)(stripdata_model_end - stripdata_model),
	    "builtin:strip.model");
}

int
strip_load_model(struct strip *st, const char *path)
{
	struct buf text = BUF_INIT;
	int rc;

	rc = strip_read_file(path, "model", MODEL_FILE_MAX, &text);
	if (rc == 0)
		rc = strip_set_model(st, text.data ? text.data : "", text.len,
		    path);
	buf_release(&text);
	return rc;
}

void
strip_want_features(struct strip *st)
{
	if (st->feat == NULL)
		st->feat = feat_new();
}

void
strip_set_templates(struct strip *st, struct tmpl *t, unsigned min_docs)
{
	st->tmpl = t;
	st->min_docs = min_docs;
}

/* Count Hangul lead bytes (U+A000..U+DFFF) and ASCII letters, no branches. */
static void
count_script(const unsigned char *u, size_t len, unsigned *hangul,
    unsigned *latin)
{
	size_t i;

	for (i = 0; i < len; i++) {
		*hangul += (unsigned)(u[i] - 0xEAu) < 4u;
		*latin += (unsigned)((u[i] | 0x20u) - 'a') < 26u;
	}
}

int
strip_detect_lang(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned hangul = 0, latin = 0;
	size_t w;

	/*
	 * A long text is sampled in DETECT_WINDOWS windows spread over it,
	 * so that an English menu at the top of a Korean page does not
	 * decide alone.
	 */
	if (len <= DETECT_WINDOWS * DETECT_WINDOW) {
		count_script(u, len, &hangul, &latin);
	} else {
		for (w = 0; w < DETECT_WINDOWS; w++)
			count_script(u + (len - DETECT_WINDOW) * w /
			    (DETECT_WINDOWS - 1), DETECT_WINDOW, &hangul, &latin);
	}
	/* A syllable weighs about three letters. */
	return hangul > 0 && 3 * hangul >= latin ? STRIP_KO : STRIP_EN;
}

const char *
strip_feature_name(int id, char *buf, size_t size)
{
	int j = id < 0 ? -1 - id : id;

	if (j >= STAGE2_N)
		return "?";
	if (id >= 0)
		return model_column_name(j);
	snprintf(buf, size, "not %s", model_column_name(j));
	return buf;
}

void
strip_cut_members(struct jsonw *w, const struct strip_cut *cut,
    const char *s)
{
	char name[64];
	unsigned k;

	jsonw_name(w, "line");
	jsonw_uint(w, cut->line);
	jsonw_name(w, "rule");
	jsonw_str(w, cut->reason);
	jsonw_name(w, "text");
	jsonw_string(w, s + cut->start, cut->len);
	if (cut->nwhy > 0) {
		jsonw_name(w, "features");
		jsonw_begin_array(w);
		for (k = 0; k < cut->nwhy; k++)
			jsonw_str(w, strip_feature_name(cut->why[k], name,
			    sizeof name));
		jsonw_end_array(w);
	}
}

void
strip_cuts_json(const struct strip_result *res, const char *s,
    struct buf *out)
{
	struct jsonw w;
	size_t i;

	jsonw_init(&w, out);
	jsonw_begin_array(&w);
	for (i = 0; i < res->ncut; i++) {
		jsonw_begin_object(&w);
		strip_cut_members(&w, &res->cut[i], s);
		jsonw_end_object(&w);
	}
	jsonw_end_array(&w);
}

void
strip_stats_add(struct strip_stats *stats, const struct strip_result *res)
{
	size_t i, k;

	stats->docs++;
	if (res->failed) {
		stats->failed++;
		return;
	}
	stats->changed += res->changed != 0;
	stats->emptied += res->changed && res->text.len == 0;
	stats->cuts += res->ncut;
	for (i = 0; i < res->ncut; i++) {
		const char *r = res->cut[i].reason;

		for (k = 0; k < stats->nby; k++)
			if (stats->by[k].reason == r ||
			    strcmp(stats->by[k].reason, r) == 0)
				break;
		if (k == stats->nby) {
			if (k == sizeof stats->by / sizeof stats->by[0])
				continue;	/* too many names: not listed */
			stats->by[stats->nby].reason = r;
			stats->by[stats->nby++].n = 0;
		}
		stats->by[k].n++;
	}
}

void
strip_stats_print(const struct strip_stats *stats, struct buf *out)
{
	size_t i;

	buf_printf(out, "%llu changed, %llu emptied, %llu cuts", stats->changed,
	    stats->emptied, stats->cuts);
	for (i = 0; i < stats->nby; i++)
		buf_printf(out, "%s%s %llu", i ? ", " : " (",
		    stats->by[i].reason, stats->by[i].n);
	if (stats->nby)
		buf_addc(out, ')');
	if (stats->failed)
		buf_printf(out, ", %llu left as they were (rule limits)",
		    stats->failed);
}

void
strip_result_release(struct strip_result *res)
{
	buf_release(&res->text);
	free(res->cut);
	res->cut = NULL;
	res->ncut = res->ccut = 0;
}

static void
add_cut(struct strip_result *res, size_t line, const char *reason,
    size_t start, size_t end, int whole)
{
	struct strip_cut *c;

	res->cut = xreserve(res->cut, &res->ccut, res->ncut + 1,
	    sizeof *res->cut);
	c = &res->cut[res->ncut++];
	c->line = line;
	c->reason = reason;
	c->start = start;
	c->len = end - start;
	c->whole = whole;
	c->nwhy = 0;
}

static void
reserve_lines(struct strip *st, size_t n)
{
	if (n <= st->cap)
		return;
	st->line = xreserve(st->line, &st->cap, n, sizeof *st->line);
	st->ll = xreallocarray(st->ll, st->cap, sizeof *st->ll);
}

/* The length of a white-space character at s[i] (ASCII, NBSP, U+3000). */
static size_t
space_at(const char *s, size_t i, size_t end)
{
	unsigned char c = (unsigned char)s[i];

	if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f')
		return 1;
	if (c == 0xC2 && i + 1 < end && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	if (c == 0xE3 && i + 2 < end && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0x80)
		return 3;
	return 0;
}

/* The length of a white-space character ending at s[end]. */
static size_t
space_before(const char *s, size_t start, size_t end)
{
	unsigned char c;

	if (end <= start)
		return 0;
	c = (unsigned char)s[end - 1];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f')
		return 1;
	if (c == 0xA0 && end - start >= 2 && (unsigned char)s[end - 2] == 0xC2)
		return 2;
	if (c == 0x80 && end - start >= 3 && (unsigned char)s[end - 2] == 0x80 &&
	    (unsigned char)s[end - 3] == 0xE3)
		return 3;
	return 0;
}

static void
trim(const char *s, size_t *start, size_t *end)
{
	size_t k;

	while (*start < *end && (k = space_at(s, *start, *end)) > 0)
		*start += k;
	while (*end > *start && (k = space_before(s, *start, *end)) > 0)
		*end -= k;
}

/*
 * The length of a list bullet at s[i]: "* ", "- ", "+ ", "• ", "· ", "◦ ",
 * "▪ ", "‣ ", "– ", "# ", and "o " in an indented line (how text browsers
 * draw nested lists).  The white space after it is not counted.
 */
static size_t
bullet_at(const char *s, size_t i, size_t end, int indented)
{
	static const char *const marks[] = {
		"*", "-", "+", "#", "\xe2\x80\xa2", "\xc2\xb7",
		"\xe2\x97\xa6", "\xe2\x96\xaa", "\xe2\x80\xa3", "\xe2\x80\x93"
	};
	size_t m;

	if (indented && s[i] == 'o' && i + 1 < end && space_at(s, i + 1, end))
		return 1;
	for (m = 0; m < sizeof marks / sizeof marks[0]; m++) {
		size_t k = strlen(marks[m]);

		if (i + k < end && memcmp(s + i, marks[m], k) == 0 &&
		    space_at(s, i + k, end))
			return k;
	}
	return 0;
}

/* The offset of the first non-space byte of s[start..end). */
static size_t
first_char(const char *s, size_t start, size_t end)
{
	size_t k;

	while (start < end && (k = space_at(s, start, end)) > 0)
		start += k;
	return start;
}

/* Split 's' into st->line[], trimming and unbulleting the content. */
static size_t
split_lines(struct strip *st, const char *s, size_t len)
{
	size_t n = 0, p = 0;

	for (;;) {
		const char *nl = memchr(s + p, '\n', len - p);
		size_t end = nl ? (size_t)(nl - s) : len;
		struct strip_line *l;
		size_t k;

		if (nl == NULL && p == len && n > 0)
			break;	/* the text ended with "\n" */
		reserve_lines(st, n + 1);
		l = &st->line[n++];
		memset(l, 0, sizeof *l);
		l->start = p;
		l->end = end;
		l->cstart = p;
		l->cend = end;
		trim(s, &l->cstart, &l->cend);
		while (l->cstart < l->cend &&
		    (k = bullet_at(s, l->cstart, l->cend, l->cstart > p)) > 0) {
			l->cstart += k;
			trim(s, &l->cstart, &l->cend);
		}
		l->bstart = l->cstart;
		l->send = l->cend;
		if (nl == NULL)
			break;
		p = end + 1;
	}
	return n;
}

/*
 * Apply prefix and suffix rules to line 'l', then the whole-line rules.
 * Returns 0, or a negative rx status when a rule failed (res->failed set).
 */
static int
apply_rules(struct strip *st, const char *s, struct strip_line *l,
    struct layout_line *ll, unsigned lang, int layout_lang,
    struct strip_result *res)
{
	struct rule_hit hit;
	int round, rc;

	rules_scan(st->rules, s + l->cstart, l->cend - l->cstart);
	for (round = 0; round < PREFIX_ROUNDS && l->cstart < l->cend; round++) {
		rc = rules_match(st->rules, RULES_PREFIX, lang, s + l->cstart,
		    l->cend - l->cstart, 0, &hit);
		if (rc < 0)
			goto fail;
		if (rc == 0 || hit.end == 0)
			break;
		if (l->pcut == NULL)
			l->pcut = hit.rule;
		l->cstart += hit.end;
		l->pcut_end = l->cstart;
		trim(s, &l->cstart, &l->cend);
		l->cut = 1;
	}
	if (l->cstart < l->cend) {
		rc = rules_match(st->rules, RULES_SUFFIX, lang, s + l->cstart,
		    l->cend - l->cstart, 0, &hit);
		if (rc < 0)
			goto fail;
		if (rc > 0 && hit.start < hit.end) {
			l->scut = hit.rule;
			l->scut_start = l->cstart + hit.start;
			l->cend = l->scut_start;
			trim(s, &l->cstart, &l->cend);
			l->cut = 1;
		}
	}
	if (l->cstart == l->cend) {
		/* Nothing left once the bylines went: the line goes. */
		l->rule = l->pcut ? l->pcut : l->scut;
		ll->cls = LAYOUT_RULE;
		return 0;
	}
	layout_measure(ll, s + l->cstart, l->cend - l->cstart, layout_lang);
	if (l->bstart > l->start && l->bstart != first_char(s, l->start,
	    l->end))
		ll->flags |= LAYOUT_BULLET;
	rc = rules_match(st->rules, RULES_WHOLE, lang, s + l->cstart,
	    l->cend - l->cstart, ll->nchars, &hit);
	if (rc < 0)
		goto fail;
	if (rc > 0) {
		l->rule = hit.rule;
		ll->cls = LAYOUT_RULE;
	}
	return 0;
fail:
	res->failed = hit.rule->name;
	res->failed_where = hit.rule->where;
	res->failed_rc = rc;
	return rc;
}

/* Whether line i is body text in a run of paragraphs (not a lone blurb). */
static int
in_run(const struct layout_line *ll, size_t n, size_t i)
{
	size_t j;

	if (ll[i].cls != LAYOUT_GOOD)
		return 0;
	for (j = i; j-- > 0;)
		if (ll[j].cls != LAYOUT_BLANK && ll[j].cls != LAYOUT_RULE) {
			if (ll[j].cls == LAYOUT_GOOD || ll[j].cls == LAYOUT_NEAR)
				return 1;
			break;
		}
	for (j = i + 1; j < n; j++)
		if (ll[j].cls != LAYOUT_BLANK && ll[j].cls != LAYOUT_RULE)
			return ll[j].cls == LAYOUT_GOOD || ll[j].cls == LAYOUT_NEAR;
	return 0;
}

/*
 * block-start and tail-start rules reach beyond their own line: a block
 * takes the list under its heading (short and non-prose lines, and list
 * items, up to a blank line or another rule's line); a tail takes the rest of the text once article text came
 * before it (else the heading is a link in a menu at the top).  Article
 * text is paragraphs in runs: teaser blurbs above the article come one at
 * a time between titles and links, and do not count.
 */
static void
extend_rules(struct strip *st, size_t n)
{
	struct strip_line *v = st->line;
	struct layout_line *ll = st->ll;
	uint64_t before = 0;
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct rule *r = v[i].rule;

		if (ll[i].cls != LAYOUT_RULE || r == NULL ||
		    r->scope != RULE_BLOCK_START)
			continue;
		/*
		 * The list: short lines and list items (and lines the same
		 * kind of rule takes, such as an AI summary's notice), to a
		 * blank line or a line another rule takes.
		 */
		for (j = i + 1; j < n; j++) {
			if (ll[j].cls == LAYOUT_RULE && v[j].rule &&
			    strcmp(v[j].rule->name, r->name) == 0)
				continue;
			if (ll[j].cls == LAYOUT_BLANK || ll[j].cls == LAYOUT_RULE ||
			    (ll[j].cls != LAYOUT_SHORT && ll[j].cls != LAYOUT_BAD &&
			    !(ll[j].flags & LAYOUT_BULLET)))
				break;
			ll[j].cls = LAYOUT_RULE;
			v[j].rule = r;
		}
		i = j - 1;
	}
	for (i = 0; i < n; i++) {
		const struct rule *r = v[i].rule;

		if (in_run(ll, n, i))
			before += ll[i].nchars;
		if (ll[i].cls != LAYOUT_RULE || r == NULL ||
		    r->scope != RULE_TAIL_START || before == 0)
			continue;
		for (j = i + 1; j < n; j++)
			if (ll[j].cls != LAYOUT_BLANK) {
				ll[j].cls = LAYOUT_RULE;
				v[j].rule = r;
			}
		break;
	}
}

/*
 * Count the document's short lines among the stream's and mark those that
 * 'min_docs' documents held: site templates, removed like rule lines.
 */
static void
mark_templates(struct strip *st, const char *s, size_t n)
{
	size_t i;

	tmpl_doc(st->tmpl);
	for (i = 0; i < n; i++) {
		struct strip_line *l = &st->line[i];
		struct layout_line *ll = &st->ll[i];

		if (ll->cls == LAYOUT_BLANK || ll->cls == LAYOUT_RULE ||
		    ll->nchars > TMPL_MAX_CHARS)
			continue;
		if (tmpl_seen(st->tmpl, s + l->cstart, l->cend - l->cstart) >=
		    st->min_docs) {
			ll->cls = LAYOUT_RULE;
			l->reason = "template";
		}
	}
}

/* Whether line i is kept, as a line of text (blank or not). */
static int
kept(const struct strip *st, size_t i)
{
	return st->ll[i].final == LAYOUT_GOOD ||
	    st->ll[i].final == LAYOUT_BLANK;
}

/*
 * Write the kept lines.  Removing lines must not leave a hole of blank
 * lines: a run of blank and removed lines that held a removal keeps one
 * blank line (if it had one) between kept lines, none at either end.
 */
static void
write_kept(struct strip *st, const char *s, size_t n, int final_nl,
    struct buf *out)
{
	size_t i = 0, written = 0;

	while (i < n) {
		size_t j = i, blanks = 0, removed = 0;

		/* The run of blank and removed lines starting at i. */
		while (j < n && (st->ll[j].final == LAYOUT_BLANK || !kept(st, j))) {
			if (st->ll[j].final == LAYOUT_BLANK)
				blanks++;
			else
				removed++;
			j++;
		}
		if (removed == 0) {
			for (; i < j; i++) {
				if (written++)
					buf_addc(out, '\n');
				buf_add(out, s + st->line[i].start,
				    st->line[i].end - st->line[i].start);
			}
		} else if (blanks && written && j < n) {
			buf_addc(out, '\n');	/* one blank line */
			written++;
		}
		if (j == n)
			break;
		/* Line j is kept and not blank. */
		if (written++)
			buf_addc(out, '\n');
		if (st->line[j].cut)
			buf_add(out, s + st->line[j].cstart,
			    st->line[j].cend - st->line[j].cstart);
		else
			buf_add(out, s + st->line[j].start,
			    st->line[j].end - st->line[j].start);
		i = j + 1;
	}
	if (final_nl && written)
		buf_addc(out, '\n');
}

static const char *
reason_of(const struct strip *st, size_t i)
{
	if (st->line[i].reason)
		return st->line[i].reason;
	if (st->line[i].rule)
		return st->line[i].rule->name;
	return layout_why_name(st->ll[i].why);
}

static void
list_cuts(struct strip *st, const char *s, size_t n, struct strip_result *res)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		struct strip_line *l = &st->line[i];
		size_t a, b;

		if (l->pcut) {
			a = l->bstart;
			b = l->pcut_end;
			trim(s, &a, &b);
			add_cut(res, i + 1, l->pcut->name, a, b,
			    l->rule == l->pcut && l->cstart == l->cend);
		}
		if (l->scut) {
			a = l->scut_start;
			b = l->send;
			trim(s, &a, &b);
			add_cut(res, i + 1, l->scut->name, a, b,
			    l->rule == l->scut && l->cstart == l->cend);
		}
		if (kept(st, i) || l->cstart == l->cend)
			continue;
		a = l->cut ? l->cstart : l->start;
		b = l->cut ? l->cend : l->end;
		trim(s, &a, &b);
		add_cut(res, i + 1, reason_of(st, i), a, b, 1);
		for (k = 0; k < l->nwhy; k++)
			res->cut[res->ncut - 1].why[k] = l->why[k];
		res->cut[res->ncut - 1].nwhy = l->nwhy;
	}
}

int
strip_analyse(struct strip *st, const char *s, size_t len, int lang,
    struct strip_result *res)
{
	size_t n, i;
	int stopwords;

	buf_reset(&res->text);
	res->ncut = 0;
	res->changed = 0;
	res->failed = NULL;
	res->failed_where = NULL;
	res->failed_rc = 0;
	st->x = NULL;
	st->n = 0;
	if (lang == STRIP_AUTO)
		lang = strip_detect_lang(s, len);
	res->lang = lang;
	st->layout_lang = lang == STRIP_KO ? LAYOUT_KO : LAYOUT_EN;
	n = split_lines(st, s, len);
	for (i = 0; i < n; i++) {
		struct strip_line *l = &st->line[i];
		struct layout_line *ll = &st->ll[i];

		memset(ll, 0, sizeof *ll);
		if (l->cstart == l->cend) {
			ll->cls = LAYOUT_BLANK;
			continue;
		}
		ll->cls = LAYOUT_SHORT;
		if (apply_rules(st, s, l, ll, (unsigned)lang, st->layout_lang,
		    res) < 0)
			return 1;
	}
	if (st->tmpl && st->min_docs > 0)
		mark_templates(st, s, n);
	stopwords = st->layout_lang == LAYOUT_EN &&
	    layout_stopwords_apply(st->ll, n);
	for (i = 0; i < n; i++)
		if (st->ll[i].cls != LAYOUT_BLANK && st->ll[i].cls != LAYOUT_RULE)
			layout_classify(&st->ll[i], st->layout_lang, stopwords);
	extend_rules(st, n);
	layout_revise(st->layout, st->ll, n, st->layout_lang);
	if (st->feat)
		st->x = feat_doc(st->feat, s, st->line, st->ll, n,
		    st->layout_lang);
	st->n = n;
	return 0;
}

size_t
strip_scores(const struct strip *st, const double **p)
{
	*p = st->p;
	return st->model && st->p ? st->n : 0;
}

size_t
strip_lines(struct strip *st, const struct strip_line **v,
    const struct layout_line **ll, const float **x)
{
	*v = st->line;
	*ll = st->ll;
	*x = st->x;
	return st->n;
}

/*
 * The model decides every line that layout judged: a line goes when its
 * p(boilerplate) reaches the threshold, kept otherwise, whatever layout
 * said (its verdict is among the features).
 */
static void
decide_by_model(struct strip *st, size_t n)
{
	const struct strip_model *m = st->model;
	int lang = st->layout_lang == LAYOUT_KO ? MODEL_KO : MODEL_EN;
	double threshold = m->lang[lang].threshold;
	size_t i;

	if (n > st->pcap) {
		st->p = xreserve(st->p, &st->pcap, n, sizeof *st->p);
		st->q = xreallocarray(st->q, st->pcap, sizeof *st->q);
		st->z = xreallocarray(st->z, st->pcap, STAGE2_N * sizeof *st->z);
		st->kind = xreallocarray(st->kind, st->pcap, sizeof *st->kind);
	}
	for (i = 0; i < n; i++)
		st->kind[i] = st->ll[i].cls == LAYOUT_BLANK ? MODEL_BLANK :
		    st->ll[i].cls == LAYOUT_RULE ? MODEL_RULE : MODEL_JUDGED;
	model_doc(m, lang, st->x, st->kind, n, st->q, st->z, st->p);
	for (i = 0; i < n; i++) {
		struct layout_line *ll = &st->ll[i];
		struct strip_line *l = &st->line[i];

		if (st->kind[i] != MODEL_JUDGED)
			continue;
		if (st->p[i] < threshold) {
			ll->final = LAYOUT_GOOD;
			continue;
		}
		ll->final = LAYOUT_BAD;
		l->reason = "model";
		l->nwhy = (unsigned char)model_explain(m, lang, st->z +
		    i * STAGE2_N, l->why);
	}
}

int
strip_text(struct strip *st, const char *s, size_t len, int lang,
    struct strip_result *res)
{
	size_t n, i;
	int changed = 0;

	if (strip_analyse(st, s, len, lang, res) != 0) {
		buf_add(&res->text, s, len);
		return 1;
	}
	n = st->n;
	if (st->model)
		decide_by_model(st, n);
	for (i = 0; i < n; i++)
		if (!kept(st, i) || st->line[i].cut)
			changed = 1;
	if (!changed) {
		buf_add(&res->text, s, len);
		return 0;
	}
	write_kept(st, s, n, len > 0 && s[len - 1] == '\n', &res->text);
	list_cuts(st, s, n, res);
	res->changed = res->text.len != len || memcmp(res->text.data, s, len);
	return 0;
}
