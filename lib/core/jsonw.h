/*
 * jsonw: a small JSON writer over a struct buf, for the values filters add
 * to records (amounts, entities, cuts) and the lines of side files.
 *
 * The writer puts the commas and the colons; the caller says what comes:
 *
 *	struct jsonw w;
 *	jsonw_init(&w, &out);
 *	jsonw_begin_array(&w);
 *	for (i = 0; i < n; i++) {
 *		jsonw_begin_object(&w);
 *		jsonw_name(&w, "start");
 *		jsonw_uint(&w, v[i].start);
 *		jsonw_name(&w, "text");
 *		jsonw_string(&w, s + v[i].bstart, v[i].blen);
 *		jsonw_end_object(&w);
 *	}
 *	jsonw_end_array(&w);
 *
 * appends [{"start":0,"text":"..."},...] to 'out'.
 *
 * Strings are escaped as doc/CONTRACT.md says: only '"', '\\' and control
 * characters; non-ASCII is written as UTF-8 (the text must be valid UTF-8).
 * Nothing is checked: a name outside an object, or an end without its
 * begin, writes what it was told.  Values written at the top level, or
 * name/value pairs written before any begin, are separated by commas too,
 * so a writer can also produce the members of an object whose braces the
 * caller writes.
 *
 * Only one flag is kept, whatever the depth: whether the container being
 * written already holds something.  Beginning a container clears it;
 * ending one sets it again, since the parent now holds the child.
 */
#ifndef WINNOW_JSONW_H
#define WINNOW_JSONW_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct jsonw {
	struct buf *out;
	int comma;	/* the next value or name needs a ',' before it */
};

/* jsonw_init(w, out): write to the end of 'out' (which it does not reset). */
static inline void
jsonw_init(struct jsonw *w, struct buf *out)
{
	w->out = out;
	w->comma = 0;
}

/* The separator before a value or a name; internal to the writer. */
static inline void
jsonw_sep_(struct jsonw *w)
{
	if (w->comma)
		buf_addc(w->out, ',');
	w->comma = 1;
}

static inline void
jsonw_begin_object(struct jsonw *w)
{
	jsonw_sep_(w);
	buf_addc(w->out, '{');
	w->comma = 0;
}

static inline void
jsonw_end_object(struct jsonw *w)
{
	buf_addc(w->out, '}');
	w->comma = 1;
}

static inline void
jsonw_begin_array(struct jsonw *w)
{
	jsonw_sep_(w);
	buf_addc(w->out, '[');
	w->comma = 0;
}

static inline void
jsonw_end_array(struct jsonw *w)
{
	buf_addc(w->out, ']');
	w->comma = 1;
}

/*
 * jsonw_name(w, name): the name of the next member, a C string (escaped
 * like any string); the value written next follows its colon.
 */
void jsonw_name(struct jsonw *w, const char *name);

/* jsonw_name_len(w, name, len): the same for a name of 'len' bytes. */
void jsonw_name_len(struct jsonw *w, const char *name, size_t len);

/* jsonw_string(w, s, len): a string value; 's' may hold NUL bytes. */
void jsonw_string(struct jsonw *w, const char *s, size_t len);

/* jsonw_str(w, s): a string value from a C string. */
void jsonw_str(struct jsonw *w, const char *s);

/*
 * jsonw_raw(w, json, len): a value written as it is, for what the caller
 * already holds as JSON (a member copied from a record) or for exact
 * numbers such as an amount's digits.  The caller vouches that it is valid.
 */
void jsonw_raw(struct jsonw *w, const char *json, size_t len);

/* jsonw_int(w, v), jsonw_uint(w, v): a whole number, without printf. */
void jsonw_int(struct jsonw *w, long long v);
void jsonw_uint(struct jsonw *w, uint64_t v);

/*
 * jsonw_printf(w, fmt, ...): a value formatted by printf, e.g. a fraction
 * with two decimals ("%.2f"); like jsonw_raw, the result must be JSON.
 */
void jsonw_printf(struct jsonw *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static inline void
jsonw_bool(struct jsonw *w, int v)
{
	jsonw_sep_(w);
	if (v)
		buf_add(w->out, "true", 4);
	else
		buf_add(w->out, "false", 5);
}

static inline void
jsonw_null(struct jsonw *w)
{
	jsonw_sep_(w);
	buf_add(w->out, "null", 4);
}

#endif
