/* ner corpus: annotated sentences, KLUE's character format and CoNLL. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "ner/internal.h"

/* Corpora. */

struct nercorpus *
nercorpus_new(int lang)
{
	struct nercorpus *c = xcalloc(1, sizeof *c);

	c->lang = lang;
	return c;
}

size_t
nercorpus_size(const struct nercorpus *c)
{
	return c->n;
}

void
nercorpus_score_first(struct nercorpus *c, size_t n)
{
	c->scored = n < c->n ? n : c->n;
}

void
nercorpus_free(struct nercorpus *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->s[i].text);
		free(c->s[i].ub);
		free(c->s[i].ue);
		free(c->s[i].gold);
	}
	free(c->s);
	free(c);
}

/* A sentence being read: its text, unit spans and tags. */
struct reading {
	struct buf text;
	size_t *ub, *ue;
	uint8_t *tag;
	size_t n, cap;
};

static void
reading_add(struct reading *r, const char *s, size_t len, int sep, int tag)
{
	if (r->n == r->cap) {
		r->ub = xreserve(r->ub, &r->cap, r->n + 1, sizeof *r->ub);
		r->ue = xreallocarray(r->ue, r->cap, sizeof *r->ue);
		r->tag = xreallocarray(r->tag, r->cap, 1);
	}
	if (sep && r->text.len)
		buf_addc(&r->text, ' ');
	r->ub[r->n] = r->text.len;
	buf_add(&r->text, s, len);
	r->ue[r->n] = r->text.len;
	r->tag[r->n++] = (uint8_t)tag;
}

/* Finish the sentence being read, if any: repair its BIO, store it. */
static void
reading_end(struct nercorpus *c, struct reading *r)
{
	struct nersent *s;
	size_t i, j;

	if (r->n == 0)
		return;
	/*
	 * The file's tags, read as B (starts a span) or I (goes on), become
	 * BIOES; an I that cannot go on (IOB1) starts a span.
	 */
	for (i = 0; i < r->n; i = j) {
		int t = r->tag[i], type;

		j = i + 1;
		if (t == NER_O)
			continue;
		type = NER_TAG_TYPE(t);
		while (j < r->n && r->tag[j] == NER_I(type))
			j++;
		c->types |= 1u << type;
		if (j == i + 1) {
			r->tag[i] = (uint8_t)NER_S(type);
			continue;
		}
		r->tag[i] = (uint8_t)NER_B(type);
		r->tag[j - 1] = (uint8_t)NER_E(type);
	}
	c->s = xreserve(c->s, &c->cap, c->n + 1, sizeof *c->s);
	s = &c->s[c->n++];
	s->text = xmemdup(r->text.data, r->text.len + 1);
	s->len = r->text.len;
	s->n = r->n;
	s->ub = xmemdup(r->ub, r->n * sizeof *r->ub);
	s->ue = xmemdup(r->ue, r->n * sizeof *r->ue);
	s->gold = xmemdup(r->tag, r->n);
	buf_reset(&r->text);
	r->n = 0;
}

/*
 * A tag such as "B-PER", "I-location", "S-ORG" or "O".  Returns the tag,
 * O for types we do not tag (MISC), -1 when it is not a tag at all.
 */
static int
parse_tag(const char *s, size_t len)
{
	int t;

	if (len == 1 && s[0] == 'O')
		return NER_O;
	if (len < 3 || s[1] != '-')
		return -1;
	t = ner_type_parse(s + 2, len - 2);
	switch (s[0]) {
	case 'B': case 'S': case 'U':
		return t < 0 ? NER_O : NER_B(t);
	case 'I': case 'E': case 'L':
		return t < 0 ? NER_O : NER_I(t);
	}
	return -1;
}

static int
is_index(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

long
nercorpus_read(struct nercorpus *c, const char *path, int format)
{
	FILE *fp;
	char *line = NULL, *f[16];
	size_t cap = 0, flen[16], nf, before = c->n;
	ssize_t len;
	unsigned long lineno = 0;
	struct reading r = { BUF_INIT, NULL, NULL, NULL, 0, 0 };
	const char *why = NULL;
	int tag;

	if (!(fp = fopen(path, "r"))) {
		warnp("cannot open corpus '%s'", path);
		return -1;
	}
	while ((len = getline(&line, &cap, fp)) >= 0) {
		char *p, *e;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (format == NERCORPUS_AUTO)
			format = len >= 2 && line[0] == '#' && line[1] == '#' ?
			    NERCORPUS_KLUE : NERCORPUS_CONLL;
		if (utf8_check(line, (size_t)len) != (size_t)len) {
			why = "invalid UTF-8";
			goto fail;
		}
		if (format == NERCORPUS_KLUE) {
			if (len >= 2 && line[0] == '#' && line[1] == '#')
				continue;
			if (len == 0) {
				reading_end(c, &r);
				continue;
			}
			e = strrchr(line, '\t');
			if (!e) {
				why = "expected CHAR<TAB>TAG";
				goto fail;
			}
			if ((tag = parse_tag(e + 1, strlen(e + 1))) < 0) {
				why = "bad tag";
				goto fail;
			}
			/* a lone tab before the tag is a tab character */
			if (e == line)
				reading_add(&r, " ", 1, 0, tag);
			else if (utf8_count(line, (size_t)(e - line)) != 1) {
				why = "expected one character per line";
				goto fail;
			} else
				reading_add(&r, line, (size_t)(e - line), 0, tag);
			continue;
		}
		/* CoNLL: fields split by tabs, or by spaces when there is none */
		for (nf = 0, p = line; *p && nf < 16;) {
			int sep = strchr(line, '\t') ? '\t' : ' ';

			while (sep == ' ' && *p == ' ')
				p++;
			if (!*p)
				break;
			e = strchr(p, sep);
			if (!e)
				e = p + strlen(p);
			f[nf] = p;
			flen[nf++] = (size_t)(e - p);
			p = *e ? e + 1 : e;
		}
		while (nf > 0 && flen[nf - 1] == 0)
			nf--;
		if (nf == 0) {
			reading_end(c, &r);
			continue;
		}
		if (line[0] == '#')
			continue;
		if (nf < 2) {
			why = "expected TOKEN ... TAG";
			goto fail;
		}
		if ((tag = parse_tag(f[nf - 1], flen[nf - 1])) < 0) {
			why = "bad tag";
			goto fail;
		}
		p = nf >= 3 && is_index(f[0], flen[0]) ? f[1] : f[0];
		nf = p == f[1] ? flen[1] : flen[0];
		if (nf == 10 && memcmp(p, "-DOCSTART-", 10) == 0)
			continue;
		reading_add(&r, p, nf, 1, tag);
	}
	if (ferror(fp)) {
		warnp("cannot read corpus '%s'", path);
		goto fail_quiet;
	}
	reading_end(c, &r);
	free(line);
	fclose(fp);
	buf_release(&r.text);
	free(r.ub);
	free(r.ue);
	free(r.tag);
	return (long)(c->n - before);
fail:
	warnx("%s:%lu: %s", path, lineno, why);
fail_quiet:
	free(line);
	fclose(fp);
	buf_release(&r.text);
	free(r.ub);
	free(r.ue);
	free(r.tag);
	return -1;
}

void
nercorpus_spans(const struct nersent *s, struct ner_spans *out)
{
	struct utf8_pos pos = UTF8_POS_INIT;
	size_t i, j, cs;

	out->n = 0;
	for (i = 0; i < s->n; i = j) {
		int t = s->gold[i];

		j = i + 1;
		if (t == NER_O)
			continue;
		if (t == NER_B(NER_TAG_TYPE(t))) {
			while (j < s->n && s->gold[j] == NER_I(NER_TAG_TYPE(t)))
				j++;
			j++;	/* the E */
		}
		cs = utf8_pos_cp(&pos, s->text, s->ub[i]);
		ner_spans_add(out, cs, utf8_pos_cp(&pos, s->text, s->ue[j - 1]),
		    s->ub[i], s->ue[j - 1], NER_TAG_TYPE(t));
	}
}
