/* read_text: decoding, then a file's text cut into its paragraphs or lines. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/util.h"
#include "read/internal.h"

struct read_text {
	enum read_by by;
	read_piece_fn fn;
	void *arg;
	struct textdec *dec;
	struct buf text;	/* decoded, not yet cut at line ends */
	struct buf para;	/* the paragraph (or, by file, the text) being gathered */
	uint64_t line, n;	/* lines seen, paragraphs given */
};

struct read_text *
read_text_new(const char *encoding, enum read_by by, read_piece_fn fn, void *arg)
{
	struct textdec *dec = textdec_new(encoding);
	struct read_text *t;

	if (dec == NULL)
		return NULL;
	t = xcalloc(1, sizeof *t);
	t->by = by;
	t->fn = fn;
	t->arg = arg;
	t->dec = dec;
	return t;
}

void
read_text_free(struct read_text *t)
{
	if (t == NULL)
		return;
	textdec_free(t->dec);
	buf_release(&t->text);
	buf_release(&t->para);
	free(t);
}

static int
blank(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len == 0;
}

/* One complete line of a paragraph or line split. */
static int
take_line(struct read_text *t, const char *s, size_t len)
{
	int rc;

	t->line++;
	if (t->by == READ_BY_LINE)
		return blank(s, len) ? 0 : t->fn(t->arg, s, len, t->line);
	if (!blank(s, len)) {
		if (t->para.len > 0)
			buf_addc(&t->para, '\n');
		buf_add(&t->para, s, len);
		return 0;
	}
	if (t->para.len == 0)
		return 0;
	rc = t->fn(t->arg, t->para.data, t->para.len, ++t->n);
	buf_reset(&t->para);
	return rc;
}

/*
 * Cut the decoded text at line ends.  By file, the lines are joined again
 * with "\n".  A line without its end waits for more bytes, and so does a
 * "\r" at the very end, which the next bytes may follow with its "\n".
 */
static int
cut(struct read_text *t, int eof)
{
	char *s = t->text.data, *end = s + t->text.len, *p = s;

	if (t->text.len == 0)
		return 0;
	while (p < end) {
		char *q = p;

		while (q < end && *q != '\n' && *q != '\r')
			q++;
		if (q == end && !eof)
			break;
		if (q + 1 == end && *q == '\r' && !eof)
			break;
		if (t->by == READ_BY_FILE) {
			buf_add(&t->para, p, (size_t)(q - p));
			if (q < end)
				buf_addc(&t->para, '\n');
		} else {
			int rc = take_line(t, p, (size_t)(q - p));

			if (rc < 0)
				return rc;
		}
		if (q < end && *q == '\r' && q + 1 < end && q[1] == '\n')
			q++;
		p = q < end ? q + 1 : q;
	}
	memmove(t->text.data, p, (size_t)(end - p));
	t->text.len = (size_t)(end - p);
	return 0;
}

int
read_text_feed(struct read_text *t, const char *p, size_t n)
{
	if (n == 0)
		return 0;
	textdec_feed(t->dec, p, n, 0, &t->text);
	return cut(t, 0);
}

int
read_text_end(struct read_text *t)
{
	int rc;

	textdec_feed(t->dec, "", 0, 1, &t->text);
	if ((rc = cut(t, 1)) < 0)
		return rc;
	if (t->by == READ_BY_FILE)
		return t->fn(t->arg, t->para.data ? t->para.data : "", t->para.len, 0);
	if (t->by == READ_BY_PARA && t->para.len > 0)
		return t->fn(t->arg, t->para.data, t->para.len, ++t->n);
	return 0;
}

const char *
read_text_encoding(const struct read_text *t)
{
	return textdec_name(t->dec);
}

uint64_t
read_text_replaced(const struct read_text *t)
{
	return textdec_replaced(t->dec);
}

void
read_id(const char *name, uint64_t num, struct buf *out)
{
	buf_reset(out);
	if (num == 0)
		buf_addstr(out, name);
	else
		buf_printf(out, "%s#%llu", name, (unsigned long long)num);
}

int
read_binary(const char *p, size_t n)
{
	if (n >= 2 && ((p[0] == '\xff' && p[1] == '\xfe') || (p[0] == '\xfe' && p[1] == '\xff')))
		return 0;
	if (n >= 4 && memcmp(p, "\0\0\xfe\xff", 4) == 0)
		return 0;
	if (n > READ_BINARY_SNIFF)
		n = READ_BINARY_SNIFF;
	return memchr(p, '\0', n) != NULL;
}

/* Whether 's' starts with 'lit', ignoring ASCII case. */
static int
starts_ci(const char *s, size_t n, const char *lit)
{
	size_t i, len = strlen(lit);

	if (n < len)
		return 0;
	for (i = 0; i < len; i++)
		if (((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]) != lit[i])
			return 0;
	return 1;
}

/* Whether 'name', less a .gz or .zst, ends with 'ext'. */
static int
has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	if (n > 3 && strcmp(name + n - 3, ".gz") == 0)
		n -= 3;
	else if (n > 4 && strcmp(name + n - 4, ".zst") == 0)
		n -= 4;
	return n > e && strncasecmp(name + n - e, ext, e) == 0;
}

enum read_format
read_sniff(const char *name, const char *p, size_t n)
{
	static const char *const html_starts[] = {
		"<!doctype html", "<html", "<head", "<meta", "<title", "<body", "<!--", "<?xml",
		"<script", "<link", "<style"
	};
	size_t i;

	if ((n >= 7 && memcmp(p, "WARC/1.", 7) == 0) || (n >= 11 && memcmp(p, "filedesc://", 11) == 0))
		return READ_WARC;	/* an ARC file goes to the WARC reader, which says it is one */
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3, n -= 3;
	while (n > 0 && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++, n--;
	for (i = 0; i < sizeof html_starts / sizeof html_starts[0]; i++)
		if (starts_ci(p, n, html_starts[i]))
			return READ_HTML;
	if (name != NULL && (has_ext(name, ".html") || has_ext(name, ".htm") ||
	    has_ext(name, ".xhtml")))
		return READ_HTML;
	if (name != NULL && has_ext(name, ".warc"))
		return READ_WARC;
	return READ_TEXT;
}
