/*
 * korean.c: numbers in Korean style: Arabic or Sino-Korean digits with the
 * units 십 백 천 inside groups of 만 억 조 경 (1조 2,345억 6,789만, 삼천만,
 * 천 4백만, 일점이삼, 수십억, 100여억), read one token at a time.
 */
#include <stdint.h>

#include "core/dec.h"
#include "money/internal.h"

unsigned char money_hangul_tab[UTF8_HANGUL_COUNT];

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

/* money_hangul_build(): fill money_hangul_tab (once, before any scan). */
void
money_hangul_build(void)
{
	size_t i;

	for (i = 0; i < UTF8_HANGUL_COUNT; i++) {
		int val = 0, kind = hangul_numeral_slow((int32_t)(UTF8_HANGUL_FIRST + i),
		    &val);

		money_hangul_tab[i] = (unsigned char)(kind << 5 | val);
	}
}

/*
 * The step functions: each takes one token into 'st' (STEP_TAKE), or ends
 * the number before it (STEP_STOP), or finds it out of range (STEP_BAD).
 */

/* Arabic digits: at the start, or after a unit (1조 2,000억, 8백 10만). */
static int
ko_arabic(struct nstate *st, const char *s, size_t len, size_t q, int first,
    size_t *end)
{
	struct dec d;
	unsigned f;
	int ok, nd = 0;

	if (st->have_cur || (!first && st->prev != K_SMALL && st->prev != K_BIG))
		return STEP_STOP;
	*end = money_parse_arabic(s, len, q, &d, &f, &nd, &ok);
	if (!ok)
		return STEP_BAD;
	st->cur.lo = st->cur.hi = d;
	st->have_cur = 1;
	st->cur_hangul = 0;
	st->flags |= f;
	st->ndigits = nd;
	st->prev = K_DIGIT;
	return STEP_TAKE;
}

/* A Sino-Korean digit: 삼 in 삼천만; two in a row are no number. */
static int
ko_digit(struct nstate *st, int val)
{
	if (st->have_cur)
		return STEP_STOP;
	st->cur = iv_int((uint64_t)val, (uint64_t)val);
	st->have_cur = st->cur_hangul = 1;
	st->flags |= N_HANGUL;
	return STEP_TAKE;
}

/* 점 or 쩜 after one Sino-Korean digit: 일점이삼, the decimals one by one from r. */
static int
ko_point(struct nstate *st, const char *s, size_t len, size_t r, size_t *end)
{
	char buf[48];
	size_t m = 0, rn;
	int v2, k2;
	struct dec d;

	if (!st->have_cur || !st->cur_hangul)
		return STEP_STOP;
	buf[m++] = (char)('0' + (int)st->cur.lo.m);
	buf[m++] = '.';
	while (m + 1 < sizeof buf) {
		int32_t c2 = cp_at(s, len, r, &rn);

		if (!utf8_is_hangul_syllable(c2))
			break;
		k2 = hangul_numeral(c2, &v2);
		if (k2 != K_DIGIT && k2 != K_ZERO)
			break;
		buf[m++] = (char)('0' + v2);
		r += rn;
	}
	if (m == 2 || dec_parse(buf, m, &d) < 0)
		return STEP_STOP;
	st->cur.lo = st->cur.hi = d;
	st->cur_hangul = 0;
	st->flags |= N_POINT;
	*end = r;
	return STEP_TAKE;
}

/* 수 or 몇: a few (2 to 9); after 십, 1 to 9 (십수억).  It needs a unit. */
static int
ko_su(struct nstate *st, int spaced)
{
	if (st->have_cur || spaced)
		return STEP_STOP;
	st->cur = st->prev == K_SMALL && st->last_small == 1 ? iv_int(1, 9) :
	    iv_int(2, 9);
	st->have_cur = 1;
	st->cur_hangul = 0;
	st->vague = 1;
	return STEP_TAKE;
}

/* 여 after a digit or a unit: 100여억, 2,400여만; the reading is approximate. */
static int
ko_yeo(struct nstate *st)
{
	if (st->prev != K_DIGIT && st->prev != K_SMALL && st->prev != K_BIG)
		return STEP_STOP;
	st->flags |= N_APPROX;
	return STEP_TAKE;
}

/* 십 백 천 (val 1..3), each smaller than the last within a group. */
static int
ko_small(struct nstate *st, int val)
{
	struct ival m, ten = iv_int(10, 10);
	int compound = 0;

	if (val >= st->last_small)
		return STEP_STOP;
	if (st->have_cur && dec_cmp(&st->cur.lo, &ten.lo) >= 0) {
		/*
		 * 2,000천원, 3,500백만원, 75백만 달러: a number of thousands
		 * or millions, as statements and tables write it (천원, 백만원
		 * as one unit).
		 */
		if (!iv_zero(&st->group) || st->cur_hangul)
			return STEP_STOP;
		compound = 1;
	}
	m = st->have_cur ? st->cur : iv_int(1, 1);
	if (iv_shift(&m, val) || iv_add(&st->group, &st->group, &m))
		return STEP_BAD;
	st->last_small = val;
	st->have_cur = 0;
	st->group_small = !compound;
	st->flags |= N_UNIT;
	st->mult = val;
	return STEP_TAKE;
}

/* 만 억 조 경 (val 4, 8, 12, 16): closes the group, each smaller than the last. */
static int
ko_big(struct nstate *st, int val)
{
	struct ival g, myriad = iv_int(10000, 10000);

	if (val >= st->last_big)
		return STEP_STOP;
	g = st->group;
	if (st->have_cur && iv_add(&g, &g, &st->cur))
		return STEP_BAD;
	if (iv_zero(&g)) {
		/* 만 원 is 10,000 won; 억 or 조 alone is not a number. */
		if (val != 4 || !iv_zero(&st->total))
			return STEP_STOP;
		g = iv_int(1, 1);
	}
	if (st->group_small && dec_cmp(&g.hi, &myriad.hi) >= 0)
		return STEP_STOP;
	if (iv_shift(&g, val) || iv_add(&st->total, &st->total, &g))
		return STEP_BAD;
	st->group = iv_int(0, 0);
	st->have_cur = st->group_small = 0;
	st->last_big = val;
	st->last_small = 99;
	st->flags |= N_UNIT;
	st->mult = val;
	return STEP_TAKE;
}

/*
 * The Hangul token at s[q] ('spaced': white space before it): which kind,
 * and its step.  After a space only a digit or a unit goes on, and a digit
 * only after a unit (천 4백만, 8백 10만).
 */
static int
ko_hangul(struct nstate *st, const char *s, size_t len, size_t q, int spaced,
    size_t *end)
{
	size_t n;
	int32_t cp = cp_at(s, len, q, &n);
	int kind, val = 0, r;

	kind = utf8_is_hangul_syllable(cp) ? hangul_numeral(cp, &val) : K_NONE;
	if (kind == K_NONE)
		return STEP_STOP;
	if (spaced && kind != K_DIGIT && kind != K_SMALL && kind != K_BIG)
		return STEP_STOP;
	if (spaced && kind == K_DIGIT && st->prev != K_SMALL && st->prev != K_BIG)
		return STEP_STOP;
	*end = q + n;
	switch (kind) {
	case K_DIGIT:
		r = ko_digit(st, val);
		break;
	case K_POINT:
		r = ko_point(st, s, len, q + n, end);
		break;
	case K_SU:
		r = ko_su(st, spaced);
		break;
	case K_YEO:
		return ko_yeo(st);	/* it leaves 'prev' as it was */
	case K_SMALL:
		r = ko_small(st, val);
		break;
	case K_BIG:
		r = ko_big(st, val);
		break;
	default:		/* K_ZERO: 영 starts no number and goes in none */
		return STEP_STOP;
	}
	if (r == STEP_TAKE)
		st->prev = kind;
	return r;
}

/* Whether what has been read is a number as it stands. */
static int
ko_complete(const struct nstate *st)
{
	if (st->have_cur && st->vague && !(st->flags & N_UNIT))
		return 0;		/* 수 needs a unit */
	if (st->have_cur && st->vague && st->prev == K_SU)
		return 0;
	if (st->have_cur && !st->cur_hangul && (st->flags & N_UNIT) &&
	    st->prev == K_DIGIT) {
		/* A number after units must be below the last one. */
		struct dec lim = dec_int(1);
		int e = st->group_small || !iv_zero(&st->group) ? st->last_small :
		    st->last_big;

		if (e == 99 || dec_shift(&lim, e) < 0 || dec_cmp(&st->cur.hi, &lim) >= 0)
			return 0;
	}
	return 1;
}

int
money_parse_korean(const char *s, size_t len, size_t i, struct num *out)
{
	struct nstate st, best;
	struct ival v;
	size_t p = i, best_end = i;
	int have_best = 0, bad = 0;

	nstate_init(&st);
	for (;;) {
		size_t q = p, n, e = p;
		int r, spaced = 0;

		if (p > i) {
			q = skip_sp(s, len, p, 2);
			spaced = q > p;
		}
		if (digit_at(s, len, q, &n) >= 0) {
			r = ko_arabic(&st, s, len, q, p == i, &e);
			if (r == STEP_BAD)
				p = e;	/* the scan steps over the whole run */
		} else {
			r = ko_hangul(&st, s, len, q, spaced, &e);
		}
		if (r == STEP_BAD)
			bad = 1;
		if (r != STEP_TAKE)
			break;
		p = e;
		/* The longest well-formed reading so far; summed at the end. */
		if (ko_complete(&st)) {
			best = st;
			best_end = p;
			have_best = 1;
		}
	}
	if (have_best) {
		out->start = i;
		out->end = best_end;
		out->flags = best.flags | (best.vague ? N_VAGUE : 0);
		out->mult = best.mult;
		out->ndigits = (best.flags & N_UNIT) ? 0 : best.ndigits;
		if (best.cur_hangul && !(best.flags & (N_UNIT | N_DIGITS)))
			out->flags |= N_BARE;
		if (!bad) {
			if (nstate_value(&best, &v) < 0)
				bad = 1;
			out->lo = v.lo;
			out->hi = v.hi;
		}
	} else if (bad) {
		out->end = p;
	}
	return have_best && !bad ? 1 : (bad ? -1 : 0);
}
