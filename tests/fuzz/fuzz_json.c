/*
 * fuzz_json: the record reader (lib/json, lib/rec) on any line.
 *
 * Properties, beyond "no crash, no sanitizer report":
 *   - a bad line gets a message and an offset inside the line;
 *   - a record written unchanged is the line, byte for byte;
 *   - a record with edits (the text field re-set, a field added, another
 *     replaced) writes a line that parses again, to the same members in
 *     the same order, the untouched ones byte for byte and the edited
 *     ones decoding to what was set;
 *   - escaping then unescaping valid UTF-8 gives it back.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/utf8.h"
#include "record/rec.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	return 0;
}

/* The decoded value of member 'i' of 'line' (a string), appended to 'out'. */
static void
member_string(const char *line, const struct json_member *mb, struct buf *out)
{
	FUZZ_ASSERT(line[mb->val] == '"' && line[mb->val + mb->val_len - 1] == '"');
	json_unescape(line + mb->val + 1, mb->val_len - 2, out);
}

static int
key_is(const char *line, const struct json_member *mb, const char *name)
{
	return json_key_equals(line + mb->key, mb->key_len, mb->key_escaped,
	    name, strlen(name));
}

static void
check_escape(const char *s, size_t len)
{
	struct buf esc = BUF_INIT, back = BUF_INIT;

	json_escape(s, len, &esc);
	FUZZ_ASSERT(esc.len >= 2 && esc.data[0] == '"' && esc.data[esc.len - 1] == '"');
	json_unescape(esc.data + 1, esc.len - 2, &back);
	FUZZ_ASSERT(back.len == len && (len == 0 || memcmp(back.data, s, len) == 0));
	buf_release(&esc);
	buf_release(&back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rec r = REC_INIT;
	static struct json_members m2;
	struct json_error err = { 0, NULL };
	struct buf out = BUF_INIT, text = BUF_INIT, extra = BUF_INIT, got = BUF_INIT;
	const char *line = (const char *)data;
	const char *nl = memchr(data, '\n', size);
	size_t len = nl ? (size_t)(nl - line) : size;
	size_t n, i, j, edited = SIZE_MAX, fz = SIZE_MAX;
	int rc, had_text;

	/* A line reader never hands over a '\n'; depth limits small and large. */
	r.max_depth = len > 0 && (data[0] & 1) ? 8 : JSON_MAX_DEPTH;
	rc = rec_parse(&r, line, len, "text", &err);
	if (rc < 0) {
		FUZZ_ASSERT(err.msg != NULL && err.offset <= len);
		return 0;
	}
	if (rc == 0)
		return 0;

	/* Unchanged: the same bytes. */
	rec_write(&r, &out);
	FUZZ_ASSERT(out.len == len + 1 && memcmp(out.data, line, len) == 0 &&
	    out.data[len] == '\n');
	buf_reset(&out);

	/* Edits: the text field set to its own decoded value (re-encoded),
	 * a field "fz" set to the line made valid UTF-8, and the first
	 * member that is neither set to null. */
	n = r.m.n;
	had_text = rec_text_type(&r) == REC_STRING;
	if (had_text) {
		const char *s;
		size_t slen;

		rec_text(&r, &s, &slen);
		FUZZ_ASSERT(utf8_check(s, slen) == slen);
		check_escape(s, slen);
		buf_add(&text, s, slen);
		rec_set_text(&r, text.data, text.len);
	}
	utf8_repair(line, len, &extra);
	check_escape(extra.data ? extra.data : "", extra.len);
	for (i = 0; i < n && fz == SIZE_MAX; i++)
		if (key_is(line, &r.m.v[i], "fz"))
			fz = i;		/* the one replaced; a later duplicate stays */
	rec_set_string(&r, "fz", extra.data ? extra.data : "", extra.len);
	for (i = 0; i < n; i++) {
		if (!key_is(line, &r.m.v[i], "text") && !key_is(line, &r.m.v[i], "fz")) {
			struct buf name = BUF_INIT;

			/* rec_set_raw takes a decoded name; NUL ends it. */
			member_string(line, &(struct json_member){ 0, 0,
			    r.m.v[i].key - 1, r.m.v[i].key_len + 2, 0 }, &name);
			if (name.data && strlen(name.data) == name.len) {
				rec_set_raw(&r, name.data, "null", 4);
				edited = i;
			}
			buf_release(&name);
			break;
		}
	}
	FUZZ_ASSERT(rec_changed(&r));
	rec_write(&r, &out);
	FUZZ_ASSERT(out.len > 0 && out.data[out.len - 1] == '\n');
	FUZZ_ASSERT(memchr(out.data, '\n', out.len - 1) == NULL);

	/* The result parses again, to the same members. */
	rc = json_scan_object(out.data, out.len - 1, JSON_MAX_DEPTH + 1, &m2, &err);
	FUZZ_ASSERT(rc == 0);
	FUZZ_ASSERT(m2.n == n + (fz == SIZE_MAX));
	for (i = 0, j = 0; i < n; i++, j++) {
		const struct json_member *a = &r.m.v[i], *b = &m2.v[j];

		FUZZ_ASSERT(a->key_len == b->key_len &&
		    memcmp(line + a->key, out.data + b->key, a->key_len) == 0);
		if (key_is(line, a, "text") && had_text) {
			buf_reset(&got);
			member_string(out.data, b, &got);
			FUZZ_ASSERT(got.len == text.len &&
			    memcmp(got.data ? got.data : "", text.data ? text.data : "", got.len) == 0);
		} else if (i == fz) {
			buf_reset(&got);
			member_string(out.data, b, &got);
			FUZZ_ASSERT(got.len == extra.len &&
			    memcmp(got.data ? got.data : "", extra.data ? extra.data : "", got.len) == 0);
		} else if (i == edited) {
			FUZZ_ASSERT(b->val_len == 4 && memcmp(out.data + b->val, "null", 4) == 0);
		} else {
			FUZZ_ASSERT(a->val_len == b->val_len &&
			    memcmp(line + a->val, out.data + b->val, a->val_len) == 0);
		}
	}
	if (fz == SIZE_MAX) {
		buf_reset(&got);
		FUZZ_ASSERT(key_is(out.data, &m2.v[n], "fz"));
		member_string(out.data, &m2.v[n], &got);
		FUZZ_ASSERT(got.len == extra.len &&
		    memcmp(got.data ? got.data : "", extra.data ? extra.data : "", got.len) == 0);
	}

	buf_release(&out);
	buf_release(&text);
	buf_release(&extra);
	buf_release(&got);
	return 0;
}
