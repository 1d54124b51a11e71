/*
 * rec: one JSON Lines record, kept as the bytes it was read as.
 *
 * Ownership: a struct rec points into the line it was parsed from; the line
 * must stay put until the record is written or parsed again.  Strings that
 * rec_text() returns live in the record and stay valid until the next
 * rec_parse() or rec_set_text().  rec_set_* copy their arguments.
 *
 * Only the members that change are re-encoded: rec_write() copies every
 * other byte of the line as it was, so a record nobody changed comes out
 * byte for byte as it came in.
 *
 *	struct rec r = REC_INIT;
 *	if (rec_parse(&r, line, len, "text", &err) == 1 &&
 *	    rec_text(&r, &s, &n) == REC_STRING) {
 *		rec_set_text(&r, clean, clean_len);
 *		rec_write(&r, &outbuf);
 *	}
 *	rec_release(&r);
 */
#ifndef WINNOW_REC_H
#define WINNOW_REC_H

#include <stddef.h>

#include "core/buf.h"
#include "core/json.h"

/* What rec_text() and rec_get_string() find. */
enum {
	REC_NOT_STRING = -1,	/* the member is there, but not a string */
	REC_MISSING = 0,
	REC_STRING = 1
};

struct rec_edit {
	long member;		/* index of the member replaced, or -1: appended */
	size_t name;		/* appended: offset of the quoted key in 'edits' */
	size_t name_len;
	size_t val;		/* offset of the raw JSON value in 'edits' */
	size_t val_len;
};

struct rec {
	const char *line;	/* the line, without its line end */
	size_t len;
	const char *field;	/* the text field's name */
	size_t field_len;
	unsigned max_depth;
	/* private */
	struct json_members m;
	long text_member;	/* index of the text field, or -1 */
	int text_decoded;
	struct buf text;	/* the decoded text field */
	struct rec_edit *ed;
	size_t ned, ced;
	struct buf edits;	/* encoded keys and values of the edits */
};

#define REC_INIT { NULL, 0, "text", 4, JSON_MAX_DEPTH, { NULL, 0, 0, 0 }, \
	-1, 0, BUF_INIT, NULL, 0, 0, BUF_INIT }

/*
 * rec_parse(r, line, len, field, err): scan one line as a record whose text
 * field is 'field'.  Returns 1 for a record, 0 for a line of only white
 * space (to skip), -1 for a bad line with 'err' set: not a JSON object,
 * invalid JSON or UTF-8, nesting deeper than r->max_depth, or the text field
 * present twice.
 */
int rec_parse(struct rec *r, const char *line, size_t len, const char *field,
    struct json_error *err);

/*
 * rec_text(r, &s, &len): the decoded text field.  Returns REC_STRING with
 * 's' and 'len' set, REC_MISSING, or REC_NOT_STRING.  Decodes once.
 */
int rec_text(struct rec *r, const char **s, size_t *len);

/*
 * rec_text_type(r): REC_STRING, REC_MISSING or REC_NOT_STRING, without
 * decoding anything.
 */
int rec_text_type(const struct rec *r);

/*
 * rec_text_raw(r, &s, &len): the text field as it stands in the line: the
 * bytes between its quotes, escapes and all.  Returns REC_STRING or not.
 */
int rec_text_raw(const struct rec *r, const char **s, size_t *len);

/*
 * rec_get_raw(r, name, &val, &len): the raw JSON value of member 'name',
 * of any type ("\"a\"", "3", "[...]", "null"), as written.  Returns 1 when
 * the member is there (setting 'val' and 'len'), else 0 (leaving them).
 */
int rec_get_raw(const struct rec *r, const char *name, const char **val,
    size_t *len);

/*
 * rec_get_string(r, name, out): append the decoded string member 'name' to
 * 'out'.  Returns REC_STRING, REC_MISSING or REC_NOT_STRING.
 */
int rec_get_string(const struct rec *r, const char *name, struct buf *out);

/* rec_set_text(r, s, len): give the text field a new value. */
void rec_set_text(struct rec *r, const char *s, size_t len);

/*
 * rec_set_raw(r, name, json, len): set member 'name' to the raw JSON value
 * 'json' (which the caller guarantees is valid), replacing the first member
 * of that name in place or appending a new member at the end.
 */
void rec_set_raw(struct rec *r, const char *name, const char *json,
    size_t len);

/* rec_set_string(r, name, s, len): rec_set_raw with 's' as a JSON string. */
void rec_set_string(struct rec *r, const char *name, const char *s,
    size_t len);

/* rec_changed(r): whether any rec_set_* call changed the record. */
int rec_changed(const struct rec *r);

/* rec_write(r, out): append the record, with its edits, and a '\n' to 'out'. */
void rec_write(const struct rec *r, struct buf *out);

void rec_release(struct rec *r);

#endif
