/* norm: Unicode normalization and white-space clean-up of a text. */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/simd.h"
#include "core/utf8.h"
#include "norm/norm.h"

/* What the clean-up does with one code point. */
enum { KEEP, DROP, SPACE, NEWLINE };

static int
classify(int32_t cp)
{
	if (cp < 0x80) {
		if (cp == '\n' || cp == '\r')
			return NEWLINE;
		if (cp == '\v' || cp == '\f')
			return SPACE;
		if (cp < 0x20 && cp != '\t')
			return DROP;
		return cp == 0x7F ? DROP : KEEP;
	}
	if (cp < 0xA0)
		return cp == 0x85 ? NEWLINE : DROP;	/* C1 controls */
	switch (cp) {
	case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
		return SPACE;
	case 0xAD: case 0x180E: case 0x200B: case 0x2060: case 0xFEFF:
		return DROP;
	case 0x2028: case 0x2029:
		return NEWLINE;
	}
	if (cp >= 0x2000 && cp <= 0x200A)
		return SPACE;
	return KEEP;
}

/*
 * Whether a lead byte can start a character classify() does not keep:
 * C2 (U+0080..00BF), E1 (U+1680, U+180E), E2 (U+2000..206F), E3 (U+3000),
 * EF (U+FEFF).  Every other non-ASCII character is kept as it is.
 */
static inline int
suspect_lead(unsigned char c)
{
	return c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Whether all eight bytes of 'w' are printable ASCII other than space. */
static inline int
all_graphic(uint64_t w)
{
	return (((w - ONES * 0x21) & ~w) | w | (w + ONES)) & HIGHS ? 0 : 1;
}

/*
 * Whether 's' is already in 'form' and needs no white-space clean-up: this
 * must answer 1 only when cleaning would copy 's' unchanged.  One pass;
 * precomposed Hangul syllables (EA B0..ED 9D: U+AC00..U+D77F) are told from
 * their bytes, since they are most of a Korean text.  When the answer is 0,
 * '*form_bad' says whether a character that normalization may change was
 * seen, and '*at' how far the text was found to be in 'form' before the
 * problem (the rest is unchecked).
 */
static int
check_clean(const char *str, size_t len, int form, size_t *at, int *form_bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	int line_start = 1, prev_space = 0;
	unsigned blanks = 0;	/* empty lines in a row before this one */

	while (i < len) {
		unsigned char c;

		if (len - i > 32) {
			i = simd_skip_clean_valid(s, i, len, &line_start, &prev_space);
			if (i == len)
				break;
		}
		c = s[i];
		if (c >= 0x80) {
			int32_t cp;
			int n;

			if (len - i >= 3 && (c == 0xEB || c == 0xEC ||
			    (c == 0xEA && s[i + 1] >= 0xB0) ||
			    (c == 0xED && s[i + 1] < 0x9E)) &&
			    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
				i += 3;
			} else {
				n = utf8_decode(str + i, len - i, &cp);
				if (cp < 0 || !utf8_inert(cp, form)) {
					*at = i;
					*form_bad = 1;
					return 0;
				}
				if (suspect_lead(c) && classify(cp) != KEEP)
					goto space;
				i += (size_t)n;
			}
			line_start = prev_space = 0;
			continue;
		}
		if (c > ' ' && c < 0x7F) {
			i++;
			while (len - i >= 8) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if (!all_graphic(w))
					break;
				i += 8;
			}
			line_start = prev_space = 0;
			continue;
		}
		if (c == '\n') {
			if (prev_space)
				goto space;	/* trailing white space */
			if (!line_start)
				blanks = 0;
			else if (++blanks >= 3)
				goto space;
			line_start = 1;
			i++;
			continue;
		}
		if (c == ' ' || c == '\t') {
			if (line_start || (c == ' ' && s[i - 1] == ' '))
				goto space;	/* leading white space, or a run */
			prev_space = 1;
			i++;
			continue;
		}
		goto space;		/* a control character */
	}
	if ((line_start && blanks + 1 >= 3) || prev_space)
		goto space;	/* ends in blank lines, or white space */
	return 1;
space:
	*at = i;
	*form_bad = 0;
	return 0;
}

int
norm_is_clean(const char *s, size_t len, int form)
{
	size_t at;
	int form_bad;

	return check_clean(s, len, form, &at, &form_bad);
}

/* Where the clean-up stands in the output. */
struct cleaner {
	struct buf *out;
	size_t lines;		/* non-blank lines written */
	unsigned blanks;	/* blank lines since the last one */
	int content;		/* the current line has something */
};

/* Before the first thing on a line: the "\n"s that lead up to it. */
static void
line_begins(struct cleaner *cl)
{
	unsigned k = cl->blanks >= 3 ? 1 : cl->blanks;

	k += cl->lines > 0;
	while (k-- > 0)
		buf_addc(cl->out, '\n');
	cl->content = 1;
	cl->blanks = 0;
}

/* At a line end: cut trailing white space, count the line. */
static void
line_ends(struct cleaner *cl)
{
	struct buf *out = cl->out;

	if (!cl->content) {
		cl->blanks++;
		return;
	}
	while (out->len > 0 && (out->data[out->len - 1] == ' ' ||
	    out->data[out->len - 1] == '\t'))
		out->len--;
	if (out->data)
		out->data[out->len] = '\0';
	cl->lines++;
	cl->content = 0;
}

/*
 * The clean-up proper, over normalized text 's', appended to 'out'.  Lines
 * are written straight into 'out': white space at a line start is skipped,
 * at a line end cut off, and the "\n" before a line is written only once the
 * line turns out not to be blank, so runs of blank lines can be folded.
 * Runs of bytes that are kept as they are go across in one copy.
 */
static void
clean(const char *str, size_t len, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)str;
	struct cleaner cl = { out, 0, 0, 0 };
	size_t i = 0;

	while (i < len) {
		size_t j = i;
		int32_t cp;
		int n;

		/* Whole blocks that cleaning leaves alone go across at once. */
		if (len - i > 32) {
			int line_start = !cl.content;
			int prev_space = cl.content && out->data[out->len - 1] == ' ';

			j = simd_skip_clean_valid(s, i, len, &line_start, &prev_space);
		}
		/*
		 * A run kept as it is: graphic ASCII, unremarkable non-ASCII,
		 * and single spaces after something else on the line (a space
		 * that ends the line is cut off when the line ends).
		 */
		while (j < len) {
			unsigned char c = s[j];

			if (c > ' ' && c < 0x7F)
				j++;
			else if (c >= 0x80 && !suspect_lead(c))
				j += utf8_lead_len[c] ? utf8_lead_len[c] : 1;
			else if (c == ' ' && (j > i ? s[j - 1] != ' ' :
			    cl.content && out->data[out->len - 1] != ' '))
				j++;
			else
				break;
		}
		if (j > len)
			j = len;
		if (j > i) {
			if (!cl.content)
				line_begins(&cl);
			buf_add(out, str + i, j - i);
			i = j;
			if (i == len)
				break;
		}
		n = utf8_decode(str + i, len - i, &cp);
		switch (classify(cp)) {
		case NEWLINE:
			if (cp == '\r' && i + 1 < len && s[i + 1] == '\n')
				n = 2;
			line_ends(&cl);
			break;
		case DROP:
			break;
		case SPACE:
			cp = ' ';
			/* FALLTHROUGH */
		default:
			if (cp == ' ' || cp == '\t') {
				/* Not at a line start, nor after a space. */
				if (cl.content && (cp == '\t' ||
				    out->data[out->len - 1] != ' '))
					buf_addc(out, (char)cp);
				break;
			}
			if (!cl.content)
				line_begins(&cl);
			buf_add(out, str + i, (size_t)n);
		}
		i += (size_t)n;
	}
	if (cl.content) {
		line_ends(&cl);
		return;
	}
	/*
	 * The text ends on a blank line: as many "\n" as joining the lines
	 * would give, the run of blank lines (the last, empty one included)
	 * folded like any other.
	 */
	cl.blanks = cl.blanks + 1 >= 3 ? 1 : cl.blanks + 1;
	if (cl.lines == 0)
		cl.blanks--;
	while (cl.blanks-- > 0)
		buf_addc(out, '\n');
}

int
norm_text(const char *s, size_t len, int form, struct buf *out)
{
	struct buf nf = BUF_INIT;
	size_t start = out->len, at;
	int form_bad, same, round;

	if (check_clean(s, len, form, &at, &form_bad))
		return 0;
	/* Only white space was wrong so far: is the rest in 'form'? */
	if (!form_bad)
		form_bad = !utf8_is_normal(s + at, len - at, form);
	if (form_bad) {
		if (utf8_normalize(s, len, form, &nf) < 0)
			return -1;
		clean(nf.data ? nf.data : "", nf.len, out);
		buf_release(&nf);
	} else {
		clean(s, len, out);
	}
	/*
	 * Dropping a control or zero-width character can leave a combining
	 * mark right after a base it composes with ("Z\x01\u0302" becomes
	 * "Z\u0302"): normalize and clean again until the text stays put, so
	 * that cleaning clean text changes nothing.  Rare, and only text
	 * with characters normalization may touch gets the second look.
	 */
	for (round = 0; round < 4 && out->len > start &&
	    !utf8_is_normal(out->data + start, out->len - start, form); round++) {
		buf_reset(&nf);
		if (utf8_normalize(out->data + start, out->len - start, form,
		    &nf) != 1)
			break;
		out->len = start;
		clean(nf.data, nf.len, out);
	}
	buf_release(&nf);
	same = out->len - start == len && memcmp(out->data + start, s, len) == 0;
	if (same)
		out->len = start;
	return !same;
}
