/*
 * check: the check digits and dates that tell a registration or card
 * number from digits of the same shape.
 *
 *	RRN, FRN  YYMMDD-GNNNNNC: G gives century and sex (1, 2: 1900s;
 *	          3, 4: 2000s; 5 to 8 the same for foreign residents; 9, 0:
 *	          1800s, no one alive); C over the first 12 with weights
 *	          2..9,2..5: RRN (11 - sum mod 11) mod 10, FRN that plus 2.
 *	          Numbers issued since October 2020 have no check digit.
 *	BRN       NNN-NN-NNNNC: weights 1,3,7,1,3,7,1,3,5, plus d9 * 5 / 10,
 *	          C = (10 - sum mod 10) mod 10
 *	CRN       NNNNNN-NNNNNNC: weights 1,2 alternating (no digit sums),
 *	          C = (10 - sum mod 10) mod 10
 *	card      Luhn, and an issuer prefix of the length
 *	SSN       AAA-GG-SSSS: area not 000, 666 or 900-999; group not 00;
 *	          serial not 0000
 */
#include "pii/internal.h"

#define D(i) (d[i] - '0')

int
luhn_ok(const char *d, size_t n)
{
	unsigned sum = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned v = (unsigned)D(n - 1 - i);

		if (i & 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

/*
 * The issuer prefixes cards of each length start with: Visa 4 (13, 16,
 * 19); Mastercard 51-55 and 2221-2720; Amex 34, 37 (15); Diners 30, 36, 38,
 * 39 (14, 16); JCB 35; Discover 6011, 64, 65; UnionPay 62, 81; Maestro 50,
 * 56-69; Korean domestic cards 9 (16).
 */
int
card_prefix_ok(const char *d, size_t n)
{
	int p2 = D(0) * 10 + D(1), p4 = p2 * 100 + D(2) * 10 + D(3);

	switch (d[0]) {
	case '2':
		return n == 16 && p4 >= 2221 && p4 <= 2720;
	case '3':
		if (p2 == 34 || p2 == 37)
			return n == 15;
		if (p2 == 30 || p2 == 36 || p2 == 38 || p2 == 39)
			return n == 14 || n == 16;
		return p2 == 35 && n >= 16;
	case '4':
		return n == 13 || n == 16 || n == 19;
	case '5':
		return p2 >= 51 && p2 <= 55 ? n == 16 : (p2 == 50 || p2 >= 56) && n >= 12;
	case '6':
		return n >= 16;
	case '8':
		return p2 == 81 && n >= 16;
	case '9':
		return n == 16;
	}
	return 0;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
rrn_kind(const char *d, int year)
{
	static const unsigned char mdays[13] = {
		0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int yy = D(0) * 10 + D(1), mm = D(2) * 10 + D(3), dd = D(4) * 10 + D(5);
	int g = D(6), y;

	switch (g) {
	case 1: case 2: case 5: case 6:
		y = 1900 + yy;
		break;
	case 3: case 4: case 7: case 8:
		y = 2000 + yy;
		break;
	default:
		return -1;	/* 1800s: no holder is alive */
	}
	if (y > year || mm < 1 || mm > 12 || dd < 1 || dd > mdays[mm] ||
	    (mm == 2 && dd == 29 && !leap(y)))
		return -1;
	return g >= 5 ? PII_FRN : PII_RRN;
}

static unsigned
rrn_sum(const char *d)
{
	static const unsigned char w[12] = { 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5 };
	unsigned sum = 0;
	int i;

	for (i = 0; i < 12; i++)
		sum += w[i] * (unsigned)D(i);
	return sum;
}

int
rrn_check_ok(const char *d)
{
	return (11 - rrn_sum(d) % 11) % 10 == (unsigned)D(12);
}

int
frn_check_ok(const char *d)
{
	return ((11 - rrn_sum(d) % 11) % 10 + 2) % 10 == (unsigned)D(12);
}

int
crn_check_ok(const char *d)
{
	unsigned sum = 0;
	int i;

	for (i = 0; i < 12; i++)
		sum += (unsigned)D(i) * (i & 1 ? 2 : 1);
	return (10 - sum % 10) % 10 == (unsigned)D(12);
}

int
brn_check_ok(const char *d)
{
	static const unsigned char w[9] = { 1, 3, 7, 1, 3, 7, 1, 3, 5 };
	unsigned sum = 0;
	int i;

	for (i = 0; i < 9; i++)
		sum += w[i] * (unsigned)D(i);
	sum += (unsigned)D(8) * 5 / 10;
	return (10 - sum % 10) % 10 == (unsigned)D(9);
}

int
ssn_ok(const char *d)
{
	int area = D(0) * 100 + D(1) * 10 + D(2);

	return area != 0 && area != 666 && area < 900 &&
	    (D(3) | D(4)) != 0 && (D(5) | D(6) | D(7) | D(8)) != 0;
}
