/*
 * number: the kinds made of digit groups.
 *
 * From the first digit of a run, read the "chunk": up to MAXG groups of
 * digits (later ones may hold mask characters: 010-****-5678) joined by
 * one separator each: a hyphen or dash (spaces around it allowed), a dot,
 * a space, the ')' of a Korean area code (031)123-4567), or a group in
 * parentheses ((02) 123-4567, +82 (0)10...).  A '+' or '(' just before
 * the first digit belongs to the chunk.
 *
 * Each kind then tries the first k groups.  A hyphen or a dot after group
 * k means the number goes on, so k groups are not a whole number (that is
 * how 12-010-1234-5678 and 010-1234-5678-9 are refused); a space does not.
 * The left edge has the same rule, and both edges refuse letters, '@',
 * units (원, 년, %...) and 제 (제3조).
 */
#include <stddef.h>
#include <string.h>

#include "pii/internal.h"

#define MAXG 8		/* groups read */
#define MAXD 64		/* their characters */
#define MAXRUN 19	/* a longer digit run is one long number */

struct group {
	size_t s, e;		/* bytes of its characters (no parentheses) */
	unsigned char off;	/* its first character in chunk.d */
	unsigned char nd;	/* characters: digits and masks */
	unsigned char masked;	/* holds mask characters */
	unsigned char paren;	/* written in parentheses */
};

struct chunk {
	size_t start;		/* the '+', the '(' or the first digit */
	int plus;		/* a '+' before the first group */
	int n;
	int goes_on;		/* a hyphen or dot after the last group leads on */
	struct group g[MAXG];
	char sep[MAXG];		/* after g[i]: '-', '.', ' ', ')', '(' */
	char d[MAXD + 1];	/* the characters: digits, '*' for a mask */
};

/* ------------------------------------------------------------- reading */

static int
atoi4(const char *d)
{
	return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
}

/* Hangul and signs after a number that make it a quantity, not an identifier. */
static int
unit_after(int32_t cp)
{
	switch (cp) {
	case 0xC6D0: case 0xB144: case 0xC6D4: case 0xC77C: case 0xBA85:	/* 원 년 월 일 명 */
	case 0xAC1C: case 0xAC74: case 0xD68C: case 0xC810: case 0xC138:	/* 개 건 회 점 세 */
	case 0xC0B4: case 0xBC30: case 0xB9CC: case 0xC5B5: case 0xC870:	/* 살 배 만 억 조 */
	case 0xCC9C: case 0xBC31: case 0xC704: case 0xCC28: case 0xBD84:	/* 천 백 위 차 분 */
	case 0xCD08: case 0xC2DC: case 0xC8FC: case 0xD3C9: case 0xCE35:	/* 초 시 주 평 층 */
	case 0xD638: case 0xB3D9: case 0xAC1D: case 0xD0C0:			/* 호 동 객 타 */
	case '%': case 0xFF05: case 0x2103: case 0x00B0:			/* ℃ ° */
		return 1;
	}
	return 0;
}

/* Signs before a number that make it money, a range's end or an article (제3조). */
static int
unit_before(int32_t cp)
{
	switch (cp) {
	case '$': case '~': case '#': case 0x20A9: case 0x20AC: case 0xA3:
	case 0xA5: case 0xFF04: case 0xFF5E: case 0x301C: case 0xFFE6:
	case 0xC81C:	/* 제 */
		return 1;
	}
	return 0;
}

static int
left_ok(const struct scan *sc, size_t start)
{
	const char *s = sc->s;
	unsigned char c;
	int n;

	if (start < sc->floor)
		return 0;
	if (start == 0)
		return 1;
	c = (unsigned char)s[start - 1];
	if (ascii_is_alnum(c) || c == '+' || c == '@' || c == '_')
		return 0;
	if (start >= 2) {
		unsigned char b = (unsigned char)s[start - 2];

		if ((c == '-' && ascii_is_alnum(b)) ||
		    ((c == '.' || c == ',' || c == ':' || c == '/') && ascii_is_digit(b)))
			return 0;
	}
	if (dash_at(s, sc->len, start >= 3 ? start - 3 : 0) == 3 && start >= 4 &&
	    ascii_is_digit((unsigned char)s[start - 4]))
		return 0;
	return !unit_before(cp_before(s, start, 0, &n));
}

static int
right_ok(const struct scan *sc, size_t e)
{
	const char *s = sc->s;
	unsigned char c, d;
	int n;

	if (e >= sc->len)
		return 1;
	c = (unsigned char)s[e];
	d = e + 1 < sc->len ? (unsigned char)s[e + 1] : 0;
	if (ascii_is_alnum(c) || c == '@' || c == '_')
		return 0;
	if (c == '-' && ascii_is_alnum(d))
		return 0;
	if ((c == '.' && ascii_is_alnum(d)) || ((c == ',' || c == ':') && ascii_is_digit(d)))
		return 0;
	if (dash_at(s, sc->len, e) == 3 && e + 3 < sc->len && ascii_is_digit((unsigned char)s[e + 3]))
		return 0;
	return !unit_after(cp_at(s, sc->len, e, &n));
}

/*
 * Read one group at 'p' into ch->g[ch->n]: digits, then (unless it is the
 * first) mask characters; or digits in parentheses.  Returns the byte after
 * it (after the ')' of a parenthesized one), or 0 when there is none.
 */
static size_t
read_group(const struct scan *sc, struct chunk *ch, size_t p, int *too_long)
{
	const char *s = sc->s;
	struct group *g = &ch->g[ch->n];
	size_t used = ch->n ? ch->g[ch->n - 1].off + ch->g[ch->n - 1].nd : 0;
	int paren = 0, m;

	*too_long = 0;
	if (p < sc->len && s[p] == '(' && ch->n > 0) {
		paren = 1;
		p++;
	}
	g->s = p;
	g->off = (unsigned char)used;
	g->nd = 0;
	g->masked = 0;
	g->paren = (unsigned char)paren;
	while (p < sc->len && ascii_is_digit((unsigned char)s[p])) {
		if (g->nd == MAXRUN || used + g->nd == MAXD) {
			*too_long = 1;
			return 0;
		}
		ch->d[used + g->nd++] = s[p++];
	}
	if (ch->n > 0 && !paren)
		while ((m = mask_at(s, sc->len, p)) > 0 && g->nd < MAXRUN &&
		    used + g->nd < MAXD) {
			ch->d[used + g->nd++] = '*';
			g->masked = 1;
			p += (size_t)m;
		}
	if (g->nd == 0)
		return 0;
	/* x after digits is a multiplication or a word, not a mask: 3x4, 10x */
	if (g->masked && p < sc->len && ascii_is_alnum((unsigned char)s[p]))
		return 0;
	g->e = p;
	if (paren) {
		if (p >= sc->len || s[p] != ')' || g->nd > 4)
			return 0;
		p++;
	}
	ch->n++;
	return p;
}

/*
 * The separator after group ch->n - 1, ending at 'p': its kind in '*kind'
 * and where the next group starts, or 0 when no group follows.
 */
static size_t
read_sep(const struct scan *sc, const struct chunk *ch, size_t p, char *kind)
{
	const char *s = sc->s;
	const struct group *last = &ch->g[ch->n - 1];
	size_t len = sc->len, q;
	int dl;

	if (p >= len)
		return 0;
	if (last->paren) {		/* (02)123, (02) 123, +82 (0)10 */
		*kind = ')';
		q = p < len && s[p] == ' ' ? p + 1 : p;
	} else if ((dl = dash_at(s, len, p)) > 0) {
		*kind = '-';
		q = p + (size_t)dl;
	} else if (s[p] == ' ' && (dl = dash_at(s, len, p + 1)) > 0 &&
	    p + 1 + (size_t)dl < len && s[p + 1 + dl] == ' ' &&
	    (dl == 1 || (unsigned char)s[p + 3] == 0x93)) {
		/* 010 - 1234 - 5678, with a hyphen or an en dash: a spaced em
		 * dash is the prose's ("card 4300583119725459 — 44") */
		*kind = '-';
		q = p + 2 + (size_t)dl;
	} else if (s[p] == ' ') {
		*kind = ' ';
		q = p + 1;
	} else if ((unsigned char)s[p] == 0xC2 && p + 1 < len && (unsigned char)s[p + 1] == 0xA0) {
		*kind = ' ';		/* no-break space */
		q = p + 2;
	} else if (s[p] == '.') {
		*kind = '.';
		q = p + 1;
	} else if (s[p] == ')' && ch->n == 1 && !ch->plus && last->nd >= 2 &&
	    last->nd <= 4 && ch->d[0] == '0') {
		*kind = ')';		/* 031)123-4567 */
		q = p + 1 < len && s[p + 1] == ' ' ? p + 2 : p + 1;
	} else if (s[p] == '(') {
		*kind = '(';		/* +82(0)10 */
		q = p;
	} else {
		return 0;
	}
	if (q >= len)
		return 0;
	if (ascii_is_digit((unsigned char)s[q]) || (s[q] == '(' && *kind != '(' && q + 1 < len &&
	    ascii_is_digit((unsigned char)s[q + 1])) || (*kind != '(' && mask_at(s, len, q)))
		return q;
	if (*kind == '(' && s[q] == '(' && q + 1 < len && ascii_is_digit((unsigned char)s[q + 1]))
		return q;
	return 0;
}

/* Read the chunk whose first digit is at 'i'; 0 when its left edge refuses it. */
static int
read_chunk(const struct scan *sc, size_t i, struct chunk *ch)
{
	const char *s = sc->s;
	size_t p;
	int too_long;

	memset(ch, 0, offsetof(struct chunk, g));
	ch->start = i;
	if (i > 0 && s[i - 1] == '+') {
		ch->plus = 1;
		ch->start = i - 1;
	}
	if (!left_ok(sc, ch->start))
		return 0;
	if ((p = read_group(sc, ch, i, &too_long)) == 0)
		return 0;
	/* (+82) 10-1234-5678: the country code in parentheses */
	if (ch->plus && ch->start > 0 && s[ch->start - 1] == '(' && p < sc->len &&
	    s[p] == ')' && ch->g[0].nd <= 3 && left_ok(sc, ch->start - 1)) {
		ch->start--;
		ch->g[0].paren = 1;
		p++;
	}
	/* (02) 123-4567: the first group in parentheses */
	if (!ch->plus && i > 0 && s[i - 1] == '(' && p < sc->len && s[p] == ')' &&
	    ch->g[0].nd <= 4 && left_ok(sc, i - 1)) {
		ch->start = i - 1;
		ch->g[0].paren = 1;
		p++;
	}
	while (ch->n < MAXG) {
		char kind;
		size_t q = read_sep(sc, ch, p, &kind);

		if (q == 0)
			break;
		ch->sep[ch->n - 1] = kind;
		if ((p = read_group(sc, ch, q, &too_long)) == 0) {
			ch->sep[ch->n - 1] = 0;
			ch->goes_on = too_long && (kind == '-' || kind == '.');
			p = ch->g[ch->n - 1].e + ch->g[ch->n - 1].paren;
			break;
		}
	}
	if (ch->n == MAXG && ch->sep[MAXG - 1] == 0) {
		char kind;

		if (read_sep(sc, ch, p, &kind) && (kind == '-' || kind == '.'))
			ch->goes_on = 1;
	}
	return 1;
}

/* ------------------------------------------------------------- helpers */

static size_t
end_of(const struct chunk *ch, int k)
{
	return ch->g[k - 1].e + ch->g[k - 1].paren;
}

/* The first k groups end the number: a space or nothing after them. */
static int
whole(const struct scan *sc, const struct chunk *ch, int k)
{
	if (k < ch->n)
		return ch->sep[k - 1] == ' ';
	return !ch->goes_on && right_ok(sc, end_of(ch, k));
}

/* Characters of groups [a, b). */
static const char *
digits(const struct chunk *ch, int a, int b, size_t *n)
{
	*n = (size_t)(ch->g[b - 1].off + ch->g[b - 1].nd - ch->g[a].off);
	return ch->d + ch->g[a].off;
}

static int
any_masked(const struct chunk *ch, int a, int b)
{
	for (; a < b; a++)
		if (ch->g[a].masked)
			return 1;
	return 0;
}

static int
any_paren(const struct chunk *ch, int a, int b)
{
	for (; a < b; a++)
		if (ch->g[a].paren)
			return 1;
	return 0;
}

/* Separators between groups [0, k) all among 'kinds', and all the same when 'same'. */
static int
seps_are(const struct chunk *ch, int k, const char *kinds, int same)
{
	int i;

	for (i = 0; i + 1 < k; i++)
		if (!strchr(kinds, ch->sep[i]) || ch->sep[i] == 0 ||
		    (same && ch->sep[i] != ch->sep[0]))
			return 0;
	return 1;
}

/*
 * An unbroken run of digits is weak evidence of a kind: when words near
 * it name a kind that only context finds (an account, an SSN, a passport,
 * a business number), that kind has the first say.
 */
static int
named_by_context(const struct scan *sc, const struct chunk *ch, int k)
{
	size_t e = end_of(ch, k);

	return ctx_near(sc, ch->start, e, ctx_account) || ctx_near(sc, ch->start, e, ctx_ssn) ||
	    ctx_near(sc, ch->start, e, ctx_passport) || ctx_near(sc, ch->start, e, ctx_brn);
}

/*
 * Push an item over the first k groups unless it is in a URL, or its
 * groups are spaced and a group as long as its first stands one space
 * before it: then it is the middle of a longer spaced number (4414 7089
 * 1558 0299), not an item after a number ($1 +82 53 9138 4775).
 */
static int
take(struct scan *sc, const struct chunk *ch, int k, int type, int valid)
{
	const char *s = sc->s;
	size_t a = ch->start, b;

	if (k > 1 && ch->sep[0] == ' ' && a >= 2 && s[a - 1] == ' ') {
		for (b = a - 1; b > 0 && ascii_is_digit((unsigned char)s[b - 1]); b--)
			;
		if (a - 1 - b == ch->g[0].nd && (b == 0 || !ascii_is_alnum((unsigned char)s[b - 1])))
			return 0;
	}
	if (in_url(sc, ch->start))
		return 0;
	pii_push(sc, ch->start, end_of(ch, k), type, valid);
	return 1;
}

/* ------------------------------------------------------------- phones */

/*
 * Korean national digits D[0, n) (starting with 0), with a separator before
 * D[i] where bit i of 'bounds' is set: PII_PHONE, PII_BIZ_PHONE or -1.
 *
 *	010 011 016-019    mobile            + 3-4 + 4 digits
 *	02, 031-064        Seoul, provinces  + 3-4 + 4
 *	070, 0502-0508     internet, relay   + 3-4 + 4
 *	080, 060           toll-free, paid   (business)
 *
 * Separators may stand only after the area code and before the last four.
 */
static int
kr_phone(const char *D, size_t n, unsigned long bounds)
{
	static const char *const areas[] = { "", "", "", "123", "1234", "12345", "1234" };
	int type = PII_PHONE;
	size_t a = 3, i;

	if (n < 9 || n > 12 || D[0] != '0')
		return -1;
	switch (D[1]) {
	case '1':
		if (!strchr("016789", D[2]))
			return -1;
		break;
	case '2':
		a = 2;
		break;
	case '5':
		if (D[2] == '0') {
			if (D[3] < '2' || D[3] > '8')
				return -1;
			a = 4;
			break;
		}
		/* FALLTHROUGH */
	case '3': case '4': case '6':
		if (D[1] == '6' && D[2] == '0') {
			type = PII_BIZ_PHONE;
			break;
		}
		if (!strchr(areas[D[1] - '0'], D[2]) || D[2] == '\0')
			return -1;
		break;
	case '7':
		if (D[2] != '0')
			return -1;
		break;
	case '8':
		if (D[2] != '0')
			return -1;
		type = PII_BIZ_PHONE;
		break;
	default:
		return -1;
	}
	for (i = 0; i < a; i++)
		if (D[i] == '*')
			return -1;
	if (n - a != 7 && n - a != 8)
		return -1;
	if (bounds & ~((1ul << a) | (1ul << (n - 4))))
		return -1;
	return type;
}

/* North American: NPA NXX XXXX, ten digits; toll-free areas are businesses. */
static int
nanp(const char *D)
{
	int npa = (D[0] - '0') * 100 + (D[1] - '0') * 10 + (D[2] - '0');

	if (D[0] < '2' || D[1] == '9' || (D[1] == '1' && D[2] == '1') ||
	    D[3] < '2' || (D[4] == '1' && D[5] == '1') || memchr(D, '*', 10))
		return -1;
	switch (npa) {
	case 800: case 833: case 844: case 855: case 866: case 877: case 888:
		return PII_BIZ_PHONE;
	}
	return PII_PHONE;
}

/*
 * National digits of groups [from, k) into D, leaving out a trunk (0) in
 * parentheses, with the group starts as bits of 'bounds' ('skip' digits of
 * group 'from' left out first, as a country code).
 */
static size_t
national(const struct chunk *ch, int from, size_t skip, int k, char *D,
    unsigned long *bounds)
{
	size_t n = 0;
	int i;

	*bounds = 0;
	for (i = from; i < k; i++) {
		const struct group *g = &ch->g[i];
		size_t a = i == from ? skip : 0;

		if (g->paren && g->nd == 1 && ch->d[g->off] == '0' && i > 0)
			continue;	/* +82 (0)10, +44 (0)20 */
		if (n > 0 && n < 8 * sizeof *bounds)
			*bounds |= 1ul << n;
		if (n + g->nd - a > 20)
			return 21;
		memcpy(D + n, ch->d + g->off + a, g->nd - a);
		n += g->nd - a;
	}
	return n;
}

/* The length of the E.164 country code 'd' starts with: 1, 2 or 3 digits. */
static int
cc_len(const char *d)
{
	static const char two[] =
	    "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 "
	    "57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 ";
	const char *p;

	if (d[0] == '1' || d[0] == '7')
		return 1;
	for (p = two; *p; p += 3)
		if (p[0] == d[0] && p[1] == d[1])
			return 2;
	return 3;
}

/*
 * Digits after the country code (the national significant number) in the
 * numbering plans of ITU-T E.164 for countries often written; 6 to 12
 * elsewhere.  This tells where +33 1 23 45 67 89 ends before more digits.
 */
static void
nsn_range(const char *cc, int cl, int *lo, int *hi)
{
	static const struct {
		char cc[4];
		unsigned char lo, hi;
	} plan[] = {
		{ "7", 10, 10 }, { "20", 8, 10 }, { "27", 9, 9 }, { "30", 10, 10 },
		{ "31", 9, 9 }, { "32", 8, 9 }, { "33", 9, 9 }, { "34", 9, 9 },
		{ "36", 8, 9 }, { "39", 6, 11 }, { "40", 9, 9 }, { "41", 9, 9 },
		{ "43", 4, 13 }, { "44", 9, 10 }, { "45", 8, 8 }, { "46", 7, 9 },
		{ "47", 8, 8 }, { "48", 9, 9 }, { "49", 6, 13 }, { "51", 8, 9 },
		{ "52", 10, 10 }, { "54", 10, 11 }, { "55", 10, 11 }, { "56", 9, 9 },
		{ "57", 10, 10 }, { "60", 8, 10 }, { "61", 9, 9 }, { "62", 8, 12 },
		{ "63", 8, 10 }, { "64", 8, 10 }, { "65", 8, 8 }, { "66", 8, 9 },
		{ "81", 9, 10 }, { "84", 9, 10 }, { "86", 10, 11 }, { "90", 10, 10 },
		{ "91", 10, 10 }, { "92", 9, 10 }, { "94", 9, 9 }, { "98", 10, 10 },
		{ "351", 9, 9 }, { "353", 7, 9 }, { "358", 5, 12 }, { "380", 9, 9 },
		{ "852", 8, 8 }, { "853", 8, 8 }, { "855", 8, 9 }, { "886", 8, 9 },
		{ "966", 9, 9 }, { "971", 8, 9 }, { "972", 8, 9 }
	};
	size_t i;

	for (i = 0; i < sizeof plan / sizeof plan[0]; i++)
		if ((int)strlen(plan[i].cc) == cl && memcmp(plan[i].cc, cc, (size_t)cl) == 0) {
			*lo = plan[i].lo;
			*hi = plan[i].hi;
			return;
		}
	*lo = 6;
	*hi = 12;
}

static int
phone_plus(struct scan *sc, const struct chunk *ch)
{
	char D[24];
	unsigned long bounds;
	size_t n;
	int k, t, cl, lo, hi;

	for (k = ch->n; k >= 1; k--) {
		if (!whole(sc, ch, k) || any_masked(ch, 0, k) || !seps_are(ch, k, "-. )(", 0))
			continue;
		if (ch->d[0] == '8' && ch->d[1] == '2' && (ch->g[0].nd == 2 || k == 1)) {
			/* +82 10-1234-5678: the national 0 left out (or, wrongly, kept) */
			n = national(ch, 0, 2, k, D + 1, &bounds);
			if (n > 20 || n == 0)
				continue;
			if (D[1] == '0') {
				t = kr_phone(D + 1, n, bounds);
			} else {
				D[0] = '0';
				t = kr_phone(D, n + 1, bounds << 1);
			}
			if (t >= 0)
				return take(sc, ch, k, t, 1);
			continue;
		}
		if (ch->d[0] == '1' && (ch->g[0].nd == 1 || k == 1)) {
			n = national(ch, 0, 1, k, D, &bounds);
			if (n == 10 && (t = nanp(D)) >= 0)
				return take(sc, ch, k, t, 1);
			continue;
		}
		/* elsewhere: a country code and as many digits as its plan has */
		cl = cc_len(ch->d);
		if (ch->d[0] == '0' || ch->g[0].nd < cl ||
		    (ch->g[0].nd != cl && k > 1 && ch->g[0].nd <= 3))
			continue;
		n = national(ch, 0, (size_t)cl, k, D, &bounds);
		nsn_range(ch->d, cl, &lo, &hi);
		if ((int)n >= lo && (int)n <= hi)
			return take(sc, ch, k, PII_PHONE, 1);
	}
	return 0;
}

/* A representative number, 1588-1234; 1800-1900, 1592-1598 are ranges of years. */
static int
phone_service(struct scan *sc, const struct chunk *ch)
{
	const char *d = ch->d;
	int a, b;

	if (ch->n < 2 || ch->g[0].nd != 4 || ch->g[1].nd != 4 || !strchr("-. ", ch->sep[0]) ||
	    d[0] != '1' || !strchr("568", d[1]) || ch->g[1].masked || ch->g[0].paren ||
	    !whole(sc, ch, 2))
		return 0;
	a = atoi4(d);
	b = atoi4(d + 4);
	if ((b > a && b - a <= 100 && !ctx_near(sc, ch->start, end_of(ch, 2), ctx_phone)) ||
	    ctx_near(sc, ch->start, end_of(ch, 2), ctx_not_phone))
		return 0;
	return take(sc, ch, 2, PII_BIZ_PHONE, 1);
}

static int
phone(struct scan *sc, const struct chunk *ch)
{
	char D[24];
	unsigned long bounds;
	size_t n;
	int k, t;

	if (ch->plus)
		return phone_plus(sc, ch);
	if (ch->d[0] == '0') {
		for (k = ch->n < 4 ? ch->n : 4; k >= 1; k--) {
			if (!whole(sc, ch, k) || !seps_are(ch, k, "-. )", 0))
				continue;
			n = national(ch, 0, 0, k, D, &bounds);
			if (n > 20 || (t = kr_phone(D, n, bounds)) < 0)
				continue;
			if (k == 1 && named_by_context(sc, ch, 1))
				return 0;
			return take(sc, ch, k, t, !any_masked(ch, 0, k));
		}
		return 0;
	}
	return phone_service(sc, ch);
}

/* (202) 555-0143, 202-555-0143, 1-800-555-0199: after Korean shapes had their turn. */
static int
phone_nanp(struct scan *sc, const struct chunk *ch)
{
	char D[24];
	unsigned long bounds;
	int from = ch->d[0] == '1' && ch->g[0].nd == 1 && !ch->g[0].paren ? 1 : 0;
	int k = from + 3, t;

	if (ch->n < k || !whole(sc, ch, k) || any_masked(ch, 0, k) ||
	    ch->g[from].nd != 3 || ch->g[from + 1].nd != 3 || ch->g[from + 2].nd != 4 ||
	    !seps_are(ch, k, "-. )", 0) || any_paren(ch, from + 1, k))
		return 0;
	if (ch->sep[from + 1] != '-' && ch->sep[from + 1] != '.' &&
	    ch->sep[from + 1] != ' ')
		return 0;
	national(ch, from, 0, k, D, &bounds);
	if ((t = nanp(D)) < 0)
		return 0;
	return take(sc, ch, k, t, 1);
}

/* ☎ 123-4567: a local number without its area code, only right after a phone word. */
static int
phone_local(struct scan *sc, const struct chunk *ch)
{
	if (ch->n < 2 || ch->sep[0] != '-' || ch->g[0].nd < 3 || ch->g[0].nd > 4 ||
	    ch->g[1].nd != 4 || ch->d[0] < '2' || ch->g[0].paren || !whole(sc, ch, 2) ||
	    !ctx_just_before(sc, ch->start, ctx_phone, 16))
		return 0;
	return take(sc, ch, 2, PII_PHONE, !any_masked(ch, 0, 2));
}

/* ----------------------------------------------------------- identities */

/* YYMMDD-GNNNNNN: resident, foreign resident or corporate registration. */
static int
registration(struct scan *sc, const struct chunk *ch)
{
	const char *d = ch->d;
	size_t e;
	int kind, crn_ctx;

	if (ch->n < 2 || ch->g[0].nd != 6 || ch->g[1].nd != 7 || ch->g[0].paren ||
	    ch->g[1].paren || (ch->sep[0] != '-' && ch->sep[0] != ' ') || !whole(sc, ch, 2))
		return 0;
	e = end_of(ch, 2);
	if (ch->g[1].masked) {
		/* 900101-1******, 900101-******* */
		char t[14];
		int j;

		for (j = 7; j < 13; j++)
			if (d[j] != '*')
				return 0;
		memcpy(t, d, 7);
		memset(t + 7, '0', 6);
		if (t[6] == '*')
			t[6] = '1';
		kind = rrn_kind(t, sc->cfg->year);
		if (kind < 0 && d[6] == '*') {
			t[6] = '3';
			kind = rrn_kind(t, sc->cfg->year);
		}
		return kind >= 0 && take(sc, ch, 2, kind, 0);
	}
	crn_ctx = ctx_near(sc, ch->start, e, ctx_crn);
	if (crn_ctx && ch->sep[0] == '-')
		return take(sc, ch, 2, PII_CRN, crn_check_ok(d));
	kind = rrn_kind(d, sc->cfg->year);
	if (kind >= 0)
		return take(sc, ch, 2, kind, kind == PII_RRN ? rrn_check_ok(d) : frn_check_ok(d));
	if (ch->sep[0] == '-' && crn_check_ok(d))
		return take(sc, ch, 2, PII_CRN, 1);
	if (ch->sep[0] == '-' && ctx_near(sc, ch->start, e, ctx_rrn))
		return take(sc, ch, 2, PII_RRN, 0);
	return 0;
}

/* Thirteen digits in one run: a registration number or a 13-digit card. */
static int
registration13(struct scan *sc, const struct chunk *ch)
{
	const char *d = ch->d;
	size_t e;
	int kind, ok;

	if (ch->g[0].nd != 13 || ch->g[0].paren || !whole(sc, ch, 1))
		return 0;
	e = end_of(ch, 1);
	if (ctx_near(sc, ch->start, e, ctx_crn))
		return take(sc, ch, 1, PII_CRN, crn_check_ok(d));
	kind = rrn_kind(d, sc->cfg->year);
	ok = kind == PII_RRN ? rrn_check_ok(d) : frn_check_ok(d);
	if (kind >= 0 && ctx_near(sc, ch->start, e, ctx_rrn))
		return take(sc, ch, 1, kind, ok);
	if (named_by_context(sc, ch, 1))
		return 0;
	/* a birth date outweighs a 13-digit Visa, a kind no longer issued */
	if (kind >= 0)
		return take(sc, ch, 1, kind, ok);
	if (card_prefix_ok(d, 13) && luhn_ok(d, 13))
		return take(sc, ch, 1, PII_CARD, 1);
	return 0;
}

/* NNN-NN-NNNNN with its check digit; without it, only beside 사업자. */
static int
business(struct scan *sc, const struct chunk *ch, int need_check)
{
	const char *d = ch->d;
	int ok;

	if (ch->n >= 3 && ch->g[0].nd == 3 && ch->g[1].nd == 2 && ch->g[2].nd == 5 &&
	    seps_are(ch, 3, "-", 0) && !any_masked(ch, 0, 3) && !any_paren(ch, 0, 3) &&
	    whole(sc, ch, 3)) {
		ok = brn_check_ok(d);
		if (ok || (!need_check && ctx_near(sc, ch->start, end_of(ch, 3), ctx_brn)))
			return take(sc, ch, 3, PII_BRN, ok);
	}
	if (!need_check && ch->g[0].nd == 10 && !ch->g[0].paren && whole(sc, ch, 1) &&
	    ctx_near(sc, ch->start, end_of(ch, 1), ctx_brn))
		return take(sc, ch, 1, PII_BRN, brn_check_ok(d));
	return 0;
}

/* ----------------------------------------------------------------- cards */

/*
 * The first k groups shaped like a card: 4-4-4-4 (4-4-4-1 to 4-4-4-4-3),
 * 4-6-5 or 4-6-4 with one kind of separator, or 14 to 19 digits in one
 * run; 0 when not, else the number of digits in '*n'.
 */
static int
card_shape(const struct scan *sc, const struct chunk *ch, int k, size_t *n)
{
	int i, fours = 1;

	if (!whole(sc, ch, k) || any_paren(ch, 0, k) || ch->g[0].masked)
		return 0;
	digits(ch, 0, k, n);
	if (k == 1)
		return *n >= 14 && *n <= 19;
	/* spaced groups that go on with another group of four are one longer
	 * number; 4111 1111 1111 1111 3개 is not */
	if (!seps_are(ch, k, "- ", 1) || ch->g[0].nd != 4 ||
	    (k < ch->n && ch->sep[0] == ' ' && ch->g[k].nd >= 4))
		return 0;
	for (i = 0; i + 1 < k; i++)
		if (ch->g[i].nd != 4)
			fours = 0;
	if (fours)
		return *n >= 13 && *n <= 19 && *n != 17 && *n != 18;
	return k == 3 && ch->g[1].nd == 6 && (ch->g[2].nd == 5 || ch->g[2].nd == 4);
}

/*
 * A card: the longest shape that passes Luhn with an issuer's prefix, or,
 * beside 카드 or card, the longest shape (valid or not); masked forms of
 * four groups of four.
 */
static int
card(struct scan *sc, const struct chunk *ch)
{
	const char *d;
	size_t n;
	int k, best = 0;

	for (k = ch->n; k >= 1; k--) {
		if (!card_shape(sc, ch, k, &n))
			continue;
		d = digits(ch, 0, k, &n);
		if (any_masked(ch, 0, k)) {
			/* 1234-****-****-5678 */
			if (k >= 4 && n == 16)
				return take(sc, ch, k, PII_CARD, 0);
			continue;
		}
		if (card_prefix_ok(d, n) && luhn_ok(d, n)) {
			if (k == 1 && n <= 14 && named_by_context(sc, ch, 1))
				return 0;
			return take(sc, ch, k, PII_CARD, 1);
		}
		if (best == 0)
			best = k;
	}
	if (best && ctx_near(sc, ch->start, end_of(ch, best), ctx_card))
		return take(sc, ch, best, PII_CARD, 0);
	return 0;
}

/* --------------------------------------------------------- in context */

/* Digits in hyphenated groups, 10 to 16 of them, or 10 to 14 in one run. */
static int
account(struct scan *sc, const struct chunk *ch)
{
	size_t n;
	int k, i;

	for (k = ch->n; k >= 1; k--) {
		int ok = 1;

		if (!whole(sc, ch, k) || any_masked(ch, 0, k) || any_paren(ch, 0, k) ||
		    (k > 1 && !seps_are(ch, k, "-", 0)))
			continue;
		for (i = 0; i < k; i++)
			if (ch->g[i].nd < 2)
				ok = 0;
		digits(ch, 0, k, &n);
		if (!ok || n < 10 || n > (k > 1 ? 16u : 14u))
			continue;
		if (!ctx_near(sc, ch->start, end_of(ch, k), ctx_account))
			return 0;
		return take(sc, ch, k, PII_ACCOUNT, 1);
	}
	return 0;
}

/* AAA-GG-SSSS or nine digits, beside SSN or Social Security. */
static int
ssn(struct scan *sc, const struct chunk *ch)
{
	int k;

	if (ch->n >= 3 && ch->g[0].nd == 3 && ch->g[1].nd == 2 && ch->g[2].nd == 4 &&
	    seps_are(ch, 3, "- ", 1) && !any_paren(ch, 0, 3) && whole(sc, ch, 3))
		k = 3;
	else if (ch->g[0].nd == 9 && !ch->g[0].paren && whole(sc, ch, 1))
		k = 1;
	else
		return 0;
	if (!ctx_near(sc, ch->start, end_of(ch, k), ctx_ssn))
		return 0;
	return take(sc, ch, k, PII_SSN, !any_masked(ch, 0, k) && ssn_ok(ch->d));
}

/* Eight or nine digits beside 여권 or passport (US passports are digits). */
static int
passport_digits(struct scan *sc, const struct chunk *ch)
{
	if ((ch->g[0].nd != 8 && ch->g[0].nd != 9) || ch->g[0].paren || !whole(sc, ch, 1) ||
	    !ctx_near(sc, ch->start, end_of(ch, 1), ctx_passport))
		return 0;
	return take(sc, ch, 1, PII_PASSPORT, 1);
}

/*
 * M12345678, M123A4567, AB1234567: one or two capitals and digits, beside
 * a passport word; 'i' is the first digit, a capital before it.
 */
static size_t
passport_letters(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t ls = i - 1, e = i, nd;
	unsigned char c = (unsigned char)s[ls];

	while (e < sc->len && ascii_is_digit((unsigned char)s[e]))
		e++;
	nd = e - i;
	if (c < 'A' || c > 'Z')
		return e;
	if (ls > 0 && s[ls - 1] >= 'A' && s[ls - 1] <= 'Z')
		ls--;
	if (ls < sc->floor || (ls > 0 && (ascii_is_alnum((unsigned char)s[ls - 1]) ||
	    s[ls - 1] == '-' || s[ls - 1] == '_')))
		return e;
	/* the newer Korean form: a letter, 3 digits, a letter, 4 digits */
	if (nd == 3 && i - ls == 1 && e + 5 <= sc->len && s[e] >= 'A' && s[e] <= 'Z') {
		size_t j;

		for (j = e + 1; j < e + 5 && ascii_is_digit((unsigned char)s[j]); j++)
			;
		if (j == e + 5)
			e = j, nd = 8;
	}
	if (nd < 6 || nd > 9 || (e < sc->len && (ascii_is_alnum((unsigned char)s[e]) || s[e] == '-')))
		return e;
	if (!right_ok(sc, e) || !ctx_near(sc, ls, e, ctx_passport) || in_url(sc, ls))
		return e;
	pii_push(sc, ls, e, PII_PASSPORT, 1);
	return e;
}

/* ------------------------------------------------------------------ IPv4 */

static int
ipv4(struct scan *sc, const struct chunk *ch)
{
	size_t e;
	int i;

	if (ch->n < 4 || ch->plus || !seps_are(ch, 4, ".", 0) || any_masked(ch, 0, 4) ||
	    any_paren(ch, 0, 4) || (ch->n > 4 && ch->sep[3] != ' ') ||
	    (ch->n == 4 && ch->goes_on))
		return 0;
	for (i = 0; i < 4; i++) {
		const struct group *g = &ch->g[i];
		const char *d = ch->d + g->off;
		int v = 0, j;

		if (g->nd > 3 || (g->nd > 1 && d[0] == '0'))
			return 0;
		for (j = 0; j < g->nd; j++)
			v = v * 10 + d[j] - '0';
		if (v > 255)
			return 0;
	}
	e = end_of(ch, 4);
	/* a port (:8080) or a prefix length (/24) may follow */
	if (ch->n == 4 && e < sc->len && sc->s[e] == ':' && e + 1 < sc->len &&
	    ascii_is_digit((unsigned char)sc->s[e + 1])) {
		size_t p = e + 1;

		while (p < sc->len && ascii_is_digit((unsigned char)sc->s[p]))
			p++;
		if (!right_ok(sc, p))
			return 0;
	} else if (ch->n == 4 && !right_ok(sc, e)) {
		return 0;
	}
	if (word_just_before(sc, ch->start, ctx_version))
		return 0;
	pii_push(sc, ch->start, e, PII_IP, 1);
	return 1;
}

/* ------------------------------------------------------------------ entry */

size_t
number_at(struct scan *sc, size_t i)
{
	struct chunk ch;
	size_t run = i;

	while (run < sc->len && ascii_is_digit((unsigned char)sc->s[run]))
		run++;
	if (i > 0 && ascii_is_alpha((unsigned char)sc->s[i - 1]))
		return passport_letters(sc, i);
	if (run - i > MAXRUN || !read_chunk(sc, i, &ch))
		return run;
	if (ipv4(sc, &ch) || registration(sc, &ch) || card(sc, &ch) || phone(sc, &ch) ||
	    business(sc, &ch, 1) || registration13(sc, &ch) || business(sc, &ch, 0) ||
	    account(sc, &ch) || phone_nanp(sc, &ch) || ssn(sc, &ch) ||
	    passport_digits(sc, &ch) || phone_local(sc, &ch))
		return sc->floor;
	return run;
}
