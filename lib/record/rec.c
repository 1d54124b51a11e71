/* rec: one JSON Lines record, kept as the bytes it was read as. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/util.h"
#include "record/rec.h"

static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* The index of the first member named 'name', or -1. */
static long
find_member(const struct rec *r, const char *name, size_t namelen)
{
	size_t i;

	for (i = 0; i < r->m.n; i++) {
		const struct json_member *mb = &r->m.v[i];

		if (json_key_equals(r->line + mb->key, mb->key_len,
		    mb->key_escaped, name, namelen))
			return (long)i;
	}
	return -1;
}

int
rec_parse(struct rec *r, const char *line, size_t len, const char *field,
    struct json_error *err)
{
	size_t i;

	r->line = line;
	r->len = len;
	r->field = field;
	r->field_len = strlen(field);
	r->text_member = -1;
	r->text_decoded = 0;
	r->ned = 0;
	buf_reset(&r->edits);
	if (r->max_depth == 0)
		r->max_depth = JSON_MAX_DEPTH;
	if (blank(line, len))
		return 0;
	if (json_scan_object(line, len, r->max_depth, &r->m, err) < 0)
		return -1;
	for (i = 0; i < r->m.n; i++) {
		const struct json_member *mb = &r->m.v[i];

		if (!json_key_equals(line + mb->key, mb->key_len,
		    mb->key_escaped, field, r->field_len))
			continue;
		if (r->text_member >= 0) {
			err->offset = mb->key - 1;
			err->msg = "the text field appears twice";
			return -1;
		}
		r->text_member = (long)i;
	}
	return 1;
}

int
rec_text(struct rec *r, const char **s, size_t *len)
{
	const struct json_member *mb;

	if (!r->text_decoded) {
		if (r->text_member < 0)
			return REC_MISSING;
		mb = &r->m.v[r->text_member];
		if (r->line[mb->val] != '"')
			return REC_NOT_STRING;
		buf_reset(&r->text);
		buf_grow(&r->text, mb->val_len);
		json_unescape(r->line + mb->val + 1, mb->val_len - 2, &r->text);
		r->text_decoded = 1;
	}
	*s = r->text.data ? r->text.data : "";
	*len = r->text.len;
	return REC_STRING;
}

int
rec_text_type(const struct rec *r)
{
	if (r->text_decoded)
		return REC_STRING;
	if (r->text_member < 0)
		return REC_MISSING;
	return r->line[r->m.v[r->text_member].val] == '"' ? REC_STRING :
	    REC_NOT_STRING;
}

int
rec_text_raw(const struct rec *r, const char **s, size_t *len)
{
	const struct json_member *mb;

	if (r->text_member < 0 || r->text_decoded)
		return r->text_decoded ? REC_NOT_STRING : REC_MISSING;
	mb = &r->m.v[r->text_member];
	if (r->line[mb->val] != '"')
		return REC_NOT_STRING;
	*s = r->line + mb->val + 1;
	*len = mb->val_len - 2;
	return REC_STRING;
}

int
rec_get_raw(const struct rec *r, const char *name, const char **val,
    size_t *len)
{
	long i = find_member(r, name, strlen(name));

	if (i < 0)
		return 0;
	*val = r->line + r->m.v[i].val;
	*len = r->m.v[i].val_len;
	return 1;
}

int
rec_get_string(const struct rec *r, const char *name, struct buf *out)
{
	const char *v;
	size_t n;

	if (!rec_get_raw(r, name, &v, &n))
		return REC_MISSING;
	if (v[0] != '"')
		return REC_NOT_STRING;
	json_unescape(v + 1, n - 2, out);
	return REC_STRING;
}

/*
 * Record an edit of member 'member', or with -1 an appended member whose
 * encoded key is the 'name_len' bytes of r->edits just before the value.
 */
static void
add_edit(struct rec *r, long member, size_t name_len, size_t val,
    size_t val_len)
{
	struct rec_edit *e;
	size_t i;

	/* A second edit of the same member replaces the first. */
	for (i = 0; i < r->ned; i++) {
		e = &r->ed[i];
		if ((member >= 0 && e->member == member) ||
		    (member < 0 && e->member < 0 && e->name_len == name_len &&
		    memcmp(r->edits.data + e->name, r->edits.data + val - name_len,
		    name_len) == 0)) {
			e->val = val;
			e->val_len = val_len;
			return;
		}
	}
	r->ed = xreserve(r->ed, &r->ced, r->ned + 1, sizeof *r->ed);
	e = &r->ed[r->ned++];
	e->member = member;
	e->name = val - name_len;
	e->name_len = name_len;
	e->val = val;
	e->val_len = val_len;
}

/*
 * The start of setting member 'name': its index, or -1 when it is to be
 * appended, whose encoded key then goes into 'edits' first, just before
 * the value; '*key' is where the edit's bytes begin.
 */
static long
set_begin(struct rec *r, const char *name, size_t *key)
{
	size_t namelen = strlen(name);
	long i = namelen == r->field_len && memcmp(name, r->field, namelen) == 0 ?
	    r->text_member : find_member(r, name, namelen);

	*key = r->edits.len;
	if (i < 0)
		json_escape(name, namelen, &r->edits);
	return i;
}

void
rec_set_raw(struct rec *r, const char *name, const char *json, size_t len)
{
	size_t key, val;
	long i = set_begin(r, name, &key);

	val = r->edits.len;
	buf_add(&r->edits, json, len);
	add_edit(r, i, val - key, val, len);
}

void
rec_set_string(struct rec *r, const char *name, const char *s, size_t len)
{
	size_t key, val;
	long i = set_begin(r, name, &key);

	val = r->edits.len;
	json_escape(s, len, &r->edits);
	add_edit(r, i, val - key, val, r->edits.len - val);
}

void
rec_set_text(struct rec *r, const char *s, size_t len)
{
	rec_set_string(r, r->field, s, len);
	/* Keep rec_text() answering with the new value ('s' may point into it). */
	if (r->text.data != NULL && (uintptr_t)s >= (uintptr_t)r->text.data &&
	    (uintptr_t)s <= (uintptr_t)(r->text.data + r->text.len)) {
		memmove(r->text.data, s, len);
		r->text.len = len;
		r->text.data[len] = '\0';
	} else {
		buf_reset(&r->text);
		buf_add(&r->text, s, len);
	}
	r->text_decoded = 1;
}

int
rec_changed(const struct rec *r)
{
	return r->ned > 0;
}

static int
by_member(const void *a, const void *b)
{
	const struct rec_edit *x = a, *y = b;

	/* Replacements in line order first, then appends in call order. */
	if (x->member < 0 || y->member < 0) {
		if (x->member >= 0)
			return -1;
		if (y->member >= 0)
			return 1;
		return x->name < y->name ? -1 : x->name > y->name;
	}
	return x->member < y->member ? -1 : x->member > y->member;
}

void
rec_write(const struct rec *r, struct buf *out)
{
	struct rec_edit *ed = r->ed;
	size_t at = 0, i;

	if (r->ned == 0) {
		buf_add(out, r->line, r->len);
		buf_addc(out, '\n');
		return;
	}
	qsort(ed, r->ned, sizeof *ed, by_member);
	for (i = 0; i < r->ned && ed[i].member >= 0; i++) {
		const struct json_member *mb = &r->m.v[ed[i].member];

		buf_add(out, r->line + at, mb->val - at);
		buf_add(out, r->edits.data + ed[i].val, ed[i].val_len);
		at = mb->val + mb->val_len;
	}
	if (i < r->ned) {
		/* Appended members go right after the last member's value. */
		size_t after = r->m.n ? r->m.v[r->m.n - 1].val +
		    r->m.v[r->m.n - 1].val_len : r->m.close;

		buf_add(out, r->line + at, after - at);
		at = after;
		for (; i < r->ned; i++) {
			if (i > 0 || r->m.n > 0)
				buf_addc(out, ',');
			buf_add(out, r->edits.data + ed[i].name, ed[i].name_len);
			buf_addc(out, ':');
			buf_add(out, r->edits.data + ed[i].val, ed[i].val_len);
		}
	}
	buf_add(out, r->line + at, r->len - at);
	buf_addc(out, '\n');
}

void
rec_release(struct rec *r)
{
	json_members_release(&r->m);
	buf_release(&r->text);
	buf_release(&r->edits);
	free(r->ed);
	r->ed = NULL;
	r->ned = r->ced = 0;
}
