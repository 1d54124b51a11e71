/* Unit tests for lib/ner corpus.c, train.c and eval.c, end to end. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "ner/internal.h"
#include "check_main.h"

/* Write 'text' to a file of the test's directory; returns its path. */
static const char *
temp_file(const char *text)
{
	return check_file("corpus.txt", text, strlen(text));
}

/* KLUE's character format: one line per code point, spaces included. */
static void
klue_sentence(struct buf *b, const char *id, const char *chars,
    const char *tags)
{
	size_t at = 0, len = strlen(chars);
	const char *t = tags;

	buf_printf(b, "## %s\t(inline)\n", id);
	while (at < len) {
		int32_t c;
		int n = utf8_decode(chars + at, len - at, &c);
		const char *e = strchr(t, ' ');

		buf_add(b, chars + at, (size_t)n);
		buf_addc(b, '\t');
		buf_add(b, t, e ? (size_t)(e - t) : strlen(t));
		buf_addc(b, '\n');
		at += (size_t)n;
		t = e ? e + 1 : t + strlen(t);
	}
	buf_addc(b, '\n');
}

START_TEST(test_nercorpus_read_klue)
{
	struct buf b = BUF_INIT;
	struct nercorpus *c = nercorpus_new(NER_KO);
	struct ner_spans sp = NER_SPANS_INIT;
	const char *p;

	buf_addstr(&b, "## 토큰, 레이블 구분자 : \\t\n");
	klue_sentence(&b, "s1", "김 씨는 서울에", "B-PS O O O O B-LC I-LC O");
	klue_sentence(&b, "s2", "😀A", "O B-OG");
	p = temp_file(b.data);
	ck_assert_int_eq(nercorpus_read(c, p, NERCORPUS_AUTO), 2);
	ck_assert_str_eq(c->s[0].text, "김 씨는 서울에");
	ck_assert_uint_eq(c->s[0].n, 8);
	/* BIO becomes BIOES: a one-unit span is S, a longer one B..E */
	ck_assert_int_eq(c->s[0].gold[0], NER_S(NER_PS));
	ck_assert_int_eq(c->s[0].gold[5], NER_B(NER_LC));
	ck_assert_int_eq(c->s[0].gold[6], NER_E(NER_LC));
	ck_assert_uint_eq(c->types, 1u << NER_PS | 1u << NER_LC | 1u << NER_OG);
	nercorpus_spans(&c->s[1], &sp);
	ck_assert_uint_eq(sp.n, 1);
	ck_assert_uint_eq(sp.v[0].start, 1);	/* code points, after the emoji */
	ck_assert_uint_eq(sp.v[0].bstart, 4);
	ner_spans_release(&sp);
	nercorpus_free(c);
	buf_release(&b);
}
END_TEST

START_TEST(test_nercorpus_read_conll)
{
	struct nercorpus *c = nercorpus_new(NER_EN);
	struct ner_spans sp = NER_SPANS_INIT;
	const char *p = temp_file(
	    "0\t-DOCSTART-\tO\n\n"
	    "0\tThe\tO\n1\tMad\tB-ORG\n2\tCapsule\tI-ORG\n3\tin\tO\n"
	    "4\tJapanese\tB-MISC\n5\tTokyo\tI-LOC\n\n"
	    "@paul\tO\nEmpire\tB-location\nState\tI-location\n\t\n"
	    "Acme\tB-corporation\nrocks\tO\n");

	ck_assert_int_eq(nercorpus_read(c, p, NERCORPUS_AUTO), 3);
	ck_assert_str_eq(c->s[0].text, "The Mad Capsule in Japanese Tokyo");
	nercorpus_spans(&c->s[0], &sp);
	ck_assert_uint_eq(sp.n, 2);		/* MISC is not tagged */
	ck_assert_int_eq(sp.v[0].type, NER_OG);
	ck_assert_uint_eq(sp.v[0].start, 4);
	ck_assert_uint_eq(sp.v[0].end, 15);
	ck_assert_int_eq(sp.v[1].type, NER_LC);	/* IOB1 I- starts a span */
	ck_assert_uint_eq(sp.v[1].start, 28);
	nercorpus_spans(&c->s[1], &sp);
	ck_assert_uint_eq(sp.n, 1);
	ck_assert_uint_eq(sp.v[0].end - sp.v[0].start, strlen("Empire State"));
	ck_assert_str_eq(c->s[2].text, "Acme rocks");
	ner_spans_release(&sp);
	nercorpus_free(c);
}
END_TEST

START_TEST(test_nercorpus_read_bad_lines)
{
	static const char *const bad[] = {
		"## x\n서\tB-PS\n울\tX-PS\n",		/* bad tag */
		"## x\n서울\tB-PS\n",			/* two characters */
		"The\tO\nCat\n",			/* no tag */
		"The\tO\n\xff\tO\n",			/* invalid UTF-8 */
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct nercorpus *c = nercorpus_new(NER_KO);
		const char *p = temp_file(bad[i]);

		ck_assert_int_eq(nercorpus_read(c, p, NERCORPUS_AUTO), -1);
		nercorpus_free(c);
	}
}
END_TEST

START_TEST(test_nereval_exact_span_and_type)
{
	struct ner_spans gold = NER_SPANS_INIT, pred = NER_SPANS_INIT;
	struct nereval e = { { 0 }, { 0 }, { 0 } };
	struct buf out = BUF_INIT;
	double f;

	ner_spans_add(&gold, 0, 3, 0, 9, NER_PS);
	ner_spans_add(&gold, 5, 7, 15, 21, NER_LC);
	ner_spans_add(&gold, 9, 11, 27, 33, NER_OG);
	ner_spans_add(&pred, 0, 3, 0, 9, NER_PS);	/* hit */
	ner_spans_add(&pred, 5, 8, 15, 24, NER_LC);	/* wrong end */
	ner_spans_add(&pred, 9, 11, 27, 33, NER_LC);	/* wrong type */
	nereval_add(&e, &gold, &pred);
	ck_assert_uint_eq(e.tp[NER_PS], 1);
	ck_assert_uint_eq(e.fp[NER_LC], 2);
	ck_assert_uint_eq(e.fn[NER_LC], 1);
	ck_assert_uint_eq(e.fn[NER_OG], 1);
	f = nereval_report(&e, NER_TYPE_MASK, &out);
	ck_assert(f > 0.333 && f < 0.334);	/* P = R = 1/3 */
	ck_assert_ptr_nonnull(strstr(out.data, "PERSON"));
	ner_spans_release(&gold);
	ner_spans_release(&pred);
	buf_release(&out);
}
END_TEST

/* A tiny corpus: training learns it, and the same seed gives the same bytes. */
static struct nercorpus *
tiny_corpus(void)
{
	struct buf b = BUF_INIT;
	struct nercorpus *c = nercorpus_new(NER_KO);
	const char *p;
	int i;

	for (i = 0; i < 6; i++) {
		klue_sentence(&b, "a", "김철수 씨가 서울에 갔다",
		    "B-PS I-PS I-PS O O O O B-LC I-LC O O O O");
		klue_sentence(&b, "b", "😀 박영희 씨는 부산에서 3일 왔다",
		    "O O B-PS I-PS I-PS O O O O B-LC I-LC O O O B-DT I-DT O O O");
	}
	p = temp_file(b.data);
	ck_assert_int_eq(nercorpus_read(c, p, NERCORPUS_KLUE), 12);
	buf_release(&b);
	return c;
}

START_TEST(test_nertrain_learns_and_is_deterministic)
{
	struct nercorpus *c = tiny_corpus();
	struct nertrain_opts o = { 0 };
	struct buf m1 = BUF_INIT, m2 = BUF_INIT;
	size_t idx[12], i;
	struct nermodel *m;
	struct ner *n;
	struct ner_spans sp = NER_SPANS_INIT;
	const char *s = "😀 박영희 씨는 부산에서 3일 왔다";

	for (i = 0; i < 12; i++)
		idx[i] = i;
	o.epochs = 5;
	o.seed = 42;
	o.min_count = 1;
	nertrain(c, idx, 12, &o, &m1);
	nertrain(c, idx, 12, &o, &m2);
	ck_assert_uint_eq(m1.len, m2.len);
	ck_assert(memcmp(m1.data, m2.data, m1.len) == 0);

	m = nermodel_open(m1.data, m1.len, "tiny");
	ck_assert_ptr_nonnull(m);
	n = ner_new();
	ner_set_model(n, m);
	ck_assert_uint_eq(ner_tag(n, s, strlen(s), &sp), 3);
	/* code points: the emoji counts one */
	ck_assert_uint_eq(sp.v[0].start, 2);
	ck_assert_uint_eq(sp.v[0].end, 5);
	ck_assert_int_eq(sp.v[0].type, NER_PS);
	/* the particle 에서 stays outside */
	ck_assert_uint_eq(sp.v[1].start, 9);
	ck_assert_uint_eq(sp.v[1].end, 11);
	ck_assert_int_eq(sp.v[1].type, NER_LC);
	ck_assert_int_eq(sp.v[2].type, NER_DT);
	ner_free(n);
	ner_spans_release(&sp);
	buf_release(&m1);
	buf_release(&m2);
	nercorpus_free(c);
}
END_TEST

static Suite *
nertrain_suite(void)
{
	Suite *s = suite_create("nertrain");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, check_tmpdir_setup, check_tmpdir_teardown);

	tcase_add_test(tc, test_nercorpus_read_klue);
	tcase_add_test(tc, test_nercorpus_read_conll);
	tcase_add_test(tc, test_nercorpus_read_bad_lines);
	tcase_add_test(tc, test_nereval_exact_span_and_type);
	tcase_add_test(tc, test_nertrain_learns_and_is_deterministic);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(nertrain_suite)
