/*
 * json: the strict RFC 8259 scanner behind the record layer, and string
 * escaping for output.
 *
 * The scanner validates a whole line in one pass and remembers only the
 * byte spans of the top-level object's members; nothing is decoded until a
 * caller asks.  Nesting is tracked with a bit stack, not recursion, so deep
 * input cannot overflow the C stack.
 */
#ifndef WINNOW_JSON_H
#define WINNOW_JSON_H

#include <stddef.h>

#include "core/buf.h"

#define JSON_MAX_DEPTH 512

/* One member of the top-level object: byte offsets into the line. */
struct json_member {
	size_t key;		/* the key's contents, inside its quotes */
	size_t key_len;
	size_t val;		/* the raw value, e.g. "\"a\\n\"" or [1,2] */
	size_t val_len;
	int key_escaped;	/* the key holds a backslash escape */
};

struct json_members {
	struct json_member *v;
	size_t n;
	size_t cap;
	size_t close;		/* offset of the object's closing brace */
};

struct json_error {
	size_t offset;		/* byte offset of the problem in the line */
	const char *msg;	/* a static message, e.g. "expected ':'" */
};

/*
 * json_scan_object(s, len, max_depth, m, err): validate 's' as exactly one
 * JSON object (white space around it allowed) with strings of valid UTF-8,
 * and fill 'm' with its top-level members (reusing m->v).  Returns 0, or -1
 * with 'err' set.  A valid JSON value that is not an object is an error too.
 */
int json_scan_object(const char *s, size_t len, unsigned max_depth,
    struct json_members *m, struct json_error *err);

void json_members_release(struct json_members *m);

/*
 * json_unescape(s, len, out): append the decoded contents of a string that
 * json_scan_object accepted ('s' is inside the quotes) to 'out'.  \u escapes
 * are decoded, pairs joined; a lone surrogate becomes U+FFFD; \u0000 becomes
 * a NUL byte.
 */
void json_unescape(const char *s, size_t len, struct buf *out);

/*
 * json_key_equals(s, len, escaped, name, namelen): whether a key's raw
 * contents (as in struct json_member) decode to 'name'.
 */
int json_key_equals(const char *s, size_t len, int escaped, const char *name,
    size_t namelen);

/*
 * json_array_next(s, len, &pos, &elem, &elem_len): step through the
 * elements of a JSON array that json_scan_object() already accepted as
 * part of a record ('s' is the array's raw value, '[' included).  Start
 * with pos = 0.  Returns 1 with the next element's byte span (white space
 * trimmed) in 'elem' and 'elem_len', or 0 after the last one, or at once
 * when 's' is not an array.
 *
 *	size_t pos = 0, e, n;
 *	while (json_array_next(v, vlen, &pos, &e, &n))
 *		use(v + e, n);
 */
int json_array_next(const char *s, size_t len, size_t *pos, size_t *elem,
    size_t *elem_len);

/*
 * json_escape(s, len, out): append 's' as a JSON string literal, quotes
 * included, escaping only what JSON requires: '"', '\\' and control
 * characters (as \n, \t, \r, \b, \f or \u00XX).  Non-ASCII is copied as
 * UTF-8; 's' must be valid UTF-8.
 */
void json_escape(const char *s, size_t len, struct buf *out);

/*
 * json_escape_body(s, len, out): the same without the quotes, for a string
 * written in pieces.
 */
void json_escape_body(const char *s, size_t len, struct buf *out);

/* json_escape_str(s, out): json_escape of a C string. */
void json_escape_str(const char *s, struct buf *out);

#endif
