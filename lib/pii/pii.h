/*
 * pii: find personal data in Korean and English text, and mask or hash it.
 *
 *	EMAIL      hong@yna.co.kr, 홍길동@예시.한국, hong [at] yna [dot] co [dot] kr
 *	PHONE      010-1234-5678, 02)123-4567, +82 10 1234 5678, (202) 555-0143,
 *	           +44 20 7946 0958
 *	BIZ_PHONE  1588-1234, 080-123-4567, 1-800-555-0199: a business's line
 *	RRN        900101-1234567 (주민등록번호; 900101-1******: masked)
 *	FRN        900101-5234567 (외국인등록번호: the 7th digit is 5 to 8)
 *	BRN        124-81-00998 (사업자등록번호, its check digit)
 *	CRN        110111-0006246 with 법인, or its check digit (법인등록번호)
 *	CARD       4111 1111 1111 1111, 13 to 19 digits, Luhn
 *	ACCOUNT    bank account numbers, only beside 계좌, 입금, 은행, account...
 *	PASSPORT   M12345678, M123A4567, only beside 여권 or passport
 *	IP         192.168.0.1, 2001:db8::8a2e:370:7334
 *	SSN        078-05-1120, only beside SSN or Social Security
 *
 * 'valid' says whether a found item passes every check its kind has: the
 * check digit of an RRN, FRN, BRN or CRN, the Luhn digit of a card; it is
 * false for masked forms (900101-1******, 010-****-5678) and for numbers
 * found by their context despite a bad check digit.  Kinds without a check
 * are valid when found.  A number needs its whole shape, and the digits
 * around it must not continue it: 12-010-1234-5678, 010-1234-5678-9, a
 * number inside a URL, a date, an amount (1,234원, 2024년), a range
 * (1800-1900), 제3조, an ISBN or a version number are not personal data.
 *
 * Ownership: pii_find() fills a struct pii_list the caller owns and frees
 * with pii_list_release(); nothing points into the text.  Nothing is
 * shared between calls: pii_find() may run in many threads at once.
 *
 * The layer: an engine.  lib/pii includes core/ and its own folder only,
 * takes text (never a record) and never exits; this is its one public
 * header, and pii/internal.h is for its own files and unit tests.
 */
#ifndef WINNOW_PII_H
#define WINNOW_PII_H

#include <stddef.h>

#include "core/buf.h"
#include "core/jsonw.h"

enum pii_type {
	PII_EMAIL, PII_PHONE, PII_BIZ_PHONE, PII_RRN, PII_FRN, PII_BRN, PII_CRN,
	PII_CARD, PII_ACCOUNT, PII_PASSPORT, PII_IP, PII_SSN,
	PII_NTYPES
};

#define PII_ALL ((1u << PII_NTYPES) - 1)

struct pii {
	size_t start, end;	/* byte span in the text, end exclusive */
	unsigned char type;	/* enum pii_type */
	unsigned char valid;	/* passes its kind's checks (see above) */
};

struct pii_list {
	struct pii *v;
	size_t n, cap;
};

#define PII_LIST_INIT { NULL, 0, 0 }

struct pii_cfg {
	unsigned types;		/* 1u << PII_x for each kind looked for */
	int year;		/* now: a birth date after it is not one */
};

/* pii_cfg_init(cfg): every kind, and this year from the clock. */
void pii_cfg_init(struct pii_cfg *cfg);

/*
 * pii_find(cfg, s, len, out): find the personal data in text 's' (any
 * bytes; only valid UTF-8 around a number or address is read as text), in
 * order and without overlaps.  'out' is reset first; returns the number
 * found.
 */
size_t pii_find(const struct pii_cfg *cfg, const char *s, size_t len,
    struct pii_list *out);

void pii_list_release(struct pii_list *l);

/* pii_type_name(type): "EMAIL", "BIZ_PHONE"... */
const char *pii_type_name(int type);

/*
 * pii_types_parse(opt, list, types): read a comma-separated list of kind
 * names, any case ("email,phone,rrn"); "all" is every kind, and a name
 * after '-' is taken out ("-ip,-biz_phone": all but those two).  Returns 0
 * with '*types' set, or -1 after a message naming option 'opt'.
 */
int pii_types_parse(const char *opt, const char *list, unsigned *types);

/* pii_types_help(out): the kind names, comma-separated, for --help. */
void pii_types_help(struct buf *out);

/*
 * pii_canonical(s, p, out): append the canonical form of item 'p' of text
 * 's' to 'out', so that one number written two ways is one
 * value: the digits of a phone (+82 10 1234 5678 is 01012345678), an RRN,
 * a card...; an e-mail address in lower case with [at] and [dot] read; an
 * IP address in lower case.
 */
void pii_canonical(const char *s, const struct pii *p, struct buf *out);

/*
 * pii_json_list(w, s, l, with_text): the items of text 's' as an array of
 * {"start","end","type","text","valid"} objects, start and end in code
 * points; without "text" when 'with_text' is 0 (after pii_redact(), whose
 * spans point into the new text 's').
 */
void pii_json_list(struct jsonw *w, const char *s, const struct pii_list *l,
    int with_text);

/* How pii_redact() replaces what was found. */
enum pii_how {
	PII_MASK,		/* <PHONE>, <EMAIL>... */
	PII_MASK_CHAR,		/* one character per character: *************** */
	PII_HASH		/* <PHONE:3f8a...>: a keyed hash of the canonical form */
};

struct pii_redactor;

/*
 * pii_redactor_new(how, arg, arglen): a redactor; 'arg' is the character
 * for PII_MASK_CHAR (one UTF-8 character) and the key for PII_HASH (any
 * bytes), unused for PII_MASK.  The key is copied and kept only as HMAC
 * state.  Free with pii_redactor_free() (which clears it).
 */
struct pii_redactor *pii_redactor_new(enum pii_how how, const char *arg,
    size_t arglen);
void pii_redactor_free(struct pii_redactor *r);

/*
 * pii_redact(r, s, len, l, out): append text 's' to 'out' with each item
 * of 'l' (found in 's') replaced, and move each item's span to its
 * replacement in 'out' (byte offsets, relative to where 's' starts in it).
 *
 * The hash: HMAC-SHA256 under the key of "TYPE:" and the canonical form,
 * its first 8 bytes in hex: <PHONE:2f92b4d4672b3382> for 010-1234-5678
 * under the key "secret".  The same number gets the same hash in every
 * record and every run with the same key; without the key it cannot be
 * recomputed from a guess.
 */
void pii_redact(const struct pii_redactor *r, const char *s, size_t len,
    struct pii_list *l, struct buf *out);

#endif
