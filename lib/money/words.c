/*
 * words.c: English number words (five, forty-five, one and a half, a
 * quarter million, tens of millions, multibillion) and the scales after
 * digits (1.5 million, 5bn, $10K, 35 lakh), read one word at a time.
 */
#include <stdint.h>
#include <string.h>

#include "core/dec.h"
#include "core/util.h"
#include "money/internal.h"

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
	{ "trn", EW_ABBR, 12 }, { "mm", EW_ABBR, 6 }, { "t", EW_ABBR, 12 },
	{ "half", EW_HALF, 0 }, { "quarter", EW_QUARTER, 0 },
	{ "quarters", EW_QUARTERS, 0 }, { "dozen", EW_DOZEN, 0 },
	{ "tens", EW_PLURAL, 1 }, { "dozens", EW_PLURAL, 1 },
	{ "hundreds", EW_PLURAL, 2 }, { "thousands", EW_PLURAL, 3 },
	{ "millions", EW_PLURAL, 6 }, { "billions", EW_PLURAL, 9 },
	{ "trillions", EW_PLURAL, 12 },
	{ "several", EW_SEVERAL, 0 }, { "few", EW_SEVERAL, 0 },
	{ "couple", EW_COUPLE, 2 },
	{ "multimillion", EW_MULTI, 6 }, { "multibillion", EW_MULTI, 9 },
	{ "multi", EW_MULTI, 0 },
	{ "and", EW_AND, 0 }, { "a", EW_A, 0 }, { "an", EW_A, 0 },
	{ "point", EW_POINT, 0 }, { "of", EW_OF, 0 },
};

/* The number words by hash of their folded text: index + 1, 0 empty. */
#define ENWORD_SLOTS 256
static unsigned char enword_slot[ENWORD_SLOTS];

/* money_enwords_build(): fill the hash of number words (once, before any scan). */
void
money_enwords_build(void)
{
	size_t i;

	for (i = 0; i < sizeof enwords / sizeof enwords[0]; i++) {
		uint32_t h = fnv1a(enwords[i].w, strlen(enwords[i].w));

		while (enword_slot[h % ENWORD_SLOTS])
			h++;
		enword_slot[h % ENWORD_SLOTS] = (unsigned char)(i + 1);
	}
}

/* The English number word at s[0..n), any case, or NULL. */
const struct enword *
money_enword_find(const char *s, size_t n)
{
	char w[16];
	size_t i;
	uint32_t h;

	if (n == 0 || n >= sizeof w)
		return NULL;
	for (i = 0; i < n; i++)
		w[i] = (char)fold((unsigned char)s[i]);
	for (h = fnv1a(w, n); enword_slot[h % ENWORD_SLOTS]; h++) {
		const struct enword *e = &enwords[enword_slot[h % ENWORD_SLOTS] - 1];

		/* strncmp stops at the end of e->w, which may be shorter */
		if (strncmp(e->w, w, n) == 0 && e->w[n] == '\0')
			return e;
	}
	return NULL;
}

/*
 * An English scale after a number at s[i]: glued (5bn, $10K, 1.2m) or
 * after a space (1.5 million, 35 lakh, 5 hundred thousand).  Returns the
 * end and the exponent in *exp, or i when there is none.
 */
size_t
money_parse_scale(const char *s, size_t len, size_t i, int *exp)
{
	const struct enword *w;
	size_t p = i, q, e;
	int total = 0, last = 0, words = 0;

	while (words < 2) {
		int glued, hyphen;

		q = words == 0 && p < len && ascii_is_alpha((unsigned char)s[p]) ? p :
		    skip_sp(s, len, p, 1);
		/* $4.5-billion, €20-million */
		hyphen = words == 0 && p + 1 < len && s[p] == '-' &&
		    ascii_is_alpha((unsigned char)s[p + 1]);
		if (hyphen)
			q = p + 1;
		glued = q == p;
		if (glued && words > 0)
			break;
		e = word_at(s, len, q);
		if (e == q || !(w = money_enword_find(s + q, e - q)))
			break;
		if (hyphen && w->kind != EW_SCALE)
			break;
		if (w->kind == EW_ABBR) {
			/* 5bn, $10K; but "5 m" is five metres, 4T4 a code */
			if (words || (!glued && e - q == 1) ||
			    (e < len && ascii_is_digit((unsigned char)s[e])))
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


/*
 * One word of an English number: s[q..e) is the word; a step that reads
 * more (multi-million, point five) moves 'e' past what it took.
 */
struct etok {
	const char *s;
	size_t len;
	size_t q, e;
	int first;		/* the first word of the number */
	const struct enword *w;
};

/* The number word after the word ending at 'e' and one space, or NULL. */
static const struct enword *
next_word(const struct etok *t, size_t e)
{
	size_t r = skip_sp(t->s, t->len, e, 1);

	return money_enword_find(t->s + r, word_at(t->s, t->len, r) - r);
}

/*
 * The step functions: each takes one word into 'st' (STEP_TAKE), or ends
 * the number before it (STEP_STOP).  English numbers are never out of
 * range as a whole: a word that would overflow ends the number instead.
 */

/* one..nineteen, twenty..ninety: forty-five, hundred and five, thousand two. */
static int
en_number(struct nstate *st, struct etok *t)
{
	struct ival v = iv_int((uint64_t)t->w->val, (uint64_t)t->w->val);
	int prev = st->prev;

	/* not "one one", nor a count after a vague amount */
	if (st->vague || !(prev == 0 || prev == EW_HUNDRED || prev == EW_SCALE ||
	    prev == EW_AND || (prev == EW_TENS && t->w->kind == EW_ONES &&
	    t->w->val < 10)))
		return STEP_STOP;
	iv_add(&st->cur, &st->cur, &v);
	st->have_cur = 1;
	st->pending = 0;
	return STEP_TAKE;
}

/* hundred: at most once per group (not "five hundred hundred"). */
static int
en_hundred(struct nstate *st, struct etok *t)
{
	struct dec hundred = dec_int(100);

	(void)t;
	if (st->have_cur && dec_cmp(&st->cur.lo, &hundred) >= 0)
		return STEP_STOP;
	if (!st->have_cur)
		st->cur = iv_int(1, 1);
	iv_shift(&st->cur, 2);
	st->have_cur = 1;
	st->pending = 0;
	st->mult = 2;
	return STEP_TAKE;
}

/* thousand, million, lakh...: closes a group; each smaller than the last. */
static int
en_scale(struct nstate *st, struct etok *t)
{
	struct ival m;

	if (t->w->val >= st->last_big)
		return STEP_STOP;
	m = st->have_cur ? st->cur : iv_int(1, 1);
	if (iv_shift(&m, t->w->val) || iv_add(&st->total, &st->total, &m))
		return STEP_STOP;
	st->cur = iv_int(0, 0);
	st->have_cur = 0;
	st->last_big = t->w->val;
	st->mult = t->w->val;
	st->pending = 0;
	return STEP_TAKE;
}

/* half: half a million, one and a half million; it needs a scale after it. */
static int
en_half(struct nstate *st, struct etok *t)
{
	(void)t;
	if (st->have_cur && st->prev != EW_A)
		return STEP_STOP;
	if (st->prev == EW_A && st->have_cur) {
		struct ival h = { { 5, 1 }, { 5, 1 } };

		iv_add(&st->cur, &st->cur, &h);
	} else {
		st->cur.lo.m = st->cur.hi.m = 5;
		st->cur.lo.scale = st->cur.hi.scale = 1;
	}
	st->have_cur = 1;
	st->pending = 1;
	return STEP_TAKE;
}

/* a quarter million, three quarters billion: they need a scale too. */
static int
en_quarter(struct nstate *st, struct etok *t)
{
	struct ival q4 = { { 25, 2 }, { 25, 2 } };

	if (t->w->kind == EW_QUARTERS && st->prev != EW_ONES)
		return STEP_STOP;
	if (t->w->kind == EW_QUARTER && st->have_cur)
		return STEP_STOP;
	if (st->have_cur)
		iv_mul(&st->cur, &st->cur, &q4);
	else
		st->cur = q4;
	st->have_cur = 1;
	st->pending = 1;
	return STEP_TAKE;
}

/* dozen: twelve of what came before, or twelve. */
static int
en_dozen(struct nstate *st, struct etok *t)
{
	struct ival d12 = iv_int(12, 12);

	(void)t;
	if (!st->have_cur)
		st->cur = iv_int(1, 1);
	iv_mul(&st->cur, &st->cur, &d12);
	st->have_cur = 1;
	st->pending = 0;
	return STEP_TAKE;
}

/* tens, hundreds, millions: vague; tens of millions is [10, 90] * 10^6. */
static int
en_plural(struct nstate *st, struct etok *t)
{
	int val = t->w->val;
	struct ival m = iv_int(1, val >= 3 ? 999 : 9);

	if (st->prev == EW_AND) {
		/* billions and billions: the same spread, said twice */
		if (!st->vague || val != st->mult)
			return STEP_STOP;
		st->pending = 0;
		return STEP_TAKE;
	}
	if (st->prev != 0 && st->prev != EW_OF)
		return STEP_STOP;
	iv_shift(&m, val);
	if (st->prev == EW_OF) {
		/* tens of millions: the first word sets the spread */
		if (val <= st->mult)
			return STEP_STOP;
		iv_shift(&st->cur, val);
	} else {
		st->cur = m;
	}
	st->have_cur = 1;
	st->vague = 1;
	st->mult = val;
	st->pending = 0;
	return STEP_TAKE;
}

/* several, few: 2 to 9 of the hundred or scale that must follow. */
static int
en_several(struct nstate *st, struct etok *t)
{
	if (!t->first && st->prev != EW_A)
		return STEP_STOP;
	st->cur = iv_int(2, 9);
	st->have_cur = 1;
	st->vague = 1;
	st->pending = 0;	/* a few dollars; a few hundred, several million */
	return STEP_TAKE;
}

/* couple: a couple (of) dollars is two, about; a couple hundred, of million. */
static int
en_couple(struct nstate *st, struct etok *t)
{
	if (!t->first)
		return STEP_STOP;
	st->cur = iv_int(2, 2);
	st->have_cur = 1;
	st->flags |= N_APPROX;
	st->pending = 0;
	return STEP_TAKE;
}

/* multimillion, multibillion, multi-million, multi - billion: 2 to 999 of it. */
static int
en_multi(struct nstate *st, struct etok *t)
{
	const char *s = t->s;
	size_t len = t->len;
	int ex = t->w->val;

	if (!t->first)
		return STEP_STOP;
	if (ex == 0) {
		size_t r = t->q + 5, e;
		const struct enword *w2;

		if (r < len && s[r] == '-')
			r++;
		else if (r + 3 <= len && memcmp(s + r, " - ", 3) == 0)
			r += 3;
		else if (r < len && s[r] == ' ')
			r++;
		else
			return STEP_STOP;
		e = word_at(s, len, r);
		w2 = money_enword_find(s + r, e - r);
		if (!w2 || w2->kind != EW_SCALE || w2->val < 6)
			return STEP_STOP;
		ex = w2->val;
		t->e = e;
	}
	st->cur = iv_int(2, 999);
	iv_shift(&st->cur, ex);
	st->have_cur = 1;
	st->vague = 1;
	st->mult = ex;
	st->pending = 0;
	return STEP_TAKE;
}

/* and: only inside a number: hundred and five, one and a half. */
static int
en_and(struct nstate *st, struct etok *t)
{
	const struct enword *w2 = next_word(t, t->e);

	if (!w2 || !((st->prev == EW_HUNDRED && (w2->kind == EW_ONES ||
	    w2->kind == EW_TENS)) || (w2->kind == EW_A && st->have_cur) ||
	    (st->prev == EW_PLURAL && w2->kind == EW_PLURAL && w2->val == st->mult)))
		return STEP_STOP;
	st->pending = 1;
	return STEP_TAKE;
}

/* a, an: one and a half, half a million, a quarter of a million. */
static int
en_article(struct nstate *st, struct etok *t)
{
	(void)t;
	if (st->prev != EW_AND && st->prev != EW_HALF && st->prev != EW_OF)
		return STEP_STOP;
	st->pending = 1;
	return STEP_TAKE;
}

/* of: half of a million, tens of millions; not "millions of dollars" here. */
static int
en_of(struct nstate *st, struct etok *t)
{
	const struct enword *w2 = next_word(t, t->e);

	if (st->prev == EW_HALF || st->prev == EW_QUARTER) {
		if (!w2 || w2->kind != EW_A)
			return STEP_STOP;
	} else if (st->prev == EW_COUPLE) {
		if (!w2 || (w2->kind != EW_SCALE && w2->kind != EW_HUNDRED))
			return STEP_STOP;
	} else if (st->prev != EW_PLURAL || !w2 || w2->kind != EW_PLURAL) {
		return STEP_STOP;
	}
	st->pending = 1;
	return STEP_TAKE;
}

/* point: one point five, the decimals one word each. */
static int
en_point(struct nstate *st, struct etok *t)
{
	const char *s = t->s;
	size_t len = t->len, r = t->e, m, il;
	char buf[48], ibuf[48];
	struct dec d;

	il = dec_format(&st->cur.lo, ibuf);
	if (!st->have_cur || st->vague || st->prev == EW_HUNDRED || il + 2 >= 40)
		return STEP_STOP;
	memcpy(buf, ibuf, il);
	m = il;
	buf[m++] = '.';
	for (;;) {
		size_t r2 = skip_sp(s, len, r, 1), e;
		const struct enword *w2;

		if (r2 == r)
			break;
		e = word_at(s, len, r2);
		w2 = money_enword_find(s + r2, e - r2);
		if (!w2 || w2->kind != EW_ONES || w2->val > 9 || m + 1 >= sizeof buf)
			break;
		buf[m++] = (char)('0' + w2->val);
		r = e;
	}
	if (m == il + 1 || dec_parse(buf, m, &d) < 0)
		return STEP_STOP;
	st->cur.lo = st->cur.hi = d;
	t->e = r;
	st->pending = 0;
	return STEP_TAKE;
}

/* The step of each kind of word; k, m, bn (EW_ABBR) only follow digits. */
static int (*const en_step[])(struct nstate *, struct etok *) = {
	[EW_ONES] = en_number, [EW_TENS] = en_number, [EW_HUNDRED] = en_hundred,
	[EW_SCALE] = en_scale, [EW_HALF] = en_half, [EW_QUARTER] = en_quarter,
	[EW_QUARTERS] = en_quarter, [EW_DOZEN] = en_dozen,
	[EW_PLURAL] = en_plural, [EW_SEVERAL] = en_several,
	[EW_MULTI] = en_multi, [EW_AND] = en_and, [EW_A] = en_article,
	[EW_OF] = en_of, [EW_POINT] = en_point, [EW_COUPLE] = en_couple,
};

int
money_parse_words(const char *s, size_t len, size_t i, struct num *out)
{
	struct nstate st;
	struct etok t;
	struct ival v;
	size_t p = i;
	int have_best = 0;

	nstate_init(&st);
	t.s = s;
	t.len = len;
	for (;;) {
		size_t q = p;

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
		t.q = q;
		t.e = word_at(s, len, q);
		t.first = p == i;
		if (t.e == q || (t.e < len && ascii_is_digit((unsigned char)s[t.e])))
			break;
		if (!(t.w = money_enword_find(s + q, t.e - q)) ||
		    !en_step[t.w->kind] || en_step[t.w->kind](&st, &t) != STEP_TAKE)
			break;
		st.prev = t.w->kind;
		p = t.e;
		if (!st.pending && (st.have_cur || !iv_zero(&st.total))) {
			if (nstate_value(&st, &v) < 0)
				break;
			out->start = i;
			out->end = p;
			out->lo = v.lo;
			out->hi = v.hi;
			out->flags = N_WORDS | (st.vague ? N_VAGUE : 0) |
			    (st.last_big != 99 ? N_SCALE : 0) | (st.flags & N_APPROX);
			out->mult = st.mult;
			out->ndigits = 0;
			have_best = 1;
		}
	}
	return have_best;
}
