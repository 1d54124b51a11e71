/*
 * money_names: the currency tables lib/money.c matches against, generated
 * into lib/money_names.c by scripts/gen-money-names (from ISO 4217 as
 * Debian's iso-codes ships it, plus scripts/money-names.txt).  Private to
 * lib/money.c and its tests.
 */
#ifndef WINNOW_MONEY_NAMES_H
#define WINNOW_MONEY_NAMES_H

#include <stddef.h>

/* Where a name stands: before the number (US$ 5), after it (5 달러), or both. */
enum {
	MN_PRE = 1 << 0,
	MN_SUF = 1 << 1
};

/* What a name asks of the number beside it. */
enum {
	MN_CASE = 1 << 0,	/* exact case (USD, not usd) */
	MN_STRICT = 1 << 1,	/* one Korean syllable used as a word too (불) */
	MN_MONEYLIKE = 1 << 2,	/* separators, decimals, scale, or >= 100 and no year */
	MN_STRONG = 1 << 3,	/* separators, decimals or a scale word */
	MN_WEIGHT = 1 << 4	/* pound: no 200-pound man, no 5 pounds of apples */
};

struct money_code {
	const char *code;	/* "USD" */
	const char *name;	/* "US Dollar" */
	signed char family;	/* index in money_families, or -1 */
	unsigned char minor;	/* decimals of the main unit: 2 for USD, 0 for KRW */
};

/* An ambiguous currency ($, ¥, franc) and what it means by default. */
struct money_family {
	const char *key;	/* as --assume names it: "$", "franc" */
	short def;		/* index in money_codes */
};

/*
 * One surface form.  It names either a code (code >= 0) or a family
 * (family >= 0), times 10^exp: exp is 6 for MUSD, -2 for cents.  In 'text'
 * (lower case unless MN_CASE) a space stands for optional white space.
 */
struct money_name {
	const char *text;
	short code;
	signed char family;
	signed char exp;
	unsigned char pos;	/* MN_PRE | MN_SUF */
	unsigned char flags;	/* MN_CASE ... */
};

extern const struct money_code money_codes[];
extern const size_t money_ncodes;
extern const struct money_family money_families[];
extern const size_t money_nfamilies;
extern const struct money_name money_names[];
extern const size_t money_nnames;

#endif
