/*
 * warc: WARC 1.0/1.1 archives read record by record, in bounded memory,
 * and the HTTP responses inside them.  Written here rather than taken
 * from a library: the format is a header block and a length, and what a
 * corpus reader needs (skip what it does not want without holding it,
 * resynchronize after a broken record, say where) is simplest in a page
 * of code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/util.h"
#include "read/internal.h"

#define WARC_MAX_HEADER (64 * 1024)	/* a record's header block */
#define WARC_CHUNK (64 * 1024)

struct warc {
	warc_read_fn fn;
	void *arg;
	size_t max_block;
	struct buf in;		/* bytes read, from 'pos' on not yet taken */
	size_t pos;
	uint64_t off;		/* stream offset of in.data[0] */
	int eof, error;
	struct buf head;	/* the current record's header block, fields NUL-ended */
	struct buf block;	/* its block, when kept */
	char msg[160];
};

struct warc *
warc_new(warc_read_fn fn, void *arg, size_t max_block)
{
	struct warc *w = xcalloc(1, sizeof *w);

	w->fn = fn;
	w->arg = arg;
	w->max_block = max_block;
	return w;
}

void
warc_free(struct warc *w)
{
	if (w == NULL)
		return;
	buf_release(&w->in);
	buf_release(&w->head);
	buf_release(&w->block);
	free(w);
}

const char *
warc_error(const struct warc *w)
{
	return w->msg;
}

/* Have at least 'need' bytes after pos, unless the input ends: 0, or -1 on a read error. */
static int
fill(struct warc *w, size_t need)
{
	if (w->pos > 0 && w->pos >= w->in.len / 2) {
		memmove(w->in.data, w->in.data + w->pos, w->in.len - w->pos);
		w->in.len -= w->pos;
		w->off += w->pos;
		w->pos = 0;
	}
	while (!w->eof && w->in.len - w->pos < need) {
		ssize_t n;

		buf_grow(&w->in, WARC_CHUNK);
		n = w->fn(w->arg, w->in.data + w->in.len, WARC_CHUNK);
		if (n < 0) {
			w->error = 1;
			return -1;
		}
		if (n == 0)
			w->eof = 1;
		w->in.len += (size_t)n;
	}
	return 0;
}

static size_t
avail(const struct warc *w)
{
	return w->in.len - w->pos;
}

/* Skip 'n' bytes, reading through them; returns how many there were. */
static uint64_t
skip(struct warc *w, uint64_t n)
{
	uint64_t done = 0;

	while (done < n) {
		size_t take;

		if (avail(w) == 0 && (fill(w, 1) < 0 || avail(w) == 0))
			break;
		take = avail(w) < n - done ? avail(w) : (size_t)(n - done);
		w->pos += take;
		done += take;
	}
	return done;
}

/* Where the next "WARC/1." at the start of a line is, after a broken record. */
static void
resync(struct warc *w)
{
	for (;;) {
		const char *p, *q;

		if (fill(w, 8) < 0 || avail(w) < 8) {
			w->pos = w->in.len;
			return;
		}
		p = w->in.data + w->pos + 1;
		q = memmem(p, (size_t)(w->in.data + w->in.len - p), "\nWARC/1.", 8);
		if (q != NULL) {
			w->pos = (size_t)(q + 1 - w->in.data);
			return;
		}
		/* keep the last 7 bytes, which may begin the marker */
		w->pos = w->in.len - 7;
		if (w->eof) {
			w->pos = w->in.len;
			return;
		}
		if (fill(w, avail(w) + WARC_CHUNK) < 0)
			return;
	}
}

/* A header field's value in the NUL-ended header block, or NULL. */
static const char *
field(const struct warc *w, const char *name)
{
	const char *p = w->head.data, *end;
	size_t n = strlen(name);

	if (p == NULL)
		return NULL;	/* a version line alone */
	end = p + w->head.len;
	while (p < end) {
		size_t len = strlen(p);

		if (len > n && strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ' || *p == '\t')
				p++;
			return p;
		}
		p += len + 1;
	}
	return NULL;
}

/*
 * Take the header block ending at 'end' (its blank line excluded): each
 * field becomes "Name: value\0", continuation lines joined.
 */
static void
take_header(struct warc *w, const char *s, const char *end)
{
	buf_reset(&w->head);
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		size_t len = (size_t)(le - s);

		if (len > 0 && s[len - 1] == '\r')
			len--;
		if ((*s == ' ' || *s == '\t') && w->head.len > 0) {
			w->head.data[w->head.len - 1] = ' ';	/* a folded line */
			while (len > 0 && (*s == ' ' || *s == '\t'))
				s++, len--;
		}
		buf_add(&w->head, s, len);
		buf_addc(&w->head, '\0');
		s = nl ? nl + 1 : end;
	}
}

static int
bad(struct warc *w, struct warc_record *r, const char *fmt, const char *what)
{
	snprintf(w->msg, sizeof w->msg, "record at byte %llu: ", (unsigned long long)r->offset);
	snprintf(w->msg + strlen(w->msg), sizeof w->msg - strlen(w->msg), fmt, what);
	return -1;
}

int
warc_next(struct warc *w, struct warc_record *r)
{
	const char *s, *hend, *v;
	size_t hlen, at;
	uint64_t len;
	char *endp;

	memset(r, 0, sizeof *r);
	/* the blank lines between records */
	for (;;) {
		if (fill(w, 1) < 0)
			return -2;
		if (avail(w) == 0)
			return 0;
		if (w->in.data[w->pos] != '\r' && w->in.data[w->pos] != '\n')
			break;
		w->pos++;
	}
	r->offset = w->off + w->pos;
	if (fill(w, WARC_MAX_HEADER) < 0)
		return -2;
	s = w->in.data + w->pos;
	hlen = avail(w) < WARC_MAX_HEADER ? avail(w) : WARC_MAX_HEADER;
	if (hlen < 7 || memcmp(s, "WARC/1.", 7) != 0) {
		if (hlen >= 11 && memcmp(s, "filedesc://", 11) == 0)
			bad(w, r, "%s", "an ARC file (WARC's predecessor), not read");
		else
			bad(w, r, "%s", "not a WARC record: no WARC/1.x version line");
		resync(w);
		return -1;
	}
	hend = memmem(s, hlen, "\r\n\r\n", 4);
	at = 4;
	if (hend == NULL) {
		hend = memmem(s, hlen, "\n\n", 2);
		at = 2;
	}
	if (hend == NULL) {
		if (w->eof)
			bad(w, r, "%s", "truncated: the input ends inside its header");
		else
			bad(w, r, "header over %s bytes", "65536");
		resync(w);
		return -1;
	}
	{
		const char *first = memchr(s, '\n', (size_t)(hend - s));

		take_header(w, first ? first + 1 : hend, hend);
	}
	r->header = w->head.data;
	r->header_len = w->head.len;
	v = field(w, "Content-Length");
	if (v == NULL || *v < '0' || *v > '9') {
		bad(w, r, "%s", "no Content-Length, or not a number");
		resync(w);
		return -1;
	}
	len = strtoull(v, &endp, 10);
	while (*endp == ' ' || *endp == '\t')
		endp++;
	if (*endp != '\0' || len > ((uint64_t)1 << 48)) {
		bad(w, r, "%s", "Content-Length is not a number");
		resync(w);
		return -1;
	}
	w->pos += (size_t)(hend - s) + at;
	r->type = field(w, "WARC-Type");
	r->id = field(w, "WARC-Record-ID");
	r->target = field(w, "WARC-Target-URI");
	r->date = field(w, "WARC-Date");
	r->content_type = field(w, "Content-Type");
	r->length = len;
	if (r->type == NULL)
		r->type = "";
	buf_reset(&w->block);
	if (len <= w->max_block && warc_wanted(r->type)) {
		while (w->block.len < len) {
			size_t take;

			if (avail(w) == 0 && (fill(w, 1) < 0 || avail(w) == 0))
				break;
			take = avail(w) < len - w->block.len ? avail(w) : (size_t)(len - w->block.len);
			buf_add(&w->block, w->in.data + w->pos, take);
			w->pos += take;
		}
		if (w->error)
			return -2;
		if (w->block.len < len) {
			char what[64];

			snprintf(what, sizeof what, "%zu of %llu bytes", w->block.len,
			    (unsigned long long)len);
			return bad(w, r, "truncated: the input ends inside its block (%s)", what);
		}
		r->block = w->block.data ? w->block.data : "";
		r->kept = 1;
	} else {
		uint64_t got = skip(w, len);

		if (w->error)
			return -2;
		if (got < len) {
			char what[64];

			snprintf(what, sizeof what, "%llu of %llu bytes", (unsigned long long)got,
			    (unsigned long long)len);
			return bad(w, r, "truncated: the input ends inside its block (%s)", what);
		}
	}
	return 1;
}

int
warc_wanted(const char *type)
{
	return strcmp(type, "response") == 0 || strcmp(type, "resource") == 0 ||
	    strcmp(type, "conversion") == 0;
}

/* ---- HTTP inside a response record ---- */

/* An HTTP header's value in head[0..len) (lines after the status line), or NULL. */
static const char *
http_field(const char *head, size_t len, const char *name, size_t *vlen)
{
	const char *p = head, *end = head + len;
	size_t n = strlen(name);

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if ((size_t)(le - p) > n && strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;

			while (v < le && (*v == ' ' || *v == '\t'))
				v++;
			while (le > v && (le[-1] == '\r' || le[-1] == ' ' || le[-1] == '\t'))
				le--;
			*vlen = (size_t)(le - v);
			return v;
		}
		p = nl ? nl + 1 : end;
	}
	return NULL;
}

/* Chunked transfer coding undone into 'out': 0, or -1 when the chunks are broken. */
static int
dechunk(const char *s, size_t len, size_t max, struct buf *out)
{
	const char *p = s, *end = s + len;

	buf_reset(out);
	while (p < end) {
		uint64_t n = 0;
		int digits = 0;
		const char *nl;

		for (; p < end && ((*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'f'));
		    p++, digits++) {
			if (n > ((uint64_t)1 << 40))
				return -1;
			n = n * 16 + (uint64_t)(*p <= '9' ? *p - '0' : (*p | 32) - 'a' + 10);
		}
		if (digits == 0 || (nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return -1;
		p = nl + 1;	/* chunk extensions are ignored */
		if (n == 0)
			return 0;
		if (n > (uint64_t)(end - p) || out->len + n > max)
			return -1;
		buf_add(out, p, (size_t)n);
		p += n;
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
	}
	return -1;	/* no last chunk */
}

/* gzip or deflate content coding undone into 'out', up to 'max' bytes: 0 or -1. */
static int
inflate_body(const char *s, size_t len, size_t max, struct buf *out)
{
	z_stream z;
	int rc;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 32) != Z_OK)
		return -1;
	buf_reset(out);
	z.next_in = (Bytef *)(uintptr_t)s;
	z.avail_in = (uInt)(len > 0xffffffffu ? 0xffffffffu : len);
	do {
		buf_grow(out, WARC_CHUNK);
		z.next_out = (Bytef *)out->data + out->len;
		z.avail_out = WARC_CHUNK;
		rc = inflate(&z, Z_NO_FLUSH);
		out->len += WARC_CHUNK - z.avail_out;
		if (out->len > max)
			rc = Z_DATA_ERROR;
	} while (rc == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
	inflateEnd(&z);
	return rc == Z_STREAM_END || rc == Z_OK ? 0 : -1;
}

int
warc_http(const char *s, size_t len, size_t max, struct warc_http *h)
{
	const char *end = s + len, *body, *v;
	size_t hl, vl;

	memset(h, 0, sizeof *h);
	if (len < 12 || memcmp(s, "HTTP/", 5) != 0)
		return -1;
	{
		const char *sp = memchr(s, ' ', len < 32 ? len : 32);

		if (sp == NULL || end - sp < 4 || sp[1] < '1' || sp[1] > '5' ||
		    sp[2] < '0' || sp[2] > '9' || sp[3] < '0' || sp[3] > '9')
			return -1;
		h->status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
	}
	body = memmem(s, len, "\r\n\r\n", 4);
	hl = 4;
	if (body == NULL) {
		body = memmem(s, len, "\n\n", 2);
		hl = 2;
	}
	if (body == NULL) {
		body = end;	/* headers only */
		hl = 0;
	}
	h->headers = s;
	h->headers_len = (size_t)(body - s);
	body += hl;
	h->body = body;
	h->body_len = (size_t)(end - body);
	if ((v = http_field(s, h->headers_len, "Content-Type", &vl)) != NULL) {
		const char *cs;

		h->content_type = v;
		h->content_type_len = vl;
		for (cs = v; cs + 8 <= v + vl; cs++)
			if (strncasecmp(cs, "charset=", 8) == 0) {
				const char *e = cs + 8;

				while (e < v + vl && *e != ';' && *e != ' ')
					e++;
				h->charset = html_charset_label(cs + 8, (size_t)(e - cs - 8));
				break;
			}
	}
	if ((v = http_field(s, h->headers_len, "Transfer-Encoding", &vl)) != NULL &&
	    vl >= 7 && strncasecmp(v + vl - 7, "chunked", 7) == 0) {
		/* a body that does not decode as chunks is taken as it is, as browsers do */
		if (dechunk(h->body, h->body_len, max, &h->scratch) == 0) {
			h->body = h->scratch.data ? h->scratch.data : "";
			h->body_len = h->scratch.len;
			h->dechunked = 1;
		}
	}
	if ((v = http_field(s, h->headers_len, "Content-Encoding", &vl)) != NULL &&
	    ((vl == 4 && strncasecmp(v, "gzip", 4) == 0) ||
	    (vl == 7 && strncasecmp(v, "deflate", 7) == 0))) {
		struct buf out = BUF_INIT;

		if (inflate_body(h->body, h->body_len, max, &out) == 0) {
			buf_release(&h->scratch);
			h->scratch = out;
			h->body = h->scratch.data ? h->scratch.data : "";
			h->body_len = h->scratch.len;
		} else {
			buf_release(&out);
			h->undecoded = 1;
		}
	}
	return 0;
}

void
warc_http_release(struct warc_http *h)
{
	buf_release(&h->scratch);
}

int
read_is_html_type(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '"'))
		s++, len--;
	return (len >= 9 && strncasecmp(s, "text/html", 9) == 0) ||
	    (len >= 21 && strncasecmp(s, "application/xhtml+xml", 21) == 0);
}
