/*
 * dec: exact non-negative decimals, for money values.
 *
 * A struct dec is m / 10^scale with an unsigned 128-bit mantissa kept below
 * 10^38 and 0 <= scale <= DEC_MAX_SCALE, so every amount that can be
 * written with 38 significant digits is held exactly: 9300조 is
 * 9300000000000000, 9999경 is 99990000000000000000, 1.5조 is
 * 1500000000000.  Nothing goes through a double.  Operations that would
 * leave that range return -1 and leave the result unspecified; callers drop
 * such a value rather than round it.
 */
#ifndef WINNOW_DEC_H
#define WINNOW_DEC_H

#include <stddef.h>
#include <stdint.h>

#define DEC_MAX_DIGITS 38
#define DEC_MAX_SCALE 38
/* Room for any formatted value: "0." then 37 zeros then a digit, and NUL. */
#define DEC_STRLEN 48

struct dec {
	unsigned __int128 m;
	int scale;
};

/* dec_int(n): the integer n. */
struct dec dec_int(uint64_t n);

/*
 * dec_parse(s, len, d): read ASCII digits with at most one '.', e.g.
 * "64.45" or "9300"; no sign, no separators.  Returns 0, or -1 when 's' is
 * empty, holds anything else, or has more than 38 significant digits.
 */
int dec_parse(const char *s, size_t len, struct dec *d);

/* dec_add(r, a, b): r = a + b.  0, or -1 when out of range.  'r' may alias. */
int dec_add(struct dec *r, const struct dec *a, const struct dec *b);

/* dec_mul(r, a, b): r = a * b, exactly.  0, or -1 when out of range. */
int dec_mul(struct dec *r, const struct dec *a, const struct dec *b);

/* dec_shift(d, e): d = d * 10^e; 'e' may be negative.  0, or -1. */
int dec_shift(struct dec *d, int e);

/* dec_cmp(a, b): -1, 0 or 1 as a <, = or > b. */
int dec_cmp(const struct dec *a, const struct dec *b);

/* dec_is_zero(d), dec_is_int(d): what they say. */
int dec_is_zero(const struct dec *d);
int dec_is_int(const struct dec *d);

/* dec_norm(d): drop trailing fraction zeros (2.50 becomes 2.5). */
void dec_norm(struct dec *d);

/*
 * dec_format(d, out): write 'd' with every digit and no exponent, trailing
 * fraction zeros dropped ("9300000000000000", "0.5", "64.45") into 'out',
 * which has room for DEC_STRLEN bytes.  Returns the length written.
 */
size_t dec_format(const struct dec *d, char *out);

#endif
