/*
 * The spans winnow-tag shows a reader, over real text: the sample corpus
 * (data/sample) and the seed pages (../shared/seeds, skipped when absent),
 * tagged by the built-in models.  Every span must:
 *
 *  - start and end on a word boundary, except that a Korean particle or
 *    suffix after it is left out (삼성전자는, 11시쯤), or that a name is one
 *    noun of a compound (일본|프로야구: both parts two syllables or more);
 *  - never split a Latin or digit token (AI, 38GWh, CEO);
 *  - not be one Latin letter, but for the letter that stands for a person
 *    in Korean news (A씨, B양).
 *
 * What breaks a rule is printed with its text, file and offset.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "ner/internal.h"
#include "check_main.h"

/* The test's own idea of a word's letters: not the tagger's. */
static int
alnum_latin(int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0x24f && c != 0xd7 &&
	    c != 0xf7);
}

static int
hangul(int32_t c)
{
	return c >= 0xac00 && c <= 0xd7a3;
}

static int
letter(int32_t c)
{
	return alnum_latin(c) || hangul(c);
}

/* The length of the code point that ends at byte 'b' > 0. */
static size_t
back(const char *s, size_t b)
{
	size_t a = b - 1;

	while (a > 0 && ((unsigned char)s[a] & 0xc0) == 0x80)
		a--;
	return b - a;
}

static int32_t
before(const char *s, size_t b)
{
	int32_t c;

	if (b == 0)
		return ' ';
	utf8_decode(s + b - back(s, b), back(s, b), &c);
	return c;
}

static int32_t
at(const char *s, size_t len, size_t b)
{
	int32_t c;

	if (b >= len)
		return ' ';
	utf8_decode(s + b, len - b, &c);
	return c;
}

/* Hangul syllables of s[a..b) (and b itself if all are). */
static size_t
syllables(const char *s, size_t a, size_t b)
{
	size_t n = 0;
	int32_t c;

	while (a < b) {
		a += (size_t)utf8_decode(s + a, b - a, &c);
		if (!hangul(c))
			return 0;
		n++;
	}
	return n;
}

/* The problems of one span, or NULL. */
static const char *
problem(const char *s, size_t len, const struct ner_span *v)
{
	size_t a, e;
	int32_t c;
	int names;

	if ((alnum_latin(before(s, v->bstart)) &&
	    alnum_latin(at(s, len, v->bstart))) ||
	    (alnum_latin(before(s, v->bend)) && alnum_latin(at(s, len, v->bend))))
		return "splits a Latin or digit token";
	c = at(s, len, v->bstart);
	if (v->end - v->start == 1 && alnum_latin(c) && !(c >= '0' && c <= '9')) {
		const char *after = s + v->bend;

		while (*after == ' ')
			after++;
		if (!(v->type == NER_PS && (strncmp(after, "씨", 3) == 0 ||
		    strncmp(after, "양", 3) == 0 || strncmp(after, "군", 3) == 0 ||
		    *after == '(')))
			return "one Latin letter";
	}
	names = v->type <= NER_OG;
	if (letter(before(s, v->bstart)) && letter(at(s, len, v->bstart))) {
		for (a = v->bstart; a > 0 && letter(before(s, a));)
			a -= back(s, a);
		if (!names || syllables(s, a, v->bstart) < 2 ||
		    syllables(s, v->bstart, v->bend) < 2)
			return "starts inside a word";
	}
	if (letter(before(s, v->bend)) && letter(at(s, len, v->bend))) {
		for (e = v->bend; e < len && letter(at(s, len, e));)
			e += (size_t)utf8_seq((const unsigned char *)s + e, len - e);
		if (names ? !ner_after_name(s + v->bend, e - v->bend) &&
		    !(v->type == NER_PS && e - v->bend == 3 &&
		    memcmp(s + v->bend, "모", 3) == 0) &&
		    (syllables(s, v->bend, e) < 2 ||
		    syllables(s, v->bstart, v->bend) < 2) :
		    !ner_is_num_suffix(s + v->bend, e - v->bend))
			return "ends inside a word, not before a particle";
	}
	return NULL;
}

static struct ner *tagger;

static void
setup(void)
{
	tagger = ner_new();
	ner_set_model(tagger, nerdefault_open(NER_KO));
	ner_set_model(tagger, nerdefault_open(NER_EN));
}

static void
teardown(void)
{
	ner_free(tagger);
}

/* Tag every .txt file of 'dir'; count spans and print the bad ones. */
static size_t
check_dir(const char *dir, size_t *nspans)
{
	struct ner_spans sp = NER_SPANS_INIT;
	struct dirent **ents;
	size_t bad = 0;
	int n, i;

	n = scandir(dir, &ents, NULL, alphasort);
	ck_assert_msg(n >= 0, "cannot read %s", dir);
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		size_t l = strlen(name), k;
		struct buf b = BUF_INIT;
		char path[4096];
		FILE *fp;
		int ch;

		if (l < 4 || strcmp(name + l - 4, ".txt") != 0) {
			free(ents[i]);
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", dir, name);
		ck_assert_ptr_nonnull(fp = fopen(path, "r"));
		while ((ch = getc(fp)) != EOF)
			buf_addc(&b, (char)ch);
		fclose(fp);
		buf_addc(&b, '\0');
		b.len--;
		ck_assert_uint_eq(utf8_check(b.data, b.len), b.len);
		ner_tag(tagger, b.data, b.len, &sp);
		*nspans += sp.n;
		for (k = 0; k < sp.n; k++) {
			const struct ner_span *v = &sp.v[k];
			const char *why = problem(b.data, b.len, v);
			size_t c0 = v->bstart, c1 = v->bend;

			if (!why)
				continue;
			/* the word around it, for the reader of the log */
			while (c0 > 0 && b.data[c0 - 1] != ' ' &&
			    b.data[c0 - 1] != '\n')
				c0--;
			while (c1 < b.len && b.data[c1] != ' ' &&
			    b.data[c1] != '\n')
				c1++;
			fprintf(stderr, "%s:%zu: %s [%.*s] in \"%.*s\": %s\n", path,
			    v->start, ner_type_name(v->type),
			    (int)(v->bend - v->bstart), b.data + v->bstart,
			    (int)(c1 - c0), b.data + c0, why);
			bad++;
		}
		buf_release(&b);
		free(ents[i]);
	}
	free(ents);
	ner_spans_release(&sp);
	return bad;
}

START_TEST(test_spans_sample_corpus)
{
	size_t n = 0, bad = check_dir("data/sample", &n);

	ck_assert_uint_gt(n, 50);	/* it did tag */
	ck_assert_msg(bad == 0, "%zu of %zu spans a reader would not accept",
	    bad, n);
}
END_TEST

START_TEST(test_spans_seed_pages)
{
	char path[4096];
	size_t n = 0, bad;

	if (!check_shared_path("seeds", path, sizeof path))
		return;
	bad = check_dir(path, &n);
	ck_assert_uint_gt(n, 50);
	ck_assert_msg(bad == 0, "%zu of %zu spans a reader would not accept",
	    bad, n);
}
END_TEST

static Suite *
nerspans_suite(void)
{
	Suite *s = suite_create("nerspans");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_spans_sample_corpus);
	tcase_add_test(tc, test_spans_seed_pages);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(nerspans_suite)
