/* ner: decoding, spans and the tagger that ties features and models. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "core/util.h"
#include "ner/gaz.h"
#include "ner/ner.h"
#include "ner/nerfeat.h"
#include "ner/nermodel.h"
#include "ner/nerrule.h"

static const char *const type_names[NER_NTYPES] = {
	"PERSON", "LOCATION", "ORG", "DATE", "TIME", "QUANTITY"
};
static const char *const type_codes[NER_NTYPES] = {
	"PS", "LC", "OG", "DT", "TI", "QT"
};

const char *
ner_type_name(int type)
{
	return type >= 0 && type < NER_NTYPES ? type_names[type] : "?";
}

const char *
ner_type_code(int type)
{
	return type >= 0 && type < NER_NTYPES ? type_codes[type] : "?";
}

int
ner_type_parse(const char *s, size_t len)
{
	static const struct {
		const char *name;
		int type;
	} alias[] = {
		{ "PER", NER_PS }, { "PERSON", NER_PS }, { "PS", NER_PS },
		{ "LOC", NER_LC }, { "LOCATION", NER_LC }, { "LC", NER_LC },
		{ "GPE", NER_LC },
		{ "ORG", NER_OG }, { "ORGANIZATION", NER_OG }, { "OG", NER_OG },
		{ "CORPORATION", NER_OG }, { "GROUP", NER_OG },
		{ "DATE", NER_DT }, { "DT", NER_DT },
		{ "TIME", NER_TI }, { "TI", NER_TI },
		{ "QUANTITY", NER_QT }, { "QT", NER_QT },
	};
	size_t i;

	for (i = 0; i < sizeof alias / sizeof alias[0]; i++)
		if (strlen(alias[i].name) == len &&
		    strncasecmp(alias[i].name, s, len) == 0)
			return alias[i].type;
	return -1;
}

int
ner_types_parse(const char *s, unsigned *mask)
{
	const char *p = s, *e;
	int t;

	*mask = 0;
	for (;;) {
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		if (e > p) {
			if ((t = ner_type_parse(p, (size_t)(e - p))) < 0) {
				warnx("unknown entity type '%.*s' (expected PERSON, "
				    "ORG, LOCATION, DATE, TIME or QUANTITY)",
				    (int)(e - p), p);
				return -1;
			}
			*mask |= 1u << t;
		}
		if (!*e)
			break;
		p = e + 1;
	}
	if (*mask == 0) {
		warnx("no entity type in '%s'", s);
		return -1;
	}
	return 0;
}

/* The tags that close a span (O, E-x, S-x), which O, B and S may follow. */
static const uint8_t closers[1 + 2 * NER_NTYPES] = {
	NER_O, NER_E(0), NER_S(0), NER_E(1), NER_S(1), NER_E(2), NER_S(2),
	NER_E(3), NER_S(3), NER_E(4), NER_S(4), NER_E(5), NER_S(5)
};

/* The tags that open a span or stand outside one (O, B-x, S-x). */
static const uint8_t openers[1 + 2 * NER_NTYPES] = {
	NER_O, NER_B(0), NER_S(0), NER_B(1), NER_S(1), NER_B(2), NER_S(2),
	NER_B(3), NER_S(3), NER_B(4), NER_S(4), NER_B(5), NER_S(5)
};

/* Scores four to a vector (SSE2's width); the openers padded to 16 lanes. */
typedef int32_t v4si __attribute__((vector_size(16)));
#define NCLOSE sizeof closers
#define NOPEN sizeof openers
#define OVECS ((NOPEN + 3) / 4)

void
ner_viterbi(const int32_t *emit, size_t n, const int32_t *trans,
    const int32_t *start, uint8_t *tags, uint8_t *back)
{
	/*
	 * Scores fit in 32 bits: a unit adds at most a few hundred thousand
	 * and segments are short; impossible paths start far below.
	 */
	const int32_t never = INT32_MIN / 2;
	int32_t prev[NER_NTAGS], cur[NER_NTAGS];
	/* from[k][j]: the transitions from closer k to openers 4j..4j+3 */
	v4si from[NCLOSE][OVECS], who[NCLOSE], pc[NCLOSE];
	v4si best[OVECS], arg[OVECS];
	size_t i, k, l;
	int t, j, last;

	if (n == 0)
		return;
	for (k = 0; k < NCLOSE; k++) {
		who[k] = (v4si){ 0 } + closers[k];
		for (l = 0; l < 4 * OVECS; l++)
			from[k][l / 4][l % 4] = l < NOPEN ?
			    trans[closers[k] * NER_NTAGS + openers[l]] : 0;
	}
	for (t = 0; t < NER_NTAGS; t++)
		prev[t] = NER_TAG_CONTINUES(t) ? never : start[t] + emit[t];
	for (i = 1; i < n; i++) {
		const int32_t *e = emit + i * NER_NTAGS;
		uint8_t *bp = back + i * NER_NTAGS;

		/*
		 * O, B and S follow O, E or S of any type: the best closer for
		 * four openers at a time, without branches.  A later closer
		 * wins only when strictly better, so ties go to the first, as
		 * in a loop over closers one by one.
		 */
		for (k = 0; k < NCLOSE; k++)
			pc[k] = (v4si){ 0 } + prev[closers[k]];
		for (j = 0; j < (int)OVECS; j++) {
			v4si b = pc[0] + from[0][j], a = who[0];

			for (k = 1; k < NCLOSE; k++) {
				v4si c = pc[k] + from[k][j];
				v4si gt = c > b;

				b = (gt & c) | (~gt & b);
				a = (gt & who[k]) | (~gt & a);
			}
			best[j] = b;
			arg[j] = a;
		}
		for (l = 0; l < NOPEN; l++) {
			t = openers[l];
			bp[t] = (uint8_t)arg[l / 4][l % 4];
			cur[t] = best[l / 4][l % 4] + e[t];
		}
		/* I and E follow B or I of their type */
		for (t = 0; t < NER_NTAGS; t++) {
			if (NER_TAG_CONTINUES(t)) {
				int b = NER_B(NER_TAG_TYPE(t)), in = b + 1;
				int32_t vb = prev[b] + trans[b * NER_NTAGS + t];
				int32_t vi = prev[in] + trans[in * NER_NTAGS + t];

				bp[t] = (uint8_t)(vb >= vi ? b : in);
				cur[t] = (vb >= vi ? vb : vi) + e[t];
			}
		}
		/* keep impossible paths from drifting toward overflow */
		for (t = 0; t < NER_NTAGS; t++)
			prev[t] = cur[t] < never ? never : cur[t];
		/* renormalize so long texts cannot overflow */
		if (prev[0] > INT32_MAX / 4 || prev[0] < INT32_MIN / 8) {
			int32_t base = prev[0];

			for (t = 0; t < NER_NTAGS; t++)
				prev[t] = prev[t] <= never ? never : prev[t] - base;
		}
	}
	/* the last unit closes its span */
	last = 0;
	for (t = 1; t < NER_NTAGS; t++)
		if (NER_TAG_CLOSES(t) && prev[t] > prev[last])
			last = t;
	for (i = n; i-- > 0;) {
		tags[i] = (uint8_t)last;
		if (i > 0)
			last = back[i * NER_NTAGS + last];
	}
}

void
ner_spans_add(struct ner_spans *sp, size_t start, size_t end, size_t bstart,
    size_t bend, int type)
{
	struct ner_span *s;

	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 16;
		sp->v = xrealloc(sp->v, sp->cap * sizeof *sp->v);
	}
	s = &sp->v[sp->n++];
	s->start = start;
	s->end = end;
	s->bstart = bstart;
	s->bend = bend;
	s->type = type;
}

void
ner_spans_release(struct ner_spans *sp)
{
	free(sp->v);
	sp->v = NULL;
	sp->n = sp->cap = 0;
}

/*
 * Particles cut off the end of a span: only those that no name ends with
 * (in KLUE's training data none of these closes an entity), longest first.
 * 이, 가, 은, 도, 의... also end names (김영이, 이영도), so they are left to
 * the model, which sees them in context.
 */
static const char *const josa_cut[] = {
	"으로부터", "에게서는", "에서부터",
	"에서는", "에서도", "에서의", "으로는", "으로서", "으로의", "이라는",
	"이라고", "에게는", "까지는", "부터는", "로부터", "에게서", "이었다",
	"이지만",
	"에서", "에게", "께서", "으로", "에는", "에도", "까지", "부터", "와의",
	"과의", "처럼", "보다", "한테", "라는", "라고", "이다", "이랑", "로는",
	"로서", "조차", "마저", "밖에", "이며", "이고", "였다", "에선", "에겐",
	"는", "를",
	NULL
};

size_t
ner_josa_len(const char *s, size_t len)
{
	size_t k, n;

	for (k = 0; josa_cut[k]; k++) {
		n = strlen(josa_cut[k]);
		if (n < len && memcmp(s + len - n, josa_cut[k], n) == 0)
			return n;
	}
	return 0;
}

/*
 * Particles and suffixes that may follow a name in its word, alone or in a
 * common sequence; a feature of the model and the test for user names.
 */
static const char *const josa_list[] = {
	"이", "가", "을", "를", "은", "는", "의", "에", "에서", "에게", "께",
	"께서", "한테", "와", "과", "도", "로", "으로", "만", "까지", "부터",
	"처럼", "보다", "랑", "이랑", "나", "이나", "에는", "에서는", "에게는",
	"으로는", "로는", "에도", "에서도", "와의", "과의", "에서의", "으로의",
	"로의", "이라는", "라는", "이라고", "라고", "이다", "이며", "이고",
	"이었다", "였다", "이자", "조차", "마저", "밖에", "뿐", "까지의",
	"부터의", "만의", "만에", "으로부터", "로부터", "에게서", "로서",
	"으로서", "와는", "과는", "에선", "에겐", "이란", "란", "인", "씨",
	"씨는", "씨가", "씨의", "씨를", "씨와", "측", "측은", "측의", "측이",
	"등", "등의", "등은", "쪽", "께서는", "이든", "든", "야", "아", "요",
	"이요", "이지만", "지만", NULL
};

/*
 * The particles by hash, built once: ner_is_josa runs for every character
 * of Korean text, and a scan of the list was a tenth of the tagger's time.
 */
#define JOSA_SLOTS 512

static uint32_t
josa_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

int
ner_is_josa(const char *s, size_t len)
{
	static int16_t slot[JOSA_SLOTS];
	static int ready;
	uint32_t i;

	if (len == 0 || len > 16)
		return 0;
	if (!ready) {
		int k;

		for (i = 0; i < JOSA_SLOTS; i++)
			slot[i] = -1;
		for (k = 0; josa_list[k]; k++) {
			i = josa_hash(josa_list[k], strlen(josa_list[k]));
			while (slot[i % JOSA_SLOTS] >= 0)
				i++;
			slot[i % JOSA_SLOTS] = (int16_t)k;
		}
		ready = 1;
	}
	for (i = josa_hash(s, len); slot[i % JOSA_SLOTS] >= 0; i++) {
		const char *j = josa_list[slot[i % JOSA_SLOTS]];

		if (strlen(j) == len && memcmp(j, s, len) == 0)
			return 1;
	}
	return 0;
}

/* The tagger. */

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
		at += (size_t)utf8_decode(s + at, len - at, &c);
		if (c >= 0xac00 && c <= 0xd7a3)
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
		n->cap = units * 2;
		n->emit = xrealloc(n->emit, n->cap * NER_NTAGS * sizeof *n->emit);
		n->tags = xrealloc(n->tags, n->cap);
		n->back = xrealloc(n->back, n->cap * NER_NTAGS);
	}
}

/*
 * Tag one segment of text with model 'm' and append its spans to 'out',
 * offsets shifted by 'cp0' code points and 'b0' bytes.
 */
static void
tag_segment(struct ner *n, const struct nermodel *m, const char *s,
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
	"A", "An", "And", "As", "At", "After", "Although", "Before", "But",
	"By", "For", "From", "He", "Her", "His", "However", "If", "In", "It",
	"Its", "Meanwhile", "My", "On", "Our", "She", "Since", "So", "Their",
	"Then", "They", "This", "Though", "To", "We", "When", "Where",
	"While", "With", "Yesterday", "Today", NULL
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

/* Spans of person or place that end in an organization's last word. */
static void
retype_org_heads(struct ner_spans *sp, const char *s)
{
	size_t i, k, n;

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
		for (k = 0; org_heads[k]; k++)
			if (strlen(org_heads[k]) == n &&
			    memcmp(w, org_heads[k], n) == 0) {
				v->type = NER_OG;
				break;
			}
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
 * User names, longest first, as whole words: not inside a longer word,
 * though a Korean particle may follow (삼성전자는).
 */
static void
user_names(struct ner *n, const char *s, size_t len, struct ner_spans *out)
{
	size_t ncp = 0, at = 0, i, m, e, k;
	unsigned types;
	int32_t c;

	if (len + 1 > n->cpcap) {
		n->cpcap = (len + 1) * 2;
		n->cp = xrealloc(n->cp, n->cpcap * sizeof *n->cp);
		n->cpb = xrealloc(n->cpb, n->cpcap * sizeof *n->cpb);
	}
	while (at < len) {
		n->cpb[ncp] = at;
		at += (size_t)utf8_decode(s + at, len - at, &c);
		n->cp[ncp++] = c;
	}
	n->cpb[ncp] = len;
	for (i = 0; i < ncp; i++) {
		if (i > 0 && word_char(n->cp[i - 1]))
			continue;
		m = gaz_match(n->user, n->cp, ncp, i, NULL, NER_TYPE_MASK, &types);
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
	const struct nermodel *m;
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
		}
	} else {
		if (out->n > first) {
			struct ner_spans tmp = { out->v + first,
			    out->n - first, 0 };

			trim_function_word(&tmp, base);
			retype_org_heads(&tmp, base);
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
	if (n->user) {
		n->tmp.n = 0;
		user_names(n, s, len, &n->tmp);
		merge_spans(out, &n->tmp, 1);
	}
	for (i = k = 0; i < out->n; i++)
		if (n->types & (1u << out->v[i].type))
			out->v[k++] = out->v[i];
	out->n = k;
	return k;
}
