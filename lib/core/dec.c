/* dec: exact non-negative decimals (see dec.h). */
#include <string.h>

#include "core/dec.h"

typedef unsigned __int128 u128;

/* 10^0 .. 10^38; 10^38 itself is the bound mantissas stay below. */
static const u128 pow10_tab[DEC_MAX_DIGITS + 1] = {
	1,
	(u128)10ULL,
	(u128)100ULL,
	(u128)1000ULL,
	(u128)10000ULL,
	(u128)100000ULL,
	(u128)1000000ULL,
	(u128)10000000ULL,
	(u128)100000000ULL,
	(u128)1000000000ULL,
	(u128)10000000000ULL,
	(u128)100000000000ULL,
	(u128)1000000000000ULL,
	(u128)10000000000000ULL,
	(u128)100000000000000ULL,
	(u128)1000000000000000ULL,
	(u128)10000000000000000ULL,
	(u128)100000000000000000ULL,
	(u128)1000000000000000000ULL,
	(u128)10000000000000000000ULL,
	(u128)10000000000000000000ULL * 10ULL,
	(u128)10000000000000000000ULL * 100ULL,
	(u128)10000000000000000000ULL * 1000ULL,
	(u128)10000000000000000000ULL * 10000ULL,
	(u128)10000000000000000000ULL * 100000ULL,
	(u128)10000000000000000000ULL * 1000000ULL,
	(u128)10000000000000000000ULL * 10000000ULL,
	(u128)10000000000000000000ULL * 100000000ULL,
	(u128)10000000000000000000ULL * 1000000000ULL,
	(u128)10000000000000000000ULL * 10000000000ULL,
	(u128)10000000000000000000ULL * 100000000000ULL,
	(u128)10000000000000000000ULL * 1000000000000ULL,
	(u128)10000000000000000000ULL * 10000000000000ULL,
	(u128)10000000000000000000ULL * 100000000000000ULL,
	(u128)10000000000000000000ULL * 1000000000000000ULL,
	(u128)10000000000000000000ULL * 10000000000000000ULL,
	(u128)10000000000000000000ULL * 100000000000000000ULL,
	(u128)10000000000000000000ULL * 1000000000000000000ULL,
	(u128)10000000000000000000ULL * 10000000000000000000ULL
};

static u128
pow10_u128(int e)
{
	return pow10_tab[e];
}

static u128
dec_limit(void)
{
	return pow10_tab[DEC_MAX_DIGITS];
}

struct dec
dec_int(uint64_t n)
{
	struct dec d = { n, 0 };

	return d;
}

int
dec_parse(const char *s, size_t len, struct dec *d)
{
	u128 m = 0;
	int scale = 0, point = 0, digits = 0;
	size_t i;

	if (len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] == '.' && !point) {
			point = 1;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (m == 0 && s[i] == '0') {
			/* Leading zeros are free; fraction zeros still scale. */
			if (point)
				scale++;
			continue;
		}
		if (++digits > DEC_MAX_DIGITS)
			return -1;
		m = m * 10 + (u128)(s[i] - '0');
		if (point)
			scale++;
	}
	if (digits == 0 && len == (size_t)point)
		return -1;		/* "." alone */
	if (scale > DEC_MAX_SCALE)
		return -1;
	d->m = m;
	d->scale = m == 0 ? 0 : scale;
	return 0;
}

/* Multiply by 10^e (e >= 0) within the bound. */
static int
mul_pow10(u128 *m, int e)
{
	u128 p;

	if (*m == 0)
		return 0;
	if (e > DEC_MAX_DIGITS)
		return -1;
	p = pow10_u128(e);
	if (*m >= dec_limit() / p)
		return -1;
	*m *= p;
	return 0;
}

void
dec_norm(struct dec *d)
{
	while (d->scale > 0 && d->m % 10 == 0) {
		d->m /= 10;
		d->scale--;
	}
	if (d->m == 0)
		d->scale = 0;
}

int
dec_add(struct dec *r, const struct dec *a, const struct dec *b)
{
	struct dec x = *a, y = *b;

	dec_norm(&x);
	dec_norm(&y);
	if (x.scale < y.scale) {
		if (mul_pow10(&x.m, y.scale - x.scale) < 0)
			return -1;
		x.scale = y.scale;
	} else if (y.scale < x.scale) {
		if (mul_pow10(&y.m, x.scale - y.scale) < 0)
			return -1;
		y.scale = x.scale;
	}
	if (x.m >= dec_limit() - y.m)
		return -1;
	r->m = x.m + y.m;
	r->scale = x.scale;
	dec_norm(r);
	return 0;
}

int
dec_mul(struct dec *r, const struct dec *a, const struct dec *b)
{
	struct dec x = *a, y = *b;
	u128 m;

	dec_norm(&x);
	dec_norm(&y);
	if (x.m == 0 || y.m == 0) {
		r->m = 0;
		r->scale = 0;
		return 0;
	}
	if (__builtin_mul_overflow(x.m, y.m, &m) || m >= dec_limit())
		return -1;
	r->m = m;
	r->scale = x.scale + y.scale;
	dec_norm(r);
	return r->scale > DEC_MAX_SCALE ? -1 : 0;
}

int
dec_shift(struct dec *d, int e)
{
	dec_norm(d);
	if (d->m == 0)
		return 0;
	if (e < 0) {
		if (d->scale - e > DEC_MAX_SCALE)
			return -1;
		d->scale -= e;
		return 0;
	}
	/* Use up the fraction first: 1.5 * 10^12 is 15 * 10^11. */
	if (e <= d->scale) {
		d->scale -= e;
		return 0;
	}
	e -= d->scale;
	d->scale = 0;
	return mul_pow10(&d->m, e);
}

int
dec_cmp(const struct dec *a, const struct dec *b)
{
	struct dec x = *a, y = *b;
	u128 hx, hy;
	int s;

	dec_norm(&x);
	dec_norm(&y);
	if (x.scale == y.scale)
		return x.m < y.m ? -1 : x.m > y.m;
	/* Compare integer parts first, then fractions at a common scale. */
	s = x.scale > y.scale ? x.scale : y.scale;
	hx = x.m / pow10_u128(x.scale);
	hy = y.m / pow10_u128(y.scale);
	if (hx != hy)
		return hx < hy ? -1 : 1;
	x.m %= pow10_u128(x.scale);
	y.m %= pow10_u128(y.scale);
	x.m *= pow10_u128(s - x.scale);	/* below 10^s: fits */
	y.m *= pow10_u128(s - y.scale);
	return x.m < y.m ? -1 : x.m > y.m;
}

int
dec_is_zero(const struct dec *d)
{
	return d->m == 0;
}

int
dec_is_int(const struct dec *d)
{
	struct dec x = *d;

	dec_norm(&x);
	return x.scale == 0;
}

size_t
dec_format(const struct dec *d, char *out)
{
	char digits[DEC_MAX_DIGITS + 1];
	struct dec x = *d;
	size_t n = 0, len = 0, i;

	dec_norm(&x);
	do {
		digits[n++] = (char)('0' + (int)(x.m % 10));
		x.m /= 10;
	} while (x.m);
	/* digits[] holds the mantissa backwards. */
	if ((int)n <= x.scale) {
		out[len++] = '0';
		out[len++] = '.';
		for (i = n; (int)i < x.scale; i++)
			out[len++] = '0';
		while (n)
			out[len++] = digits[--n];
	} else {
		while ((int)n > x.scale)
			out[len++] = digits[--n];
		if (x.scale) {
			out[len++] = '.';
			while (n)
				out[len++] = digits[--n];
		}
	}
	out[len] = '\0';
	return len;
}
