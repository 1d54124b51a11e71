/* linefeat: what the line model knows of each line of a document. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/utf8.h"
#include "core/util.h"
#include "strip/internal.h"

const char *const feat_name[FEAT_N] = {
#define FEAT_NAME_(id, name) name,
	FEAT_LIST(FEAT_NAME_)
#undef FEAT_NAME_
};

#define NEAR_LINES 4		/* neighbours looked at on each side */
#define FAR_LINES 6		/* a copy this far away is another place */
#define BIGRAM_BITS 15		/* the prose's letter pairs, counted */
#define BIGRAM_MASK ((1u << BIGRAM_BITS) - 1)

/* What a line is to its neighbours. */
enum { KIND_BLANK, KIND_RULE, KIND_LINE };

struct feat {
	float *x;		/* n rows of FEAT_N */
	unsigned char *kind;	/* KIND_* of each line */
	size_t *prev, *next;	/* the nearest non-blank line, or SIZE_MAX */
	uint64_t *hash;		/* of each line's content */
	size_t *ord;		/* the line's number among non-blank lines */
	size_t *jord;		/* and among the lines the model judges */
	size_t *above, *below;	/* that of the nearest prose line, or none */
	size_t cap;
	/* the lines' content hashes: how many lines hold each, and where */
	uint64_t *key;
	uint32_t *count;
	size_t *first, *last;
	size_t hcap;
	uint32_t *bigram;	/* 1 << BIGRAM_BITS counts, zero between docs */
	uint16_t *unit;		/* the word units of the lines, in order */
	size_t nunit, cunit;
	size_t *ustart, *ucount;	/* line i's: unit[ustart[i]..] */
};

struct feat *
feat_new(void)
{
	struct feat *f = xcalloc(1, sizeof *f);

	f->bigram = xcalloc((size_t)1 << BIGRAM_BITS, sizeof *f->bigram);
	return f;
}

void
feat_free(struct feat *f)
{
	if (f == NULL)
		return;
	free(f->x);
	free(f->kind);
	free(f->prev);
	free(f->next);
	free(f->hash);
	free(f->ord);
	free(f->jord);
	free(f->above);
	free(f->below);
	free(f->key);
	free(f->count);
	free(f->first);
	free(f->last);
	free(f->bigram);
	free(f->unit);
	free(f->ustart);
	free(f->ucount);
	free(f);
}

static void
reserve(struct feat *f, size_t n)
{
	size_t hcap = 16;

	if (n > f->cap) {
		f->kind = xreserve(f->kind, &f->cap, n, sizeof *f->kind);
		f->x = xreallocarray(f->x, f->cap, FEAT_N * sizeof *f->x);
		f->ord = xreallocarray(f->ord, f->cap, sizeof *f->ord);
		f->jord = xreallocarray(f->jord, f->cap, sizeof *f->jord);
		f->above = xreallocarray(f->above, f->cap, sizeof *f->above);
		f->below = xreallocarray(f->below, f->cap, sizeof *f->below);
		f->ustart = xreallocarray(f->ustart, f->cap, sizeof *f->ustart);
		f->ucount = xreallocarray(f->ucount, f->cap, sizeof *f->ucount);
		f->prev = xreallocarray(f->prev, f->cap, sizeof *f->prev);
		f->next = xreallocarray(f->next, f->cap, sizeof *f->next);
		f->hash = xreallocarray(f->hash, f->cap, sizeof *f->hash);
	}
	while (hcap < 2 * n && hcap < SIZE_MAX / 4)
		hcap *= 2;
	if (hcap > f->hcap) {
		f->hcap = hcap;
		f->key = xreallocarray(f->key, hcap, sizeof *f->key);
		f->count = xreallocarray(f->count, hcap, sizeof *f->count);
		f->first = xreallocarray(f->first, hcap, sizeof *f->first);
		f->last = xreallocarray(f->last, hcap, sizeof *f->last);
	}
}

static uint64_t
content_hash(const char *s, size_t len)
{
	return XXH3_64bits(s, len) | 1;	/* 0 marks an empty slot */
}

/* The slot of 'key' in the content table, or the empty one for it. */
static size_t
slot_of(const struct feat *f, size_t hcap, uint64_t key)
{
	size_t i = (size_t)(key >> 7) & (hcap - 1);

	while (f->key[i] != 0 && f->key[i] != key)
		i = (i + 1) & (hcap - 1);
	return i;
}

/* The code point ending at byte 'end' of valid text 's' (-1 at 0). */
static int32_t
last_cp(const char *s, size_t end, size_t *start)
{
	size_t i = end, k;
	int32_t cp;

	if (end == 0) {
		*start = 0;
		return -1;
	}
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	k = i;
	cp = utf8_next(s, end, &k);
	*start = i;
	return cp;
}

static int
is_closer(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	    cp == 0x201D || cp == 0x2019 || cp == 0x00BB || cp == 0x300D ||
	    cp == 0x300F;
}

static int
is_opener(int32_t cp)
{
	return cp == '[' || cp == '(' || cp == '<' || cp == 0x3010 ||
	    cp == 0x3008 || cp == 0x300A || cp == 0x300C || cp == 0x300E ||
	    cp == 0xFF3B || cp == 0xFF08;
}

static int
is_close_bracket(int32_t cp)
{
	return cp == ']' || cp == ')' || cp == '>' || cp == 0x3011 ||
	    cp == 0x3009 || cp == 0x300B || cp == 0x300D || cp == 0x300F ||
	    cp == 0xFF3D || cp == 0xFF09;
}

static int
is_quote(int32_t cp)
{
	return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
	    cp == 0x2019 || cp == 0x300C || cp == 0x300D;
}

static int
is_alnum(int c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}



/*
 * A markup tag a text browser writes for what it cannot show: "(BUTTON)",
 * "[IMG]", "[INS:": an opening bracket, three capitals or more, and a
 * closing bracket or a colon.
 */
static int
tag_at(const char *s, size_t len, char open)
{
	const char *p = memchr(s, open, len);
	size_t i, j;

	while (p != NULL) {
		i = (size_t)(p - s);
		for (j = i + 1; j < len && s[j] >= 'A' && s[j] <= 'Z'; j++)
			;
		if (j - i > 3 && j < len && (s[j] == ')' || s[j] == ']' ||
		    s[j] == ':'))
			return 1;
		p = i + 1 < len ? memchr(s + i + 1, open, len - i - 1) : NULL;
	}
	return 0;
}

static int
has_tag(const char *s, size_t len)
{
	return tag_at(s, len, '(') || tag_at(s, len, '[');
}

/*
 * Whether the run of 'd' digits ending at s[i] starts a date or a time:
 * 2025-06-04, 2019.01.31, 2016/09/17 (four digits, a separator, a digit)
 * or 02:37 (up to two digits, ':', two digits, no third).
 */
static int
date_at(const char *s, size_t len, size_t i, size_t d)
{
	if (d == 4 && i + 1 < len && (s[i] == '-' || s[i] == '.' ||
	    s[i] == '/') && s[i + 1] >= '0' && s[i + 1] <= '9')
		return 1;
	return d <= 2 && i + 2 < len && s[i] == ':' && s[i + 1] >= '0' &&
	    s[i + 1] <= '5' && s[i + 2] >= '0' && s[i + 2] <= '9' &&
	    (i + 3 == len || s[i + 3] < '0' || s[i + 3] > '9');
}

/* An e-mail address: a word, '@', a word with a dot. */
static int
has_email(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);
	size_t i;

	while (at != NULL) {
		i = (size_t)(at - s);
		if (i > 0 && (is_alnum(s[i - 1]) ||
		    s[i - 1] == '.' || s[i - 1] == '_') && i + 3 < len &&
		    is_alnum(s[i + 1]) &&
		    memchr(s + i + 1, '.', len - i - 1) != NULL)
			return 1;
		at = memchr(at + 1, '@', len - i - 1);
	}
	return 0;
}




/* The ending: "다." "요." (Korean), a lower-case letter's "." (English). */
static void
ending(float *x, const char *s, size_t len, int lang)
{
	size_t end = len, k;
	int32_t cp, before;

	cp = last_cp(s, end, &k);
	x[FEAT_COLON] = cp == ':' || cp == 0xFF1A;
	while (end > 0 && is_closer(cp)) {
		end = k;
		cp = last_cp(s, end, &k);
	}
	if (cp == 0x2026 || (cp == '.' && k >= 2 && s[k - 1] == '.')) {
		x[FEAT_ELLIPSIS] = 1;
		return;
	}
	if (cp != '.' && cp != '!' && cp != '?')
		return;
	before = last_cp(s, k, &k);
	if (lang == LAYOUT_KO)
		x[FEAT_END_VERB] = before == 0xB2E4 || before == 0xC694 ||
		    before == 0xC8E0 || before == 0xAE4C;	/* 다 요 죠 까 */
	else
		x[FEAT_END_VERB] = (before >= 'a' && before <= 'z') ||
		    (before >= '0' && before <= '9') || is_closer(before);
}

/* Whether s[0..len) starts with lowercase ASCII 'w', caselessly. */
static int
starts_word(const char *s, size_t len, const char *w)
{
	size_t i;

	for (i = 0; w[i]; i++)
		if (i >= len || ascii_lower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

/* What an ASCII word starting at s[i] says: a credit word, a URL. */
static void
ascii_word(float *x, const char *s, size_t len, size_t i, int lang)
{
	static const char *const credit[] = { "photo", "image", "credit",
	    "getty" };
	size_t k;

	if (starts_word(s + i, len - i, "http") || starts_word(s + i, len - i,
	    "www."))
		x[FEAT_URL] = 1;
	if (lang == LAYOUT_KO)
		return;
	if (i == 0 && len > 3 && starts_word(s, len, "by "))
		x[FEAT_REPORTER] = 1;
	for (k = 0; k < sizeof credit / sizeof credit[0]; k++)
		if (starts_word(s + i, len - i, credit[k]))
			x[FEAT_CREDIT] = 1;
}

/*
 * Korean words by their two last syllables: 기자 and 특파원 (a reporter),
 * 사진 제공 캡처 출처 (a picture's credit).
 */
static void
hangul_pair(float *x, int32_t a, int32_t b)
{
	switch ((uint32_t)a << 16 | (uint32_t)b) {
	case 0xAE30C790u:	/* 기자 */
	case 0xD30CC6D0u:	/* (특)파원 */
		x[FEAT_REPORTER] = 1;
		break;
	case 0xC0ACC9C4u:	/* 사진 */
	case 0xC81CACF5u:	/* 제공 */
	case 0xCEA1CC98u:	/* 캡처 */
	case 0xCD9CCC98u:	/* 출처 */
		x[FEAT_CREDIT] = 1;
		break;
	}
}

static void
add_unit(struct feat *f, uint32_t h)
{
	f->unit = xreserve(f->unit, &f->cunit, f->nunit + 1, sizeof *f->unit);
	f->unit[f->nunit++] = (uint16_t)(h >> (32 - BIGRAM_BITS));
}

/*
 * The features of a line that come from its own text and layout, in one
 * pass over its characters, which also appends the line's word units to
 * f->unit: pairs of Hangul syllables within a word (Korean words take
 * particles: 소년공이 and 소년공 share 소년, 년공), and Latin or digit runs
 * of four or more, ASCII lowercased, hashed.
 */
static void
own_features(struct feat *f, float *x, const char *s, size_t len,
    const struct layout_line *l, int lang)
{
	uint32_t digits = 0, latin = 0, letters = 0, symbols = 0, nonspace = 0;
	uint32_t h = 2166136261u;
	size_t i = 0, at, k, run = 0, drun = 0;
	int32_t cp, prev = -1;

	while (i < len) {
		at = i;
		cp = utf8_next(s, len, &i);
		if (cp >= '0' && cp <= '9') {
			drun++;
		} else {
			if (drun && date_at(s, len, at, drun))
				x[FEAT_DATE] = 1;
			drun = 0;
		}
		if (cp < 0x80 && is_alnum(cp)) {
			h = (h ^ (uint32_t)ascii_lower(cp)) * 16777619u;
			run++;
		} else {
			if (run >= 4)
				add_unit(f, h);
			run = 0;
			h = 2166136261u;
		}
		if (cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000) {
			prev = cp;
			continue;
		}
		nonspace++;
		if (cp >= '0' && cp <= '9') {
			digits++;
		} else if (((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) {
			latin++;
			letters++;
			if (!(prev >= 0 && prev < 0x80 && is_alnum(prev)))
				ascii_word(x, s, len, at, lang);
		} else if (utf8_is_hangul_syllable(cp)) {
			letters++;
			if (utf8_is_hangul_syllable(prev)) {
				hangul_pair(x, prev, cp);
				add_unit(f, (uint32_t)prev * 0x9E3779B1u ^
				    (uint32_t)cp * 0x85EBCA77u);
			}
		} else if (cp >= 0x3040) {
			letters++;
		} else if (cp < 0x3000) {
			symbols += cp < 0x80 || (cp >= 0x2000 && cp < 0x2E00) ||
			    (cp >= 0x2500 && cp < 0x2800);
			if (is_quote(cp))
				x[FEAT_QUOTE] = 1;
			if (cp == '.' && (starts_word(s + i, len - i, "co.kr") ||
			    starts_word(s + i, len - i, "com/")))
				x[FEAT_URL] = 1;
		} else if (is_quote(cp)) {
			x[FEAT_QUOTE] = 1;
		}
		prev = cp;
	}
	if (run >= 4)
		add_unit(f, h);
	x[FEAT_BIAS] = 1;
	x[FEAT_KOREAN] = lang == LAYOUT_KO;
	x[FEAT_LENGTH] = fminf(1, log2f(1 + (float)l->nchars) / 9);
	x[FEAT_UNDER8] = l->nchars < 8;
	x[FEAT_UNDER20] = l->nchars < 20;
	x[FEAT_UNDER40] = l->nchars < 40;
	x[FEAT_UNDER80] = l->nchars < 80;
	x[FEAT_WORDS1] = l->nwords <= 1;
	x[FEAT_WORDS2] = l->nwords == 2;
	x[FEAT_WORDS4] = l->nwords <= 4;
	x[FEAT_END] = (l->flags & LAYOUT_END) != 0;
	ending(x, s, len, lang);
	x[FEAT_STOP] = l->nwords ? (float)l->nstop / (float)l->nwords : 0;
	x[FEAT_JUNK] = (l->flags & LAYOUT_JUNK) != 0;
	x[FEAT_MENU] = (l->flags & LAYOUT_MENU) != 0;
	x[FEAT_BULLET] = (l->flags & LAYOUT_BULLET) != 0;
	x[FEAT_DIGITS] = nonspace ? (float)digits / (float)nonspace : 0;
	x[FEAT_LATIN] = letters ? (float)latin / (float)letters : 0;
	x[FEAT_SYMBOLS] = nonspace ? (float)symbols / (float)nonspace : 0;
	x[FEAT_EMAIL] = has_email(s, len);
	k = 0;
	cp = len ? utf8_next(s, len, &k) : -1;
	x[FEAT_BRACKET] = is_opener(cp);
	if (x[FEAT_BRACKET] && len > 2) {
		size_t start;

		x[FEAT_BRACKETED] = is_close_bracket(last_cp(s, len, &start));
	}
	x[FEAT_TAG] = has_tag(s, len);
	x[FEAT_PROSE] = l->cls == LAYOUT_GOOD;
	x[FEAT_NEAR_PROSE] = l->cls == LAYOUT_NEAR;
	x[FEAT_SHORT] = l->cls == LAYOUT_SHORT;
	x[FEAT_NOT_PROSE] = l->cls == LAYOUT_BAD;
	x[FEAT_LAYOUT_KEEPS] = l->final == LAYOUT_GOOD;
	x[FEAT_CONTEXT] = l->final == LAYOUT_BAD &&
	    l->why == LAYOUT_WHY_CONTEXT;
	x[FEAT_OUTSIDE] = l->final == LAYOUT_BAD &&
	    l->why == LAYOUT_WHY_OUTSIDE;
	x[FEAT_IN_BLOCK] = (l->place & LAYOUT_IN_BLOCK) != 0;
	x[FEAT_HEADING] = (l->place & LAYOUT_HEADING) != 0;
}

/* Add 'delta' to the counts of line i's units. */
static void
count_units(struct feat *f, size_t i, int delta)
{
	const uint16_t *u = f->unit + f->ustart[i];
	size_t k;

	for (k = 0; k < f->ucount[i]; k++)
		f->bigram[u[k]] += (uint32_t)delta;
}

/*
 * Whether one line's content starts the other's (at least 10 bytes): a
 * caption and the same caption with its credit or an enlarge button.
 */
static int
starts_alike(const char *s, const struct strip_line *a,
    const struct strip_line *b)
{
	size_t la = a->cend - a->cstart, lb = b->cend - b->cstart;
	size_t n = la < lb ? la : lb;

	return n >= 10 && memcmp(s + a->cstart, s + b->cstart, n) == 0;
}

/* 1, 1/2, 1/3...: how close line number 'near' is to 'at' (0: none). */
static float
proximity(size_t at, size_t near)
{
	if (near == SIZE_MAX)
		return 0;
	return 1.0f / (float)(at > near ? at - near : near - at);
}

const float *
feat_doc(struct feat *f, const char *s, const struct strip_line *v,
    const struct layout_line *ll, size_t n, int lang)
{
	size_t i, j, last = SIZE_MAX, lines = 0, prose = 0, nonblank = 0;
	size_t good = SIZE_MAX;
	size_t bfirst = SIZE_MAX, blast = 0;

	reserve(f, n);
	memset(f->x, 0, n * FEAT_N * sizeof *f->x);
	memset(f->key, 0, f->hcap * sizeof *f->key);
	for (i = 0; i < n; i++) {
		f->kind[i] = ll[i].cls == LAYOUT_BLANK ? KIND_BLANK :
		    ll[i].cls == LAYOUT_RULE ? KIND_RULE : KIND_LINE;
		f->prev[i] = last;
		f->ord[i] = nonblank;
		f->jord[i] = lines;
		f->above[i] = good;
		if (f->kind[i] == KIND_BLANK)
			continue;
		last = i;
		nonblank++;
		if (f->kind[i] == KIND_LINE && ll[i].cls == LAYOUT_GOOD)
			good = f->ord[i];
		if (f->kind[i] == KIND_LINE) {
			lines++;
			prose += ll[i].cls == LAYOUT_GOOD ||
			    ll[i].cls == LAYOUT_NEAR;
			if (ll[i].place & LAYOUT_IN_BLOCK) {
				if (bfirst == SIZE_MAX)
					bfirst = i;
				blast = i;
			}
		}
	}
	last = good = SIZE_MAX;
	for (i = n; i-- > 0;) {
		f->next[i] = last;
		f->below[i] = good;
		if (f->kind[i] != KIND_BLANK)
			last = i;
		if (f->kind[i] == KIND_LINE && ll[i].cls == LAYOUT_GOOD)
			good = f->ord[i];
	}
	/* The content of every non-blank line, counted: copies of a line. */
	for (i = 0; i < n; i++) {
		size_t sl;

		if (f->kind[i] == KIND_BLANK)
			continue;
		f->hash[i] = content_hash(s + v[i].cstart, v[i].cend -
		    v[i].cstart);
		sl = slot_of(f, f->hcap, f->hash[i]);
		if (f->key[sl] == 0) {
			f->key[sl] = f->hash[i];
			f->count[sl] = 0;
			f->first[sl] = i;
		}
		f->count[sl]++;
		f->last[sl] = i;
	}
	/* Each line's own features and word units; the prose's counted. */
	f->nunit = 0;
	for (i = 0; i < n; i++) {
		f->ustart[i] = f->nunit;
		if (f->kind[i] == KIND_LINE)
			own_features(f, f->x + i * FEAT_N, s + v[i].cstart,
			    v[i].cend - v[i].cstart, &ll[i], lang);
		f->ucount[i] = f->nunit - f->ustart[i];
		if (f->kind[i] == KIND_LINE && ll[i].cls == LAYOUT_GOOD)
			count_units(f, i, 1);
	}
	for (i = 0; i < n; i++) {
		float *x = f->x + i * FEAT_N;
		size_t sl, hits = 0, k;
		size_t p = f->prev[i], q = f->next[i], near = 0, ruled = 0, d;

		if (f->kind[i] != KIND_LINE)
			continue;
		x[FEAT_PREFIX_CUT] = v[i].pcut != NULL;
		x[FEAT_SUFFIX_CUT] = v[i].scut != NULL;
		x[FEAT_POSITION] = n > 1 ? (float)i / (float)(n - 1) : 0;
		if (bfirst != SIZE_MAX) {
			x[FEAT_BEFORE_BLOCK] = i < bfirst;
			x[FEAT_AFTER_BLOCK] = i > blast;
			d = i < bfirst ? f->jord[bfirst] - f->jord[i] : i > blast ?
			    f->jord[i] - f->jord[blast] : 0;
			x[FEAT_BLOCK_DIST] = fminf(1, log2f(1 + (float)d) / 7);
		} else {
			x[FEAT_BLOCK_DIST] = 1;
		}
		x[FEAT_PROSE_ABOVE] = proximity(f->ord[i], f->above[i]);
		x[FEAT_PROSE_BELOW] = proximity(f->ord[i], f->below[i]);
		if (p != SIZE_MAX) {
			x[FEAT_AFTER_PROSE] = f->kind[p] == KIND_LINE &&
			    (ll[p].cls == LAYOUT_GOOD || ll[p].cls == LAYOUT_NEAR);
			x[FEAT_AFTER_RULE] = f->kind[p] == KIND_RULE;
			x[FEAT_AFTER_SHORT] = f->kind[p] == KIND_LINE &&
			    ll[p].cls == LAYOUT_SHORT;
			x[FEAT_AFTER_ITEM] = (ll[p].flags & LAYOUT_BULLET) != 0;
			x[FEAT_REPEATS_NEXT] = f->hash[p] == f->hash[i] ||
			    starts_alike(s, &v[p], &v[i]);
		}
		if (q != SIZE_MAX) {
			x[FEAT_BEFORE_PROSE] = f->kind[q] == KIND_LINE &&
			    (ll[q].cls == LAYOUT_GOOD || ll[q].cls == LAYOUT_NEAR);
			x[FEAT_BEFORE_RULE] = f->kind[q] == KIND_RULE;
			x[FEAT_BEFORE_SHORT] = f->kind[q] == KIND_LINE &&
			    ll[q].cls == LAYOUT_SHORT;
			x[FEAT_BEFORE_ITEM] = (ll[q].flags & LAYOUT_BULLET) != 0;
			if (f->hash[q] == f->hash[i] || starts_alike(s, &v[q], &v[i]))
				x[FEAT_REPEATS_NEXT] = 1;
		}
		for (j = i, d = 0; d < NEAR_LINES && (j = f->prev[j]) !=
		    SIZE_MAX; d++, near++)
			ruled += f->kind[j] == KIND_RULE;
		/* A list's heading (관련기사, Related) a few lines above. */
		for (j = i, d = 0; d < 2 * NEAR_LINES && (j = f->prev[j]) !=
		    SIZE_MAX; d++)
			if (f->kind[j] == KIND_RULE && v[j].rule &&
			    v[j].rule->scope == RULE_BLOCK_START) {
				x[FEAT_UNDER_HEADING] = 1.0f / (float)(1 + d);
				break;
			}
		for (j = i, d = 0; d < NEAR_LINES && (j = f->next[j]) !=
		    SIZE_MAX; d++, near++)
			ruled += f->kind[j] == KIND_RULE;
		x[FEAT_RULES_NEAR] = near ? (float)ruled / (float)near : 0;
		sl = slot_of(f, f->hcap, f->hash[i]);
		x[FEAT_RECURS] = f->count[sl] > 1;
		x[FEAT_RECURS_FAR] = f->count[sl] > 1 &&
		    (i - f->first[sl] >= FAR_LINES ||
		    f->last[sl] - i >= FAR_LINES);
		/* The share of its word units found in the other prose. */
		if (ll[i].cls == LAYOUT_GOOD)
			count_units(f, i, -1);
		for (k = 0; k < f->ucount[i]; k++)
			hits += f->bigram[f->unit[f->ustart[i] + k]] > 0;
		if (ll[i].cls == LAYOUT_GOOD)
			count_units(f, i, 1);
		x[FEAT_OVERLAP] = f->ucount[i] ? (float)hits /
		    (float)f->ucount[i] : 0;
		x[FEAT_PAGE_PROSE] = lines ? (float)prose / (float)lines : 0;
		x[FEAT_PAGE_LINES] = fminf(1, log2f(1 + (float)nonblank) / 10);
	}
	/* Leave the unit counts zero for the next document. */
	for (i = 0; i < n; i++)
		if (f->kind[i] == KIND_LINE && ll[i].cls == LAYOUT_GOOD)
			count_units(f, i, -1);
	return f->x;
}
