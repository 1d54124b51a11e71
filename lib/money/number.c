/*
 * number.c: the characters amounts are made of, and Arabic numbers
 * (1,234.5, 12,34,567, 1.234.567,89, 22,90, full-width ３．２).
 */
#include <string.h>

#include "core/dec.h"
#include "core/utf8.h"
#include "money/internal.h"

/* ------------------------------------------------------------ characters */

/* The code point ending at s[i] (before i), -1 at the start, and its start. */
int32_t
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

/* Skip up to 'max' spaces backwards from i (i is just after them). */
size_t
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
int
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
int
ends_with(const char *s, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i >= n && starts_with(s, i, i - n, w);
}

/* Whether a word can start at i: no letter (or Hangul for Hangul) before. */
int
word_start_ok(const char *s, size_t len, size_t i, const char *w)
{
	size_t st;
	int32_t cp;

	if (i == 0)
		return 1;
	if ((unsigned char)w[0] < 0x80)
		return !ascii_is_alnum((unsigned char)s[i - 1]);
	cp = cp_before(s, len, i, &st);
	return !utf8_is_hangul_syllable(cp);
}

/* ---------------------------------------------------------------- numbers */

/* Whether a number looks like money by its form alone (separators, ...). */
int
num_strong(const struct num *n)
{
	return (n->flags & (N_SEP | N_POINT | N_COMMADEC | N_UNIT | N_SCALE |
	    N_VAGUE)) != 0;
}

int
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
size_t
money_parse_arabic(const char *s, size_t len, size_t i, struct dec *d,
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
		} else if (ng == 1 && glen[0] <= 2 && first <= 3 &&
		    !point_at(s, len, q)) {
			/* 22,90 €, 1,5 million euros: a decimal comma. */
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
		int euro1 = 0;

		/* 1.234.567 or 1.234.567,89: dots grouping threes, twice or more. */
		q = groups(s, len, p, 1, glen, 32, &ng);
		/* 1.234,56: one group, then a decimal comma and one or two digits */
		if (ng == 1 && glen[0] == 3 && (sepl = comma_at(s, len, q)) &&
		    digit_at(s, len, q + sepl, &dl) >= 0) {
			size_t r = q + sepl + dl;

			euro1 = digit_at(s, len, r, &dl) < 0 ||
			    digit_at(s, len, r + dl, &dl) < 0;
		}
		if (ng >= 2 || euro1) {
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

/* Read a number at s[i]: Korean/Arabic or English words. */
int
money_parse_num(const char *s, size_t len, size_t i, struct num *n)
{
	int r;
	size_t e;

	memset(n, 0, sizeof *n);
	if (ascii_is_alpha((unsigned char)s[i]))
		return money_parse_words(s, len, i, n);
	r = money_parse_korean(s, len, i, n);
	if (r <= 0)
		return r;
	/* An English scale after Arabic digits: 1.5 million, 5bn, $10K. */
	if ((n->flags & N_DIGITS) && !(n->flags & N_UNIT)) {
		int exp;

		e = money_parse_scale(s, len, n->end, &exp);
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
int
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


/* nstate_init(st): no token read yet. */
void
nstate_init(struct nstate *st)
{
	memset(st, 0, sizeof *st);
	st->total = st->group = st->cur = iv_int(0, 0);
	st->last_big = st->last_small = 99;
}

int
nstate_value(const struct nstate *st, struct ival *v)
{
	if (iv_add(v, &st->total, &st->group))
		return -1;
	if (st->have_cur && iv_add(v, v, &st->cur))
		return -1;
	return 0;
}
