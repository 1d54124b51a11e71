/*
 * pii/internal.h: what the files of lib/pii share (and its unit tests):
 * the scan state, the context-word test, the boundary rules and the check
 * digits.
 *
 *	pii.c      the scan: where a candidate can start; context; the list
 *	number.c   digit groups: phones, registration numbers, cards,
 *	           accounts, passports, SSNs, IPv4
 *	addr.c     e-mail addresses (plain, obfuscated, IDN) and IPv6
 *	check.c    check digits and dates of birth
 *	redact.c   masks and keyed hashes
 */
#ifndef WINNOW_PII_INTERNAL_H
#define WINNOW_PII_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/utf8.h"
#include "pii/pii.h"

struct scan {
	const char *s;
	size_t len;
	const struct pii_cfg *cfg;
	struct pii_list *out;
	size_t floor;		/* end of the last item: nothing starts before it */
};

/* mask_at(s, len, i): bytes of a masking character at 'i' (* x X ● ○ ＊), else 0. */
static inline int
mask_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i >= len)
		return 0;
	if (u[0] == '*' || u[0] == 'x' || u[0] == 'X')
		return 1;
	if (len - i >= 3 && ((u[0] == 0xE2 && u[1] == 0x97 && (u[2] == 0x8F || u[2] == 0x8B)) ||
	    (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8A)))
		return 3;
	return 0;
}

/* dash_at(s, len, i): bytes of a hyphen or dash at 'i' (- ‐ ‑ ‒ – — − －), else 0. */
static inline int
dash_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i >= len)
		return 0;
	if (u[0] == '-')
		return 1;
	if (len - i >= 3 && ((u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95) ||
	    (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) ||
	    (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8D)))
		return 3;
	return 0;
}

static inline int
wants(const struct scan *sc, int type)
{
	return (sc->cfg->types >> type) & 1;
}

/* pii_push(sc, start, end, type, valid): add an item; it moves the floor. */
void pii_push(struct scan *sc, size_t start, size_t end, int type, int valid);

/*
 * Context words, for kinds a shape alone cannot tell: lists end with NULL;
 * ASCII letters match in any case, whole words; "^word" must not follow a
 * Hangul syllable.  ctx_near(sc, start, end, words) looks
 * for one in the same line, up to CTX_BEFORE bytes before the item and
 * CTX_AFTER after it.
 */
#define CTX_BEFORE 64
#define CTX_AFTER 24
extern const char *const ctx_account[], *const ctx_passport[],
    *const ctx_ssn[], *const ctx_brn[], *const ctx_crn[], *const ctx_rrn[],
    *const ctx_card[], *const ctx_phone[], *const ctx_version[],
    *const ctx_not_phone[];
int ctx_near(const struct scan *sc, size_t start, size_t end,
    const char *const *words);
/* ctx_just_before(sc, start, words, bytes): one of 'words' ends within 'bytes' before 'start'. */
int ctx_just_before(const struct scan *sc, size_t start, const char *const *words,
    size_t bytes);

/*
 * word_just_before(sc, start, words): the word before 'start' (spaces, ':'
 * or '(' between) is one of 'words'.
 */
int word_just_before(const struct scan *sc, size_t start, const char *const *words);

/* in_url(sc, start): 'start' is inside a URL (a token with :// or www.). */
int in_url(const struct scan *sc, size_t start);

/* cp_at(s, len, i, &n): the code point at byte 'i' (n: its length), -1 if invalid. */
int32_t cp_at(const char *s, size_t len, size_t i, int *n);
/* cp_before(s, i, floor, &n): the code point ending at byte 'i', -1 if none. */
int32_t cp_before(const char *s, size_t i, size_t floor, int *n);

/* number_at(sc, i): the digit run at 'i' (its start); returns where to go on. */
size_t number_at(struct scan *sc, size_t i);
/* email_at(sc, i): the '@' (or ＠) at 'i'; returns where to go on. */
size_t email_at(struct scan *sc, size_t i);
/* email_obfuscated_at(sc, i): a bracket at 'i' that may hold [at]. */
size_t email_obfuscated_at(struct scan *sc, size_t i);
/* ipv6_at(sc, i): the ':' at 'i' may be inside an IPv6 address. */
size_t ipv6_at(struct scan *sc, size_t i);

/* Checks over digit strings ('0'..'9'), in check.c. */
int luhn_ok(const char *d, size_t n);
int card_prefix_ok(const char *d, size_t n);
/* rrn_kind(d, year): PII_RRN or PII_FRN when 13 digits start with a real birth date for their 7th digit, else -1. */
int rrn_kind(const char *d, int year);
int rrn_check_ok(const char *d);	/* 13 digits */
int frn_check_ok(const char *d);	/* 13 digits */
int crn_check_ok(const char *d);	/* 13 digits */
int brn_check_ok(const char *d);	/* 10 digits */
int ssn_ok(const char *d);		/* 9 digits: area, group and serial possible */

#endif
