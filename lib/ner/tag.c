/* ner tagger: features, model and decoding per paragraph, then spans. */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "ner/internal.h"

#define SEG_MAX 2000	/* code points tagged at once; longer text is cut */

struct ner {
	struct nermodel *model[NER_NLANGS];
	struct gaz *user;
	unsigned types;
	int lang;
	struct nerfeat_doc doc;
	int32_t *emit;
	uint8_t *tags, *back;
	size_t cap;
	struct ner_spans tmp;
	int32_t *cp;		/* for user names */
	size_t *cpb;
	size_t cpcap;
	struct nerrule *rules;
	struct gaz *names, *shorts;	/* the second pass's */
};

struct ner *
ner_new(void)
{
	struct ner *n = xcalloc(1, sizeof *n);

	n->types = NER_TYPE_MASK;
	n->lang = NER_AUTO;
	return n;
}

void
ner_free(struct ner *n)
{
	int l;

	if (!n)
		return;
	for (l = 0; l < NER_NLANGS; l++)
		nermodel_free(n->model[l]);
	gaz_free(n->user);
	nerfeat_doc_release(&n->doc);
	free(n->emit);
	free(n->tags);
	free(n->back);
	ner_spans_release(&n->tmp);
	free(n->cp);
	free(n->cpb);
	nerrule_free(n->rules);
	gaz_free(n->names);
	gaz_free(n->shorts);
	free(n);
}

void
ner_set_model(struct ner *n, struct nermodel *m)
{
	int l = nermodel_lang(m);

	nermodel_free(n->model[l]);
	n->model[l] = m;
}

const struct nermodel *
ner_model(const struct ner *n, int lang)
{
	return lang >= 0 && lang < NER_NLANGS ? n->model[lang] : NULL;
}

void
ner_set_gazetteer(struct ner *n, struct gaz *g)
{
	gaz_free(n->user);
	n->user = g;
}

void
ner_set_types(struct ner *n, unsigned mask)
{
	n->types = mask & NER_TYPE_MASK;
}

void
ner_set_lang(struct ner *n, int lang)
{
	n->lang = lang;
}

int
ner_lang_guess(const char *s, size_t len)
{
	size_t at = 0, hangul = 0, latin = 0;
	int32_t c;

	while (at < len) {
		c = utf8_next(s, len, &at);
		if (utf8_is_hangul_syllable(c))
			hangul++;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			latin++;
	}
	if (hangul == 0 && latin == 0)
		return -1;
	/* a syllable carries about as much as three Latin letters */
	return hangul * 3 >= latin ? NER_KO : NER_EN;
}

static void
room(struct ner *n, size_t units)
{
	if (units > n->cap) {
		n->tags = xreserve(n->tags, &n->cap, units, 1);
		n->emit = xreallocarray(n->emit, n->cap,
		    NER_NTAGS * sizeof *n->emit);
		n->back = xreallocarray(n->back, n->cap, NER_NTAGS);
	}
}

/*
 * Tag one segment of text with model 'm' and append its spans to 'out',
 * offsets shifted by 'cp0' code points and 'b0' bytes.
 */
static void
tag_segment(struct ner *n, struct nermodel *m, const char *s,
    size_t len, size_t cp0, size_t b0, struct ner_spans *out)
{
	struct nerfeat_doc *d = &n->doc;
	int lang = nermodel_lang(m);
	size_t i, j;

	nerfeat_units(d, lang, s, len);
	if (d->n == 0)
		return;
	nerfeat_compute(d, lang, s, len, nermodel_gaz(m));
	room(n, d->n);
	nermodel_emit_all(m, d->feat, d->off, d->n, n->emit);
	ner_viterbi(n->emit, d->n, nermodel_trans(m), nermodel_start(m),
	    n->tags, n->back);
	for (i = 0; i < d->n; i = j) {
		int tag = n->tags[i], type;
		size_t bs, be, end;

		j = i + 1;
		if (tag == NER_O)
			continue;
		type = NER_TAG_TYPE(tag);
		/* B I... E, or S: Viterbi makes them well formed */
		if (tag == NER_B(type)) {
			while (j < d->n && n->tags[j] == NER_I(type))
				j++;
			if (j < d->n && n->tags[j] == NER_E(type))
				j++;
		}
		end = j;
		/* white space never ends a span */
		while (j > i + 1 && d->ue[j - 1] - d->ub[j - 1] == 1 &&
		    (s[d->ub[j - 1]] == ' ' || s[d->ub[j - 1]] == '\t'))
			j--;
		bs = d->ub[i];
		be = d->ue[j - 1];
		ner_spans_add(out, cp0 + d->cb[i], cp0 + d->ce[j - 1], b0 + bs,
		    b0 + be, type);
		j = end;
	}
}

/* Cut a trailing particle off each span (Korean), in place. */
static void
trim_josa(struct ner_spans *sp, const char *s)
{
	size_t i, k;

	for (i = 0; i < sp->n; i++) {
		struct ner_span *v = &sp->v[i];

		k = ner_josa_len(s + v->bstart, v->bend - v->bstart);
		if (k) {
			v->end -= utf8_count(s + v->bend - k, k);
			v->bend -= k;
		}
	}
}

/*
 * Words that are capitalized only because a sentence starts with them:
 * "While Richardson" is a name after its first word.  "The" is not here,
 * as some names own it.
 */
static const char *const function_words[] = {
	"A", "About", "Also", "Among", "An", "And", "As", "At", "After",
	"Although", "Because", "Before", "Both", "But", "By", "Despite",
	"During", "Earlier", "Even", "For", "From", "He", "Her", "Here",
	"His", "How", "However", "If", "In", "Instead", "It", "Its", "Later",
	"Meanwhile", "My", "Now", "On", "Once", "Our", "She", "Since", "So",
	"Still", "Their", "Then", "There", "These", "They", "This", "Those",
	"Though", "To", "Under", "We", "What", "When", "Where", "While",
	"Why", "With", "Without", "Yesterday", "Yet", "Today", NULL
};

/*
 * The last words of organization names: "Driftline Capital", "Hanul
 * Investment", "Tokyo Electric Power Co." are organizations whatever the
 * words before them, which the model often takes for a person or place.
 * ("Union" is not here: the Soviet Union is a place.)
 */
static const char *const org_heads[] = {
	"Agency", "Airlines", "Airways", "Association", "Bank", "Capital",
	"Club", "Co", "Co.", "College", "Commission", "Committee", "Company",
	"Corp", "Corp.", "Corporation", "Council", "Department", "Electronics",
	"Foundation", "Fund", "Group", "Holdings", "Inc", "Inc.", "Industries",
	"Institute", "Investment", "Investments", "LLC", "Ltd", "Ltd.",
	"Ministry", "Motors", "Partners", "Party", "PLC", "plc",
	"Securities", "Systems", "Technologies", "University", NULL
};

int
ner_org_head(const char *w, size_t n)
{
	size_t k;

	/* all are capitalized but plc */
	if (n < 2 || n > 12 || !((w[0] >= 'A' && w[0] <= 'Z') || w[0] == 'p'))
		return 0;
	for (k = 0; org_heads[k]; k++)
		if (strlen(org_heads[k]) == n && memcmp(w, org_heads[k], n) == 0)
			return 1;
	return 0;
}

/* Spans of person or place that end in an organization's last word. */
static void
retype_org_heads(struct ner_spans *sp, const char *s)
{
	size_t i, n;

	for (i = 0; i < sp->n; i++) {
		struct ner_span *v = &sp->v[i];
		const char *end = s + v->bend, *w = end;

		if (v->type != NER_PS && v->type != NER_LC)
			continue;
		while (w > s + v->bstart && w[-1] != ' ')
			w--;
		if (w == s + v->bstart)		/* one word: leave it */
			continue;
		n = (size_t)(end - w);
		if (ner_org_head(w, n))
			v->type = NER_OG;
	}
}

static void
trim_function_word(struct ner_spans *sp, const char *s)
{
	size_t i, k, n;

	for (i = 0; i < sp->n; i++) {
		struct ner_span *v = &sp->v[i];

		if (v->type > NER_OG)
			continue;
		for (k = 0; function_words[k]; k++) {
			n = strlen(function_words[k]);
			if (v->bend - v->bstart > n + 1 &&
			    memcmp(s + v->bstart, function_words[k], n) == 0 &&
			    s[v->bstart + n] == ' ') {
				v->bstart += n + 1;
				v->start += n + 1;
				break;
			}
		}
	}
}

static int
cmp_span(const void *a, const void *b)
{
	const struct ner_span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end < y->end) - (x->end > y->end);
}

/*
 * Add 'extra' spans (rules, user names) to 'sp': a span of 'extra' that
 * overlaps one of 'sp' replaces it when 'override', else is dropped.
 */
static void
merge_spans(struct ner_spans *sp, const struct ner_spans *extra, int override)
{
	size_t i, j, k;

	for (i = 0; i < extra->n; i++) {
		const struct ner_span *e = &extra->v[i];
		int clash = 0;

		for (j = 0; j < sp->n; j++)
			if (sp->v[j].start < e->end && e->start < sp->v[j].end)
				clash = 1;
		if (clash && !override)
			continue;
		for (j = k = 0; j < sp->n; j++)
			if (!(sp->v[j].start < e->end && e->start < sp->v[j].end))
				sp->v[k++] = sp->v[j];
		sp->n = k;
		ner_spans_add(sp, e->start, e->end, e->bstart, e->bend, e->type);
	}
	if (sp->n > 1)
		qsort(sp->v, sp->n, sizeof *sp->v, cmp_span);
}

static int
word_char(int32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c == '_';
	/* punctuation and spaces of the ranges Korean and English text use */
	return c != 0xa0 && c != 0xb7 && !(c >= 0x2000 && c <= 0x206f) &&
	    !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xff0f);
}

/*
 * The names of 'g' in 's', longest first, as whole words: not inside a
 * longer word, though a Korean particle may follow (삼성전자는).  Matches
 * of the forms 'late' has count only at byte 'after' or later.
 */
static void
name_spans(struct ner *n, const struct gaz *g, const struct gaz *late,
    size_t after, const char *s, size_t len, struct ner_spans *out)
{
	size_t ncp = 0, at = 0, i, m, e, k, ml;
	unsigned types, lt;
	int32_t c;

	if (len + 1 > n->cpcap) {
		n->cp = xreserve(n->cp, &n->cpcap, len + 1, sizeof *n->cp);
		n->cpb = xreallocarray(n->cpb, n->cpcap, sizeof *n->cpb);
	}
	while (at < len) {
		n->cpb[ncp] = at;
		c = utf8_next(s, len, &at);
		n->cp[ncp++] = c;
	}
	n->cpb[ncp] = len;
	for (i = 0; i < ncp; i++) {
		if (i > 0 && word_char(n->cp[i - 1]))
			continue;
		m = gaz_match(g, n->cp, ncp, i, NULL, NER_TYPE_MASK, &types);
		if (late && n->cpb[i] >= after &&
		    (ml = gaz_match(late, n->cp, ncp, i, NULL, NER_TYPE_MASK,
		    &lt)) > m) {
			m = ml;
			types = lt;
		}
		if (m == 0)
			continue;
		for (e = i + m; e < ncp && word_char(n->cp[e]); e++)
			;
		if (e > i + m && !ner_is_josa(s + n->cpb[i + m],
		    n->cpb[e] - n->cpb[i + m]))
			continue;
		for (k = 0; k < NER_NTYPES && !(types & (1u << k)); k++)
			;
		ner_spans_add(out, i, i + m, n->cpb[i], n->cpb[i + m], (int)k);
		i = e - 1;
	}
}

/* Tag one paragraph (a line) of the text at 'base'. */
static void
tag_paragraph(struct ner *n, const char *base, size_t b0, size_t len,
    size_t cp0, struct ner_spans *out)
{
	const char *s = base + b0;
	struct nermodel *m;
	int lang = n->lang == NER_AUTO ? ner_lang_guess(s, len) : n->lang;
	size_t at = 0, first = out->n, pcp = cp0;

	if (lang < 0 || !(m = n->model[lang]))
		return;
	/*
	 * Long paragraphs are tagged in pieces of at most SEG_MAX code
	 * points, cut at a space, to keep memory bounded.
	 */
	while (at < len) {
		size_t end = len, ncp;

		if (len - at > SEG_MAX) {
			end = utf8_cp_byte(s + at, len - at, SEG_MAX) + at;
			while (end > at + SEG_MAX / 2 && s[end - 1] != ' ')
				end--;
			if (s[end - 1] != ' ')
				end = utf8_cp_byte(s + at, len - at, SEG_MAX) + at;
		}
		ncp = utf8_count(s + at, end - at);
		tag_segment(n, m, s + at, end - at, cp0, b0 + at, out);
		cp0 += ncp;
		at = end;
	}
	if (lang == NER_KO) {
		if (out->n > first) {	/* out->v may still be NULL */
			struct ner_spans tmp = { out->v + first, out->n - first, 0 };

			trim_josa(&tmp, base);
			ner_fix_bounds(&tmp, base, b0 + len);
			out->n = first + tmp.n;
		}
	} else {
		if (out->n > first) {
			struct ner_spans tmp = { out->v + first,
			    out->n - first, 0 };

			trim_function_word(&tmp, base);
			retype_org_heads(&tmp, base);
			ner_fix_bounds(&tmp, base, b0 + len);
			out->n = first + tmp.n;
		}
		if (!n->rules)
			n->rules = nerrule_new();
		n->tmp.n = 0;
		nerrule_find(n->rules, s, len, &n->tmp);
		if (n->tmp.n) {
			size_t i;

			for (i = 0; i < n->tmp.n; i++) {
				n->tmp.v[i].start += pcp;
				n->tmp.v[i].end += pcp;
				n->tmp.v[i].bstart += b0;
				n->tmp.v[i].bend += b0;
			}
			merge_spans(out, &n->tmp, 0);
		}
	}
}

/*
 * One name, one type within a text: when the same words were tagged as a
 * person in one place and a place in another, the type found most often
 * wins (the first, on a tie).  Names only: a date is a date.
 */
static const char *cons_text;

static int
cmp_surface(const void *a, const void *b)
{
	const struct ner_span *x = *(const struct ner_span *const *)a;
	const struct ner_span *y = *(const struct ner_span *const *)b;
	size_t lx = x->bend - x->bstart, ly = y->bend - y->bstart;
	int c = memcmp(cons_text + x->bstart, cons_text + y->bstart,
	    lx < ly ? lx : ly);

	if (c)
		return c;
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

static void
consistent_types(struct ner_spans *sp, const char *s)
{
	struct ner_span **v;
	size_t i, j, k, nv = 0;

	if (sp->n < 2)
		return;
	v = xmalloc(sp->n * sizeof *v);
	for (i = 0; i < sp->n; i++)
		if (sp->v[i].type <= NER_OG)
			v[nv++] = &sp->v[i];
	cons_text = s;
	qsort(v, nv, sizeof *v, cmp_surface);
	for (i = 0; i < nv; i = j) {
		size_t count[NER_NTYPES] = { 0 }, bl = v[i]->bend - v[i]->bstart;
		int best;

		for (j = i; j < nv && v[j]->bend - v[j]->bstart == bl &&
		    memcmp(s + v[j]->bstart, s + v[i]->bstart, bl) == 0; j++)
			count[v[j]->type]++;
		best = v[i]->type;
		for (k = 0; k <= NER_OG; k++)
			if (count[k] > count[best])
				best = (int)k;
		for (k = i; k < j; k++)
			v[k]->type = best;
	}
	free(v);
}

/*
 * The second pass over a text.  A name is decided once for all its
 * mentions: where the model tagged a surface as a name at least as often
 * as it left the same surface, standing as a word, untagged, it is a name
 * everywhere (the model may miss it in another sentence); where it left
 * it more often than not, its few spans go (AI taken once for a person
 * among thirty mentions).  And a person's full name of several words
 * marks its later short mentions (젠슨 황 ... 황 CEO; Jensen Huang ...
 * Huang), over the type the model gave them: a full name is the surer
 * decision.  Only names of two code points or more count; their types
 * already agree (consistent_types).
 */

/* The index of the span of 'sp' that starts at byte 'b', or sp->n. */
static size_t
span_at(const struct ner_spans *sp, size_t b)
{
	size_t lo = 0, hi = sp->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (sp->v[mid].bstart < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether bytes [b, e) overlap a span of 'sp'. */
static int
overlaps(const struct ner_spans *sp, size_t b, size_t e)
{
	size_t i = span_at(sp, b);

	return (i < sp->n && sp->v[i].bstart < e) ||
	    (i > 0 && sp->v[i - 1].bend > b);
}

/*
 * The vote over 'm', every whole-word mention of a name of 'out' in text
 * 's' (its type: 0 when a span of 'out' is exactly there, 1 when no span
 * is, 2 when another span overlaps it): per surface, the untagged
 * mentions become spans when the tagged ones are at least as many, else
 * the tagged ones go.
 */
static void
decide(struct ner_spans *out, struct ner_spans *m, const char *s)
{
	struct ner_span **v;
	size_t i, j, k, nv = m->n;

	if (nv == 0)
		return;
	v = xmalloc(nv * sizeof *v);
	for (i = 0; i < nv; i++)
		v[i] = &m->v[i];
	cons_text = s;
	qsort(v, nv, sizeof *v, cmp_surface);
	for (i = 0; i < nv; i = j) {
		size_t bl = v[i]->bend - v[i]->bstart, tagged = 0, free_ = 0;
		int type = -1;

		for (j = i; j < nv && v[j]->bend - v[j]->bstart == bl &&
		    memcmp(s + v[j]->bstart, s + v[i]->bstart, bl) == 0; j++) {
			if (v[j]->type == 0) {
				tagged++;
				type = out->v[span_at(out, v[j]->bstart)].type;
			} else if (v[j]->type == 1)
				free_++;
		}
		for (k = i; k < j; k++) {
			if (type < 0 || tagged * 2 >= tagged + free_) {
				/* a name here too, where no span is */
				v[k]->type = v[k]->type == 1 && type >= 0 ? type : -1;
			} else {
				/* not a name: the model's few spans go */
				if (v[k]->type == 0)
					out->v[span_at(out, v[k]->bstart)].type = -1;
				v[k]->type = -1;
			}
		}
	}
	free(v);
	for (i = k = 0; i < out->n; i++)
		if (out->v[i].type >= 0)
			out->v[k++] = out->v[i];
	out->n = k;
	for (i = k = 0; i < m->n; i++)
		if (m->v[i].type >= 0)
			m->v[k++] = m->v[i];
	m->n = k;
	merge_spans(out, m, 0);
}

static void
spread_names(struct ner *n, const char *s, size_t len, struct ner_spans *out)
{
	size_t i, k, first_full = (size_t)-1, nnames = 0, nshort = 0;
	struct ner_spans *m = &n->tmp;

	if (!n->names) {
		n->names = gaz_new();
		n->shorts = gaz_new();
	} else {
		gaz_clear(n->names);
		gaz_clear(n->shorts);
	}
	for (i = 0; i < out->n; i++) {
		const struct ner_span *v = &out->v[i];
		const char *w;

		if (v->type > NER_OG || v->end - v->start < 2)
			continue;
		gaz_add(n->names, s + v->bstart, v->bend - v->bstart,
		    1u << v->type);
		nnames++;
		if (v->type != NER_PS)
			continue;
		w = s + v->bend;
		while (w > s + v->bstart && w[-1] != ' ')
			w--;
		if (w == s + v->bstart)
			continue;
		gaz_add(n->shorts, w, (size_t)(s + v->bend - w), 1u << NER_PS);
		nshort++;
		if (v->bstart < first_full)
			first_full = v->bstart;
	}
	if (nnames == 0)
		return;
	/* every mention of the names, tagged or not: the vote */
	m->n = 0;
	name_spans(n, n->names, NULL, 0, s, len, m);
	for (i = 0; i < m->n; i++) {
		struct ner_span *v = &m->v[i];
		size_t at = span_at(out, v->bstart);

		/* type: 0 tagged as it is, 1 free, 2 under another span */
		if (at < out->n && out->v[at].bstart == v->bstart &&
		    out->v[at].bend == v->bend)
			v->type = 0;
		else
			v->type = overlaps(out, v->bstart, v->bend) ? 2 : 1;
	}
	decide(out, m, s);
	/* later short mentions of a full name */
	if (nshort) {
		m->n = 0;
		name_spans(n, n->shorts, NULL, 0, s, len, m);
		for (i = k = 0; i < m->n; i++) {
			struct ner_span *v = &m->v[i];
			size_t at = span_at(out, v->bstart);

			if (v->bstart < first_full)
				continue;
			if (at < out->n && out->v[at].bstart == v->bstart &&
			    out->v[at].bend == v->bend) {
				if (out->v[at].type <= NER_OG)
					out->v[at].type = NER_PS;
			} else if (!overlaps(out, v->bstart, v->bend)) {
				v->type = NER_PS;
				m->v[k++] = *v;
			}
		}
		m->n = k;
		merge_spans(out, m, 0);
	}
}

size_t
ner_tag(struct ner *n, const char *s, size_t len, struct ner_spans *out)
{
	size_t at = 0, cp0 = 0, i, k;

	out->n = 0;
	while (at < len) {
		const char *nl = memchr(s + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - s) : len;

		tag_paragraph(n, s, at, end - at, cp0, out);
		cp0 += utf8_count(s + at, end - at) + (nl != NULL);
		at = nl ? end + 1 : len;
	}
	consistent_types(out, s);
	spread_names(n, s, len, out);
	if (n->user) {
		n->tmp.n = 0;
		name_spans(n, n->user, NULL, 0, s, len, &n->tmp);
		merge_spans(out, &n->tmp, 1);
	}
	for (i = k = 0; i < out->n; i++)
		if (n->types & (1u << out->v[i].type))
			out->v[k++] = out->v[i];
	out->n = k;
	return k;
}
