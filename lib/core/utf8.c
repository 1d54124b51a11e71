/* utf8: validation, decoding, code-point offsets and normalization. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/buf.h"
#include "core/simd.h"
#include "core/utf8.h"
#include "core/util.h"

/*
 * The byte-level validator is hand-written rather than a loop over
 * utf8proc_iterate(): it runs on every string of every record, and a
 * word-at-a-time ASCII skip plus a table of lead bytes is several times
 * faster.  tests/check_utf8.c checks it against utf8proc on every 1- to
 * 4-byte sequence class.
 */

const unsigned char utf8_lead_len[256] = {
	/* 00..7F */
	1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
	1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
	1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
	1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
	/* 80..BF: continuation bytes, never a lead */
	0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
	0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
	/* C0, C1: overlong; C2..DF: two bytes */
	0,0,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
	/* E0..EF: three bytes */
	3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,
	/* F0..F4: four bytes; F5..FF: invalid */
	4,4,4,4,4,0,0,0,0,0,0,0,0,0,0,0,
};

/* The valid range of the second byte, which depends on the lead byte. */
static inline int
second_ok(unsigned char lead, unsigned char b)
{
	switch (lead) {
	case 0xE0: return b >= 0xA0 && b <= 0xBF;	/* no overlongs */
	case 0xED: return b >= 0x80 && b <= 0x9F;	/* no surrogates */
	case 0xF0: return b >= 0x90 && b <= 0xBF;	/* no overlongs */
	case 0xF4: return b >= 0x80 && b <= 0x8F;	/* <= U+10FFFF */
	default: return (b & 0xC0) == 0x80;
	}
}

/*
 * The length of the valid sequence at 's', or 0 when invalid; '*bad' is then
 * the length of the maximal invalid subpart.
 */
static inline int
seq_len(const unsigned char *s, size_t len, int *bad)
{
	int n = utf8_lead_len[s[0]];
	int i;

	if (n == 1)
		return 1;
	*bad = 1;
	if (n == 0)
		return 0;
	if (len < 2 || !second_ok(s[0], s[1]))
		return 0;
	for (i = 2; i < n; i++) {
		*bad = i;
		if ((size_t)i >= len || (s[i] & 0xC0) != 0x80)
			return 0;
	}
	return n;
}

size_t
utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		int n;

		if (s[i] < 0x80) {
			/* Skip ASCII eight bytes at a time. */
			while (i + 8 <= len) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			while (i < len && s[i] < 0x80)
				i++;
			continue;
		}
		n = utf8_seq(s + i, len - i);
		if (n == 0)
			return i;
		i += (size_t)n;
	}
	return len;
}

int
utf8_decode(const char *str, size_t len, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	int n, bad = 1;

	n = seq_len(s, len, &bad);
	switch (n) {
	case 1:
		*cp = s[0];
		return 1;
	case 2:
		*cp = (int32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	case 3:
		*cp = (int32_t)(s[0] & 0x0F) << 12 | (int32_t)(s[1] & 0x3F) << 6 |
		    (s[2] & 0x3F);
		return 3;
	case 4:
		*cp = (int32_t)(s[0] & 0x07) << 18 | (int32_t)(s[1] & 0x3F) << 12 |
		    (int32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
		return 4;
	}
	*cp = -1;
	return bad;
}

int
utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

void
utf8_add(struct buf *b, int32_t cp)
{
	char tmp[4];

	buf_add(b, tmp, (size_t)utf8_encode(cp, tmp));
}

size_t
utf8_count(const char *str, size_t len)
{
	/* Every byte but a continuation byte starts a code point. */
	return len - simd_count_cont((const unsigned char *)str, len);
}

size_t
utf8_repair(const char *s, size_t len, struct buf *out)
{
	size_t i = 0, fixed = 0;

	while (i < len) {
		size_t ok = utf8_check(s + i, len - i);
		int32_t cp;

		buf_add(out, s + i, ok);
		i += ok;
		if (i == len)
			break;
		i += (size_t)utf8_decode(s + i, len - i, &cp);
		utf8_add(out, UTF8_REPLACEMENT);
		fixed++;
	}
	return fixed;
}

size_t
utf8_pos_cp(struct utf8_pos *pos, const char *s, size_t byte)
{
	if (byte < pos->byte) {
		pos->byte = 0;
		pos->cp = 0;
	}
	pos->cp += utf8_count(s + pos->byte, byte - pos->byte);
	pos->byte = byte;
	return pos->cp;
}

size_t
utf8_cp_byte(const char *str, size_t len, size_t cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	for (; i < len; i++)
		if ((s[i] & 0xC0) != 0x80 && cp-- == 0)
			return i;
	return len;
}

/*
 * Whether no normalization in 'form' can change code point 'cp' or let it
 * combine with the character before it: a starter (combining class 0) with
 * no decomposition of the kind 'form' applies, that is never the second
 * half of a composition (utf8proc marks those with bit 15 of comb_index;
 * Hangul vowel and trailing jamo compose algorithmically, so they are listed).
 */
int
utf8_inert(int32_t cp, int form)
{
	const utf8proc_property_t *p;

	if (cp < 0x80)
		return !(form & UTF8_CASEFOLD) || cp < 'A' || cp > 'Z';
	if (cp >= 0xAC00 && cp <= 0xD7A3)	/* precomposed Hangul */
		return 1;
	if (cp >= 0x4E00 && cp <= 0x9FFF)	/* CJK ideographs */
		return 1;
	if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF))
		return 0;			/* Hangul V and T jamo */
	p = utf8proc_get_property(cp);
	if (p->combining_class != 0)
		return 0;
	if (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000))
		return 0;
	if (p->decomp_seqindex != UINT16_MAX &&
	    ((form & UTF8_NFKC) || p->decomp_type == 0))
		return 0;
	if ((form & UTF8_CASEFOLD) && p->casefold_seqindex != UINT16_MAX)
		return 0;
	return 1;
}

int
utf8_is_normal(const char *s, size_t len, int form)
{
	size_t i = 0;

	while (i < len) {
		if (!(form & UTF8_CASEFOLD) && len - i > 32) {
			i = simd_skip_hangul_valid((const unsigned char *)s, i, len);
			if (i == len)
				break;
		}
		const unsigned char *u = (const unsigned char *)s + i;
		int32_t cp;
		int n;

		if (*u < 0x80 && !(form & UTF8_CASEFOLD)) {
			i++;
			continue;
		}
		/* Precomposed Hangul (U+AC00..U+D77F) from its bytes. */
		if (len - i >= 3 && (*u == 0xEB || *u == 0xEC ||
		    (*u == 0xEA && u[1] >= 0xB0) || (*u == 0xED && u[1] < 0x9E)) &&
		    (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp < 0 || !utf8_inert(cp, form))
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/* Run one stretch that may change through utf8proc, appending the result. */
static int
map_stretch(const char *s, size_t len, int form, struct buf *out)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n;
	int opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
	int changed;

	if (form & UTF8_NFKC)
		opts |= UTF8PROC_COMPAT;
	if (form & UTF8_CASEFOLD)
		opts |= UTF8PROC_CASEFOLD;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &dst, (utf8proc_option_t)opts);
	if (n < 0) {
		free(dst);
		if (n == UTF8PROC_ERROR_NOMEM)
			out_of_memory();
		return -1;
	}
	changed = (size_t)n != len || memcmp(dst, s, len) != 0;
	buf_add(out, dst, (size_t)n);
	free(dst);
	return changed;
}

int
utf8_normalize(const char *s, size_t len, int form, struct buf *out)
{
	size_t start = out->len;
	size_t i = 0, copied = 0;	/* s[copied..i) is inert, not yet copied */
	size_t last = 0;		/* start of the last inert character */
	int changed = 0;

	if (utf8_check(s, len) != len)
		return -1;
	while (i < len) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		size_t end;
		int r;

		if (utf8_inert(cp, form)) {
			last = i;
			i += (size_t)n;
			continue;
		}
		/*
		 * A stretch that may change starts at the inert character
		 * before it (which it might compose with) and runs to the next
		 * inert character, which nothing can reorder or compose across.
		 */
		if (last < copied || last >= i)
			last = copied;
		buf_add(out, s + copied, last - copied);
		end = i + (size_t)n;
		while (end < len) {
			n = utf8_decode(s + end, len - end, &cp);
			if (utf8_inert(cp, form))
				break;
			end += (size_t)n;
		}
		r = map_stretch(s + last, end - last, form, out);
		if (r < 0) {
			out->len = start;
			return -1;
		}
		changed |= r;
		copied = i = last = end;
	}
	buf_add(out, s + copied, len - copied);
	return changed;
}
