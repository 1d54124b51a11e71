/*
 * parakey: the key of a paragraph, shared by dedupe, strip's templates and
 * stats, so that all three call the same lines the same.
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "core/parakey.h"
#include "core/utf8.h"

/* What the key does with each ASCII byte. */
enum {
	A_INK = 1,		/* not white space: the line is not blank */
	A_KEEP = 2,		/* letters, digits and symbols stay */
	A_UPPER = 4		/* and are folded to lower case */
};

/*
 * Built from the rules above: white space 0, other controls and punctuation
 * A_INK, digits, lower case and $+<=>^`|~ A_INK|A_KEEP, upper case
 * A_INK|A_KEEP|A_UPPER.
 */
static const unsigned char ascii_class[128] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 1,
	1, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 1, 1, 1, 3, 1,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 3, 1, 3, 1,
};

/* Punctuation, separators, controls and format characters: dropped. */
static inline int
dropped_category(int cat)
{
	return (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO) ||
	    (cat >= UTF8PROC_CATEGORY_ZS && cat <= UTF8PROC_CATEGORY_CF);
}

/*
 * Punctuation whose NFKC form keeps a combining mark (U+2017 is a space and
 * U+0333): it cannot simply be dropped before normalizing.
 */
static inline int
punct_with_mark(int32_t cp)
{
	return cp == 0x2017 || cp == 0x203E || (cp >= 0xFE49 && cp <= 0xFE4C);
}

/*
 * One pass over 's': append its key to 'key' and return the weight, or
 * return -1 when a character needs normalizing first (only when
 * 'normalized' is 0; the caller then normalizes and calls again).
 */
static long
key_pass(const char *str, size_t len, struct buf *key, int normalized,
    int *blank)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char *out;
	size_t i = 0, o;
	long weight = 0;
	int ink = 0;

	/* The key is never longer than its line: write it in place. */
	buf_grow(key, len);
	out = (unsigned char *)key->data;
	o = key->len;
	while (i < len) {
		unsigned c = s[i];
		size_t at;
		int32_t cp;
		int cat;

		if (c < 0x80) {
			unsigned k = ascii_class[c];

			ink |= k;
			if (k & A_KEEP) {
				out[o++] = (unsigned char)(k & A_UPPER ? c + 32 : c);
				weight++;
			}
			i++;
			continue;
		}
		at = i;
		cp = utf8_next(str, len, &i);
		if (utf8_is_hangul_syllable(cp) || (cp >= 0x4E00 && cp <= 0x9FFF)) {
			/* Hangul syllables and CJK ideographs: the common case. */
			memcpy(out + o, s + at, 3);
			o += 3;
			weight += 2;
			ink = 1;
			continue;
		}
		cat = utf8proc_category(cp);
		if (cat < UTF8PROC_CATEGORY_ZS || cat > UTF8PROC_CATEGORY_ZP)
			ink = 1;
		if (!normalized && (punct_with_mark(cp) ||
		    (!dropped_category(cat) && !utf8_is_normal(str + at, i - at,
		    UTF8_NFKC | UTF8_CASEFOLD)))) {
			out[key->len] = '\0';
			return -1;
		}
		if (!dropped_category(cat)) {
			int w = utf8proc_charwidth(cp);

			memcpy(out + o, s + at, i - at);
			o += i - at;
			weight += w > 0 ? w : 0;
		}
	}
	key->len = o;
	out[o] = '\0';
	*blank = !(ink & A_INK);
	return weight;
}

size_t
para_key(const char *s, size_t len, struct buf *key, int *blank)
{
	struct buf norm = BUF_INIT;
	long w = key_pass(s, len, key, 0, blank);

	if (w >= 0)
		return (size_t)w;
	/* Rare: a character NFKC or case folding changes.  Normalize the
	 * line whole (characters may compose across it), then filter. */
	if (utf8_normalize(s, len, UTF8_NFKC | UTF8_CASEFOLD, &norm) < 0) {
		buf_release(&norm);
		return 0;	/* not valid UTF-8: the record layer prevents it */
	}
	w = key_pass(norm.data ? norm.data : "", norm.len, key, 1, blank);
	buf_release(&norm);
	return (size_t)w;
}
