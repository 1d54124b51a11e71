/*
 * utf8: validation, decoding, code-point offsets and normalization.
 *
 * Text is UTF-8 held as pointer and length; it may contain NUL.  Functions
 * that take text documented as "valid" assume utf8_check() has passed on it
 * (every string the record layer decodes is valid: bad bytes are refused,
 * lone surrogates become U+FFFD).  Offsets are counted in code points, the
 * numbers Python's text[start:end] uses.
 */
#ifndef WINNOW_UTF8_H
#define WINNOW_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define UTF8_REPLACEMENT 0xFFFD

/*
 * utf8_check(s, len): the length of the longest valid UTF-8 prefix of 's';
 * 'len' when all of it is valid.  Strict: overlong forms, surrogates
 * (ED A0..BF) and code points above U+10FFFF are invalid.
 */
size_t utf8_check(const char *s, size_t len);

/* Bytes a sequence starting with this lead byte takes; 0 for an invalid lead. */
extern const unsigned char utf8_lead_len[256];

/*
 * utf8_seq(s, len): the length of the valid sequence at 's' ('len' > 0), or
 * 0 when it is invalid.  Inline for scanners that validate as they go.
 */
static inline int
utf8_seq(const unsigned char *s, size_t len)
{
	int n = utf8_lead_len[s[0]];

	if (n <= 1)
		return n;
	if (len < (size_t)n)
		return 0;
	switch (s[0]) {
	case 0xE0: if (s[1] < 0xA0 || s[1] > 0xBF) return 0; break;
	case 0xED: if (s[1] < 0x80 || s[1] > 0x9F) return 0; break;
	case 0xF0: if (s[1] < 0x90 || s[1] > 0xBF) return 0; break;
	case 0xF4: if (s[1] < 0x80 || s[1] > 0x8F) return 0; break;
	default: if ((s[1] & 0xC0) != 0x80) return 0;
	}
	if (n >= 3 && (s[2] & 0xC0) != 0x80)
		return 0;
	if (n == 4 && (s[3] & 0xC0) != 0x80)
		return 0;
	return n;
}

/*
 * utf8_decode(s, len, &cp): decode the code point at 's' ('len' > 0) and
 * return the bytes it takes (1 to 4).  On an invalid sequence '*cp' is -1
 * and the return is the length of its maximal invalid subpart, so a caller
 * replacing each such run with one U+FFFD matches Unicode's recommended
 * practice (and Python's errors="replace").
 */
int utf8_decode(const char *s, size_t len, int32_t *cp);

/*
 * utf8_next(s, len, &i): decode the code point at s[i] (i < len) and move
 * 'i' past it.  Made for valid text, where ASCII and the three-byte
 * characters (all of Hangul and CJK) take an inline path; anything else
 * goes through utf8_decode(), so invalid bytes give -1 and advance by
 * their maximal invalid subpart, never past 'len'.
 *
 *	for (i = 0; i < len; )
 *		if (utf8_is_hangul_syllable(utf8_next(s, len, &i)))
 *			syllables++;
 */
static inline int32_t
utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	int32_t cp;

	if (u[0] < 0x80) {
		*i += 1;
		return u[0];
	}
	if ((u[0] & 0xF0) == 0xE0 && len - *i >= 3 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {
		cp = (int32_t)((u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 |
		    (u[2] & 0x3F));
		if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
			*i += 3;
			return cp;
		}
	}
	*i += (size_t)utf8_decode(s + *i, len - *i, &cp);
	return cp;
}

/*
 * ASCII classes, the same in every locale (ctype's isalpha is not): for
 * the digits, Latin letters and hex digits that formats are written with.
 */
static inline int
ascii_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline int
ascii_is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static inline int
ascii_is_alnum(unsigned char c)
{
	return ascii_is_digit(c) || ascii_is_alpha(c);
}

static inline int
ascii_is_hex(unsigned char c)
{
	return ascii_is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/*
 * Hangul.  The 11,172 precomposed syllables run from U+AC00 (가) to U+D7A3
 * (힣), in the order initial * 588 + medial * 28 + final; their UTF-8
 * starts with a byte from EA to ED.
 */
#define UTF8_HANGUL_FIRST 0xAC00
#define UTF8_HANGUL_COUNT 11172

/* utf8_is_hangul_syllable(cp): a precomposed syllable, 가 to 힣. */
static inline int
utf8_is_hangul_syllable(int32_t cp)
{
	return cp >= UTF8_HANGUL_FIRST &&
	    cp < UTF8_HANGUL_FIRST + UTF8_HANGUL_COUNT;
}

/*
 * utf8_is_hangul_jamo(cp): a letter of the two jamo blocks in common use:
 * Hangul Jamo (U+1100..U+11FF, the conjoining letters) and Hangul
 * Compatibility Jamo (U+3130..U+318F, ㄱ ㅏ as typed alone).
 */
static inline int
utf8_is_hangul_jamo(int32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F);
}

/*
 * utf8_is_hangul(cp): any Hangul code point: syllables, the jamo above,
 * and the rarer blocks (Jamo Extended-A and -B, halfwidth jamo).
 */
static inline int
utf8_is_hangul(int32_t cp)
{
	return utf8_is_hangul_syllable(cp) || utf8_is_hangul_jamo(cp) ||
	    (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF) ||
	    (cp >= 0xFFA0 && cp <= 0xFFDC);
}

/*
 * utf8_hangul_at(s, len): the index (0 to UTF8_HANGUL_COUNT - 1) of the
 * Hangul syllable that valid text 's' starts with, or -1: the test a
 * scanner makes on the bytes, without decoding anything else.
 */
static inline int32_t
utf8_hangul_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	int32_t cp;

	if (len < 3 || u[0] < 0xEA || u[0] > 0xED)
		return -1;
	cp = (int32_t)((u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F));
	cp -= UTF8_HANGUL_FIRST;
	return cp >= 0 && cp < UTF8_HANGUL_COUNT ? cp : -1;
}

/* utf8_encode(cp, out): write 'cp' to 'out' (room for 4); return its length. */
int utf8_encode(int32_t cp, char *out);

/* utf8_add(b, cp): append the encoding of 'cp' to 'b'. */
void utf8_add(struct buf *b, int32_t cp);

/* utf8_count(s, len): the number of code points in valid text 's'. */
size_t utf8_count(const char *s, size_t len);

/*
 * utf8_repair(s, len, out): append 's' to 'out' with each maximal invalid
 * subpart replaced by U+FFFD; return the number of replacements.
 */
size_t utf8_repair(const char *s, size_t len, struct buf *out);

/*
 * A forward cursor turning byte offsets into code-point offsets in one pass
 * over the text: ask for offsets in increasing order.
 *
 *	struct utf8_pos pos = UTF8_POS_INIT;
 *	start = utf8_pos_cp(&pos, s, match_start);
 *	end = utf8_pos_cp(&pos, s, match_end);
 */
struct utf8_pos {
	size_t byte;
	size_t cp;
};
#define UTF8_POS_INIT { 0, 0 }

/*
 * utf8_pos_cp(pos, s, byte): the code-point offset of byte offset 'byte' of
 * valid text 's'.  When 'byte' is behind the cursor it counts from the start.
 */
size_t utf8_pos_cp(struct utf8_pos *pos, const char *s, size_t byte);

/* utf8_cp_byte(s, len, cp): the byte offset of code point 'cp' (or 'len'). */
size_t utf8_cp_byte(const char *s, size_t len, size_t cp);

/* Normalization forms, and a flag to case-fold as well (for keys). */
enum {
	UTF8_NFC = 0,
	UTF8_NFKC = 1,
	UTF8_CASEFOLD = 2
};

/*
 * utf8_inert(cp, form): 1 when no normalization in 'form' can change code
 * point 'cp' or make it combine with the character before it.
 */
int utf8_inert(int32_t cp, int form);

/*
 * utf8_is_normal(s, len, form): 1 when valid text 's' is certainly already
 * in 'form' (one pass, no allocation: ASCII, precomposed Hangul, CJK and
 * other characters that no normalization can touch), 0 when it may not be.
 */
int utf8_is_normal(const char *s, size_t len, int form);

/*
 * utf8_normalize(s, len, form, out): append 's' in normalization 'form'
 * (UTF8_NFC or UTF8_NFKC, optionally | UTF8_CASEFOLD) to 'out'.  Runs of
 * characters no normalization can change are copied; only the stretches
 * around the others go through utf8proc.  Returns 1 when the result differs
 * from 's', 0 when it is the same bytes, -1 when 's' is not valid UTF-8
 * (nothing appended).
 */
int utf8_normalize(const char *s, size_t len, int form, struct buf *out);

#endif
