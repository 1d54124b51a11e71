/* ner gazetteer: a trie of entity names, its edges in a core/edgemap. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/edgemap.h"
#include "core/utf8.h"
#include "core/util.h"
#include "ner/internal.h"

struct gaz_form {
	size_t off;		/* in 'forms' */
	uint32_t len;
	uint32_t node;		/* its last node, which holds the types */
};

struct gaz {
	struct edgemap edges;	/* (node, code point) -> child */
	uint8_t *types;		/* per node; the root is node 0 */
	size_t nnodes, cnodes;
	struct buf forms;	/* the forms' bytes, for gaz_write */
	struct gaz_form *f;
	size_t nf, cf;
};

static uint32_t
node_new(struct gaz *g)
{
	g->types = xreserve(g->types, &g->cnodes, g->nnodes + 1, 1);
	g->types[g->nnodes] = 0;
	return (uint32_t)g->nnodes++;
}

/* The child of 'node' by 'cp', made when missing. */
static uint32_t
edge_add(struct gaz *g, uint32_t node, int32_t cp)
{
	uint32_t *child = edgemap_put(&g->edges, node, (uint32_t)cp);

	if (*child == 0)
		*child = node_new(g);
	return *child;
}

struct gaz *
gaz_new(void)
{
	struct gaz *g = xcalloc(1, sizeof *g);

	/* three quarters full: a gazetteer of a million forms stays small */
	edgemap_init(&g->edges, EDGEMAP_THREE_QUARTERS);
	node_new(g);
	return g;
}

void
gaz_clear(struct gaz *g)
{
	edgemap_clear(&g->edges, 4096);	/* a big text's table goes */
	g->nnodes = 0;
	node_new(g);
	buf_reset(&g->forms);
	g->nf = 0;
}

void
gaz_free(struct gaz *g)
{
	if (!g)
		return;
	edgemap_free(&g->edges);
	free(g->types);
	buf_release(&g->forms);
	free(g->f);
	free(g);
}

/* Add a form known to be valid (gaz_add's checks passed). */
static void
add_form(struct gaz *g, const char *form, size_t len, unsigned types)
{
	uint32_t node = 0;
	size_t at = 0;

	while (at < len)
		node = edge_add(g, node, utf8_next(form, len, &at));
	if (g->types[node] == 0) {
		g->f = xreserve(g->f, &g->cf, g->nf + 1, sizeof *g->f);
		g->f[g->nf].off = g->forms.len;
		g->f[g->nf].len = (uint32_t)len;
		g->f[g->nf].node = node;
		g->nf++;
		buf_add(&g->forms, form, len);
	}
	g->types[node] |= (uint8_t)(types & (NER_TYPE_MASK | GAZ_WORD));
}

int
gaz_add(struct gaz *g, const char *form, size_t len, unsigned types)
{
	if (len == 0 || len > 255 || utf8_check(form, len) != len ||
	    utf8_count(form, len) > GAZ_MAX_FORM)
		return -1;
	add_form(g, form, len, types);
	return 0;
}

size_t
gaz_count(const struct gaz *g)
{
	return g->nf;
}

size_t
gaz_match(const struct gaz *g, const int32_t *cp, size_t n, size_t i,
    const uint8_t *end_ok, unsigned mask, unsigned *types)
{
	uint32_t node = 0;
	size_t j, best = 0;

	*types = 0;
	for (j = i; j < n && j - i < GAZ_MAX_FORM; j++) {
		node = edgemap_find(&g->edges, node, (uint32_t)cp[j]);
		if (node == 0)
			break;
		if ((g->types[node] & mask) && (!end_ok || end_ok[j + 1])) {
			best = j + 1 - i;
			*types = g->types[node] & mask;
		}
	}
	return best;
}

/*
 * Parse one gazetteer line into its form and type mask.  Returns 1 for an
 * entry, 0 for a line to skip, -1 with 'why' set.
 */
static int
parse_line(char *line, size_t len, const char **form, size_t *flen,
    unsigned *types, const char **why)
{
	char *tab, *type, *end;
	int t;

	if (len && line[len - 1] == '\r')
		line[--len] = '\0';
	if (len == 0 || line[0] == '#')
		return 0;
	if (utf8_check(line, len) != len) {
		*why = "invalid UTF-8";
		return -1;
	}
	tab = memchr(line, '\t', len);
	if (!tab || tab == line) {
		*why = tab ? "empty form" : "expected FORM<TAB>TYPE";
		return -1;
	}
	type = tab + 1;
	end = memchr(type, '\t', len - (size_t)(type - line));
	if (!end)
		end = line + len;
	t = ner_type_parse(type, (size_t)(end - type));
	if (t < 0 && !(end - type == 4 && memcmp(type, "WORD", 4) == 0)) {
		*why = "unknown entity type";
		return -1;
	}
	*form = line;
	*flen = (size_t)(tab - line);
	*types = t < 0 ? GAZ_WORD : 1u << t;
	return 1;
}

long
gaz_load(struct gaz *g, const char *path)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, flen;
	ssize_t n;
	unsigned long lineno = 0;
	long added = 0;
	const char *form, *why = NULL;
	unsigned types;
	struct gaz *tmp = gaz_new();
	size_t i;
	int rc;

	if (!(fp = fopen(path, "r"))) {
		warnp("cannot open gazetteer '%s'", path);
		gaz_free(tmp);
		return -1;
	}
	/* Into a scratch gazetteer first, so a bad file adds nothing. */
	while ((n = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		rc = parse_line(line, (size_t)n, &form, &flen, &types, &why);
		if (rc < 0)
			goto fail;
		if (rc == 0)
			continue;
		if (gaz_add(tmp, form, flen, types) < 0) {
			why = "form longer than 64 characters or 255 bytes";
			goto fail;
		}
	}
	if (ferror(fp)) {
		warnp("cannot read gazetteer '%s'", path);
		goto fail_quiet;
	}
	for (i = 0; i < tmp->nf; i++) {
		gaz_add(g, tmp->forms.data + tmp->f[i].off, tmp->f[i].len,
		    tmp->types[tmp->f[i].node]);
		added++;
	}
	free(line);
	fclose(fp);
	gaz_free(tmp);
	return added;
fail:
	warnx("%s:%lu: %s", path, lineno, why);
fail_quiet:
	free(line);
	fclose(fp);
	gaz_free(tmp);
	return -1;
}

static const struct gaz *sort_gaz;

static int
form_cmp(const void *a, const void *b)
{
	const struct gaz_form *x = a, *y = b;
	const char *s = sort_gaz->forms.data;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(s + x->off, s + y->off, n);

	if (c)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* Each form as: types (1 byte), length (1 byte), the bytes. */
void
gaz_write(const struct gaz *g, struct buf *out)
{
	struct gaz_form *f = xmalloc((g->nf ? g->nf : 1) * sizeof *f);
	size_t i;
	char hdr[2];

	if (g->nf > 0)
		memcpy(f, g->f, g->nf * sizeof *f);
	sort_gaz = g;
	if (g->nf > 1)
		qsort(f, g->nf, sizeof *f, form_cmp);
	for (i = 0; i < g->nf; i++) {
		hdr[0] = (char)g->types[f[i].node];
		hdr[1] = (char)f[i].len;
		buf_add(out, hdr, 2);
		buf_add(out, g->forms.data + f[i].off, f[i].len);
	}
	free(f);
}

int
gaz_check(const unsigned char *p, size_t len)
{
	size_t at = 0, n;

	while (at < len) {
		if (len - at < 2)
			return -1;
		n = p[at + 1];
		if (n == 0 || n > len - at - 2 || p[at] == 0 ||
		    utf8_check((const char *)p + at + 2, n) != n ||
		    utf8_count((const char *)p + at + 2, n) > GAZ_MAX_FORM)
			return -1;
		at += 2 + n;
	}
	return 0;
}

int
gaz_read(struct gaz *g, const unsigned char *p, size_t len)
{
	size_t at = 0, cps = 0, i;

	if (gaz_check(p, len) < 0)
		return -1;
	/*
	 * Size the edge table once for every code point of the block (an
	 * upper bound on the new edges): growing it step by step rehashes
	 * everything each time, which was most of winnow-tag's start-up.
	 */
	for (i = 0; i < len; i++)
		cps += (p[i] & 0xc0) != 0x80;
	edgemap_reserve(&g->edges, cps);
	g->types = xreserve(g->types, &g->cnodes, g->nnodes + cps + 1, 1);
	for (; at < len; at += 2 + p[at + 1])
		add_form(g, (const char *)p + at + 2, p[at + 1], p[at]);
	return 0;
}
