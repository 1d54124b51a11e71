/*
 * currency.c: the currency before or after a number.  The names of
 * money_names.c live in two byte tries, built once: one read forwards for
 * the names after a number (달러, USD, €, dollars), one read backwards for
 * those before it ($, US$, USD, ₩), so that both walks start at the number.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dec.h"
#include "core/edgemap.h"
#include "core/util.h"
#include "money/internal.h"

#define SP 0x01		/* trie edge: optional white space */
#define MAX_HITS 16

struct trie_node {
	int sp;			/* the child across optional white space, or -1 */
	int ent;		/* first name ending here (index in money_names), or -1 */
};

struct trie {
	struct trie_node *n;
	int nn;
	size_t cap;
	struct edgemap e;	/* (node, byte) -> child; SP edges are in n[].sp */
	int *next;		/* next name ending at the same node, per name */
};

static struct trie fwd, rev;	/* suffix names forwards, prefix names backwards */

/* Per name, computed once: its length and the kinds of its ends. */
enum { END_WORD = 1, END_HANGUL = 2 };	/* ASCII letter, digit or '.'; Hangul */
static unsigned char *name_len, *name_first, *name_last, *name_sign;

static int
trie_child(const struct trie *t, int node, unsigned char b)
{
	uint32_t c;

	if (b == SP)
		return t->n[node].sp;
	c = edgemap_find(&t->e, (uint32_t)node, b);
	return c ? (int)c : -1;	/* the root is no one's child */
}

static int
trie_add_node(struct trie *t, int parent, unsigned char b)
{
	uint32_t *edge;
	int c;

	if (b == SP && t->n[parent].sp >= 0)
		return t->n[parent].sp;
	edge = b == SP ? NULL : edgemap_put(&t->e, (uint32_t)parent, b);
	if (edge && *edge)
		return (int)*edge;
	t->n = xreserve(t->n, &t->cap, (size_t)t->nn + 1, sizeof *t->n);
	c = t->nn++;
	t->n[c].sp = t->n[c].ent = -1;
	if (edge)
		*edge = (uint32_t)c;
	else
		t->n[parent].sp = c;
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
	t->cap = 1024;
	t->n = xmalloc(t->cap * sizeof *t->n);
	t->nn = 1;		/* node 0 is the root */
	t->n[0].sp = t->n[0].ent = -1;
	/* half full at most: a walk mostly probes for edges that are not there */
	edgemap_init(&t->e, EDGEMAP_HALF);
	t->next = xcalloc(money_nnames, sizeof *t->next);
}

/* The tries and the per-name facts, from money_names. */
static void
names_build(void)
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
		name_first[i] = ascii_is_alnum(f) ? END_WORD :
		    utf8_is_hangul_syllable(cp_at(s, n, 0, &cl)) ? END_HANGUL : 0;
		name_last[i] = ascii_is_alnum(l) || l == '.' ? END_WORD :
		    n >= 3 && utf8_is_hangul_syllable(cp_at(s, n, n - 3, &cl)) ? END_HANGUL : 0;
		/* A currency sign ($, US$, €) rather than only letters. */
		name_sign[i] = 0;
		for (k = 0; k < n; k += cl ? cl : 1) {
			int32_t cp = cp_at(s, n, k, &cl);

			if (cp < 0x80 ? !(ascii_is_alpha((unsigned char)cp) || cp == '.' ||
			    cp == ' ') : !utf8_is_hangul_syllable(cp))
				name_sign[i] = 1;
		}
	}
	for (i = 0; i < money_nnames; i++) {
		if (money_names[i].pos & MN_SUF)
			trie_add(&fwd, (int)i, 0);
		if (money_names[i].pos & MN_PRE)
			trie_add(&rev, (int)i, 1);
	}
}

static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void
tables_build(void)
{
	names_build();
	money_enwords_build();
	money_hangul_build();
}

/* money_tables(): build every table once; safe from any thread. */
void
money_tables(void)
{
	pthread_once(&tables_once, tables_build);
}


static struct money_cfg default_cfg;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void
default_cfg_build(void)
{
	size_t f;

	for (f = 0; f < money_nfamilies && f < 32; f++)
		default_cfg.fam[f] = money_families[f].def;
}

const struct money_cfg *
money_cfg_or_default(const struct money_cfg *cfg)
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
static const struct word ko_after[] = {
	W("을"), W("를"), W("이"), W("가"), W("은"), W("는"), W("의"), W("에"),
	W("와"), W("과"), W("도"), W("만"), W("씩"), W("대"), W("로"), W("으로"),
	W("라"), W("나"), W("당"), W("뿐"), W("짜리"), W("어치"), W("정도"),
	W("쯤"), W("선"), W("까지"), W("부터"), W("보다"), W("밖에"), W("규모"),
	W("상당"), W("안팎"), W("내외"), W("남짓"), W("넘"), W("여"), W("였"),
	W("입니"), W("인데"), W("께"), W("미만"), W("초과"), W("권"), W("가까"),
	W("육박"), { NULL, 0 }
};
static const struct word ko_after_strict[] = {
	W("을"), W("이"), W("은"), W("의"), W("에"), W("로"), W("씩"), W("짜리"),
	W("어치"), W("정도"), W("쯤"), W("가량"), W("도"), W("만"), W("까지"),
	{ NULL, 0 }
};

/* Whether a name ending at s[e] is a whole word (or a symbol not glued on). */
static int
name_end_ok(int name, const char *s, size_t len, size_t e)
{
	const struct word *w;
	size_t n;

	if (e >= len)
		return 1;
	if (name_last[name] == END_WORD) {
		if (ascii_is_alnum((unsigned char)s[e]))
			return 0;
		/* 100YEN.com is a name, not an amount */
		return !(s[e] == '.' && e + 1 < len && ascii_is_alpha((unsigned char)s[e + 1]));
	}
	if (digit_at(s, len, e, &n) >= 0)
		return 0;		/* a symbol glued to the next number */
	if (name_last[name] != END_HANGUL || (unsigned char)s[e] < 0x80 ||
	    !utf8_is_hangul_syllable(cp_at(s, len, e, &n)))
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
		/* not inside a word, a handle or a tag: @N4, #RM8 */
		return !ascii_is_alnum((unsigned char)s[b - 1]) && s[b - 1] != '@' &&
		    s[b - 1] != '#' && s[b - 1] != '_';
	if (name_first[name] == END_HANGUL)
		return !utf8_is_hangul_syllable(cp_before(s, len, b, &st));
	return !ascii_is_digit((unsigned char)s[b - 1]);
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

/* Whether an ASCII word of two or more capitals ends at s[e] (spaces between). */
static int
caps_word_before(const char *s, size_t e)
{
	size_t b;

	e = skip_sp_back(s, e, 1);
	for (b = e; b > 0 && s[b - 1] >= 'A' && s[b - 1] <= 'Z'; b--)
		;
	return e - b >= 2 && !(b > 0 && ascii_is_alnum((unsigned char)s[b - 1]));
}

/* Whether an ASCII word of two or more capitals starts at s[b] (spaces before). */
static int
caps_word_after(const char *s, size_t len, size_t b)
{
	size_t e;

	b = skip_sp(s, len, b, 1);
	for (e = b; e < len && s[e] >= 'A' && s[e] <= 'Z'; e++)
		;
	return e - b >= 2 && !(e < len && ascii_is_alnum((unsigned char)s[e]));
}

/*
 * Whether the amount s[a..b) holding an MN_CAPS code stands among words in
 * capitals (TRY 3 TIMES, ZAR 300 IN): then the code is a word too.
 */
static int
caps_around(const struct money_name *mn, const char *s, size_t len, size_t a,
    size_t b)
{
	return (mn->flags & MN_CAPS) && (caps_word_before(s, a) ||
	    caps_word_after(s, len, b));
}

/*
 * Whether the word at s[e] (after one space) makes a name that is an
 * adjective too into one: 50 grand is money, two grand slams are not.
 * What may follow the money: nothing, punctuation, or a word that is no
 * noun (a, per, in, for, to, and...).
 */
static int
adj_noun_after(const char *s, size_t len, size_t e)
{
	static const char *const words[] = { "a", "an", "per", "in", "for", "to",
	    "and", "or", "of", "on", "from", "at", "each", "apiece", "more",
	    "less", "worth", "but", "is", "was", NULL };
	const char *const *w;
	size_t q = skip_sp(s, len, e, 1), we = word_at(s, len, q);

	if (we == q)
		return 0;
	for (w = words; *w; w++)
		if (we - q == strlen(*w) && starts_with(s, len, q, *w))
			return 0;
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
	/* 체중 150파운드, 30파운드를 감량: Korean words of weight around it */
	static const char *const ko_before[] = { "체중", "몸무게", "무게", "체중이",
	    "체중은", "체중을", "몸무게가", "몸무게는", "무게가", "무게는", "무게를",
	    NULL };
	static const char *const ko_verbs[] = { "감량", "뺐", "빼", "빠졌", "빠진",
	    "쪘", "찌", "늘었", NULL };
	/* a 10-pound note, a 5-pound fine: a thing that is money says money */
	static const char *const things[] = { "note", "coin", "bill", "banknote",
	    "fine", "fee", "ticket", "voucher", "bet", "charge", "prize", "bonus",
	    "payment", "donation", "reward", "tax", "levy", "discount", "deposit",
	    "loan", "bribe", "tip", NULL };
	const char *const *v;
	size_t b = skip_sp_back(s, n->start, 1), q, dl;

	if (hyphen) {
		q = skip_sp(s, len, e, 1);
		for (v = things; *v; v++)
			if (starts_with(s, len, q, *v) && (q + strlen(*v) >= len ||
			    !ascii_is_alpha((unsigned char)s[q + strlen(*v)]) ||
			    s[q + strlen(*v)] == 's'))
				return 0;
		return 1;
	}
	if (starts_with(s, len, skip_sp(s, len, e, 1), "of "))
		return 1;
	for (v = verbs; *v && b < n->start; v++)
		if (ends_with(s, b, *v) && word_start_ok(s, len, b - strlen(*v), *v))
			return 1;
	for (v = ko_before; *v; v++)
		if (ends_with(s, b, *v))
			return 1;
	/* 150 pounds (68 kg), 150파운드(약 68kg): a conversion says weight */
	q = skip_sp(s, len, e, 1);
	if (q < len && s[q] == '(') {
		q = skip_sp(s, len, q + 1, 1);
		if (starts_with(s, len, q, "약"))
			q = skip_sp(s, len, q + 3, 1);
		else if (starts_with(s, len, q, "about "))
			q = skip_sp(s, len, q + 6, 1);
		if (digit_at(s, len, q, &dl) >= 0) {
			while (digit_at(s, len, q, &dl) >= 0 || point_at(s, len, q) ||
			    comma_at(s, len, q))
				q += digit_at(s, len, q, &dl) >= 0 ? dl :
				    point_at(s, len, q) ? point_at(s, len, q) :
				    comma_at(s, len, q);
			q = skip_sp(s, len, q, 1);
			if (starts_with(s, len, q, "kg") || starts_with(s, len, q, "kilo") ||
			    starts_with(s, len, q, "\xe3\x8e\x8f") ||	/* ㎏ */
			    starts_with(s, len, q, "킬로"))
				return 1;
		}
	}
	/* 30파운드를 감량 */
	q = e;
	if (starts_with(s, len, q, "를") || starts_with(s, len, q, "을") ||
	    starts_with(s, len, q, "이") || starts_with(s, len, q, "가"))
		q += 3;
	q = skip_sp(s, len, q, 1);
	for (v = ko_verbs; *v; v++)
		if (starts_with(s, len, q, *v))
			return 1;
	return 0;
}

/*
 * Whether a minor unit after number 'n' is part of a name: a capital,
 * singular "Cent" after a number other than one (the rapper 50 Cent), or
 * the name after a word for a performer (래퍼 50센트, rapper 50 cent).
 */
static int
is_name(const char *s, size_t len, const struct num *n,
    const struct money_name *mn, size_t a, size_t b)
{
	static const char *const roles[] = { "래퍼", "랩퍼", "가수", "힙합",
	    "뮤지션", "아티스트", "rapper", "singer", "artist", "musician",
	    "star", NULL };
	const char *const *r;
	struct dec one = dec_int(1);
	size_t e;

	if (mn->exp >= 0)
		return 0;
	if (b > a + 1 && s[a] >= 'A' && s[a] <= 'Z' && s[b - 1] >= 'a' &&
	    s[b - 1] <= 'z' && s[b - 1] != 's' && dec_cmp(&n->lo, &one) != 0)
		return 1;
	e = skip_sp_back(s, n->start, 1);
	for (r = roles; *r; r++)
		if (ends_with(s, e, *r) && ((unsigned char)**r >= 0x80 ||
		    word_start_ok(s, len, e - strlen(*r), *r)))
			return 1;
	return 0;
}

/* The currency after number 'n' (ending at p), into *cm. */
int
money_find_suffix(const struct money_cfg *cfg, const char *s, size_t len, size_t p,
    const struct num *n, int composing, struct curm *cm)
{
	struct hit hits[MAX_HITS];
	size_t q = skip_sp(s, len, p, 2), q2;
	int nh = 0, k, hyphen = 0;

	memset(cm, 0, sizeof *cm);
	/* 12-cent, one-yen, multibillion - dollar */
	if (q < len && s[q] == '-') {
		q2 = skip_sp(s, len, q + 1, 1);
		if (q2 < len && ascii_is_alpha((unsigned char)s[q2]) && (q2 == q + 1 ||
		    q > p)) {
			q = q2;
			hyphen = 1;
		}
	}
	/* tens of millions of dollars */
	if ((n->flags & N_VAGUE || (n->flags & (N_WORDS | N_APPROX)) ==
	    (N_WORDS | N_APPROX)) && starts_with(s, len, q, "of ")) {
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
			if (hyphen && !ascii_is_alpha((unsigned char)mn->text[0]))
				continue;
			if ((mn->flags & MN_COMPOSE) && !composing)
				continue;	/* 50p, 20c, 50전: only after a whole amount */
			if (is_name(s, len, n, mn, q, hits[k].at) ||
			    caps_around(mn, s, len, n->start, hits[k].at) ||
			    ((mn->flags & MN_ADJ) && adj_noun_after(s, len, hits[k].at)))
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
int
money_find_prefix(const struct money_cfg *cfg, const char *s, size_t len,
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
			    !name_start_ok(e, s, len, hits[k].at) || !num_fits(n, mn) ||
			    caps_around(mn, s, len, hits[k].at, n->end))
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

/* Whether name 'name' is a sign ($, US$, €) rather than only letters. */
int
money_name_sign(int name)
{
	return name_sign[name];
}

/* The index in money_codes of a three-letter code (any case), or -1. */
int
money_code_find(const char *code, size_t n)
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
