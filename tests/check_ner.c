/* Unit tests for lib/ner: type names, BIOES decoding, particles, spans. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "ner/internal.h"
#include "check_main.h"

static const struct {
	const char *name;
	int type;
} type_rows[] = {
	{ "PS", NER_PS }, { "PER", NER_PS }, { "person", NER_PS },
	{ "PERSON", NER_PS }, { "LC", NER_LC }, { "LOC", NER_LC },
	{ "location", NER_LC }, { "GPE", NER_LC }, { "OG", NER_OG },
	{ "ORG", NER_OG }, { "corporation", NER_OG }, { "group", NER_OG },
	{ "DT", NER_DT }, { "DATE", NER_DT }, { "TI", NER_TI },
	{ "time", NER_TI }, { "QT", NER_QT }, { "QUANTITY", NER_QT },
	{ "MISC", -1 }, { "product", -1 }, { "", -1 }, { "PERSONS", -1 },
};

START_TEST(test_ner_type_parse_table)
{
	ck_assert_int_eq(ner_type_parse(type_rows[_i].name,
	    strlen(type_rows[_i].name)), type_rows[_i].type);
}
END_TEST

START_TEST(test_ner_types_parse)
{
	unsigned mask;

	ck_assert_int_eq(ner_types_parse("PERSON,ORG", &mask), 0);
	ck_assert_uint_eq(mask, 1u << NER_PS | 1u << NER_OG);
	ck_assert_int_eq(ner_types_parse("date,,QT", &mask), 0);
	ck_assert_uint_eq(mask, 1u << NER_DT | 1u << NER_QT);
	ck_assert_int_eq(ner_types_parse("PERSON,FOO", &mask), -1);
	ck_assert_int_eq(ner_types_parse(",", &mask), -1);
	ck_assert_str_eq(ner_type_name(NER_LC), "LOCATION");
	ck_assert_str_eq(ner_type_code(NER_QT), "QT");
}
END_TEST

/* Whether a tag sequence is well formed BIOES. */
static int
valid_bioes(const uint8_t *tags, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int t = tags[i], prev = i ? tags[i - 1] : 0;

		if (NER_TAG_CONTINUES(t)) {
			if (i == 0 || NER_TAG_CLOSES(prev) ||
			    NER_TAG_TYPE(prev) != NER_TAG_TYPE(t))
				return 0;
		} else if (i > 0 && !NER_TAG_CLOSES(prev)) {
			return 0;
		}
	}
	return n == 0 || NER_TAG_CLOSES(tags[n - 1]);
}

static int32_t
score(const int32_t *emit, const int32_t *trans, const int32_t *start,
    const uint8_t *tags, size_t n)
{
	int32_t s = start[tags[0]] + emit[tags[0]];
	size_t i;

	for (i = 1; i < n; i++)
		s += trans[tags[i - 1] * NER_NTAGS + tags[i]] +
		    emit[i * NER_NTAGS + tags[i]];
	return s;
}

/*
 * Emissions that want an I (inside) everywhere, and an O between: the
 * decoder must never start with I or E, put one after O, or end open.
 */
START_TEST(test_ner_viterbi_no_inside_after_outside)
{
	int32_t emit[5 * NER_NTAGS] = { 0 }, trans[NER_NTAGS * NER_NTAGS] = { 0 };
	int32_t start[NER_NTAGS] = { 0 };
	uint8_t tags[5], back[5 * NER_NTAGS];
	size_t i;

	for (i = 0; i < 5; i++)
		emit[i * NER_NTAGS + NER_I(NER_PS)] = 100;
	emit[2 * NER_NTAGS + NER_O] = 1000;
	ner_viterbi(emit, 5, trans, start, tags, back);
	ck_assert(valid_bioes(tags, 5));
	ck_assert_int_eq(tags[2], NER_O);
	ck_assert_int_ne(tags[3], NER_I(NER_PS));
	ck_assert_int_ne(tags[0], NER_I(NER_PS));
}
END_TEST

/* Random scores: the result is valid and no valid sequence scores more. */
START_TEST(test_ner_viterbi_is_best_valid_path)
{
	enum { N = 3 };
	int32_t emit[N * NER_NTAGS], trans[NER_NTAGS * NER_NTAGS];
	int32_t start[NER_NTAGS], best;
	uint8_t tags[N], back[N * NER_NTAGS], t[N];
	unsigned seed = 7 + (unsigned)_i;
	size_t i;
	int a, b, c;

	for (i = 0; i < N * NER_NTAGS; i++)
		emit[i] = rand_r(&seed) % 200 - 100;
	for (i = 0; i < NER_NTAGS * NER_NTAGS; i++)
		trans[i] = rand_r(&seed) % 200 - 100;
	for (i = 0; i < NER_NTAGS; i++)
		start[i] = rand_r(&seed) % 200 - 100;
	ner_viterbi(emit, N, trans, start, tags, back);
	ck_assert(valid_bioes(tags, N));
	best = score(emit, trans, start, tags, N);
	for (a = 0; a < NER_NTAGS; a++)
		for (b = 0; b < NER_NTAGS; b++)
			for (c = 0; c < NER_NTAGS; c++) {
				t[0] = (uint8_t)a;
				t[1] = (uint8_t)b;
				t[2] = (uint8_t)c;
				if (valid_bioes(t, N))
					ck_assert_int_le(score(emit, trans, start,
					    t, N), best);
			}
}
END_TEST

static const struct {
	const char *span;
	const char *cut;	/* what ner_josa_len must cut, "" for none */
} josa_rows[] = {
	{ "삼성전자에서", "에서" },
	{ "서울시로부터", "로부터" },
	{ "2030년까지", "까지" },
	{ "정부는", "는" },
	{ "오픈AI를", "를" },
	{ "과학기술정보통신부에서는", "에서는" },
	{ "김영이", "" },	/* 이 ends names: the model decides */
	{ "이영도", "" },
	{ "서울로", "" },
	{ "에서", "" },		/* nothing would be left */
	{ "Apple", "" },
};

START_TEST(test_ner_josa_len_table)
{
	const char *s = josa_rows[_i].span;

	ck_assert_uint_eq(ner_josa_len(s, strlen(s)), strlen(josa_rows[_i].cut));
}
END_TEST

START_TEST(test_ner_is_josa)
{
	ck_assert(ner_is_josa("에서는", strlen("에서는")));
	ck_assert(ner_is_josa("씨가", strlen("씨가")));
	ck_assert(ner_is_josa("의", strlen("의")));
	ck_assert(!ner_is_josa("사과", strlen("사과")));
	ck_assert(!ner_is_josa("", 0));
}
END_TEST

START_TEST(test_ner_lang_guess)
{
	ck_assert_int_eq(ner_lang_guess("삼성전자가 말했다", strlen("삼성전자가 말했다")), NER_KO);
	ck_assert_int_eq(ner_lang_guess("Samsung said", 12), NER_EN);
	ck_assert_int_eq(ner_lang_guess("SK하이닉스와 AI 반도체", strlen("SK하이닉스와 AI 반도체")), NER_KO);
	ck_assert_int_eq(ner_lang_guess("2024 - 10:30", 12), -1);
}
END_TEST

/*
 * Offsets are code points of the text, whatever comes before: emoji (4
 * bytes), Hangul (3), Latin (1).  User names match as whole words, a
 * Korean particle may follow, and not inside a longer word.
 */
START_TEST(test_ner_user_names_offsets_in_code_points)
{
	const char *s = "😀😀 삼성전자는 Apple과 함께, 삼성전자주식 Applesauce\n"
	    "é 오픈AI!";
	struct ner *n = ner_new();
	struct gaz *g = gaz_new();
	struct ner_spans sp = NER_SPANS_INIT;

	gaz_add(g, "삼성전자", strlen("삼성전자"), 1u << NER_OG);
	gaz_add(g, "Apple", 5, 1u << NER_OG);
	gaz_add(g, "오픈AI", strlen("오픈AI"), 1u << NER_OG);
	ner_set_gazetteer(n, g);
	ck_assert_uint_eq(ner_tag(n, s, strlen(s), &sp), 3);
	ck_assert_uint_eq(sp.v[0].start, 3);
	ck_assert_uint_eq(sp.v[0].end, 7);
	ck_assert_uint_eq(sp.v[0].bstart, 9);
	ck_assert_uint_eq(sp.v[0].bend, 21);
	ck_assert_uint_eq(sp.v[1].start, 9);
	ck_assert_uint_eq(sp.v[1].end, 14);
	ck_assert(memcmp(s + sp.v[1].bstart, "Apple", 5) == 0);
	/* the second line starts at code point 38: "é " then 오픈AI */
	ck_assert_uint_eq(sp.v[2].start, 40);
	ck_assert_uint_eq(sp.v[2].end, 44);
	ck_assert_int_eq(sp.v[2].type, NER_OG);
	/* --labels: only the kept types */
	ner_set_types(n, 1u << NER_PS);
	ck_assert_uint_eq(ner_tag(n, s, strlen(s), &sp), 0);
	ner_spans_release(&sp);
	ner_free(n);
	ner_free(NULL);
}
END_TEST

/*
 * A name ending in an organization's last word is an organization, though
 * the model alone calls "Meridian Capital" a place.
 */
START_TEST(test_ner_org_heads)
{
	const char *s = "Analysts at Meridian Capital said so.";
	struct ner *n = ner_new();
	struct nermodel *m = nerdefault_open(NER_EN);
	struct ner_spans sp = NER_SPANS_INIT;
	size_t i;
	int found = 0;

	ck_assert_ptr_nonnull(m);
	ner_set_model(n, m);
	ner_tag(n, s, strlen(s), &sp);
	for (i = 0; i < sp.n; i++)
		if (sp.v[i].bend - sp.v[i].bstart == 16 &&
		    memcmp(s + sp.v[i].bstart, "Meridian Capital", 16) == 0) {
			ck_assert_int_eq(sp.v[i].type, NER_OG);
			found = 1;
		}
	ck_assert_msg(found, "no span for Meridian Capital");
	ner_spans_release(&sp);
	ner_free(n);
}
END_TEST

/* The entities' JSON: code-point offsets, the type's name, escaped text. */
START_TEST(test_ner_spans_json)
{
	const char *text = "\"서울\"에 간 Kim\n";
	struct ner_spans sp = NER_SPANS_INIT;
	struct buf b = BUF_INIT;

	ner_spans_json(&sp, text, &b);
	ck_assert_str_eq(b.data, "[]");
	/* "서울" with its quotes: code points 0..4, bytes 0..8 */
	ner_spans_add(&sp, 0, 4, 0, 8, NER_LC);
	ner_spans_add(&sp, 8, 12, 16, 20, NER_PS);
	buf_reset(&b);
	ner_spans_json(&sp, text, &b);
	ck_assert_str_eq(b.data,
	    "[{\"start\":0,\"end\":4,\"label\":\"LOCATION\",\"text\":"
	    "\"\\\"서울\\\"\"},{\"start\":8,\"end\":12,\"label\":\"PERSON\","
	    "\"text\":\"Kim\\n\"}]");
	buf_release(&b);
	ner_spans_release(&sp);
}
END_TEST

/*
 * Spans a reader accepts: each row is a text with the model's span in
 * brackets, then what ner_fix_bounds makes of it ("" when it goes).
 */
static const struct {
	const char *in;
	int type;
	const char *want;
} bound_rows[] = {
	{ "[38G]Wh 배터리", NER_QT, "[38GWh] 배터리" },
	{ "오픈[AI]의 발표", NER_OG, "" },	/* inside the word 오픈AI */
	{ "[A]I 기술", NER_PS, "" },		/* a piece of a token */
	{ "새너제이=N[WP]", NER_OG, "" },
	{ "젠슨 [황 C]EO는", NER_PS, "젠슨 [황] CEO는" },
	{ "[젠슨 황 CEO]는", NER_PS, "[젠슨 황] CEO는" },
	{ "[CEO]가 말했다", NER_PS, "" },
	{ "x[ CEO]가", NER_PS, "" },		/* nothing left: no empty span */
	/* a span starts and ends at no space, and holds a word */
	{ "회사[ 삼성전자 ]가", NER_OG, "회사 [삼성전자] 가" },
	{ "[황 ]CEO", NER_PS, "[황] CEO" },
	{ "x[ ]y", NER_PS, "" },
	{ "[\t ]", NER_QT, "" },
	{ "기간[ — ]내", NER_DT, "" },
	{ "x[]y", NER_LC, "" },
	{ "[삼성전자]는", NER_OG, "[삼성전자]는" },
	{ "[반도]체 수출", NER_LC, "" },
	{ "북[미] 시장", NER_LC, "" },
	{ "[일본]프로야구", NER_LC, "[일본]프로야구" },
	{ "[A]씨가 말했다", NER_PS, "[A]씨가 말했다" },
	{ "[B](32)양", NER_PS, "[B](32)양" },
	{ "[K] 기업", NER_OG, "" },
	{ "[이]모(63)씨", NER_PS, "[이]모(63)씨" },
	{ "[김]씨에게", NER_PS, "[김]씨에게" },
	{ "[11시]쯤 도착", NER_TI, "[11시]쯤 도착" },
	{ "[3분기]에만", NER_DT, "[3분기]에만" },
	{ "[28명]입니다", NER_QT, "[28명]입니다" },
	{ "[2공]장에서", NER_QT, "" },
	{ "[5]만 장", NER_QT, "[5만] 장" },
	{ "[3]억 달러", NER_QT, "[3억] 달러" },
	{ "[1조2000억원] 공급", NER_QT, "[1조2000억원] 공급" },
	{ "[Jensen Huang]", NER_PS, "[Jensen Huang]" },
	{ "[아이유]다~~", NER_PS, "[아이유]다~~" },	/* the copula */
	{ "[미국]판 과속스캔들", NER_LC, "[미국]판 과속스캔들" },
	{ "[짐캐리]아저씨 좋아", NER_PS, "[짐캐리]아저씨 좋아" },
	{ "[정]모씨에게", NER_PS, "[정]모씨에게" },
	{ "[심형래]ᄏᄏᄏ", NER_PS, "[심형래]ᄏᄏᄏ" },	/* laughter, not letters */
	{ "[1978년]작 유화", NER_DT, "[1978년]작 유화" },
	{ "[2]공장", NER_QT, "" },		/* no suffix: still a split word */
};

/* Split "a[b]c" into the text "abc" and the byte span of b. */
static void
bracketed(const char *in, char *text, size_t *b, size_t *e)
{
	size_t k = 0;

	*b = *e = 0;
	for (; *in; in++) {
		if (*in == '[')
			*b = k;
		else if (*in == ']')
			*e = k;
		else
			text[k++] = *in;
	}
	text[k] = '\0';
}

START_TEST(test_ner_fix_bounds_table)
{
	char text[128], want[128], got[160];
	struct ner_spans sp = NER_SPANS_INIT;
	size_t b, e, len;

	bracketed(bound_rows[_i].in, text, &b, &e);
	len = strlen(text);
	ner_spans_add(&sp, utf8_count(text, b), utf8_count(text, e), b, e,
	    bound_rows[_i].type);
	ner_fix_bounds(&sp, text, len);
	if (*bound_rows[_i].want == '\0') {
		ck_assert_msg(sp.n == 0, "%s: kept [%.*s]", bound_rows[_i].in,
		    (int)(sp.v[0].bend - sp.v[0].bstart), text + sp.v[0].bstart);
	} else {
		ck_assert_msg(sp.n == 1, "%s: dropped", bound_rows[_i].in);
		snprintf(got, sizeof got, "%.*s[%.*s]%s", (int)sp.v[0].bstart,
		    text, (int)(sp.v[0].bend - sp.v[0].bstart),
		    text + sp.v[0].bstart, text + sp.v[0].bend);
		snprintf(want, sizeof want, "%s", bound_rows[_i].want);
		ck_assert_str_eq(got, want);
		/* code points follow the bytes */
		ck_assert_uint_eq(sp.v[0].start, utf8_count(text, sp.v[0].bstart));
		ck_assert_uint_eq(sp.v[0].end, utf8_count(text, sp.v[0].bend));
	}
	ner_spans_release(&sp);
}
END_TEST

/*
 * The second pass: a name found once is found where it stands again as a
 * word, and a full name of several words names its later short mentions.
 */
START_TEST(test_ner_second_pass)
{
	const char *text = "Jensen Huang spoke. Later Huang said Nvidia grew.";
	struct ner *n = ner_new();
	struct ner_spans sp = NER_SPANS_INIT;
	size_t i;
	int full = 0, short_ = 0;

	ner_set_model(n, nerdefault_open(NER_EN));
	ner_tag(n, text, strlen(text), &sp);
	for (i = 0; i < sp.n; i++) {
		const char *t = text + sp.v[i].bstart;
		size_t l = sp.v[i].bend - sp.v[i].bstart;

		if (sp.v[i].type == NER_PS && l == 12 && !memcmp(t, "Jensen Huang", 12))
			full = 1;
		if (sp.v[i].type == NER_PS && l == 5 && !memcmp(t, "Huang", 5))
			short_ = 1;
	}
	ck_assert_msg(full, "no Jensen Huang");
	ck_assert_msg(short_, "the later Huang is not a person");
	ner_spans_release(&sp);
	ner_free(n);
}
END_TEST

static Suite *
ner_suite(void)
{
	Suite *s = suite_create("ner");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_ner_type_parse_table, 0,
	    sizeof type_rows / sizeof type_rows[0]);
	tcase_add_test(tc, test_ner_types_parse);
	tcase_add_test(tc, test_ner_viterbi_no_inside_after_outside);
	tcase_add_loop_test(tc, test_ner_viterbi_is_best_valid_path, 0, 20);
	tcase_add_loop_test(tc, test_ner_josa_len_table, 0,
	    sizeof josa_rows / sizeof josa_rows[0]);
	tcase_add_test(tc, test_ner_is_josa);
	tcase_add_test(tc, test_ner_lang_guess);
	tcase_add_test(tc, test_ner_user_names_offsets_in_code_points);
	tcase_add_test(tc, test_ner_org_heads);
	tcase_add_test(tc, test_ner_spans_json);
	tcase_add_loop_test(tc, test_ner_fix_bounds_table, 0,
	    sizeof bound_rows / sizeof bound_rows[0]);
	tcase_add_test(tc, test_ner_second_pass);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(ner_suite)
