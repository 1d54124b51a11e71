/* rules: winnow-strip's rule files and the matching of rules to lines. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/rx.h"
#include "core/util.h"
#include "strip/internal.h"

#define RULE_NAME_MAX 64
#define RULE_CHARS_LIMIT 1000000
#define RULE_FILE_MAX ((size_t)16 << 20)

/* The rules of one group and language, in file order. */
struct rule_index {
	size_t *member;		/* indexes into rs->v */
	size_t n;
	size_t max_chars;	/* the largest limit of a whole-line member */
};

struct rules {
	struct rule *v;
	size_t n, cap;
	int dirty;		/* rules added since the indexes were built */
	struct rule_index index[RULES_NGROUPS][2];	/* [group][ko, en] */
	/*
	 * The literals each rule needs (lib/prefilter): one scan of a line
	 * rules out most rules, which then cost nothing.  Rule i is pattern
	 * i of 'pf'.
	 */
	struct prefilter *pf;
};

static const char *const scope_names[] = {
	"line", "prefix", "suffix", "block-start", "tail-start"
};

const char *
rules_scope_name(int scope)
{
	if (scope < 0 || scope > RULE_TAIL_START)
		return "?";
	return scope_names[scope];
}

struct rules *
rules_new(void)
{
	struct rules *rs = xcalloc(1, sizeof *rs);

	rs->dirty = 1;
	return rs;
}

size_t
rules_count(const struct rules *rs)
{
	return rs->n;
}

const struct rule *
rules_get(const struct rules *rs, size_t i)
{
	return i < rs->n ? &rs->v[i] : NULL;
}

static void
rule_release(struct rule *r)
{
	free(r->name);
	free(r->pattern);
	free(r->where);
	rx_free(r->rx);
}

/* The next white-space separated field of [*p, end), or NULL. */
static const char *
next_field(const char **p, const char *end, size_t *len)
{
	const char *s = *p, *f;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end)
		return NULL;
	f = s;
	while (s < end && *s != ' ' && *s != '\t')
		s++;
	*len = (size_t)(s - f);
	*p = s;
	return f;
}

static int
field_is(const char *f, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(f, word, len) == 0;
}

static int
parse_name(const char *f, size_t len)
{
	size_t i;

	if (len == 0 || len > RULE_NAME_MAX)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)f[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
			return -1;
	}
	return 0;
}

/* "line", "line:200", "prefix"...: the scope and its limit, or -1. */
static int
parse_scope(const char *f, size_t len, size_t *max_chars)
{
	const char *colon = memchr(f, ':', len);
	size_t wlen = colon ? (size_t)(colon - f) : len;
	int scope;

	for (scope = 0; scope <= RULE_TAIL_START; scope++)
		if (field_is(f, wlen, scope_names[scope]))
			break;
	if (scope > RULE_TAIL_START)
		return -1;
	*max_chars = RULE_MAX_CHARS;
	if (colon) {
		size_t v = 0, i;

		if (scope == RULE_PREFIX || scope == RULE_SUFFIX ||
		    colon + 1 == f + len)
			return -1;
		for (i = wlen + 1; i < len; i++) {
			if (f[i] < '0' || f[i] > '9' || v > RULE_CHARS_LIMIT)
				return -1;
			v = v * 10 + (size_t)(f[i] - '0');
		}
		if (v == 0 || v > RULE_CHARS_LIMIT)
			return -1;
		*max_chars = v;
	}
	return scope;
}

/* "ko", "en", "*", "ko,en": a set of RULE_* bits, or 0. */
static unsigned
parse_langs(const char *f, size_t len)
{
	unsigned langs = 0;
	size_t i = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && f[j] != ',')
			j++;
		if (field_is(f + i, j - i, "ko"))
			langs |= RULE_KO;
		else if (field_is(f + i, j - i, "en"))
			langs |= RULE_EN;
		else if (field_is(f + i, j - i, "*"))
			langs |= RULE_ANYLANG;
		else
			return 0;
		i = j + 1;
	}
	return langs;
}

/*
 * A field as a C string.  The field may end the text, whose next byte is
 * not ours to read: copy 'len' bytes, then add the NUL.
 */
static char *
copy_field(const char *f, size_t len)
{
	char *s = xmalloc(len + 1);

	memcpy(s, f, len);
	s[len] = '\0';
	return s;
}

/* Parse one rule line (no line end); 1 rule, 0 nothing, -1 after a message. */
static int
parse_line(const char *s, size_t len, const char *file, size_t lineno,
    struct rule *r)
{
	const char *p = s, *end = s + len, *f;
	size_t flen;
	struct buf err = BUF_INIT;
	int scope;

	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	f = next_field(&p, end, &flen);
	if (f == NULL || *f == '#')
		return 0;
	memset(r, 0, sizeof *r);
	if (parse_name(f, flen) < 0) {
		warnx("%s:%zu: bad rule name '%.*s' (letters, digits, '_', '-' "
		    "and '.', at most %d)", file, lineno, (int)flen, f,
		    RULE_NAME_MAX);
		return -1;
	}
	r->name = copy_field(f, flen);
	if ((f = next_field(&p, end, &flen)) == NULL) {
		warnx("%s:%zu: rule '%s' has no scope, language and pattern",
		    file, lineno, r->name);
		goto fail;
	}
	if ((scope = parse_scope(f, flen, &r->max_chars)) < 0) {
		warnx("%s:%zu: unknown scope '%.*s' (line[:N], prefix, suffix, "
		    "block-start[:N] or tail-start[:N])", file, lineno,
		    (int)flen, f);
		goto fail;
	}
	r->scope = scope;
	if ((f = next_field(&p, end, &flen)) == NULL) {
		warnx("%s:%zu: rule '%s' has no language and pattern", file,
		    lineno, r->name);
		goto fail;
	}
	if ((r->langs = parse_langs(f, flen)) == 0) {
		warnx("%s:%zu: unknown language '%.*s' (ko, en or *)", file,
		    lineno, (int)flen, f);
		goto fail;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end) {
		warnx("%s:%zu: rule '%s' has no pattern", file, lineno,
		    r->name);
		goto fail;
	}
	r->pattern = copy_field(p, (size_t)(end - p));
	r->rx = rx_compile(p, (size_t)(end - p),
	    scope == RULE_PREFIX ? RX_ANCHORED : 0, &err);
	if (r->rx == NULL) {
		warnx("%s:%zu: bad pattern in rule '%s': %s", file, lineno,
		    r->name, err.data);
		goto fail;
	}
	buf_release(&err);
	{
		struct buf where = BUF_INIT;

		buf_printf(&where, "%s:%zu", file, lineno);
		r->where = where.data;
	}
	return 1;
fail:
	buf_release(&err);
	rule_release(r);
	return -1;
}

int
rules_parse(struct rules *rs, const char *text, size_t len, const char *file)
{
	struct rule *add = NULL;
	size_t nadd = 0, cadd = 0, lineno = 0, i;
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t llen = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct rule r;
		int rc;

		lineno++;
		if (memchr(p, '\0', llen) != NULL) {
			warnx("%s:%zu: NUL byte in rule file", file, lineno);
			goto fail;
		}
		rc = parse_line(p, llen, file, lineno, &r);
		if (rc < 0)
			goto fail;
		if (rc > 0) {
			add = xreserve(add, &cadd, nadd + 1, sizeof *add);
			add[nadd++] = r;
		}
		p += llen + (nl != NULL);
	}
	rs->v = xreserve(rs->v, &rs->cap, rs->n + nadd, sizeof *rs->v);
	if (nadd)
		memcpy(rs->v + rs->n, add, nadd * sizeof *add);
	rs->n += nadd;
	rs->dirty = 1;
	free(add);
	return (int)nadd;
fail:
	for (i = 0; i < nadd; i++)
		rule_release(&add[i]);
	free(add);
	return -1;
}

int
strip_read_file(const char *path, const char *what, size_t max,
    struct buf *text)
{
	FILE *fp;
	char chunk[65536];
	size_t got;

	if ((fp = fopen(path, "rb")) == NULL) {
		warnp("cannot open %s file '%s'", what, path);
		return -1;
	}
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		buf_add(text, chunk, got);
		if (text->len > max) {
			warnx("%s: %s file larger than %zu MiB", path, what,
			    max >> 20);
			fclose(fp);
			return -1;
		}
	}
	if (ferror(fp)) {
		warnp("cannot read %s file '%s'", what, path);
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

int
rules_load(struct rules *rs, const char *path)
{
	struct buf text = BUF_INIT;
	int rc = -1;

	if (strip_read_file(path, "rule", RULE_FILE_MAX, &text) == 0)
		rc = rules_parse(rs, text.data ? text.data : "", text.len,
		    path);
	buf_release(&text);
	return rc;
}

static enum rule_group
group_of(int scope)
{
	switch (scope) {
	case RULE_PREFIX:
		return RULES_PREFIX;
	case RULE_SUFFIX:
		return RULES_SUFFIX;
	}
	return RULES_WHOLE;
}

static void
index_release(struct rule_index *ix)
{
	free(ix->member);
	memset(ix, 0, sizeof *ix);
}

/* Build the per-group, per-language lists and the prefilter. */
static void
build_indexes(struct rules *rs)
{
	size_t i;
	int g, l;

	for (g = 0; g < RULES_NGROUPS; g++)
		for (l = 0; l < 2; l++) {
			struct rule_index *ix = &rs->index[g][l];
			unsigned bit = l == 0 ? RULE_KO : RULE_EN;

			index_release(ix);
			ix->member = xcalloc(rs->n ? rs->n : 1,
			    sizeof *ix->member);
			for (i = 0; i < rs->n; i++) {
				const struct rule *r = &rs->v[i];

				if ((int)group_of(r->scope) != g ||
				    !(r->langs & bit))
					continue;
				if (r->max_chars > ix->max_chars)
					ix->max_chars = r->max_chars;
				ix->member[ix->n++] = i;
			}
		}
	prefilter_free(rs->pf);
	rs->pf = prefilter_new();
	/* Ids are rule indexes: prefilter_ready() lists rules in order. */
	for (i = 0; i < rs->n; i++)
		prefilter_add(rs->pf, rs->v[i].pattern, strlen(rs->v[i].pattern));
}

static void
prepare(struct rules *rs)
{
	if (rs->dirty) {
		build_indexes(rs);
		rs->dirty = 0;
	}
}

void
rules_scan(struct rules *rs, const char *s, size_t len)
{
	prepare(rs);
	prefilter_scan(rs->pf, s, len);
}

/* Try one rule; 1 hit, 0 none, <0 a limit or error. */
static int
try_rule(const struct rule *r, const char *s, size_t len, size_t nchars,
    struct rule_hit *hit)
{
	size_t ov[2];
	int rc;

	if (r->scope != RULE_PREFIX && r->scope != RULE_SUFFIX &&
	    nchars > r->max_chars)
		return 0;
	rc = rx_exec(r->rx, s, len, 0, ov, 1);
	if (rc < 0) {
		hit->rule = r;
		return rc;
	}
	if (rc == 0)
		return 0;
	if (r->scope == RULE_SUFFIX && ov[1] != len)
		return 0;
	if (r->scope == RULE_PREFIX && ov[0] != 0)
		return 0;
	hit->rule = r;
	hit->start = ov[0];
	hit->end = ov[1];
	return 1;
}

int
rules_match(struct rules *rs, enum rule_group group, unsigned lang,
    const char *s, size_t len, size_t nchars, struct rule_hit *hit)
{
	const int *ready;
	size_t n, i;

	prepare(rs);
	memset(hit, 0, sizeof *hit);
	if (group == RULES_WHOLE &&
	    nchars > rs->index[group][lang == RULE_KO ? 0 : 1].max_chars)
		return 0;
	/* The rules the last scan found possible, in file order. */
	n = prefilter_ready(rs->pf, &ready);
	for (i = 0; i < n; i++) {
		const struct rule *r = &rs->v[ready[i]];
		int rc;

		if (group_of(r->scope) != group || !(r->langs & lang))
			continue;
		rc = try_rule(r, s, len, nchars, hit);
		if (rc != 0)
			return rc;
	}
	return 0;
}

void
rules_free(struct rules *rs)
{
	size_t i;
	int g, l;

	if (rs == NULL)
		return;
	for (g = 0; g < RULES_NGROUPS; g++)
		for (l = 0; l < 2; l++)
			index_release(&rs->index[g][l]);
	prefilter_free(rs->pf);
	for (i = 0; i < rs->n; i++)
		rule_release(&rs->v[i]);
	free(rs->v);
	free(rs);
}
