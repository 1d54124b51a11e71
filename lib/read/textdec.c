/* textdec: raw text of any common encoding to UTF-8, streaming. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "read/read.h"

struct textdec {
	char *name;		/* the encoding in use; NULL while undecided */
	int utf16;		/* undecided "utf-16": the BOM picks the order */
	iconv_t cd;		/* (iconv_t)-1 for UTF-8, which needs no iconv */
	struct buf held;	/* bytes not decoded yet */
	int started;		/* the BOM check is done */
	uint64_t replaced;
};

/* The iconv name for one of ours, or the name itself. */
static const char *
iconv_name(const char *name)
{
	if (strcasecmp(name, "cp949") == 0 || strcasecmp(name, "uhc") == 0)
		return "CP949";
	if (strcasecmp(name, "euc-kr") == 0)
		return "EUC-KR";
	if (strcasecmp(name, "latin1") == 0 || strcasecmp(name, "latin-1") == 0)
		return "ISO-8859-1";
	if (strcasecmp(name, "utf-16le") == 0)
		return "UTF-16LE";
	if (strcasecmp(name, "utf-16be") == 0)
		return "UTF-16BE";
	return name;
}

static int
is_utf8(const char *name)
{
	return strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0;
}

/* Settle on 'name'; 0, or -1 after a message when iconv does not know it. */
static int
use(struct textdec *d, const char *name)
{
	free(d->name);
	d->name = xstrdup(name);
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	d->cd = (iconv_t)-1;
	if (is_utf8(name))
		return 0;
	d->cd = iconv_open("UTF-8", iconv_name(name));
	if (d->cd == (iconv_t)-1) {
		warnx("unknown encoding '%s'", name);
		return -1;
	}
	return 0;
}

struct textdec *
textdec_new(const char *encoding)
{
	struct textdec *d = xcalloc(1, sizeof *d);

	d->cd = (iconv_t)-1;
	if (strcasecmp(encoding, "auto") == 0)
		return d;
	if (strcasecmp(encoding, "utf-16") == 0) {
		d->utf16 = 1;
		return d;
	}
	if (use(d, encoding) < 0) {
		textdec_free(d);
		return NULL;
	}
	return d;
}

/*
 * Whether 's' reads as UTF-8: all valid (a sequence cut off at the end
 * allowed), or valid multi-byte sequences at least twice as many as invalid
 * ones, as in a UTF-8 page with a few broken bytes, which must not be taken
 * for Latin-1 and garbled whole.  Latin-1 text makes almost no valid
 * sequences; CP949 Hangul about one in ten characters (leads C2..C8 with a
 * trail below C0), the rest invalid.
 */
static int
reads_as_utf8(const char *s, size_t len, int eof)
{
	size_t i = 0, good = 0, bad = 0;

	while (i < len) {
		size_t ok = utf8_check(s + i, len - i);
		int32_t cp;
		int n;

		for (n = 0; (size_t)n < ok; n++)
			good += ((unsigned char)s[i + (size_t)n] & 0xC0) == 0xC0;
		i += ok;
		if (i == len)
			break;
		n = utf8_decode(s + i, len - i, &cp);
		if (!eof && (size_t)n == len - i && len - i < 4)
			break;		/* cut off by the end of the sample */
		bad++;
		i += (size_t)n;
	}
	return bad == 0 || good >= 2 * bad;
}

/* Whether CP949 decodes 's' cleanly into text that is mostly Hangul. */
static int
looks_cp949(const char *s, size_t len, int eof)
{
	iconv_t cd = iconv_open("UTF-8", "CP949");
	struct buf out = BUF_INIT;
	char *in = (char *)s;
	size_t inleft = len, hangul = 0, other = 0, i = 0;
	int ok = 1;

	if (cd == (iconv_t)-1)
		return 0;
	buf_grow(&out, len * 2 + 4);
	{
		char *o = out.data;
		size_t oleft = out.cap - 1;

		if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1 &&
		    (errno != EINVAL || eof))
			ok = 0;
		out.len = (size_t)(o - out.data);
	}
	iconv_close(cd);
	while (ok && i < out.len) {
		int32_t cp;

		i += (size_t)utf8_decode(out.data + i, out.len - i, &cp);
		if (cp >= 0xAC00 && cp <= 0xD7A3)
			hangul++;
		else if (cp >= 0x80)
			other++;
	}
	buf_release(&out);
	return ok && hangul > 0 && hangul >= other;
}

/* Decide the encoding of "auto" from the held bytes. */
static void
sniff(struct textdec *d, int eof)
{
	const char *s = d->held.data ? d->held.data : "";
	size_t n = d->held.len;

	if (n >= 2 && ((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE))
		use(d, "utf-16le");
	else if (n >= 2 && ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF))
		use(d, "utf-16be");
	else if (d->utf16)
		use(d, "utf-16le");	/* no BOM: the Windows order */
	else if (reads_as_utf8(s, n, eof))
		use(d, "utf-8");
	else if (looks_cp949(s, n, eof))
		use(d, "cp949");
	else
		use(d, "latin1");
}

/* Drop a BOM of the encoding in use from the front of the held bytes. */
static void
drop_bom(struct textdec *d)
{
	static const struct {
		const char *name, *bom;
		size_t len;
	} boms[] = {
		{ "utf-8", "\xef\xbb\xbf", 3 },
		{ "utf-16le", "\xff\xfe", 2 },
		{ "utf-16be", "\xfe\xff", 2 },
	};
	size_t i;

	for (i = 0; i < sizeof boms / sizeof boms[0]; i++)
		if (strcasecmp(d->name, boms[i].name) == 0 &&
		    d->held.len >= boms[i].len &&
		    memcmp(d->held.data, boms[i].bom, boms[i].len) == 0) {
			memmove(d->held.data, d->held.data + boms[i].len,
			    d->held.len - boms[i].len);
			d->held.len -= boms[i].len;
		}
}

/* UTF-8 in, UTF-8 out: copy, replacing what is invalid. */
static size_t
feed_utf8(struct textdec *d, const char *s, size_t len, int eof, struct buf *out)
{
	size_t i = 0;

	while (i < len) {
		size_t ok = utf8_check(s + i, len - i);
		int32_t cp;
		int n;

		buf_add(out, s + i, ok);
		i += ok;
		if (i == len)
			break;
		n = utf8_decode(s + i, len - i, &cp);
		if (!eof && (size_t)n == len - i && len - i < 4)
			break;		/* perhaps completed by the next bytes */
		utf8_add(out, UTF8_REPLACEMENT);
		d->replaced++;
		i += (size_t)n;
	}
	return i;
}

/* Through iconv; returns the bytes consumed. */
static size_t
feed_iconv(struct textdec *d, const char *s, size_t len, int eof, struct buf *out)
{
	char *in = (char *)s;
	size_t inleft = len;

	while (inleft > 0) {
		char *in0 = in, *o;
		size_t inleft0 = inleft, len0 = out->len, oleft, r;

		buf_grow(out, inleft * 3 + 16);
		o = out->data + out->len;
		oleft = out->cap - out->len - 1;
		r = iconv(d->cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !eof)
			break;		/* an incomplete sequence: wait for more */
		if (errno == EILSEQ && inleft == 0 && !eof) {
			/*
			 * glibc's CP949 can report a bad pair that ends its
			 * input having consumed both bytes, where with the
			 * bytes after it it takes one: the result would
			 * depend on how the input was cut.  Convert again
			 * without the last two bytes; they wait for what
			 * follows them.
			 */
			in = in0;
			out->len = len0;
			out->data[len0] = '\0';
			iconv(d->cd, NULL, NULL, NULL, NULL);
			if (inleft0 <= 2)
				break;
			inleft = inleft0 - 2;
			continue;
		}
		/* EILSEQ, or EINVAL at the end: replace one byte, go on. */
		utf8_add(out, UTF8_REPLACEMENT);
		d->replaced++;
		if (inleft > 0) {	/* (at the end glibc may have taken it) */
			in++;
			inleft--;
		}
		iconv(d->cd, NULL, NULL, NULL, NULL);
	}
	return (size_t)(in - s);
}

void
textdec_feed(struct textdec *d, const char *in, size_t len, int eof,
    struct buf *out)
{
	size_t used;

	buf_add(&d->held, in, len);
	if (d->name == NULL) {
		if (d->held.len < (d->utf16 ? 2 : TEXTDEC_SNIFF) && !eof)
			return;
		sniff(d, eof);
	}
	if (!d->started) {
		if (d->held.len < 3 && !eof)
			return;
		drop_bom(d);
		d->started = 1;
	}
	if (d->held.len == 0)
		return;
	if (d->cd == (iconv_t)-1)
		used = feed_utf8(d, d->held.data, d->held.len, eof, out);
	else
		used = feed_iconv(d, d->held.data, d->held.len, eof, out);
	memmove(d->held.data, d->held.data + used, d->held.len - used);
	d->held.len -= used;
}

const char *
textdec_name(const struct textdec *d)
{
	return d->name ? d->name : "auto";
}

uint64_t
textdec_replaced(const struct textdec *d)
{
	return d->replaced;
}

void
textdec_free(struct textdec *d)
{
	if (d == NULL)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	buf_release(&d->held);
	free(d->name);
	free(d);
}
