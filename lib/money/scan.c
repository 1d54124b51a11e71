/*
 * scan.c: the scanner.  One pass looks only at the places an amount can
 * start: a digit run (ASCII or full width), a Sino-Korean numeral at the
 * start of a word (삼천만, 수십억), or an English number word (five,
 * million, tens); most of a Korean text is stepped over undecoded.  From
 * there it reads the number, the currency after it or before it, and
 * settles ranges (100억~200억원, $5 to $7 million), changes (from $80 to
 * $35: two amounts), cents (64달러 45센트) and qualifiers (약, 이상, up to).
 */
#include <stdlib.h>
#include <string.h>

#include "core/dec.h"
#include "core/util.h"
#include "money/internal.h"

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

/* Whether two names are one currency, or one is the family of the other. */
static int
same_currency(int x, int y)
{
	const struct money_name *a = &money_names[x], *b = &money_names[y];
	int fam_a = a->code >= 0 ? money_codes[a->code].family : a->family;
	int fam_b = b->code >= 0 ? money_codes[b->code].family : b->family;

	if (a->code >= 0 && b->code >= 0)
		return a->code == b->code;
	return fam_a >= 0 && fam_a == fam_b;
}

/* Settle the currency of side 'sd' (its number parsed). */
static void
side_currency(struct scan *sc, struct side *sd, size_t floor)
{
	const struct num *n = &sd->n;
	int pre, suf;

	pre = money_find_prefix(sc->cfg, sc->s, sc->len, n, floor, &sd->pre);
	suf = money_find_suffix(sc->cfg, sc->s, sc->len, n->end, n, 0, &sd->suf);
	/* Arabic digits glued to letters must be glued to a code: USD115. */
	if (n->start > 0 && ascii_is_alpha((unsigned char)sc->s[n->start - 1]) &&
	    (!pre || sd->pre.end != n->start))
		pre = suf = 0;
	/* and a code glued before them is no code when letters follow: EUR5X */
	if (pre && !money_name_sign(sd->pre.name) && (n->flags & N_DIGITS) &&
	    n->end < sc->len && ascii_is_alpha((unsigned char)sc->s[n->end]) &&
	    (!suf || sd->suf.start != n->end))
		pre = suf = 0;
	if (pre && suf) {
		/*
		 * $75.3 billion dollar, $ 10 dollars: a word naming the sign's
		 * currency again belongs to the amount; any other stays out.
		 */
		if (money_name_sign(sd->pre.name)) {
			if (sd->suf.claims_next || sd->suf.exp != 0 ||
			    !same_currency(sd->pre.name, sd->suf.name))
				suf = 0;
		} else if (sd->suf.claims_next || sd->pre.code != sd->suf.code) {
			const struct money_name *a = &money_names[sd->pre.name];
			const struct money_name *b = &money_names[sd->suf.name];
			int fam_a = a->code >= 0 ? money_codes[a->code].family : a->family;
			int fam_b = b->code >= 0 ? money_codes[b->code].family : b->family;

			/* US$ 5 달러: one is the other made precise. */
			if (!sd->suf.claims_next && !money_name_sign(sd->pre.name) &&
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
		size_t e = money_parse_scale(sc->s, sc->len, sd->end, &exp);

		if (e > sd->end) {
			sd->exp = exp;
			sd->end = e;
			sd->n.flags |= N_SCALE;
		}
	}
}

/* A space between groups of thousands: ' ', no-break, narrow no-break, thin. */
static size_t
group_space_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i < len && s[i] == ' ')
		return 1;
	if (i + 2 <= len && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (i + 3 <= len && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0xAF || u[2] == 0x89))
		return 3;
	return 0;
}

/*
 * 1 200 zł, 12 500,50 €: thousands grouped by spaces, read only when a
 * currency stands right after the last group.  Side 'sd' is a plain number
 * of one to three digits with no currency; returns 1 when it has been
 * re-read as such an amount.
 */
static int
space_groups(struct scan *sc, struct side *sd)
{
	const char *s = sc->s;
	size_t len = sc->len, p = sd->n.end, k, n = 0, i;
	char buf[64];
	struct side t;
	int groups = 0, dec = 0;

	if (sd->n.flags != N_DIGITS || sd->n.ndigits > 3 ||
	    sd->n.end - sd->n.start != (size_t)sd->n.ndigits ||
	    (sd->n.start > 0 && (ascii_is_digit((unsigned char)s[sd->n.start - 1]) ||
	    s[sd->n.start - 1] == ',' || s[sd->n.start - 1] == '.')))
		return 0;
	for (i = sd->n.start; i < sd->n.end; i++)
		buf[n++] = s[i];
	while ((k = group_space_at(s, len, p)) > 0 && p + k + 3 <= len &&
	    ascii_is_digit((unsigned char)s[p + k]) && ascii_is_digit((unsigned char)s[p + k + 1]) &&
	    ascii_is_digit((unsigned char)s[p + k + 2]) &&
	    !(p + k + 3 < len && ascii_is_digit((unsigned char)s[p + k + 3])) &&
	    n + 3 < sizeof buf - 4) {
		memcpy(buf + n, s + p + k, 3);
		n += 3;
		p += k + 3;
		groups++;
	}
	if (groups == 0)
		return 0;
	/* ,50 or .50: the decimals */
	if (p + 1 < len && (s[p] == ',' || s[p] == '.') &&
	    ascii_is_digit((unsigned char)s[p + 1])) {
		for (k = 1; k <= 2 && p + k < len && ascii_is_digit((unsigned char)s[p + k]); k++)
			;
		if (!(p + k < len && ascii_is_digit((unsigned char)s[p + k]))) {
			buf[n++] = '.';
			memcpy(buf + n, s + p + 1, k - 1);
			n += k - 1;
			p += k;
			dec = 1;
		}
	}
	memset(&t, 0, sizeof t);
	t.n = sd->n;
	if (dec_parse(buf, n, &t.n.lo) < 0)
		return 0;
	t.n.hi = t.n.lo;
	t.n.end = p;
	t.n.flags = N_DIGITS | N_SEP | (dec ? N_POINT : 0);
	t.n.ndigits += 3 * groups;
	if (!num_edges_ok(s, len, &t.n))
		return 0;
	side_currency(sc, &t, sc->floor);
	if (!t.suf.ok || t.pre.ok)
		return 0;
	*sd = t;
	return 1;
}

/*
 * 40.000 ₫, ¥1.500: a currency with no minor unit reads a dot before
 * exactly three digits as a thousands separator.
 */
static void
dot_thousands(struct scan *sc, struct side *sd)
{
	const char *s = sc->s;
	struct dec k;
	size_t i, dot = 0;

	if (sd->n.flags != (N_DIGITS | N_POINT) || sd->code < 0 ||
	    money_codes[sd->code].minor != 0 || sd->n.ndigits > 3)
		return;
	k = dec_int(1000);
	for (i = sd->n.start; i < sd->n.end; i++)
		if (s[i] == '.')
			dot = i;
		else if (!ascii_is_digit((unsigned char)s[i]))
			return;
	if (dot == 0 || sd->n.end - dot != 4 ||
	    dec_mul(&sd->n.lo, &sd->n.lo, &k) < 0)
		return;
	sd->n.hi = sd->n.lo;
	sd->n.flags = N_DIGITS | N_SEP;
	sd->n.ndigits += 3;
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
	QW("a little more than", MONEY_OVER, 1), QW("a little over", MONEY_OVER, 1),
	QW("a bit more than", MONEY_OVER, 1), QW("a bit over", MONEY_OVER, 1),
	QW("slightly more than", MONEY_OVER, 1), QW("slightly over", MONEY_OVER, 1),
	QW("slightly above", MONEY_OVER, 1), QW("just above", MONEY_OVER, 1),
	QW("a little less than", MONEY_UNDER, 1), QW("a little under", MONEY_UNDER, 1),
	QW("slightly less than", MONEY_UNDER, 1), QW("slightly under", MONEY_UNDER, 1),
	QW("slightly below", MONEY_UNDER, 1), QW("just below", MONEY_UNDER, 1),
	QW("just shy of", MONEY_UNDER, 1), QW("north of", MONEY_OVER, 0),
	QW("south of", MONEY_UNDER, 0),
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
	QW("ca.", MONEY_APPROX, 1), QW("lower than", MONEY_UNDER, 0),
	QW("higher than", MONEY_OVER, 0), QW("greater than", MONEY_OVER, 0),
	QW("as high as", MONEY_MAX, 0), QW("as low as", MONEY_MIN, 0),
	QW("near", MONEY_APPROX, 1), QW("upward of", MONEY_OVER, 0),
	QW("in the region of", MONEY_APPROX, 1),
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
	QW("or so", MONEY_APPROX, 1), QW("or higher", MONEY_OVER, 0),
	QW("or above", MONEY_OVER, 0), QW("and above", MONEY_OVER, 0),
	QW("and up", MONEY_OVER, 0), QW("or lower", MONEY_UNDER, 0),
	QW("or below", MONEY_UNDER, 0), QW("or thereabouts", MONEY_APPROX, 1),
	QW("at most", MONEY_MAX, 0), QW("at the most", MONEY_MAX, 0),
	QW("가까이", MONEY_APPROX, 1), QW("가까운", MONEY_APPROX, 1),
	QW("육박", MONEY_APPROX, 1),
	QW("넘어", MONEY_OVER, 0), QW("넘은", MONEY_OVER, 0),
	QW("넘었", MONEY_OVER, 0), QW("넘긴", MONEY_OVER, 0),
	QW("대", MONEY_APPROX, 1),
	QW("정도", MONEY_APPROX, 1), QW("가량", MONEY_APPROX, 1),
	QW("쯤", MONEY_APPROX, 1), QW("안팎", MONEY_APPROX, 1),
	QW("내외", MONEY_APPROX, 1), QW("남짓", MONEY_APPROX, 1),
	QW("이상", MONEY_OVER, 0), QW("초과", MONEY_OVER, 0),
	QW("넘게", MONEY_OVER, 0), QW("넘는", MONEY_OVER, 0),
	QW("이하", MONEY_UNDER, 0), QW("미만", MONEY_UNDER, 0),
	QW("이내", MONEY_MAX, 0),
	{ NULL, 0, 0, 0 }
};

/*
 * What a Korean verb after the amount and its particle says (100만원이
 * 넘는, 1억원을 웃도는, 1억원에 육박하는); the first that fits counts.
 */
static const struct qword q_verb[] = {
	QW("넘지 않", MONEY_MAX, 0), QW("넘지 못", MONEY_UNDER, 0),
	QW("넘지않", MONEY_MAX, 0), QW("넘지못", MONEY_UNDER, 0),
	QW("넘", MONEY_OVER, 0), QW("웃돌", MONEY_OVER, 0), QW("웃도", MONEY_OVER, 0),
	QW("상회", MONEY_OVER, 0), QW("밑돌", MONEY_UNDER, 0),
	QW("밑도", MONEY_UNDER, 0), QW("하회", MONEY_UNDER, 0),
	QW("못 미치", MONEY_UNDER, 0), QW("미치지 못", MONEY_UNDER, 0),
	QW("안 되", MONEY_UNDER, 0), QW("안되", MONEY_UNDER, 0),
	QW("육박", MONEY_APPROX, 1), QW("가까", MONEY_APPROX, 1),
	{ NULL, 0, 0, 0 }
};
static const struct word particles[] = { W("이"), W("가"), W("을"), W("를"),
	W("에"), W("도"), W("이나"), { NULL, 0 } };

/* A Korean verb of bound after a particle at s[p] (이 넘는, 을 웃도는). */
static void
qualifier_verb(const char *s, size_t len, size_t p, int *qual, int *approx)
{
	const struct word *w;
	const struct qword *q;
	size_t v;

	for (w = particles; w->w; w++)
		if (starts_word(s, len, p, w))
			break;
	if (!w->w)
		return;
	v = skip_sp(s, len, p + w->n, 1);
	if (len - v < 3)
		return;
	for (q = q_verb; q->w; q++) {
		/* the first syllable's last byte first, then the whole */
		if (q->w[2] != s[v + 2] || len - v < q->n ||
		    memcmp(s + v, q->w, q->n) != 0)
			continue;
		if (q->qual != MONEY_APPROX || *qual == MONEY_EXACT)
			*qual = q->qual;
		*approx |= q->approx;
		return;
	}
}

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
		if (!ascii_is_alpha(c) && c != '.' && c < 0x80)
			break;		/* the quick no: most amounts */
		for (q = q_before; q->w && !hit; q++) {
			int hangul = (unsigned char)q->w[0] >= 0x80;

			/* the last byte first: most words fail there */
			if ((unsigned char)q->w[q->n - 1] != fold(c) || b < q->n ||
			    !eq_fold(s + b - q->n, q->w, q->n))
				continue;
			if (!hangul && b == start)
				continue;	/* "about$5" is not "about $5" */
			if (b - q->n > 0 && (hangul ?
			    utf8_is_hangul_syllable(cp_before(s, len, b - q->n, &st)) :
			    ascii_is_alnum((unsigned char)s[b - q->n - 1])))
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
	    fold((unsigned char)s[p]) != 'a' && (unsigned char)s[p] < 0x80))
		return;
	if (p == end && (unsigned char)s[p] >= 0x80) {
		int q0 = *qual;

		qualifier_verb(s, len, p, qual, approx);
		if (*qual != q0)
			return;
	}
	c = fold((unsigned char)s[p]);
	for (q = q_after; q->w; q++) {
		int hangul = (unsigned char)q->w[0] >= 0x80;

		if ((unsigned char)q->w[0] != c || len - p < q->n ||
		    !eq_fold(s + p, q->w, q->n))
			continue;
		if (!hangul && (p == end || (p + q->n < len &&
		    ascii_is_alnum((unsigned char)s[p + q->n]))))
			continue;	/* "or more", not "$5 ormore" */
		if (q->w[0] == '\xeb' && q->n == 3 && p != end &&
		    q->w[1] == '\x8c' && q->w[2] == '\x80')
			continue;	/* 1200원대, but 3천만원 대 5천만원 is "versus" */
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

	l->v = xreserve(l->v, &l->cap, l->n + 1, sizeof *l->v);
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
	struct dec myriad = dec_int(10000);

	/* 십오 달러 이십 센트: 십 백 천 may stand in either number, 만 and up not */
	if ((sd->n.flags & (N_SCALE | N_VAGUE | N_POINT | N_COMMADEC)) ||
	    ((sd->n.flags & N_UNIT) && dec_cmp(&sd->n.lo, &myriad) >= 0) ||
	    sd->exp != 0)
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
		if (!(digit_at(s, len, p, &dl) >= 0 || ascii_is_alpha((unsigned char)s[p]) ||
		    utf8_is_hangul_syllable(cp_at(s, len, p, &dl))))
			return;
		if (money_parse_num(s, len, p, &m) <= 0 || (m.flags & (N_SCALE |
		    N_VAGUE | N_SEP | N_COMMADEC | N_BARE)) || !num_edges_ok(s, len, &m) ||
		    ((m.flags & N_UNIT) && dec_cmp(&m.lo, &myriad) >= 0))
			return;
		if (money_find_suffix(sc->cfg, s, len, m.end, &m, 1, &cm)) {
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
		if (minor == 0 || (m.flags & N_POINT) || !cents_end_ok(s, len, m.end))
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
enum { SEP_NONE, SEP_DASH, SEP_EUSEO, SEP_BUTEO, SEP_TO, SEP_AND, SEP_BOUNDS };

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
		/* 2천만원 이상 3천만원 미만: a lower bound, then an upper one */
		{ W("이상"), SEP_BOUNDS, 2 }, { W("초과"), SEP_BOUNDS, 2 },
	};
	const struct word *d;
	size_t q = skip_sp(s, len, p, 1), k, n;
	unsigned char c;

	*kind = SEP_NONE;
	/* the first bytes of every separator: ~ - E2 E3 EF 에 이(EC) 부 내(EB) t a 초(EC) */
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
		if (starts_word(s, len, q, &words[k].w) && (words[k].glued == 1 ?
		    q == p : (q > p || words[k].glued == 2) &&
		    space_at(s, len, q + n))) {
			*kind = words[k].kind;
			return skip_sp(s, len, q + n, 1);
		}
	}
	return p;
}

/*
 * Whether an English verb of change governs "from" ending at 'at' (prices
 * rose from $5 to $7, was cut from): then "from X to Y" is a change, two
 * amounts; without one (tickets range from $30 to $40) it is a range.
 */
static int
change_before(const char *s, size_t len, size_t at)
{
	static const char *const stems[] = { "ris", "rose", "fell", "fall",
	    "increas", "decreas", "grew", "grow", "jump", "climb", "drop", "cut",
	    "slash", "rais", "lower", "reduc", "boost", "lift", "soar", "surg",
	    "plung", "slip", "slump", "declin", "sank", "sink", "sunk", "tumbl",
	    "spik", "leap", "hik", "trim", "doubl", "tripl", "expand", "shrank",
	    "shrink", "swell", "swoll", "went", "gone", "go", "chang", "mov",
	    "adjust", "revis", "bump", "shot", "dip", "narrow", "widen",
	    "balloon", "rocket", "skyrocket", "plummet", "up", "down", "slid",
	    "gain", "shed", "inflat", "deflat", "escalat", "spiral", NULL };
	static const char *const ends[] = { "", "e", "s", "es", "d", "ed",
	    "ing", "en", NULL };
	size_t e = at, b;
	int words;

	for (words = 0; words < 4; words++) {
		const char *const *st, *const *en;

		e = skip_sp_back(s, e, 2);
		for (b = e; b > 0 && ascii_is_alpha((unsigned char)s[b - 1]); b--)
			;
		if (b == e)
			return 0;
		for (st = stems; *st; st++) {
			size_t n = strlen(*st), k, r;

			if (e - b < n || !starts_with(s, len, b, *st))
				continue;
			r = b + n;
			/* dropped, cutting: a doubled last consonant */
			if (r < e && fold((unsigned char)s[r]) ==
			    fold((unsigned char)s[r - 1]) && e - r >= 2)
				r++;
			for (en = ends; *en; en++) {
				k = strlen(*en);
				if (e - r == k && starts_with(s, len, r, *en))
					return 1;
			}
		}
		e = b;
	}
	return 0;
}

/* Whether a Korean verb of change follows the second amount: 1천50원에서 1천250원 인상. */
static int
change_after(const char *s, size_t len, size_t e)
{
	static const char *const verbs[] = { "인상", "인하", "상승", "하락", "증가",
	    "감소", "확대", "축소", "상향", "하향", "삭감", "증액", "감액", "급증",
	    "급감", "폭등", "폭락", "늘", "줄", "올랐", "올라", "올린", "올렸", "오른",
	    "내렸", "내려", "내린", "떨어", "뛰", "낮아", "낮춰", "낮췄", "낮춘",
	    "높아", "높여", "높였", "높인", "바뀌", "바꿨", "변경", "조정", NULL };
	const char *const *v;
	size_t q = e;

	if (starts_with(s, len, q, "까지"))
		q += 6;
	q = skip_sp(s, len, q, 1);
	for (v = verbs; *v; v++)
		if (starts_with(s, len, q, *v))
			return 1;
	return 0;
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
	if (digit_at(s, len, q, &dl) < 0 && !ascii_is_alpha((unsigned char)s[q]) &&
	    !ko_anchor_at(s, len, q)) {
		/* a sign or code first: skip to the digits, check it is a prefix */
		while (t < len && t < q + 8 && digit_at(s, len, t, &dl) < 0 &&
		    !space_at(s, len, t))
			t += (cp_at(s, len, t, &dl), dl ? dl : 1);
		t = skip_sp(s, len, t, 1);
		if (digit_at(s, len, t, &dl) < 0)
			return 0;
	} else if (ascii_is_alpha((unsigned char)s[q]) && !money_enword_find(s + q,
	    word_at(s, len, q) - q)) {
		/* USD 5 */
		t = skip_sp(s, len, word_at(s, len, q), 1);
		if (digit_at(s, len, t, &dl) < 0)
			return 0;
	}
	if (money_parse_num(s, len, t, &B->n) <= 0 || !num_edges_ok(s, len, &B->n))
		return 0;
	side_currency(sc, B, q);
	return t == q || (B->pre.ok && B->pre.start == q);
}

/*
 * A range from sides A and B (separator 'kind'): emits it and returns its
 * end, or returns 0 when A and B are not a range.
 */
static size_t
try_range(struct scan *sc, struct side *A, struct side *B, int kind, int inner)
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
	/* 이상 ... 미만: both bounds said, each with its currency */
	if (kind == SEP_BOUNDS && (a.code < 0 || b.code < 0 ||
	    !(starts_with(s, len, skip_sp(s, len, b.end, 1), "미만") ||
	    starts_with(s, len, skip_sp(s, len, b.end, 1), "이하"))))
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
	/*
	 * 100~200억원, $1.2-1.5 billion: the second's unit or scale is shared,
	 * unless the first has its own currency word (5 dollars to 10 million).
	 */
	if (a.n.mult == 0 && b.n.mult > 0 && !A->suf.ok) {
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
	/*
	 * 3천억에서 5천억 원으로, 1천50원에서 1천250원 인상, rose from $5 to
	 * $7: a change, two amounts
	 */
	if ((kind == SEP_EUSEO && (starts_with(s, len, b.end, "으로") ||
	    starts_with(s, len, b.end, "로") || change_after(s, len, b.end))) ||
	    (kind == SEP_TO && word_before(s, len, a.start, "from") &&
	    change_before(s, len, skip_sp_back(s, a.start, 1) - 4))) {
		size_t end = A->code >= 0 ? A->end : A->n.end;

		if (a.n.flags & N_VAGUE)
			emit(sc, a.start, end, code, &alo, &ahi, MONEY_VAGUE, 1);
		else
			emit(sc, a.start, end, code, &alo, &alo, MONEY_EXACT,
			    (a.n.flags & N_APPROX) != 0);
		return end;
	}
	emit(sc, a.start, b.end, code, &alo, &bhi, MONEY_RANGE,
	    inner || ((a.n.flags | b.n.flags) & (N_VAGUE | N_APPROX)) != 0);
	return b.end;
}

/* Whether the number word at s[a] takes "a" before it (a million). */
static int
article_ok(const char *s, size_t len, size_t a)
{
	const struct enword *w = money_enword_find(s + a, word_at(s, len, a) - a);

	return w && (w->kind == EW_HUNDRED || w->kind == EW_SCALE ||
	    w->kind == EW_HALF || w->kind == EW_QUARTER || w->kind == EW_DOZEN ||
	    w->kind == EW_COUPLE || (w->kind == EW_SEVERAL && w->w[0] == 'f'));
}

/*
 * Whether a bare 만원 (no digits) at number 'n' means "full": 객석이
 * 만원이다, 만원 버스, 초만원, 만원사례.  The words around it decide.
 */
static int
full_house(const char *s, size_t len, const struct num *n, size_t end)
{
	static const char *const after[] = { "버스", "지하철", "열차", "전철",
	    "사례", "관중", "인파", "을 이루", "을 이뤄", "을 이뤘", "을 이룬",
	    "을 기록", NULL };
	static const char *const is[] = { "이다", "이었", "이 됐", "이 되", "이라",
	    "였", NULL };
	static const char *const places[] = { "객석", "좌석", "관중석", "관람석",
	    "공연장", "극장", "경기장", "구장", "스탠드", "버스", "열차", "지하철",
	    "전철", "식당", "가게", "병원", "객실", "주차장", "호텔", NULL };
	const char *const *w;
	size_t q = skip_sp(s, len, end, 1), b;
	struct dec myriad = dec_int(10000);

	if ((n->flags & (N_DIGITS | N_HANGUL)) || n->end != n->start + 3 ||
	    dec_cmp(&n->lo, &myriad) != 0)
		return 0;
	if (ends_with(s, n->start, "초"))
		return 1;		/* 초만원 */
	for (w = after; *w; w++)
		if (starts_with(s, len, q, *w))
			return 1;
	for (w = is; *w; w++)
		if (starts_with(s, len, end, *w))
			break;
	if (!*w)
		return 0;
	/* 객석이 만원이다: a place before it, with its particle */
	b = skip_sp_back(s, n->start, 1);
	if (ends_with(s, b, "이") || ends_with(s, b, "가") || ends_with(s, b, "은") ||
	    ends_with(s, b, "는") || ends_with(s, b, "도"))
		b -= 3;
	for (w = places; *w; w++)
		if (ends_with(s, b, *w))
			return 1;
	return 0;
}

/*
 * A qualifier at s[q] before the second number of a range (약, about):
 * returns where the number starts, and sets *approx when it says so.
 */
static size_t
inner_qualifier(const char *s, size_t len, size_t q, int *approx)
{
	const struct qword *w;

	for (w = q_before; w->w; w++) {
		int hangul = (unsigned char)w->w[0] >= 0x80;
		size_t e = q + w->n, dl;

		if (len - q < w->n || !eq_fold(s + q, w->w, w->n))
			continue;
		if (hangul ? !(space_at(s, len, e) || digit_at(s, len, e, &dl) >= 0) :
		    !space_at(s, len, e))
			continue;
		*approx |= w->approx;
		return skip_sp(s, len, e, 1);
	}
	return q;
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
	pr = money_parse_num(s, len, a, &A.n);
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
	if (A.code < 0 && A.n.flags == N_DIGITS && A.n.end < len &&
	    (s[A.n.end] == ' ' || (unsigned char)s[A.n.end] >= 0xC2))
		space_groups(sc, &A);
	dot_thousands(sc, &A);
	if (A.suf.ok && !A.pre.ok && full_house(s, len, &A.n, A.end))
		return A.end;

	q = range_sep(s, len, A.code >= 0 ? A.end : A.n.end, &kind);
	if (kind != SEP_NONE) {
		/* 10만 달러에서 약 20만 달러: a qualifier inside belongs to the range */
		int inner = 0;
		size_t q2 = inner_qualifier(s, len, q, &inner);

		if (range_second(sc, q2, &B) &&
		    (r = try_range(sc, &A, &B, kind, inner)) > 0)
			return r;
	}
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

	money_tables();
	out->n = 0;
	sc.cfg = money_cfg_or_default(cfg);
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
			if (utf8_is_hangul_syllable(cp) && ko_anchor(cp) &&
			    !(i > 0 && ascii_is_digit((unsigned char)s[i - 1]))) {
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
			if (ascii_is_digit(c)) {
				if (i > 0 && (ascii_is_digit((unsigned char)s[i - 1]) ||
				    ((s[i - 1] == '.' || s[i - 1] == ',') && i > 1 &&
				    ascii_is_digit((unsigned char)s[i - 2])))) {
					i++;
					continue;
				}
				i = try_amount(&sc, i);
				hword = i >= 3 && hangul_lead_at(s, len, i - 3);
				continue;
			}
			if (ascii_is_alpha(c)) {
				size_t e = word_at(s, len, i);
				const struct enword *w;

				if (i > 0 && ascii_is_alnum((unsigned char)s[i - 1])) {
					i = e;
					continue;
				}
				w = money_enword_find(s + i, e - i);
				/* 1,2,3 million: not "million" alone after a bad number */
				if (w && w->kind == EW_SCALE && i > 0 &&
				    ascii_is_digit((unsigned char)s[skip_sp_back(s, i, 1) - 1 +
				    (skip_sp_back(s, i, 1) == 0)]))
					w = NULL;
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

