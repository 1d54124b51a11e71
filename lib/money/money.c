/*
 * money: find amounts of money in Korean and English text (see money.h).
 *
 * The scan never runs a pattern over every byte.  One pass looks only at
 * the places an amount can start: a digit run (ASCII or full width), a
 * Sino-Korean numeral at the start of a word (삼천만, 수십억), or an English
 * number word (five, million, tens).  From there a hand-written parser reads
 * the number (Korean myriads 만/억/조/경 with 십/백/천 inside, separators,
 * decimals, English scales), then tries the currency after it and before
 * it through two byte tries built from lib/money_names.c (one read
 * forwards for 달러/USD/€, one read backwards for $/US$/USD/₩).  Ranges,
 * cents, qualifiers and vague amounts are settled around that core.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dec.h"
#include "core/utf8.h"
#include "core/util.h"
#include "money/money.h"
#include "money/money_names.h"

/* ---------------------------------------------------------------- tables */

#define SP 0x01		/* trie edge: optional white space */
#define MAX_HITS 16

struct trie_node {
	int sp;			/* the child across optional white space, or -1 */
	int ent;		/* first name ending here (index in money_names), or -1 */
};

/*
 * Edges live in one open-addressing table keyed by (node, byte): a step
 * costs one probe whatever the fan-out (the roots have hundreds of edges).
 */
struct trie_edge {
	int from;		/* -1: empty slot */
	int to;
	unsigned char b;
};

struct trie {
	struct trie_node *n;
	int nn, cap;
	struct trie_edge *e;
	size_t ecap, nedges;	/* ecap is a power of two */
	int *next;		/* next name ending at the same node, per name */
};

static struct trie fwd, rev;	/* suffix names forwards, prefix names backwards */

/* Per name, computed once: its length and the kinds of its ends. */
enum { END_WORD = 1, END_HANGUL = 2 };	/* ASCII letter, digit or '.'; Hangul */
static unsigned char *name_len, *name_first, *name_last, *name_sign;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static size_t
edge_slot(int node, unsigned char b, size_t mask)
{
	uint32_t h = (uint32_t)node * 2654435761u ^ (uint32_t)b * 0x9E3779B1u;

	return (h ^ (h >> 15)) & mask;
}

static int
trie_child(const struct trie *t, int node, unsigned char b)
{
	size_t i = edge_slot(node, b, t->ecap - 1);

	if (b == SP)
		return t->n[node].sp;
	for (;;) {
		const struct trie_edge *e = &t->e[i];

		if (e->from < 0)
			return -1;
		if (e->from == node && e->b == b)
			return e->to;
		i = (i + 1) & (t->ecap - 1);
	}
}

static void
trie_put_edge(struct trie_edge *tab, size_t cap, int from, unsigned char b,
    int to)
{
	size_t i = edge_slot(from, b, cap - 1);

	while (tab[i].from >= 0)
		i = (i + 1) & (cap - 1);
	tab[i].from = from;
	tab[i].b = b;
	tab[i].to = to;
}

static int
trie_add_node(struct trie *t, int parent, unsigned char b)
{
	int c = trie_child(t, parent, b);
	size_t i;

	if (c >= 0)
		return c;
	if (t->nn == t->cap) {
		t->cap *= 2;
		t->n = xrealloc(t->n, (size_t)t->cap * sizeof *t->n);
	}
	c = t->nn++;
	t->n[c].sp = t->n[c].ent = -1;
	if (b == SP) {
		t->n[parent].sp = c;
		return c;
	}
	if (2 * (t->nedges + 1) > t->ecap) {
		/* keep the table at most half full */
		size_t ncap = t->ecap * 2;
		struct trie_edge *ne = xmalloc(ncap * sizeof *ne);

		for (i = 0; i < ncap; i++)
			ne[i].from = -1;
		for (i = 0; i < t->ecap; i++)
			if (t->e[i].from >= 0)
				trie_put_edge(ne, ncap, t->e[i].from, t->e[i].b,
				    t->e[i].to);
		free(t->e);
		t->e = ne;
		t->ecap = ncap;
	}
	trie_put_edge(t->e, t->ecap, parent, b, c);
	t->nedges++;
	return c;
}

/* Add name 'idx': its text folded, spaces as SP edges, reversed for 'rev'. */
static void
trie_add(struct trie *t, int idx, int backwards)
{
	const char *s = money_names[idx].text;
	size_t len = strlen(s), k;
	unsigned char key[128];
	size_t n = 0;
	int node = 0;

	for (k = 0; k < len && n < sizeof key; k++) {
		unsigned char c = (unsigned char)s[k];

		if (c == ' ') {
			if (n > 0 && key[n - 1] != SP)
				key[n++] = SP;
			continue;
		}
		key[n++] = fold(c);
	}
	for (k = 0; k < n; k++)
		node = trie_add_node(t, node, key[backwards ? n - 1 - k : k]);
	t->next[idx] = t->n[node].ent;
	t->n[node].ent = idx;
}

static void
trie_init(struct trie *t)
{
	size_t i;

	t->cap = 1024;
	t->n = xmalloc((size_t)t->cap * sizeof *t->n);
	t->nn = 1;		/* node 0 is the root */
	t->n[0].sp = t->n[0].ent = -1;
	t->ecap = 1024;
	t->nedges = 0;
	t->e = xmalloc(t->ecap * sizeof *t->e);
	for (i = 0; i < t->ecap; i++)
		t->e[i].from = -1;
	t->next = xcalloc(money_nnames, sizeof *t->next);
}

/* English number words: the anchors of English amounts. */
enum {
	EW_ONES = 1, EW_TENS, EW_HUNDRED, EW_SCALE, EW_ABBR, EW_HALF,
	EW_QUARTER, EW_QUARTERS, EW_DOZEN, EW_PLURAL, EW_SEVERAL, EW_MULTI,
	EW_AND, EW_A, EW_POINT, EW_OF
};

struct enword {
	const char *w;
	unsigned char kind;
	signed char val;	/* the number, or the exponent of a scale */
};

static const struct enword enwords[] = {
	{ "zero", EW_ONES, 0 }, { "one", EW_ONES, 1 }, { "two", EW_ONES, 2 },
	{ "three", EW_ONES, 3 }, { "four", EW_ONES, 4 }, { "five", EW_ONES, 5 },
	{ "six", EW_ONES, 6 }, { "seven", EW_ONES, 7 }, { "eight", EW_ONES, 8 },
	{ "nine", EW_ONES, 9 }, { "ten", EW_ONES, 10 }, { "eleven", EW_ONES, 11 },
	{ "twelve", EW_ONES, 12 }, { "thirteen", EW_ONES, 13 },
	{ "fourteen", EW_ONES, 14 }, { "fifteen", EW_ONES, 15 },
	{ "sixteen", EW_ONES, 16 }, { "seventeen", EW_ONES, 17 },
	{ "eighteen", EW_ONES, 18 }, { "nineteen", EW_ONES, 19 },
	{ "twenty", EW_TENS, 20 }, { "thirty", EW_TENS, 30 },
	{ "forty", EW_TENS, 40 }, { "fifty", EW_TENS, 50 },
	{ "sixty", EW_TENS, 60 }, { "seventy", EW_TENS, 70 },
	{ "eighty", EW_TENS, 80 }, { "ninety", EW_TENS, 90 },
	{ "hundred", EW_HUNDRED, 2 },
	{ "thousand", EW_SCALE, 3 }, { "million", EW_SCALE, 6 },
	{ "billion", EW_SCALE, 9 }, { "trillion", EW_SCALE, 12 },
	{ "lakh", EW_SCALE, 5 }, { "lakhs", EW_SCALE, 5 },
	{ "crore", EW_SCALE, 7 }, { "crores", EW_SCALE, 7 },
	{ "k", EW_ABBR, 3 }, { "m", EW_ABBR, 6 }, { "mn", EW_ABBR, 6 },
	{ "mln", EW_ABBR, 6 }, { "mil", EW_ABBR, 6 }, { "b", EW_ABBR, 9 },
	{ "bn", EW_ABBR, 9 }, { "bln", EW_ABBR, 9 }, { "tn", EW_ABBR, 12 },
	{ "trn", EW_ABBR, 12 },
	{ "half", EW_HALF, 0 }, { "quarter", EW_QUARTER, 0 },
	{ "quarters", EW_QUARTERS, 0 }, { "dozen", EW_DOZEN, 0 },
	{ "tens", EW_PLURAL, 1 }, { "dozens", EW_PLURAL, 1 },
	{ "hundreds", EW_PLURAL, 2 }, { "thousands", EW_PLURAL, 3 },
	{ "millions", EW_PLURAL, 6 }, { "billions", EW_PLURAL, 9 },
	{ "trillions", EW_PLURAL, 12 },
	{ "several", EW_SEVERAL, 0 }, { "few", EW_SEVERAL, 0 },
	{ "multimillion", EW_MULTI, 6 }, { "multibillion", EW_MULTI, 9 },
	{ "multi", EW_MULTI, 0 },
	{ "and", EW_AND, 0 }, { "a", EW_A, 0 }, { "an", EW_A, 0 },
	{ "point", EW_POINT, 0 }, { "of", EW_OF, 0 },
};

/* The number words by hash of their folded text: index + 1, 0 empty. */
#define ENWORD_SLOTS 256
static unsigned char enword_slot[ENWORD_SLOTS];

static uint32_t
enword_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* Per Hangul syllable: its numeral kind and value (kind << 5 | value). */
#define HANGUL_FIRST 0xAC00
#define HANGUL_COUNT 11172
static unsigned char hangul_tab[HANGUL_COUNT];
static int hangul_numeral_slow(int32_t cp, int *val);

static int is_alnum(unsigned char c);
static int is_alpha(unsigned char c);
static int is_hangul(int32_t cp);
static int32_t cp_at(const char *s, size_t len, size_t i, size_t *n);

static void
tables_build(void)
{
	size_t i;

	trie_init(&fwd);
	trie_init(&rev);
	name_len = xmalloc(money_nnames);
	name_first = xmalloc(money_nnames);
	name_last = xmalloc(money_nnames);
	name_sign = xmalloc(money_nnames);
	for (i = 0; i < money_nnames; i++) {
		const char *s = money_names[i].text;
		size_t n = strlen(s), k, cl;
		unsigned char f = (unsigned char)s[0], l = (unsigned char)s[n - 1];

		name_len[i] = (unsigned char)n;
		name_first[i] = is_alnum(f) ? END_WORD :
		    is_hangul(cp_at(s, n, 0, &cl)) ? END_HANGUL : 0;
		name_last[i] = is_alnum(l) || l == '.' ? END_WORD :
		    n >= 3 && is_hangul(cp_at(s, n, n - 3, &cl)) ? END_HANGUL : 0;
		/* A currency sign ($, US$, €) rather than only letters. */
		name_sign[i] = 0;
		for (k = 0; k < n; k += cl ? cl : 1) {
			int32_t cp = cp_at(s, n, k, &cl);

			if (cp < 0x80 ? !(is_alpha((unsigned char)cp) || cp == '.' ||
			    cp == ' ') : !is_hangul(cp))
				name_sign[i] = 1;
		}
	}
	for (i = 0; i < money_nnames; i++) {
		if (money_names[i].pos & MN_SUF)
			trie_add(&fwd, (int)i, 0);
		if (money_names[i].pos & MN_PRE)
			trie_add(&rev, (int)i, 1);
	}
	for (i = 0; i < sizeof enwords / sizeof enwords[0]; i++) {
		uint32_t h = enword_hash(enwords[i].w, strlen(enwords[i].w));

		while (enword_slot[h % ENWORD_SLOTS])
			h++;
		enword_slot[h % ENWORD_SLOTS] = (unsigned char)(i + 1);
	}
	for (i = 0; i < HANGUL_COUNT; i++) {
		int val = 0, kind = hangul_numeral_slow((int32_t)(HANGUL_FIRST + i),
		    &val);

		hangul_tab[i] = (unsigned char)(kind << 5 | val);
	}
}

static void
tables(void)
{
	pthread_once(&tables_once, tables_build);
}

/* The English number word at s[0..n), any case, or NULL. */
static const struct enword *
enword_find(const char *s, size_t n)
{
	char w[16];
	size_t i;
	uint32_t h;

	if (n == 0 || n >= sizeof w)
		return NULL;
	for (i = 0; i < n; i++)
		w[i] = (char)fold((unsigned char)s[i]);
	for (h = enword_hash(w, n); enword_slot[h % ENWORD_SLOTS]; h++) {
		const struct enword *e = &enwords[enword_slot[h % ENWORD_SLOTS] - 1];

		/* strncmp stops at the end of e->w, which may be shorter */
		if (strncmp(e->w, w, n) == 0 && e->w[n] == '\0')
			return e;
	}
	return NULL;
}

/* ------------------------------------------------------------ characters */

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int
is_alnum(unsigned char c)
{
	return is_digit(c) || is_alpha(c);
}

/* The code point at s[i] (-1 when invalid) and its length in *n. */
static int32_t
cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	int32_t cp;

	if (i >= len) {
		*n = 0;
		return -1;
	}
	if ((unsigned char)s[i] < 0x80) {
		*n = 1;
		return (unsigned char)s[i];
	}
	/* The common case, inline: a 3-byte character (all of Hangul). */
	if (i + 3 <= len) {
		const unsigned char *u = (const unsigned char *)s + i;

		if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 &&
		    (u[2] & 0xC0) == 0x80) {
			cp = (int32_t)((u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 |
			    (u[2] & 0x3F));
			if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
				*n = 3;
				return cp;
			}
		}
	}
	*n = (size_t)utf8_decode(s + i, len - i, &cp);
	return cp;
}

/* The code point ending at s[i] (before i), -1 at the start, and its start. */
static int32_t
cp_before(const char *s, size_t len, size_t i, size_t *start)
{
	size_t j = i, n;
	int32_t cp;

	if (i == 0) {
		*start = 0;
		return -1;
	}
	j = i - 1;
	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	cp = cp_at(s, len, j, &n);
	if (j + n != i) {	/* invalid bytes: step back one */
		*start = i - 1;
		return -1;
	}
	*start = j;
	return cp;
}

static int
is_hangul(int32_t cp)
{
	return cp >= 0xAC00 && cp <= 0xD7A3;
}

/* A full-width digit ０-９ at s[i]: its value, or -1. */
static int
fw_digit(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i + 3 <= len && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 &&
	    u[2] <= 0x99)
		return u[2] - 0x90;
	return -1;
}

/* A digit (ASCII or full width) at s[i]: its value and length, or -1. */
static int
digit_at(const char *s, size_t len, size_t i, size_t *n)
{
	int d;

	if (i < len && is_digit((unsigned char)s[i])) {
		*n = 1;
		return s[i] - '0';
	}
	if ((d = fw_digit(s, len, i)) >= 0) {
		*n = 3;
		return d;
	}
	return -1;
}

/* '.' or '．' at s[i]: its length, or 0. */
static size_t
point_at(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == '.')
		return 1;
	if (i + 3 <= len && memcmp(s + i, "\xef\xbc\x8e", 3) == 0)
		return 3;
	return 0;
}

/* ',' or '，' at s[i]: its length, or 0. */
static size_t
comma_at(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == ',')
		return 1;
	if (i + 3 <= len && memcmp(s + i, "\xef\xbc\x8c", 3) == 0)
		return 3;
	return 0;
}

/* Space within an amount: ' ', tab or no-break space; its length or 0. */
static size_t
space_at(const char *s, size_t len, size_t i)
{
	if (i < len && (s[i] == ' ' || s[i] == '\t'))
		return 1;
	if (i + 2 <= len && (unsigned char)s[i] == 0xC2 &&
	    (unsigned char)s[i + 1] == 0xA0)
		return 2;
	return 0;
}

/* Skip up to 'max' spaces forwards from i. */
static size_t
skip_sp(const char *s, size_t len, size_t i, int max)
{
	size_t n;

	while (max-- > 0 && (n = space_at(s, len, i)) > 0)
		i += n;
	return i;
}

/* Skip up to 'max' spaces backwards from i (i is just after them). */
static size_t
skip_sp_back(const char *s, size_t i, int max)
{
	while (max-- > 0 && i > 0) {
		if (s[i - 1] == ' ' || s[i - 1] == '\t')
			i--;
		else if (i >= 2 && (unsigned char)s[i - 2] == 0xC2 &&
		    (unsigned char)s[i - 1] == 0xA0)
			i -= 2;
		else
			break;
	}
	return i;
}

/* Whether s[i..] starts with the C string 'w' (ASCII case folded). */
static int
starts_with(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w), k;

	if (i > len || len - i < n)
		return 0;
	for (k = 0; k < n; k++)
		if (fold((unsigned char)s[i + k]) != (unsigned char)w[k])
			return 0;
	return 1;
}

/* Whether s[..i) ends with 'w' (ASCII case folded). */
static int
ends_with(const char *s, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i >= n && starts_with(s, i, i - n, w);
}

/* Whether a word can start at i: no letter (or Hangul for Hangul) before. */
static int
word_start_ok(const char *s, size_t len, size_t i, const char *w)
{
	size_t st;
	int32_t cp;

	if (i == 0)
		return 1;
	if ((unsigned char)w[0] < 0x80)
		return !is_alnum((unsigned char)s[i - 1]);
	cp = cp_before(s, len, i, &st);
	return !is_hangul(cp);
}

/* ---------------------------------------------------------------- numbers */

enum {
	N_DIGITS = 1 << 0,	/* Arabic digits */
	N_SEP = 1 << 1,		/* thousands separators: 1,000 */
	N_POINT = 1 << 2,	/* a decimal point */
	N_COMMADEC = 1 << 3,	/* a decimal comma: 22,90 */
	N_UNIT = 1 << 4,	/* a Korean unit: 십 백 천 만 억 조 경 */
	N_SCALE = 1 << 5,	/* an English scale: million, bn, k */
	N_WORDS = 1 << 6,	/* English number words */
	N_HANGUL = 1 << 7,	/* Sino-Korean numerals */
	N_VAGUE = 1 << 8,	/* 수십억, tens of millions */
	N_APPROX = 1 << 9,	/* 100여억 */
	N_BARE = 1 << 10	/* one Hangul digit and nothing else: 사, 구 */
};

struct num {
	size_t start, end;
	struct dec lo, hi;	/* the value; hi > lo only when vague */
	unsigned flags;
	int mult;		/* exponent of the last unit or scale, or 0 */
	int ndigits;		/* integer digits written, for the year test */
};

/* Whether a number looks like money by its form alone (separators, ...). */
static int
num_strong(const struct num *n)
{
	return (n->flags & (N_SEP | N_POINT | N_COMMADEC | N_UNIT | N_SCALE |
	    N_VAGUE)) != 0;
}

static int
num_moneylike(const struct num *n)
{
	struct dec hundred = dec_int(100), y0 = dec_int(1000), y1 = dec_int(2999);

	if (num_strong(n))
		return 1;
	if (dec_cmp(&n->lo, &hundred) < 0)
		return 0;
	/* 1988 won the cup: a bare four-digit year is not an amount. */
	return !(n->ndigits == 4 && dec_cmp(&n->lo, &y0) >= 0 &&
	    dec_cmp(&n->lo, &y1) <= 0);
}

/* Append the digits of a run at s[i..] to 'buf'; return the end. */
static size_t
digit_run(const char *s, size_t len, size_t i, char *buf, size_t *n,
    size_t cap, int *count)
{
	size_t dl;
	int d;

	*count = 0;
	while ((d = digit_at(s, len, i, &dl)) >= 0) {
		if (*n + 1 < cap)
			buf[*n] = (char)('0' + d);
		(*n)++;
		(*count)++;
		i += dl;
	}
	return i;
}

/* The group lengths after commas (or dots) starting at i: how many, end. */
static size_t
groups(const char *s, size_t len, size_t i, int dot, int *glen, int maxg,
    int *ng)
{
	size_t sepl, dl, j;
	int k;

	*ng = 0;
	for (;;) {
		sepl = dot ? point_at(s, len, i) : comma_at(s, len, i);
		if (!sepl || *ng == maxg)
			break;
		j = i + sepl;
		k = 0;
		while (digit_at(s, len, j, &dl) >= 0) {
			j += dl;
			k++;
		}
		if (k == 0)
			break;
		glen[(*ng)++] = k;
		i = j;
	}
	return i;
}

/*
 * Read an Arabic number at s[i]: 1,234.5, 12,34,567 (Indian), 1.234.567,89
 * and 22,90 (European), full-width digits too.  Returns the end (i when
 * there is none), the value in *d and N_* flags; *d is invalid (-1 in
 * *ok) when it has too many digits.
 */
static size_t
parse_arabic(const char *s, size_t len, size_t i, struct dec *d,
    unsigned *flags, int *ndigits, int *ok)
{
	char buf[96];
	size_t n = 0, p, q, dl, sepl;
	int cnt, glen[32], ng, k, first;

	*flags = N_DIGITS;
	*ok = 1;
	p = digit_run(s, len, i, buf, &n, sizeof buf, &first);
	if (first == 0)
		return i;
	*ndigits = first;

	/* Commas: western groups of three, Indian 2s then a 3, or 22,90. */
	q = groups(s, len, p, 0, glen, 32, &ng);
	if (ng > 0) {
		int west = first <= 3, indian = first <= 2 && ng >= 2;

		for (k = 0; k < ng; k++) {
			if (glen[k] != 3)
				west = 0;
			if (k < ng - 1 ? glen[k] != 2 : glen[k] != 3)
				indian = 0;
		}
		if (west || indian) {
			size_t j = p;

			for (k = 0; k < ng; k++) {
				j += comma_at(s, len, j);
				j = digit_run(s, len, j, buf, &n, sizeof buf, &cnt);
				*ndigits += cnt;
			}
			p = j;
			*flags |= N_SEP;
		} else if (ng == 1 && glen[0] == 2 && first <= 3 &&
		    !point_at(s, len, q)) {
			/* 22,90 €: a decimal comma. */
			if (n + 1 < sizeof buf)
				buf[n] = '.';
			n++;
			p += comma_at(s, len, p);
			p = digit_run(s, len, p, buf, &n, sizeof buf, &cnt);
			*flags |= N_COMMADEC;
			goto done;
		} else {
			goto done;	/* 1,2 or 12,3456: stop before the comma */
		}
	} else if (first <= 3) {
		/* 1.234.567 or 1.234.567,89: dots grouping threes, twice or more. */
		q = groups(s, len, p, 1, glen, 32, &ng);
		if (ng >= 2) {
			int ok3 = 1;

			for (k = 0; k < ng; k++)
				if (glen[k] != 3)
					ok3 = 0;
			if (ok3) {
				size_t j = p;

				for (k = 0; k < ng; k++) {
					j += point_at(s, len, j);
					j = digit_run(s, len, j, buf, &n, sizeof buf,
					    &cnt);
					*ndigits += cnt;
				}
				p = j;
				*flags |= N_SEP;
				if ((sepl = comma_at(s, len, p)) &&
				    digit_at(s, len, p + sepl, &dl) >= 0) {
					if (n + 1 < sizeof buf)
						buf[n] = '.';
					n++;
					p = digit_run(s, len, p + sepl, buf, &n,
					    sizeof buf, &cnt);
					*flags |= N_POINT;
				}
				goto done;
			}
		}
	}
	/* A decimal point followed by digits. */
	if ((sepl = point_at(s, len, p)) && digit_at(s, len, p + sepl, &dl) >= 0) {
		if (n + 1 < sizeof buf)
			buf[n] = '.';
		n++;
		p = digit_run(s, len, p + sepl, buf, &n, sizeof buf, &cnt);
		*flags |= N_POINT;
	}
done:
	if (n >= sizeof buf || dec_parse(buf, n, d) < 0)
		*ok = 0;
	return p;
}

/* Sino-Korean numeral kinds. */
enum { K_NONE, K_DIGIT, K_ZERO, K_SMALL, K_BIG, K_POINT, K_SU, K_YEO };

static int
hangul_numeral_slow(int32_t cp, int *val)
{
	switch (cp) {
	case 0xC77C: *val = 1; return K_DIGIT;	/* 일 */
	case 0xC774: *val = 2; return K_DIGIT;	/* 이 */
	case 0xC0BC: *val = 3; return K_DIGIT;	/* 삼 */
	case 0xC0AC: *val = 4; return K_DIGIT;	/* 사 */
	case 0xC624: *val = 5; return K_DIGIT;	/* 오 */
	case 0xC721: *val = 6; return K_DIGIT;	/* 육 */
	case 0xB959: *val = 6; return K_DIGIT;	/* 륙 */
	case 0xCE60: *val = 7; return K_DIGIT;	/* 칠 */
	case 0xD314: *val = 8; return K_DIGIT;	/* 팔 */
	case 0xAD6C: *val = 9; return K_DIGIT;	/* 구 */
	case 0xC601: *val = 0; return K_ZERO;	/* 영 */
	case 0xC2ED: *val = 1; return K_SMALL;	/* 십 */
	case 0xBC31: *val = 2; return K_SMALL;	/* 백 */
	case 0xCC9C: *val = 3; return K_SMALL;	/* 천 */
	case 0xB9CC: *val = 4; return K_BIG;	/* 만 */
	case 0xC5B5: *val = 8; return K_BIG;	/* 억 */
	case 0xC870: *val = 12; return K_BIG;	/* 조 */
	case 0xACBD: *val = 16; return K_BIG;	/* 경 */
	case 0xC810: case 0xCA5C: *val = 0; return K_POINT;	/* 점 쩜 */
	case 0xC218: case 0xBA87: *val = 0; return K_SU;	/* 수 몇 */
	case 0xC5EC: *val = 0; return K_YEO;	/* 여 */
	}
	return K_NONE;
}

/* The numeral kind of Hangul syllable 'cp' (K_NONE for most), by table. */
static int
hangul_numeral(int32_t cp, int *val)
{
	unsigned char k = hangul_tab[cp - HANGUL_FIRST];

	*val = k & 31;
	return k >> 5;
}

/* An interval [lo, hi] of decimals: the arithmetic vague numbers need. */
struct ival {
	struct dec lo, hi;
};

static int
iv_add(struct ival *r, const struct ival *a, const struct ival *b)
{
	return dec_add(&r->lo, &a->lo, &b->lo) | dec_add(&r->hi, &a->hi, &b->hi);
}

static int
iv_mul(struct ival *r, const struct ival *a, const struct ival *b)
{
	return dec_mul(&r->lo, &a->lo, &b->lo) | dec_mul(&r->hi, &a->hi, &b->hi);
}

static int
iv_shift(struct ival *r, int e)
{
	return dec_shift(&r->lo, e) | dec_shift(&r->hi, e);
}

static struct ival
iv_int(uint64_t lo, uint64_t hi)
{
	struct ival v = { dec_int(lo), dec_int(hi) };

	return v;
}

static int
iv_zero(const struct ival *v)
{
	return dec_is_zero(&v->hi);
}

/*
 * Read a number in Korean style at s[i]: Arabic or Sino-Korean digits with
 * the units 십 백 천 inside groups of 만 억 조 경, in any mix and with single
 * spaces after units (1조 2,345억 6,789만, 23억8천만, 천 4백만, 8백 10만,
 * 삼천만, 일점이삼, 수십억).  Plain Arabic numbers come out as they are.
 * Returns 1 with *out set to the longest well-formed reading, or 0.
 */
static int
parse_korean(const char *s, size_t len, size_t i, struct num *out)
{
	struct ival total = iv_int(0, 0), group = iv_int(0, 0), cur = iv_int(0, 0);
	int have_cur = 0, cur_hangul = 0, group_small = 0;
	int last_big = 99, last_small = 99, prev = K_NONE, vague = 0;
	int have_best = 0, ndigits = 0, mult = 0, bad = 0;
	unsigned flags = 0;
	size_t p = i;
	/* the longest well-formed reading so far; its value is summed at the end */
	struct ival best_total = total, best_group = group, best_cur = cur;
	int best_have_cur = 0;

	for (;;) {
		size_t q = p, n;
		int32_t cp;
		int kind, val, spaced = 0;

		if (p > i) {
			q = skip_sp(s, len, p, 2);
			spaced = q > p;
		}
		if (digit_at(s, len, q, &n) >= 0) {
			struct dec d;
			unsigned f;
			int ok, nd = 0;

			if (have_cur || (p > i && prev != K_SMALL && prev != K_BIG))
				break;
			q = parse_arabic(s, len, q, &d, &f, &nd, &ok);
			if (!ok) {
				bad = 1;
				p = q;
				break;
			}
			cur.lo = cur.hi = d;
			have_cur = 1;
			cur_hangul = 0;
			flags |= f;
			ndigits = nd;
			p = q;
			prev = K_DIGIT;
		} else {
			cp = cp_at(s, len, q, &n);
			kind = is_hangul(cp) ? hangul_numeral(cp, &val) : K_NONE;
			if (kind == K_NONE)
				break;
			if (spaced && kind != K_DIGIT && kind != K_SMALL &&
			    kind != K_BIG)
				break;
			if (spaced && kind == K_DIGIT && prev != K_SMALL &&
			    prev != K_BIG)
				break;
			switch (kind) {
			case K_DIGIT:
				if (have_cur)
					goto stop;
				cur = iv_int((uint64_t)val, (uint64_t)val);
				have_cur = cur_hangul = 1;
				flags |= N_HANGUL;
				break;
			case K_ZERO:
				goto stop;
			case K_POINT: {
				/* 일점이삼: digits after 점 are read one by one. */
				char buf[48];
				size_t m = 0, r = q + n, rn;
				int v2, k2;
				struct dec d;

				if (!have_cur || !cur_hangul)
					goto stop;
				buf[m++] = (char)('0' + (int)cur.lo.m);
				buf[m++] = '.';
				while (m + 1 < sizeof buf) {
					int32_t c2 = cp_at(s, len, r, &rn);

					if (!is_hangul(c2))
						break;
					k2 = hangul_numeral(c2, &v2);
					if (k2 != K_DIGIT && k2 != K_ZERO)
						break;
					buf[m++] = (char)('0' + v2);
					r += rn;
				}
				if (m == 2 || dec_parse(buf, m, &d) < 0)
					goto stop;
				cur.lo = cur.hi = d;
				cur_hangul = 0;
				flags |= N_POINT;
				n = r - q;
				break;
			}
			case K_SU: {
				/* 수/몇: a few (2 to 9); after 십, 1 to 9 (십수억). */
				if (have_cur || spaced)
					goto stop;
				cur = prev == K_SMALL && last_small == 1 ?
				    iv_int(1, 9) : iv_int(2, 9);
				have_cur = 1;
				cur_hangul = 0;
				vague = 1;
				break;
			}
			case K_YEO:
				if (prev != K_DIGIT && prev != K_SMALL && prev != K_BIG)
					goto stop;
				flags |= N_APPROX;
				break;
			case K_SMALL: {
				struct ival m, ten = iv_int(10, 10);
				int compound = 0;

				if (val >= last_small)
					goto stop;
				if (have_cur && dec_cmp(&cur.lo, &ten.lo) >= 0) {
					/*
					 * 2,000천원, 3,500백만원, 75백만 달러: a number of
					 * thousands or millions, as statements and tables
					 * write it (천원, 백만원 as one unit).
					 */
					if (!iv_zero(&group) || cur_hangul)
						goto stop;
					compound = 1;
				}
				m = have_cur ? cur : iv_int(1, 1);
				if (iv_shift(&m, val) || iv_add(&group, &group, &m)) {
					bad = 1;
					goto stop;
				}
				last_small = val;
				have_cur = 0;
				group_small = !compound;
				flags |= N_UNIT;
				mult = val;
				break;
			}
			case K_BIG: {
				struct ival g, myriad = iv_int(10000, 10000);

				if (val >= last_big)
					goto stop;
				g = group;
				if (have_cur && iv_add(&g, &g, &cur)) {
					bad = 1;
					goto stop;
				}
				if (iv_zero(&g)) {
					/* 만 원 is 10,000 won; 억 or 조 alone is not a number. */
					if (val != 4 || !iv_zero(&total))
						goto stop;
					g = iv_int(1, 1);
				}
				if (group_small && dec_cmp(&g.hi, &myriad.hi) >= 0)
					goto stop;
				if (iv_shift(&g, val) || iv_add(&total, &total, &g)) {
					bad = 1;
					goto stop;
				}
				group = iv_int(0, 0);
				have_cur = group_small = 0;
				last_big = val;
				last_small = 99;
				flags |= N_UNIT;
				mult = val;
				break;
			}
			}
			p = q + n;
			prev = kind == K_YEO ? prev : kind;
		}

		/* Is what we have so far a number?  Remember the longest one. */
		{
			int ok = 1;

			if (have_cur && vague && !(flags & N_UNIT))
				ok = 0;		/* 수 needs a unit */
			if (have_cur && vague && prev == K_SU)
				ok = 0;
			if (have_cur && !cur_hangul && (flags & N_UNIT) &&
			    prev == K_DIGIT) {
				/* A number after units must be below the last one. */
				struct dec lim = dec_int(1);
				int e = group_small || !iv_zero(&group) ?
				    last_small : last_big;

				if (e == 99 || dec_shift(&lim, e) < 0 ||
				    dec_cmp(&cur.hi, &lim) >= 0)
					ok = 0;
			}
			if (ok) {
				best_total = total;
				best_group = group;
				best_cur = cur;
				best_have_cur = have_cur;
				out->start = i;
				out->end = p;
				out->flags = flags | (vague ? N_VAGUE : 0);
				out->mult = mult;
				out->ndigits = (flags & N_UNIT) ? 0 : ndigits;
				if (cur_hangul && !(flags & (N_UNIT | N_DIGITS)))
					out->flags |= N_BARE;
				have_best = 1;
			}
		}
	}
stop:
	if (have_best && !bad) {
		struct ival v;

		if (iv_add(&v, &best_total, &best_group) ||
		    (best_have_cur && iv_add(&v, &v, &best_cur)))
			bad = 1;
		out->lo = v.lo;
		out->hi = v.hi;
	}
	if (bad && !have_best)
		out->end = p;
	return have_best && !bad ? 1 : (bad ? -1 : 0);
}

/* The word of ASCII letters at s[i]: its end. */
static size_t
word_at(const char *s, size_t len, size_t i)
{
	while (i < len && is_alpha((unsigned char)s[i]))
		i++;
	return i;
}

/*
 * An English scale after a number at s[i]: glued (5bn, $10K, 1.2m) or
 * after a space (1.5 million, 35 lakh, 5 hundred thousand).  Returns the
 * end and the exponent in *exp, or i when there is none.
 */
static size_t
parse_scale(const char *s, size_t len, size_t i, int *exp)
{
	const struct enword *w;
	size_t p = i, q, e;
	int total = 0, last = 0, words = 0;

	while (words < 2) {
		int glued;

		q = words == 0 && p < len && is_alpha((unsigned char)s[p]) ? p :
		    skip_sp(s, len, p, 1);
		glued = q == p;
		if (glued && words > 0)
			break;
		e = word_at(s, len, q);
		if (e == q || !(w = enword_find(s + q, e - q)))
			break;
		if (w->kind == EW_ABBR) {
			/* 5bn, $10K; but "5 m" is five metres */
			if (words || (!glued && e - q == 1))
				break;
		} else if (w->kind == EW_SCALE || w->kind == EW_HUNDRED) {
			/* five hundred thousand, 5 thousand crore: growing */
			if ((glued && w->kind == EW_HUNDRED) || w->val <= last)
				break;
		} else {
			break;
		}
		total += w->val;
		last = w->val;
		words++;
		p = e;
		if (w->kind == EW_ABBR)
			break;
	}
	*exp = total;
	return words ? p : i;
}

/* Parse English number words at s[i] (five, forty-five, a quarter million). */
static int
parse_words(const char *s, size_t len, size_t i, struct num *out)
{
	struct ival total = iv_int(0, 0), cur = iv_int(0, 0);
	int have_cur = 0, prev = 0, last_scale = 99, have_best = 0, vague = 0;
	int mult = 0, pending = 0;
	size_t p = i;

	for (;;) {
		size_t q = p, e;
		const struct enword *w;

		if (p > i) {
			/* Words are joined by one space, a hyphen, or " - ". */
			if (p < len && s[p] == '-')
				q = p + 1;
			else if (space_at(s, len, p))
				q = skip_sp(s, len, p, 1);
			else
				break;
			if (q < len && s[q] == '-' && q > p)
				q = skip_sp(s, len, q + 1, 1);
		}
		e = word_at(s, len, q);
		if (e == q || (e < len && is_digit((unsigned char)s[e])))
			break;
		w = enword_find(s + q, e - q);
		if (!w)
			break;
		switch (w->kind) {
		case EW_ONES:
		case EW_TENS:
			/* forty-five, hundred and five, thousand two; not "one one" */
			if (vague || !(prev == 0 || prev == EW_HUNDRED ||
			    prev == EW_SCALE || prev == EW_AND ||
			    (prev == EW_TENS && w->kind == EW_ONES && w->val < 10)))
				goto stop;
			{
				struct ival v = iv_int((uint64_t)w->val,
				    (uint64_t)w->val);

				iv_add(&cur, &cur, &v);
			}
			have_cur = 1;
			pending = 0;
			break;
		case EW_HUNDRED: {
			struct dec hundred = dec_int(100);

			if (have_cur && dec_cmp(&cur.lo, &hundred) >= 0)
				goto stop;
			if (!have_cur)
				cur = iv_int(1, 1);
			iv_shift(&cur, 2);
			have_cur = 1;
			pending = 0;
			mult = 2;
			break;
		}
		case EW_SCALE: {
			struct ival m;

			if (w->val >= last_scale)
				goto stop;
			m = have_cur ? cur : iv_int(1, 1);
			if (iv_shift(&m, w->val) || iv_add(&total, &total, &m))
				goto stop;
			cur = iv_int(0, 0);
			have_cur = 0;
			last_scale = w->val;
			mult = w->val;
			pending = 0;
			break;
		}
		case EW_HALF:
			if (have_cur && prev != EW_A)
				goto stop;
			if (prev == EW_A && have_cur) {
				/* one and a half million */
				struct ival h = { { 5, 1 }, { 5, 1 } };

				iv_add(&cur, &cur, &h);
			} else {
				cur.lo.m = cur.hi.m = 5;
				cur.lo.scale = cur.hi.scale = 1;
			}
			have_cur = 1;
			pending = 1;	/* half needs a scale after it */
			break;
		case EW_QUARTER:
		case EW_QUARTERS:
			if (w->kind == EW_QUARTERS && prev != EW_ONES)
				goto stop;
			if (w->kind == EW_QUARTER && have_cur)
				goto stop;
			{
				struct ival q4 = { { 25, 2 }, { 25, 2 } };

				if (have_cur)
					iv_mul(&cur, &cur, &q4);
				else
					cur = q4;
			}
			have_cur = 1;
			pending = 1;
			break;
		case EW_DOZEN:
			if (!have_cur)
				cur = iv_int(1, 1);
			{
				struct ival d12 = iv_int(12, 12);

				iv_mul(&cur, &cur, &d12);
			}
			have_cur = 1;
			pending = 0;
			break;
		case EW_PLURAL: {
			/* tens of millions: [10, 90] * 10^6; millions: up to 999. */
			struct ival m = iv_int(1, w->val >= 3 ? 999 : 9);

			if (prev != 0 && prev != EW_OF)
				goto stop;
			iv_shift(&m, w->val);
			if (prev == EW_OF) {
				/* tens of millions: the first word sets the spread */
				if (w->val <= mult)
					goto stop;
				iv_shift(&cur, w->val);
			} else {
				cur = m;
			}
			have_cur = 1;
			vague = 1;
			mult = w->val;
			pending = 0;
			break;
		}
		case EW_SEVERAL:
			if (p > i && prev != EW_A)
				goto stop;
			cur = iv_int(2, 9);
			have_cur = 1;
			vague = 1;
			pending = 1;	/* several needs hundred or a scale */
			break;
		case EW_MULTI: {
			int ex = w->val;

			if (p > i)
				goto stop;
			if (ex == 0) {
				/* multi-million, multi - billion */
				size_t r = q + 5, t;
				const struct enword *w2;

				if (r < len && s[r] == '-')
					r++;
				else if (r + 3 <= len && memcmp(s + r, " - ", 3) == 0)
					r += 3;
				else if (r < len && s[r] == ' ')
					r++;
				else
					goto stop;
				t = word_at(s, len, r);
				w2 = enword_find(s + r, t - r);
				if (!w2 || w2->kind != EW_SCALE || w2->val < 6)
					goto stop;
				ex = w2->val;
				e = t;
			}
			cur = iv_int(2, 999);
			iv_shift(&cur, ex);
			have_cur = 1;
			vague = 1;
			mult = ex;
			pending = 0;
			break;
		}
		case EW_AND: {
			/* Only inside a number: hundred and five, one and a half. */
			size_t r = skip_sp(s, len, e, 1), t = word_at(s, len, r);
			const struct enword *w2 = enword_find(s + r, t - r);

			if (!w2 || !((prev == EW_HUNDRED && (w2->kind == EW_ONES ||
			    w2->kind == EW_TENS)) || (w2->kind == EW_A && have_cur)))
				goto stop;
			pending = 1;
			break;
		}
		case EW_A:
			/* one and a half, half a million, a quarter of a million */
			if (prev != EW_AND && prev != EW_HALF && prev != EW_OF)
				goto stop;
			pending = 1;
			break;
		case EW_OF:
			if (prev == EW_HALF || prev == EW_QUARTER) {
				/* half of a million, a quarter of a billion */
				size_t r = skip_sp(s, len, e, 1), t2 = word_at(s, len, r);
				const struct enword *w2 = enword_find(s + r, t2 - r);

				if (!w2 || w2->kind != EW_A)
					goto stop;
				pending = 1;
				break;
			}
			if (prev != EW_PLURAL)
				goto stop;
			{
				/* tens of millions, not "millions of dollars" here */
				size_t r = skip_sp(s, len, e, 1), t = word_at(s, len, r);
				const struct enword *w2 = enword_find(s + r, t - r);

				if (!w2 || w2->kind != EW_PLURAL)
					goto stop;
			}
			pending = 1;
			break;
		case EW_POINT: {
			/* one point five: digits one by one */
			size_t r = e;
			char buf[48];
			size_t m = 0;
			struct dec d;
			char ibuf[48];
			size_t il = dec_format(&cur.lo, ibuf);

			if (!have_cur || vague || prev == EW_HUNDRED || il + 2 >= 40)
				goto stop;
			memcpy(buf, ibuf, il);
			m = il;
			buf[m++] = '.';
			for (;;) {
				size_t r2 = skip_sp(s, len, r, 1), t;
				const struct enword *w2;

				if (r2 == r)
					break;
				t = word_at(s, len, r2);
				w2 = enword_find(s + r2, t - r2);
				if (!w2 || w2->kind != EW_ONES || w2->val > 9 ||
				    m + 1 >= sizeof buf)
					break;
				buf[m++] = (char)('0' + w2->val);
				r = t;
			}
			if (m == il + 1 || dec_parse(buf, m, &d) < 0)
				goto stop;
			cur.lo = cur.hi = d;
			e = r;
			pending = 0;
			break;
		}
		default:
			goto stop;
		}
		prev = w->kind;
		p = e;
		if (!pending && (have_cur || !iv_zero(&total))) {
			struct ival v;

			if (iv_add(&v, &total, &cur))
				goto stop;
			out->start = i;
			out->end = p;
			out->lo = v.lo;
			out->hi = v.hi;
			out->flags = N_WORDS | (vague ? N_VAGUE : 0) |
			    (last_scale != 99 ? N_SCALE : 0);
			out->mult = mult;
			out->ndigits = 0;
			have_best = 1;
		}
	}
stop:
	return have_best;
}

/* ------------------------------------------------------------ currencies */

struct curm {
	int ok;
	size_t start, end;	/* span of the currency text */
	int name;		/* index in money_names */
	int code;		/* resolved code index */
	int exp;		/* power of ten it applies: 6 for MUSD, -2 for cents */
	int claims_next;	/* a number follows it: 10 rmb 20 usd */
};

struct money_cfg {
	short fam[32];
};

static struct money_cfg default_cfg;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void
default_cfg_build(void)
{
	size_t f;

	for (f = 0; f < money_nfamilies && f < 32; f++)
		default_cfg.fam[f] = money_families[f].def;
}

static const struct money_cfg *
cfg_or_default(const struct money_cfg *cfg)
{
	if (cfg)
		return cfg;
	pthread_once(&default_once, default_cfg_build);
	return &default_cfg;
}

static int
name_code(const struct money_cfg *cfg, int name)
{
	const struct money_name *mn = &money_names[name];

	return mn->code >= 0 ? mn->code : cfg->fam[(int)mn->family];
}

/* Hits of a trie walk: nodes with names and where the text stood. */
struct hit {
	int node;
	size_t at;
};

static void
walk_fwd(const struct trie *t, const char *s, size_t len, size_t pos,
    int node, struct hit *hits, int *nh)
{
	int c;

	if (node != 0 && t->n[node].ent >= 0 && *nh < MAX_HITS) {
		hits[*nh].node = node;
		hits[*nh].at = pos;
		(*nh)++;
	}
	if ((c = trie_child(t, node, SP)) >= 0) {
		size_t p = pos, n;
		int k;

		for (k = 0; k < 3; k++) {
			walk_fwd(t, s, len, p, c, hits, nh);
			if ((n = space_at(s, len, p)) == 0)
				break;
			p += n;
		}
	}
	if (pos < len && (c = trie_child(t, node, fold((unsigned char)s[pos]))) >= 0)
		walk_fwd(t, s, len, pos + 1, c, hits, nh);
}

static void
walk_back(const struct trie *t, const char *s, size_t pos, int node,
    struct hit *hits, int *nh)
{
	int c;

	if (node != 0 && t->n[node].ent >= 0 && *nh < MAX_HITS) {
		hits[*nh].node = node;
		hits[*nh].at = pos;
		(*nh)++;
	}
	if ((c = trie_child(t, node, SP)) >= 0) {
		size_t p = pos;
		int k;

		for (k = 0; k < 3; k++) {
			walk_back(t, s, p, c, hits, nh);
			if (p == 0 || (s[p - 1] != ' ' && s[p - 1] != '\t'))
				break;
			p--;
		}
	}
	if (pos > 0 && (c = trie_child(t, node, fold((unsigned char)s[pos - 1]))) >= 0)
		walk_back(t, s, pos - 1, c, hits, nh);
}

/* MN_CASE names must match their exact bytes (they hold no spaces). */
static int
case_ok(int name, const char *s, size_t a, size_t b)
{
	const struct money_name *mn = &money_names[name];

	return !(mn->flags & MN_CASE) ||
	    (b - a == name_len[name] && memcmp(s + a, mn->text, b - a) == 0);
}

/* What may follow a Korean currency word glued to it: particles. */
struct word {
	const char *w;
	size_t n;
};
#define W(s) { s, sizeof(s) - 1 }

static const struct word ko_after[] = {
	W("을"), W("를"), W("이"), W("가"), W("은"), W("는"), W("의"), W("에"),
	W("와"), W("과"), W("도"), W("만"), W("씩"), W("대"), W("로"), W("으로"),
	W("라"), W("나"), W("당"), W("뿐"), W("짜리"), W("어치"), W("정도"),
	W("쯤"), W("선"), W("까지"), W("부터"), W("보다"), W("밖에"), W("규모"),
	W("상당"), W("안팎"), W("내외"), W("남짓"), W("넘"), W("여"), W("였"),
	W("입니"), W("인데"), W("께"), W("미만"), W("초과"), { NULL, 0 }
};
static const struct word ko_after_strict[] = {
	W("을"), W("이"), W("은"), W("의"), W("에"), W("로"), W("씩"), W("짜리"),
	W("어치"), W("정도"), W("쯤"), W("가량"), W("도"), W("만"), W("까지"),
	{ NULL, 0 }
};

/* Whether s[i..] starts with word 'w' (bytes as they are). */
static int
starts_word(const char *s, size_t len, size_t i, const struct word *w)
{
	return i <= len && len - i >= w->n && memcmp(s + i, w->w, w->n) == 0;
}

/* Whether a name ending at s[e] is a whole word (or a symbol not glued on). */
static int
name_end_ok(int name, const char *s, size_t len, size_t e)
{
	const struct word *w;
	size_t n;

	if (e >= len)
		return 1;
	if (name_last[name] == END_WORD) {
		if (is_alnum((unsigned char)s[e]))
			return 0;
		/* 100YEN.com is a name, not an amount */
		return !(s[e] == '.' && e + 1 < len && is_alpha((unsigned char)s[e + 1]));
	}
	if (digit_at(s, len, e, &n) >= 0)
		return 0;		/* a symbol glued to the next number */
	if (name_last[name] != END_HANGUL || (unsigned char)s[e] < 0x80 ||
	    !is_hangul(cp_at(s, len, e, &n)))
		return 1;
	for (w = money_names[name].flags & MN_STRICT ? ko_after_strict : ko_after;
	    w->w; w++)
		if (starts_word(s, len, e, w))
			return 1;
	return 0;
}

/* Whether a prefix name starting at s[b] does not begin inside a word. */
static int
name_start_ok(int name, const char *s, size_t len, size_t b)
{
	size_t st;

	if (b == 0)
		return 1;
	if (name_first[name] == END_WORD)
		return !is_alnum((unsigned char)s[b - 1]);
	if (name_first[name] == END_HANGUL)
		return !is_hangul(cp_before(s, len, b, &st));
	return !is_digit((unsigned char)s[b - 1]);
}

/* Whether number 'n' may carry name 'mn' at all. */
static int
num_fits(const struct num *n, const struct money_name *mn)
{
	struct dec ten = dec_int(10);

	if (n->flags & N_BARE)
		return 0;		/* 사원, 구원, 일원 */
	if ((mn->flags & MN_STRONG) && !num_strong(n))
		return 0;
	if ((mn->flags & MN_MONEYLIKE) && !num_moneylike(n))
		return 0;
	if ((mn->flags & MN_STRICT) &&
	    (dec_cmp(&n->lo, &ten) < 0 || (n->flags & N_HANGUL)))
		return 0;		/* 3불 is 삼불, "three no's" */
	return 1;
}

/*
 * Whether "pounds" after number 'n' is a weight: a 200-pound man, 1.8M
 * pounds of food, lose 25 pounds.  'e' is the end of the word.
 */
static int
is_weight(const char *s, size_t len, const struct num *n, int hyphen, size_t e)
{
	static const char *const verbs[] = { "lose", "lost", "losing", "gain",
	    "gained", "gaining", "weigh", "weighs", "weighed", "weighing",
	    "shed", "shedding", "weight", "heavier", "lighter", NULL };
	const char *const *v;
	size_t b = skip_sp_back(s, n->start, 1);

	if (hyphen || starts_with(s, len, skip_sp(s, len, e, 1), "of "))
		return 1;
	for (v = verbs; *v && b < n->start; v++)
		if (ends_with(s, b, *v) && word_start_ok(s, len, b - strlen(*v), *v))
			return 1;
	return 0;
}

/* The currency after number 'n' (ending at p), into *cm. */
static int
find_suffix(const struct money_cfg *cfg, const char *s, size_t len, size_t p,
    const struct num *n, struct curm *cm)
{
	struct hit hits[MAX_HITS];
	size_t q = skip_sp(s, len, p, 2), q2;
	int nh = 0, k, hyphen = 0;

	memset(cm, 0, sizeof *cm);
	/* 12-cent, one-yen, multibillion - dollar */
	if (q < len && s[q] == '-') {
		q2 = skip_sp(s, len, q + 1, 1);
		if (q2 < len && is_alpha((unsigned char)s[q2]) && (q2 == q + 1 ||
		    q > p)) {
			q = q2;
			hyphen = 1;
		}
	}
	/* tens of millions of dollars */
	if ((n->flags & N_VAGUE) && starts_with(s, len, q, "of ")) {
		q = skip_sp(s, len, q + 2, 1);
	}
	walk_fwd(&fwd, s, len, q, 0, hits, &nh);
	/* Longest first: later hits of one walk are deeper or equal. */
	for (k = nh - 1; k >= 0; k--) {
		int e;

		for (e = fwd.n[hits[k].node].ent; e >= 0; e = fwd.next[e]) {
			const struct money_name *mn = &money_names[e];

			if (!case_ok(e, s, q, hits[k].at) ||
			    !name_end_ok(e, s, len, hits[k].at) || !num_fits(n, mn))
				continue;
			if (hyphen && !is_alpha((unsigned char)mn->text[0]))
				continue;
			if ((mn->flags & MN_WEIGHT) && is_weight(s, len, n, hyphen,
			    hits[k].at))
				continue;
			cm->ok = 1;
			cm->start = q;
			cm->end = hits[k].at;
			cm->name = e;
			cm->code = name_code(cfg, e);
			cm->exp = mn->exp;
			{
				size_t dl;

				q2 = skip_sp(s, len, cm->end, 2);
				cm->claims_next = digit_at(s, len, q2, &dl) >= 0;
			}
			return 1;
		}
	}
	return 0;
}

/* The currency before number 'n', starting no earlier than 'floor'. */
static int
find_prefix(const struct money_cfg *cfg, const char *s, size_t len,
    const struct num *n, size_t floor, struct curm *cm)
{
	struct hit hits[MAX_HITS];
	size_t q = skip_sp_back(s, n->start, 2);
	int nh = 0, k;

	memset(cm, 0, sizeof *cm);
	if (n->flags & (N_WORDS | N_VAGUE) || (n->flags & N_HANGUL &&
	    !(n->flags & N_DIGITS)))
		return 0;
	walk_back(&rev, s, q, 0, hits, &nh);
	for (k = nh - 1; k >= 0; k--) {
		int e;

		if (hits[k].at < floor)
			continue;
		for (e = rev.n[hits[k].node].ent; e >= 0; e = rev.next[e]) {
			const struct money_name *mn = &money_names[e];

			if (!case_ok(e, s, hits[k].at, q) ||
			    !name_start_ok(e, s, len, hits[k].at) || !num_fits(n, mn))
				continue;
			cm->ok = 1;
			cm->start = hits[k].at;
			cm->end = q;
			cm->name = e;
			cm->code = name_code(cfg, e);
			cm->exp = mn->exp;
			return 1;
		}
	}
	return 0;
}

/* A Hangul syllable that can start a Korean number: 일..구 십백천 만억조경 수몇. */
static int
ko_anchor(int32_t cp)
{
	int val, k = hangul_numeral(cp, &val);

	return k == K_DIGIT || k == K_SMALL || k == K_BIG || k == K_SU;
}

static int
ko_anchor_at(const char *s, size_t len, size_t i)
{
	size_t n;
	int32_t cp = cp_at(s, len, i, &n);

	return is_hangul(cp) && ko_anchor(cp);
}

/* ---------------------------------------------------------------- amounts */

struct side {
	struct num n;
	struct curm pre, suf;
	int code;		/* -1: no currency */
	int exp;
	size_t start, end;
};

struct scan {
	const struct money_cfg *cfg;
	const char *s;
	size_t len;
	size_t floor;		/* end of the last amount: prefixes start after */
	struct money_list *out;
};

/* Read a number at s[i]: Korean/Arabic or English words. */
static int
parse_num(const char *s, size_t len, size_t i, struct num *n)
{
	int r;
	size_t e;

	memset(n, 0, sizeof *n);
	if (is_alpha((unsigned char)s[i]))
		return parse_words(s, len, i, n);
	r = parse_korean(s, len, i, n);
	if (r <= 0)
		return r;
	/* An English scale after Arabic digits: 1.5 million, 5bn, $10K. */
	if ((n->flags & N_DIGITS) && !(n->flags & N_UNIT)) {
		int exp;

		e = parse_scale(s, len, n->end, &exp);
		if (e > n->end) {
			if (dec_shift(&n->lo, exp) < 0 || dec_shift(&n->hi, exp) < 0)
				return -1;
			n->end = e;
			n->flags |= N_SCALE;
			n->mult = exp;
		}
	}
	return 1;
}

/* Whether the number's own edges are clean: not inside a word or code. */
static int
num_edges_ok(const char *s, size_t len, const struct num *n)
{
	size_t e = n->end, dl;

	/* 1.2.3, 1,2345: more number right after what was read */
	if ((point_at(s, len, e) || comma_at(s, len, e)) &&
	    digit_at(s, len, e + (point_at(s, len, e) ? point_at(s, len, e) :
	    comma_at(s, len, e)), &dl) >= 0)
		return 0;
	if (e < len && s[e] == '%')
		return 0;
	return 1;
}

/* Settle the currency of side 'sd' (its number parsed). */
static void
side_currency(struct scan *sc, struct side *sd, size_t floor)
{
	const struct num *n = &sd->n;
	int pre, suf;

	pre = find_prefix(sc->cfg, sc->s, sc->len, n, floor, &sd->pre);
	suf = find_suffix(sc->cfg, sc->s, sc->len, n->end, n, &sd->suf);
	/* Arabic digits glued to letters must be glued to a code: USD115. */
	if (n->start > 0 && is_alpha((unsigned char)sc->s[n->start - 1]) &&
	    (!pre || sd->pre.end != n->start))
		pre = suf = 0;
	if (pre && suf) {
		/* $10 dollars: the sign says it all; the word stays out */
		if (name_sign[sd->pre.name])
			suf = 0;
		else if (sd->suf.claims_next || sd->pre.code != sd->suf.code) {
			const struct money_name *a = &money_names[sd->pre.name];
			const struct money_name *b = &money_names[sd->suf.name];
			int fam_a = a->code >= 0 ? money_codes[a->code].family : a->family;
			int fam_b = b->code >= 0 ? money_codes[b->code].family : b->family;

			/* US$ 5 달러: one is the other made precise. */
			if (!sd->suf.claims_next && !name_sign[sd->pre.name] &&
			    ((a->code >= 0 && b->code < 0 &&
			    fam_a == b->family) || (b->code >= 0 && a->code < 0 &&
			    fam_b == a->family))) {
				int code = a->code >= 0 ? a->code : b->code;

				sd->pre.code = sd->suf.code = code;
			} else {
				suf = 0;
			}
		}
	}
	sd->pre.ok = pre;
	sd->suf.ok = suf;
	sd->code = pre ? sd->pre.code : suf ? sd->suf.code : -1;
	/* MUSD 5 dollars, 5 million cents: one power of ten, the first given */
	sd->exp = pre && sd->pre.exp ? sd->pre.exp : suf ? sd->suf.exp : 0;
	sd->start = pre ? sd->pre.start : n->start;
	sd->end = suf ? sd->suf.end : n->end;
	/* 75 USD million: a scale after the code */
	if (suf && !(n->flags & (N_SCALE | N_UNIT | N_VAGUE)) && sd->exp == 0 &&
	    space_at(sc->s, sc->len, sd->end)) {
		int exp;
		size_t e = parse_scale(sc->s, sc->len, sd->end, &exp);

		if (e > sd->end) {
			sd->exp = exp;
			sd->end = e;
			sd->n.flags |= N_SCALE;
		}
	}
}

/* The value of a side: its number times its currency's power of ten. */
static int
side_value(const struct side *sd, struct dec *lo, struct dec *hi)
{
	*lo = sd->n.lo;
	*hi = sd->n.hi;
	return dec_shift(lo, sd->exp) | dec_shift(hi, sd->exp);
}

/* Qualifier words. */
struct qword {
	const char *w;
	size_t n;
	unsigned char qual;
	unsigned char approx;
};
#define QW(s, q, a) { s, sizeof(s) - 1, q, a }

static const struct qword q_before[] = {
	QW("no more than", MONEY_MAX, 0), QW("not more than", MONEY_MAX, 0),
	QW("no less than", MONEY_MIN, 0), QW("not less than", MONEY_MIN, 0),
	QW("in excess of", MONEY_OVER, 0), QW("an estimated", MONEY_APPROX, 1),
	QW("approximately", MONEY_APPROX, 1), QW("as much as", MONEY_MAX, 0),
	QW("as little as", MONEY_MIN, 0), QW("upwards of", MONEY_OVER, 0),
	QW("more than", MONEY_OVER, 0), QW("less than", MONEY_UNDER, 0),
	QW("fewer than", MONEY_UNDER, 0), QW("at least", MONEY_MIN, 0),
	QW("at most", MONEY_MAX, 0), QW("close to", MONEY_APPROX, 1),
	QW("exceeding", MONEY_OVER, 0), QW("estimated", MONEY_APPROX, 1),
	QW("just over", MONEY_OVER, 1), QW("just under", MONEY_UNDER, 1),
	QW("roughly", MONEY_APPROX, 1), QW("approx.", MONEY_APPROX, 1),
	QW("approx", MONEY_APPROX, 1), QW("around", MONEY_APPROX, 1),
	QW("nearly", MONEY_APPROX, 1), QW("almost", MONEY_APPROX, 1),
	QW("about", MONEY_APPROX, 1), QW("circa", MONEY_APPROX, 1),
	QW("some", MONEY_APPROX, 1), QW("up to", MONEY_MAX, 0),
	QW("above", MONEY_OVER, 0), QW("below", MONEY_UNDER, 0),
	QW("under", MONEY_UNDER, 0), QW("over", MONEY_OVER, 0),
	QW("ca.", MONEY_APPROX, 1),
	QW("대략", MONEY_APPROX, 1), QW("얼추", MONEY_APPROX, 1),
	QW("대충", MONEY_APPROX, 1), QW("거의", MONEY_APPROX, 1),
	QW("최대", MONEY_MAX, 0), QW("최고", MONEY_MAX, 0),
	QW("최소", MONEY_MIN, 0), QW("최저", MONEY_MIN, 0),
	QW("적어도", MONEY_MIN, 0), QW("많게는", MONEY_MAX, 0),
	QW("적게는", MONEY_MIN, 0), QW("약", MONEY_APPROX, 1),
	{ NULL, 0, 0, 0 }
};

static const struct qword q_after[] = {
	QW("or more", MONEY_OVER, 0), QW("or less", MONEY_UNDER, 0),
	QW("or so", MONEY_APPROX, 1),
	QW("정도", MONEY_APPROX, 1), QW("가량", MONEY_APPROX, 1),
	QW("쯤", MONEY_APPROX, 1), QW("안팎", MONEY_APPROX, 1),
	QW("내외", MONEY_APPROX, 1), QW("남짓", MONEY_APPROX, 1),
	QW("이상", MONEY_OVER, 0), QW("초과", MONEY_OVER, 0),
	QW("넘게", MONEY_OVER, 0), QW("넘는", MONEY_OVER, 0),
	QW("이하", MONEY_UNDER, 0), QW("미만", MONEY_UNDER, 0),
	{ NULL, 0, 0, 0 }
};

/* Whether a[0..n) is 'w' with ASCII letters in any case. */
static int
eq_fold(const char *a, const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fold((unsigned char)a[i]) != (unsigned char)w[i])
			return 0;
	return 1;
}

/*
 * Qualifiers before 'start' (up to two: 최대 약) and after 'end'.  Korean
 * ones may touch the amount (약100억원); English ones need a space.
 */
static void
qualifiers(const char *s, size_t len, size_t start, size_t end, int *qual,
    int *approx)
{
	const struct qword *q;
	size_t p = start, st;
	int round;
	unsigned char c;

	for (round = 0; round < 2; round++) {
		size_t b = skip_sp_back(s, p, 2);
		const struct qword *hit = NULL;

		if (b == 0)
			break;
		c = (unsigned char)s[b - 1];
		if (!is_alpha(c) && c != '.' && c < 0x80)
			break;		/* the quick no: most amounts */
		for (q = q_before; q->w && !hit; q++) {
			int hangul = (unsigned char)q->w[0] >= 0x80;

			if ((c >= 0x80) != hangul || b < q->n ||
			    !eq_fold(s + b - q->n, q->w, q->n))
				continue;
			if (!hangul && b == start)
				continue;	/* "about$5" is not "about $5" */
			if (b - q->n > 0 && (hangul ?
			    is_hangul(cp_before(s, len, b - q->n, &st)) :
			    is_alnum((unsigned char)s[b - q->n - 1])))
				continue;	/* inside a word: 계약, hereabout */
			hit = q;
		}
		if (!hit)
			break;
		if (hit->qual != MONEY_APPROX || *qual == MONEY_EXACT)
			*qual = hit->qual;
		*approx |= hit->approx;
		p = b - hit->n;
	}
	p = skip_sp(s, len, end, 1);
	if (p >= len || (fold((unsigned char)s[p]) != 'o' &&
	    (unsigned char)s[p] < 0x80))
		return;
	for (q = q_after; q->w; q++) {
		int hangul = (unsigned char)q->w[0] >= 0x80;

		if (len - p < q->n || !eq_fold(s + p, q->w, q->n))
			continue;
		if (!hangul && (p == end || (p + q->n < len &&
		    is_alnum((unsigned char)s[p + q->n]))))
			continue;	/* "or more", not "$5 ormore" */
		if (q->qual != MONEY_APPROX || *qual == MONEY_EXACT)
			*qual = q->qual;
		*approx |= q->approx;
		break;
	}
}

static void
emit(struct scan *sc, size_t start, size_t end, int code, const struct dec *lo,
    const struct dec *hi, int kind, int approx)
{
	struct money_list *l = sc->out;
	struct money *m;
	int qual = MONEY_EXACT;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	m = &l->v[l->n++];
	memset(m, 0, sizeof *m);
	m->start = start;
	m->end = end;
	memcpy(m->currency, money_codes[code].code, 3);
	m->currency[3] = '\0';
	qualifiers(sc->s, sc->len, start, end, &qual, &approx);
	if (approx && qual == MONEY_EXACT)
		qual = MONEY_APPROX;	/* 100여억 원 */
	if (kind == MONEY_RANGE || kind == MONEY_VAGUE) {
		m->has_min = m->has_max = 1;
		m->min = *lo;
		m->max = *hi;
		m->qualifier = (unsigned char)kind;
		m->approx = (unsigned char)(approx || kind == MONEY_VAGUE);
	} else {
		m->has_value = 1;
		m->value = *lo;
		m->qualifier = (unsigned char)qual;
		m->approx = (unsigned char)approx;
		if (qual == MONEY_MAX || qual == MONEY_UNDER) {
			m->has_max = 1;
			m->max = *lo;
		} else if (qual == MONEY_MIN || qual == MONEY_OVER) {
			m->has_min = 1;
			m->min = *lo;
		}
	}
	dec_norm(&m->value);
	dec_norm(&m->min);
	dec_norm(&m->max);
	sc->floor = end;
}

/*
 * Whether a bare number ending at s[e] can be the cents of the amount
 * before it (15 dollars 50.  17 USD 25 more): the sentence goes on with
 * punctuation or a conjunction, not with a noun (5 dollars 3 people).
 */
static int
cents_end_ok(const char *s, size_t len, size_t e)
{
	static const char *const words[] = { "and ", "more", "or ", "only",
	    "그리고", "및", NULL };
	const char *const *w;
	size_t q = skip_sp(s, len, e, 1), dl;

	if (q >= len)
		return 1;
	if (s[q] != '\0' && strchr(".,;:!?)]\"'", s[q]))
		return q > e || digit_at(s, len, q + 1, &dl) < 0;
	if (q == e)
		return 0;
	for (w = words; *w; w++)
		if (starts_with(s, len, q, *w))
			return 1;
	return 0;
}

/*
 * Cents after a whole amount: 64달러 45센트, 3 dollars 50 cents, 15 dollars
 * and 50, 1 달러와 1, one kuai and five mao five.  Adds to *val and moves
 * sd->end past what it took.
 */
static void
compose(struct scan *sc, struct side *sd, struct dec *val)
{
	const char *s = sc->s;
	size_t len = sc->len;
	int code = sd->code, minor = money_codes[code].minor, last_exp = 0;
	int round;

	if ((sd->n.flags & (N_SCALE | N_UNIT | N_VAGUE | N_POINT | N_COMMADEC)) ||
	    sd->exp != 0 || minor == 0)
		return;
	for (round = 0; round < 3; round++) {
		size_t p = skip_sp(s, len, sd->end, 2), dl;
		struct num m;
		struct curm cm;
		struct dec add, lim;
		int e;

		if (starts_with(s, len, p, "and ") || starts_with(s, len, p, "& "))
			p = skip_sp(s, len, p + (s[p] == '&' ? 1 : 3), 1);
		else if (p == sd->end && (starts_with(s, len, p, "와") ||
		    starts_with(s, len, p, "과")))
			p = skip_sp(s, len, p + 3, 1);
		if (p == sd->end || p >= len)
			return;		/* glued: 5$30 is not five dollars thirty */
		if (!(digit_at(s, len, p, &dl) >= 0 || is_alpha((unsigned char)s[p]) ||
		    is_hangul(cp_at(s, len, p, &dl))))
			return;
		if (parse_num(s, len, p, &m) <= 0 || (m.flags & (N_SCALE | N_UNIT |
		    N_VAGUE | N_SEP | N_COMMADEC | N_BARE)) || !num_edges_ok(s, len, &m))
			return;
		if (find_suffix(sc->cfg, s, len, m.end, &m, &cm)) {
			const struct money_name *mn = &money_names[cm.name];

			/* 45센트, 50 cents, five mao: a unit below this one */
			if (mn->exp >= 0 || (last_exp != 0 && mn->exp >= last_exp))
				return;
			if (cm.code != code && !(mn->family == 0 && mn->exp == -2 &&
			    minor == 2))
				return;
			add = m.lo;
			if (dec_shift(&add, mn->exp) < 0 || dec_add(val, val, &add) < 0)
				return;
			sd->end = cm.end;
			last_exp = mn->exp;
			continue;
		}
		/* A bare number: the next unit down (cents), if nothing else claims it. */
		if ((m.flags & N_POINT) || !cents_end_ok(s, len, m.end))
			return;
		e = last_exp == 0 ? -minor : last_exp - 1;
		if (-e > minor)
			return;
		lim = dec_int(1);
		if (dec_shift(&lim, last_exp == 0 ? minor : 1) < 0 ||
		    dec_cmp(&m.lo, &lim) >= 0)
			return;
		add = m.lo;
		if (dec_shift(&add, e) < 0 || dec_add(val, val, &add) < 0)
			return;
		sd->end = m.end;
		return;
	}
}

/* Range separators between two numbers. */
enum { SEP_NONE, SEP_DASH, SEP_EUSEO, SEP_BUTEO, SEP_TO, SEP_AND };

static size_t
range_sep(const char *s, size_t len, size_t p, int *kind)
{
	/* ~ ∼ ～ 〜 - – — ‐ */
	static const struct word dashes[] = { W("~"), W("\xe2\x88\xbc"),
	    W("\xef\xbd\x9e"), W("\xe3\x80\x9c"), W("-"), W("\xe2\x80\x93"),
	    W("\xe2\x80\x94"), W("\xe2\x80\x90"), { NULL, 0 } };
	static const struct {
		struct word w;
		int kind, glued;
	} words[] = {
		{ W("에서"), SEP_EUSEO, 1 }, { W("부터"), SEP_BUTEO, 1 },
		{ W("내지"), SEP_DASH, 0 }, { W("to"), SEP_TO, 0 },
		{ W("and"), SEP_AND, 0 },
	};
	const struct word *d;
	size_t q = skip_sp(s, len, p, 1), k, n;
	unsigned char c;

	*kind = SEP_NONE;
	/* the first bytes of every separator: ~ - E2 E3 EF 에(EC) 부 내(EB) t a */
	if (q >= len)
		return p;
	c = (unsigned char)s[q];
	if (c != '~' && c != '-' && c != 0xE2 && c != 0xE3 && c != 0xEF &&
	    c != 0xEC && c != 0xEB && c != 't' && c != 'a')
		return p;
	for (d = dashes; d->w; d++)
		if (starts_word(s, len, q, d)) {
			*kind = SEP_DASH;
			return skip_sp(s, len, q + d->n, 1);
		}
	for (k = 0; k < sizeof words / sizeof words[0]; k++) {
		n = words[k].w.n;
		if (starts_word(s, len, q, &words[k].w) && (words[k].glued ?
		    q == p : q > p && space_at(s, len, q + n))) {
			*kind = words[k].kind;
			return skip_sp(s, len, q + n, 1);
		}
	}
	return p;
}

/* Whether the English word 'w' stands right before 'at'. */
static int
word_before(const char *s, size_t len, size_t at, const char *w)
{
	size_t b = skip_sp_back(s, at, 1);

	return b < at && ends_with(s, b, w) &&
	    word_start_ok(s, len, b - strlen(w), w);
}

/*
 * The second number of a range at s[q], perhaps after its own currency
 * sign ($5 to $7 million).  Returns 1 with *B read and its currency settled.
 */
static int
range_second(struct scan *sc, size_t q, struct side *B)
{
	const char *s = sc->s;
	size_t len = sc->len, t = q, dl;

	memset(B, 0, sizeof *B);
	if (q >= len)
		return 0;
	if (digit_at(s, len, q, &dl) < 0 && !is_alpha((unsigned char)s[q]) &&
	    !ko_anchor_at(s, len, q)) {
		/* a sign or code first: skip to the digits, check it is a prefix */
		while (t < len && t < q + 8 && digit_at(s, len, t, &dl) < 0 &&
		    !space_at(s, len, t))
			t += (cp_at(s, len, t, &dl), dl ? dl : 1);
		t = skip_sp(s, len, t, 1);
		if (digit_at(s, len, t, &dl) < 0)
			return 0;
	} else if (is_alpha((unsigned char)s[q]) && !enword_find(s + q,
	    word_at(s, len, q) - q)) {
		/* USD 5 */
		t = skip_sp(s, len, word_at(s, len, q), 1);
		if (digit_at(s, len, t, &dl) < 0)
			return 0;
	}
	if (parse_num(s, len, t, &B->n) <= 0 || !num_edges_ok(s, len, &B->n))
		return 0;
	side_currency(sc, B, q);
	return t == q || (B->pre.ok && B->pre.start == q);
}

/*
 * A range from sides A and B (separator 'kind'): emits it and returns its
 * end, or returns 0 when A and B are not a range.
 */
static size_t
try_range(struct scan *sc, struct side *A, struct side *B, int kind)
{
	const char *s = sc->s;
	size_t len = sc->len;
	struct side a = *A, b = *B;
	struct dec alo, ahi, blo, bhi;
	int code, words = kind != SEP_DASH;

	if ((a.code < 0 && b.code < 0) || (a.code >= 0 && b.code >= 0 &&
	    a.code != b.code))
		return 0;
	if (kind == SEP_AND && !word_before(s, len, a.start, "between"))
		return 0;
	/* $5 to 10 people is no range: after a word the second needs money */
	if (words && b.code < 0 && !(b.n.flags & (N_SCALE | N_UNIT)))
		return 0;
	code = a.code >= 0 ? a.code : b.code;
	if (a.code < 0) {
		a.code = code;
		a.exp = b.exp;
	}
	if (b.code < 0) {
		b.code = code;
		b.exp = a.exp;
	}
	if (side_value(&a, &alo, &ahi) < 0 || side_value(&b, &blo, &bhi) < 0)
		return 0;
	/* 100~200억원, $1.2-1.5 billion: the second's unit or scale is shared */
	if (a.n.mult == 0 && b.n.mult > 0) {
		struct dec l2 = alo, h2 = ahi, ten = alo;

		if (dec_shift(&l2, b.n.mult) == 0 && dec_shift(&h2, b.n.mult) == 0 &&
		    dec_cmp(&l2, &blo) < 0) {
			alo = l2;
			ahi = h2;
		} else if (dec_shift(&ten, 1) < 0 || dec_cmp(&ten, &blo) < 0) {
			return 0;	/* 200~100억: neither reading is a range */
		}
	}
	if (dec_cmp(&alo, &blo) >= 0)
		return 0;		/* wrong order: two amounts */
	/* 3천억에서 5천억 원으로, from $5 to $7: a change, two amounts */
	if ((kind == SEP_EUSEO && (starts_with(s, len, b.end, "으로") ||
	    starts_with(s, len, b.end, "로"))) ||
	    (kind == SEP_TO && word_before(s, len, a.start, "from"))) {
		size_t end = A->code >= 0 ? A->end : A->n.end;

		if (a.n.flags & N_VAGUE)
			emit(sc, a.start, end, code, &alo, &ahi, MONEY_VAGUE, 1);
		else
			emit(sc, a.start, end, code, &alo, &alo, MONEY_EXACT,
			    (a.n.flags & N_APPROX) != 0);
		return end;
	}
	emit(sc, a.start, b.end, code, &alo, &bhi, MONEY_RANGE,
	    ((a.n.flags | b.n.flags) & (N_VAGUE | N_APPROX)) != 0);
	return b.end;
}

/* Whether the number word at s[a] takes "a" before it (a million). */
static int
article_ok(const char *s, size_t len, size_t a)
{
	const struct enword *w = enword_find(s + a, word_at(s, len, a) - a);

	return w && (w->kind == EW_HUNDRED || w->kind == EW_SCALE ||
	    w->kind == EW_HALF || w->kind == EW_QUARTER || w->kind == EW_DOZEN ||
	    (w->kind == EW_SEVERAL && w->w[0] == 'f'));
}

/*
 * Try to read an amount whose number starts at s[a].  Emits what it finds
 * and returns where the scan goes on.
 */
static size_t
try_amount(struct scan *sc, size_t a)
{
	const char *s = sc->s;
	size_t len = sc->len, q, r;
	struct side A, B;
	struct dec lo, hi;
	int kind, pr;

	memset(&A, 0, sizeof A);
	pr = parse_num(s, len, a, &A.n);
	if (pr <= 0)
		return A.n.end > a ? A.n.end : a + 1;
	if (!num_edges_ok(s, len, &A.n) || (A.n.flags & N_BARE))
		return A.n.end;		/* 사원, 이 회사: one Hangul digit is no amount */
	/* a million dollars, a quarter million: the article belongs in */
	if ((A.n.flags & N_WORDS) && article_ok(s, len, a)) {
		if (ends_with(s, a, "a ") && word_start_ok(s, len, a - 2, "a"))
			A.n.start = a - 2;
		else if (ends_with(s, a, "an ") && word_start_ok(s, len, a - 3, "an"))
			A.n.start = a - 3;
	}
	side_currency(sc, &A, sc->floor);

	q = range_sep(s, len, A.code >= 0 ? A.end : A.n.end, &kind);
	if (kind != SEP_NONE && range_second(sc, q, &B) &&
	    (r = try_range(sc, &A, &B, kind)) > 0)
		return r;
	if (A.code < 0)
		return A.n.end;
	if (side_value(&A, &lo, &hi) < 0)
		return A.end;
	if (A.n.flags & N_VAGUE) {
		emit(sc, A.start, A.end, A.code, &lo, &hi, MONEY_VAGUE, 1);
		return A.end;
	}
	compose(sc, &A, &lo);
	emit(sc, A.start, A.end, A.code, &lo, &lo, MONEY_EXACT,
	    (A.n.flags & N_APPROX) != 0);
	return A.end;
}

/* Whether s[i] is the lead byte of a well-formed 3-byte character in EA..ED. */
static int
hangul_lead_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	return i + 3 <= len && u[0] >= 0xEA && u[0] <= 0xED &&
	    (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80;
}

size_t
money_find(const struct money_cfg *cfg, const char *s, size_t len,
    struct money_list *out)
{
	struct scan sc;
	size_t i = 0, n, r;
	int hword = 0;		/* the character before i is Hangul (or near) */

	tables();
	out->n = 0;
	sc.cfg = cfg_or_default(cfg);
	sc.s = s;
	sc.len = len;
	sc.floor = 0;
	sc.out = out;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0xEA && c <= 0xED && hangul_lead_at(s, len, i)) {
			int32_t cp;

			/*
			 * Inside a Hangul word nothing starts: skip it undecoded.
			 * Most of a Korean text goes this way.
			 */
			if (hword) {
				i += 3;
				continue;
			}
			cp = cp_at(s, len, i, &n);
			hword = 1;
			/* 12천: a numeral glued to digits belongs to their number */
			if (is_hangul(cp) && ko_anchor(cp) &&
			    !(i > 0 && is_digit((unsigned char)s[i - 1]))) {
				r = try_amount(&sc, i);
				if (r > i + 3) {
					i = r;
					hword = r >= 3 && hangul_lead_at(s, len, r - 3);
					continue;
				}
			}
			i += 3;
			continue;
		}
		hword = 0;
		if (c < 0x80) {
			if (is_digit(c)) {
				if (i > 0 && (is_digit((unsigned char)s[i - 1]) ||
				    ((s[i - 1] == '.' || s[i - 1] == ',') && i > 1 &&
				    is_digit((unsigned char)s[i - 2])))) {
					i++;
					continue;
				}
				i = try_amount(&sc, i);
				hword = i >= 3 && hangul_lead_at(s, len, i - 3);
				continue;
			}
			if (is_alpha(c)) {
				size_t e = word_at(s, len, i);
				const struct enword *w;

				if (i > 0 && is_alnum((unsigned char)s[i - 1])) {
					i = e;
					continue;
				}
				w = enword_find(s + i, e - i);
				if (w && w->kind != EW_AND && w->kind != EW_A &&
				    w->kind != EW_POINT && w->kind != EW_OF &&
				    w->kind != EW_ABBR && w->kind != EW_QUARTERS) {
					r = try_amount(&sc, i);
					i = r > e ? r : e;
					hword = i >= 3 && hangul_lead_at(s, len, i - 3);
				} else {
					i = e;
				}
				continue;
			}
			i++;
			continue;
		}
		if (c == 0xEF && fw_digit(s, len, i) >= 0) {
			if (i >= 3 && fw_digit(s, len, i - 3) >= 0) {
				i += 3;
				continue;
			}
			i = try_amount(&sc, i);
			hword = i >= 3 && hangul_lead_at(s, len, i - 3);
			continue;
		}
		cp_at(s, len, i, &n);	/* other characters: step over */
		i += n ? n : 1;
	}
	return out->n;
}

void
money_list_release(struct money_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

const char *
money_qual_name(int q)
{
	static const char *const names[] = { NULL, "approx", "max", "min",
	    "over", "under", "range", "vague" };

	return q > 0 && q < (int)(sizeof names / sizeof names[0]) ? names[q] : NULL;
}

/* ------------------------------------------------------------ configuration */

struct money_cfg *
money_cfg_new(void)
{
	struct money_cfg *cfg = xcalloc(1, sizeof *cfg);

	*cfg = *cfg_or_default(NULL);
	return cfg;
}

void
money_cfg_free(struct money_cfg *cfg)
{
	free(cfg);
}

static int
code_find(const char *code, size_t n)
{
	size_t i, k;

	if (n != 3)
		return -1;
	for (i = 0; i < money_ncodes; i++) {
		for (k = 0; k < 3; k++)
			if ((code[k] & ~0x20) != money_codes[i].code[k])
				break;
		if (k == 3)
			return (int)i;
	}
	return -1;
}

/* The family a key names: its key ($, franc) or any name of it (달러, buck). */
static int
family_find(const char *key, size_t n)
{
	size_t i, k;

	tables();
	for (i = 0; i < money_nfamilies; i++)
		if (strlen(money_families[i].key) == n &&
		    memcmp(money_families[i].key, key, n) == 0)
			return (int)i;
	for (i = 0; i < money_nnames; i++) {
		const struct money_name *mn = &money_names[i];

		if (mn->family < 0 || mn->exp != 0 || strlen(mn->text) != n)
			continue;
		for (k = 0; k < n; k++)
			if (fold((unsigned char)key[k]) != (unsigned char)mn->text[k])
				break;
		if (k == n)
			return mn->family;
	}
	return -1;
}

int
money_cfg_assume(struct money_cfg *cfg, const char *opt, const char *spec)
{
	const char *p = spec;

	while (*p) {
		const char *end = strchr(p, ','), *eq;
		size_t n = end ? (size_t)(end - p) : strlen(p);
		int fam, code;

		eq = memchr(p, '=', n);
		if (!eq || eq == p || eq == p + n - 1) {
			warnx("%s: expected SYMBOL=CODE, not '%.*s'", opt, (int)n, p);
			return -1;
		}
		if ((fam = family_find(p, (size_t)(eq - p))) < 0) {
			warnx("%s: '%.*s' is not an ambiguous currency symbol or word "
			    "(see --help)", opt, (int)(eq - p), p);
			return -1;
		}
		if ((code = code_find(eq + 1, (size_t)(p + n - eq - 1))) < 0) {
			warnx("%s: unknown currency code '%.*s'", opt,
			    (int)(p + n - eq - 1), eq + 1);
			return -1;
		}
		cfg->fam[fam] = (short)code;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int
money_cfg_default(struct money_cfg *cfg, const char *opt, const char *code)
{
	int c = code_find(code, strlen(code));

	if (c < 0) {
		warnx("%s: unknown currency code '%s'", opt, code);
		return -1;
	}
	if (money_codes[c].family < 0) {
		warnx("%s: '%s' is never ambiguous, so it changes nothing "
		    "(families: $, ¥, £, franc, rupee, peso, krona, krone, dinar, "
		    "rial, shilling, won, dirham, colon)", opt, money_codes[c].code);
		return -1;
	}
	cfg->fam[(int)money_codes[c].family] = (short)c;
	return 0;
}

void
money_families_help(struct buf *out)
{
	size_t i;

	for (i = 0; i < money_nfamilies; i++)
		buf_printf(out, "%s%s=%s", i ? ", " : "", money_families[i].key,
		    money_codes[money_families[i].def].code);
}
