/* json: a strict one-pass RFC 8259 scanner over a line, and string escaping. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/simd.h"
#include "core/utf8.h"
#include "core/util.h"

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Nonzero when some byte of 'w' is zero (exact as a whole-word test). */
static inline uint64_t
has_zero(uint64_t w)
{
	return (w - ONES) & ~w & HIGHS;
}

/* JSON white space: space, tab, line feed, carriage return. */
static inline const unsigned char *
skip_ws(const unsigned char *p, const unsigned char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

static int
hexval(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	return -1;
}

struct scan {
	const unsigned char *base;
	const unsigned char *end;
	struct json_error *err;
};

static const unsigned char *
fail(struct scan *sc, const unsigned char *at, const char *msg)
{
	sc->err->offset = (size_t)(at - sc->base);
	sc->err->msg = msg;
	return NULL;
}

/*
 * Scan a string whose opening quote is at p[-1]; return the position after
 * its closing quote.  '*escaped' is set when it holds a backslash.
 */
static const unsigned char *
scan_string(struct scan *sc, const unsigned char *p, int *escaped)
{
	const unsigned char *end = sc->end, *limit;

	for (;;) {
		/*
		 * Whole blocks at once, up to the first quote, backslash or
		 * control byte (or something doubtful); then byte by byte for
		 * a block or so before trying blocks again.
		 */
		p = simd_skip_json_string(p, sc->base, end);
		limit = end - p > 8 ? p + 8 : end;
		while (p < limit) {
			unsigned c = *p;

			if (c >= 0x80) {
				/*
				 * A run of multi-byte characters, as in Korean
				 * text: three-byte sequences whose lead allows
				 * no overlong or surrogate form (E1..EC, EE,
				 * EF) take the short way.
				 */
				do {
					int n;

					if (c >= 0xE1 && c <= 0xEF && c != 0xED &&
					    end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
					    (p[2] & 0xC0) == 0x80) {
						p += 3;
						continue;
					}
					n = utf8_seq(p, (size_t)(end - p));
					if (n == 0)
						return fail(sc, p,
						    "invalid UTF-8 in string");
					p += n;
				} while (p < end && (c = *p) >= 0x80);
			} else if (c == '"') {
				return p + 1;
			} else if (c == '\\') {
				*escaped = 1;
				if (++p >= end)
					return fail(sc, p, "unterminated string");
				switch (*p) {
				case '"': case '\\': case '/': case 'b': case 'f':
				case 'n': case 'r': case 't':
					p++;
					break;
				case 'u':
					if (end - p < 5 || hexval(p[1]) < 0 ||
					    hexval(p[2]) < 0 || hexval(p[3]) < 0 ||
					    hexval(p[4]) < 0)
						return fail(sc, p - 1,
						    "invalid \\u escape in string");
					p += 5;
					break;
				default:
					return fail(sc, p - 1,
					    "invalid escape in string");
				}
			} else if (c < 0x20) {
				return fail(sc, p, "control character in string");
			} else {
				p++;
			}
		}
		if (p >= end)
			return fail(sc, p, "unterminated string");
	}
}

static const unsigned char *
scan_digits(const unsigned char *p, const unsigned char *end)
{
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	return p;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static const unsigned char *
scan_number(struct scan *sc, const unsigned char *p)
{
	const unsigned char *start = p, *end = sc->end, *q;

	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (p < end && *p >= '1' && *p <= '9')
		p = scan_digits(p, end);
	else
		return fail(sc, start, "invalid number");
	if (p < end && *p == '.') {
		q = scan_digits(p + 1, end);
		if (q == p + 1)
			return fail(sc, start, "invalid number");
		p = q;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		q = scan_digits(p, end);
		if (q == p)
			return fail(sc, start, "invalid number");
		p = q;
	}
	return p;
}

static const unsigned char *
scan_literal(struct scan *sc, const unsigned char *p)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t i;

	for (i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);

		if ((size_t)(sc->end - p) >= n && memcmp(p, words[i], n) == 0)
			return p + n;
	}
	return fail(sc, p, "invalid value");
}

/*
 * Scan one value at 'p' that sits at nesting level 'depth' (the record's
 * object is level 1).  Containers are walked with an explicit stack of
 * their kinds, so the C stack stays flat however deep the input goes.
 */
static const unsigned char *
scan_value(struct scan *sc, const unsigned char *p, unsigned depth,
    unsigned max_depth, unsigned char *stack)
{
	const unsigned char *end = sc->end;
	unsigned top = 0;		/* containers open inside this value */
	int escaped;

value:
	if (p >= end)
		return fail(sc, p, "unexpected end of line");
	switch (*p) {
	case '{':
	case '[':
		if (depth + top + 1 > max_depth)
			return fail(sc, p, "nesting too deep");
		stack[top++] = *p;
		p = skip_ws(p + 1, end);
		if (p < end && *p == (stack[top - 1] == '{' ? '}' : ']')) {
			top--;
			p++;
			goto after;
		}
		if (stack[top - 1] == '[')
			goto value;
		goto key;
	case '"':
		p = scan_string(sc, p + 1, &escaped);
		break;
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		p = scan_number(sc, p);
		break;
	case 't': case 'f': case 'n':
		p = scan_literal(sc, p);
		break;
	default:
		return fail(sc, p, "invalid value");
	}
	if (p == NULL)
		return NULL;
after:
	if (top == 0)
		return p;
	p = skip_ws(p, end);
	if (p < end && *p == ',') {
		p = skip_ws(p + 1, end);
		if (stack[top - 1] == '[')
			goto value;
		goto key;
	}
	if (p < end && *p == (stack[top - 1] == '{' ? '}' : ']')) {
		top--;
		p++;
		goto after;
	}
	return fail(sc, p, stack[top - 1] == '{' ? "expected ',' or '}'" :
	    "expected ',' or ']'");
key:
	if (p >= end || *p != '"')
		return fail(sc, p, "expected '\"' to start a key");
	p = scan_string(sc, p + 1, &escaped);
	if (p == NULL)
		return NULL;
	p = skip_ws(p, end);
	if (p >= end || *p != ':')
		return fail(sc, p, "expected ':' after a key");
	p = skip_ws(p + 1, end);
	goto value;
}

static const char *
not_object(const unsigned char *p)
{
	switch (*p) {
	case '[': return "not a JSON object but an array";
	case '"': return "not a JSON object but a string";
	case 't': case 'f': case 'n':
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return "not a JSON object";
	}
	return "not JSON: expected '{'";
}

int
json_scan_object(const char *s, size_t len, unsigned max_depth,
    struct json_members *m, struct json_error *err)
{
	struct scan sc;
	const unsigned char *p, *end;
	unsigned char small[JSON_MAX_DEPTH], *stack = small;
	int rc = -1;

	sc.base = (const unsigned char *)s;
	sc.end = end = sc.base + len;
	sc.err = err;
	m->n = 0;
	if (max_depth == 0)
		max_depth = 1;
	if (max_depth > JSON_MAX_DEPTH)
		stack = xmalloc(max_depth);

	p = skip_ws(sc.base, end);
	if (p >= end) {
		fail(&sc, p, "empty line");
		goto out;
	}
	if (*p != '{') {
		fail(&sc, p, not_object(p));
		goto out;
	}
	p = skip_ws(p + 1, end);
	if (p < end && *p == '}')
		goto close;
	for (;;) {
		struct json_member mb;
		const unsigned char *v;

		if (p >= end || *p != '"') {
			fail(&sc, p, "expected '\"' to start a key");
			goto out;
		}
		mb.key = (size_t)(p + 1 - sc.base);
		mb.key_escaped = 0;
		p = scan_string(&sc, p + 1, &mb.key_escaped);
		if (p == NULL)
			goto out;
		mb.key_len = (size_t)(p - 1 - sc.base) - mb.key;
		p = skip_ws(p, end);
		if (p >= end || *p != ':') {
			fail(&sc, p, "expected ':' after a key");
			goto out;
		}
		p = skip_ws(p + 1, end);
		v = p;
		p = scan_value(&sc, p, 1, max_depth, stack);
		if (p == NULL)
			goto out;
		mb.val = (size_t)(v - sc.base);
		mb.val_len = (size_t)(p - v);
		m->v = xreserve(m->v, &m->cap, m->n + 1, sizeof *m->v);
		m->v[m->n++] = mb;
		p = skip_ws(p, end);
		if (p < end && *p == ',') {
			p = skip_ws(p + 1, end);
			continue;
		}
		if (p < end && *p == '}')
			break;
		fail(&sc, p, "expected ',' or '}'");
		goto out;
	}
close:
	m->close = (size_t)(p - sc.base);
	p = skip_ws(p + 1, end);
	if (p < end) {
		fail(&sc, p, "unexpected data after the object");
		goto out;
	}
	rc = 0;
out:
	if (stack != small)
		free(stack);
	return rc;
}

void
json_members_release(struct json_members *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}

/* Read the four hex digits at 's'. */
static int32_t
hex4(const char *s)
{
	return hexval((unsigned char)s[0]) << 12 | hexval((unsigned char)s[1]) << 8 |
	    hexval((unsigned char)s[2]) << 4 | hexval((unsigned char)s[3]);
}

void
json_unescape(const char *s, size_t len, struct buf *out)
{
	const char *end = s + len;

	while (s < end) {
		const char *bs = memchr(s, '\\', (size_t)(end - s));
		int32_t cp;

		if (bs == NULL) {
			buf_add(out, s, (size_t)(end - s));
			return;
		}
		buf_add(out, s, (size_t)(bs - s));
		s = bs + 2;
		switch (bs[1]) {
		case 'b': buf_addc(out, '\b'); continue;
		case 'f': buf_addc(out, '\f'); continue;
		case 'n': buf_addc(out, '\n'); continue;
		case 'r': buf_addc(out, '\r'); continue;
		case 't': buf_addc(out, '\t'); continue;
		case 'u': break;
		default: buf_addc(out, bs[1]); continue;	/* " \ / */
		}
		cp = hex4(s);
		s += 4;
		if (cp >= 0xD800 && cp <= 0xDBFF && end - s >= 6 && s[0] == '\\' &&
		    s[1] == 'u') {
			int32_t lo = hex4(s + 2);

			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				s += 6;
			}
		}
		/* A surrogate left unpaired here becomes U+FFFD in utf8_add. */
		utf8_add(out, cp);
	}
}

int
json_key_equals(const char *s, size_t len, int escaped, const char *name,
    size_t namelen)
{
	struct buf b = BUF_INIT;
	int eq;

	if (!escaped)
		return len == namelen && memcmp(s, name, len) == 0;
	if (len < namelen)	/* escapes only make the decoded key shorter */
		return 0;
	json_unescape(s, len, &b);
	eq = b.len == namelen && memcmp(b.data, name, namelen) == 0;
	buf_release(&b);
	return eq;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
json_array_next(const char *s, size_t len, size_t *pos, size_t *elem,
    size_t *elem_len)
{
	size_t i = *pos, start, end;
	unsigned depth = 0;

	if (i == 0) {
		while (i < len && is_ws(s[i]))
			i++;
		if (i == len || s[i] != '[')
			return 0;
		i++;
	}
	/* The input is valid JSON: after an element comes ',' or ']'. */
	while (i < len && (is_ws(s[i]) || s[i] == ','))
		i++;
	if (i >= len || s[i] == ']') {
		*pos = len;
		return 0;
	}
	start = i;
	for (; i < len; i++) {
		char c = s[i];

		if (c == '"') {
			for (i++; i < len && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
		} else if (c == '[' || c == '{') {
			depth++;
		} else if (c == ']' || c == '}') {
			if (depth == 0)
				break;
			depth--;
		} else if (c == ',' && depth == 0) {
			break;
		}
	}
	end = i;
	while (end > start && is_ws(s[end - 1]))
		end--;
	*elem = start;
	*elem_len = end - start;
	*pos = i;
	return 1;
}

void
json_escape_body(const char *s, size_t len, struct buf *out)
{
	static const char hex[] = "0123456789abcdef";
	const char *end = s + len, *run = s;

	buf_grow(out, len + 2);
	while (s < end) {
		unsigned char c;

		/* Non-ASCII needs no escape: only '"', '\\' and controls do. */
		while (s + 8 <= end) {
			uint64_t w;

			memcpy(&w, s, 8);
			if (has_zero(w ^ (ONES * '"')) | has_zero(w ^ (ONES * '\\')) |
			    ((w - ONES * 0x20) & ~w & HIGHS))
				break;
			s += 8;
		}
		if (s >= end)
			break;
		c = (unsigned char)*s;
		if (c != '"' && c != '\\' && c >= 0x20) {
			s++;
			continue;
		}
		buf_add(out, run, (size_t)(s - run));
		buf_addc(out, '\\');
		switch (c) {
		case '"': buf_addc(out, '"'); break;
		case '\\': buf_addc(out, '\\'); break;
		case '\n': buf_addc(out, 'n'); break;
		case '\t': buf_addc(out, 't'); break;
		case '\r': buf_addc(out, 'r'); break;
		case '\b': buf_addc(out, 'b'); break;
		case '\f': buf_addc(out, 'f'); break;
		default:
			buf_add(out, "u00", 3);
			buf_addc(out, hex[c >> 4]);
			buf_addc(out, hex[c & 15]);
		}
		run = ++s;
	}
	buf_add(out, run, (size_t)(end - run));
}

void
json_escape(const char *s, size_t len, struct buf *out)
{
	buf_addc(out, '"');
	json_escape_body(s, len, out);
	buf_addc(out, '"');
}

void
json_escape_str(const char *s, struct buf *out)
{
	json_escape(s, strlen(s), out);
}
