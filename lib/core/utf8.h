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
