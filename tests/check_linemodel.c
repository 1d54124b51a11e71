/* Unit tests for winnow-strip's line model: the file, the trees, the context, training. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "strip/internal.h"
#include "check_main.h"

/*
 * A hand-made model: depth 1.  Korean: stage 1 splits on under-8-chars
 * (short lines: +4, else -4); stage 2 on first-score (above 0.5: +5, else
 * -5).  English: no trees, base -3 (keep all).
 */
static const char hand_model[] =
    "# a model for the tests\n"
    "winnow-strip-model 3\n"
    "depth 1\n"
    "ko threshold 0.5\n"
    "ko base 1 0\n"
    "ko base 2 0\n"
    "ko mean under-8-chars 0.2\n"
    "ko mean first-score 0.3\n"
    "ko tree 1 under-8-chars<0.5:0 : -4 4\n"
    "ko tree 2 first-score<0.5:0 : -5 5\n"
    "en threshold 0.9\n"
    "en base 1 -3\n"
    "en base 2 -3\n";

static int
column(const char *name)
{
	int j;

	for (j = 0; j < STAGE2_N; j++)
		if (strcmp(model_column_name(j), name) == 0)
			return j;
	ck_abort_msg("no column '%s'", name);
	return -1;
}

START_TEST(test_parse_hand_model)
{
	struct strip_model m;
	float x[STAGE2_N];
	short why[MODEL_WHY];

	ck_assert_int_eq(model_parse(&m, hand_model, strlen(hand_model),
	    "hand"), 0);
	ck_assert_int_eq(m.depth, 1);
	ck_assert_uint_eq(m.lang[MODEL_KO].ntree[0], 1);
	ck_assert_uint_eq(m.lang[MODEL_KO].ntree[1], 1);
	ck_assert_uint_eq(m.lang[MODEL_EN].ntree[0], 0);
	ck_assert(fabs(m.lang[MODEL_EN].threshold - 0.9) < 1e-9);
	memset(x, 0, sizeof x);
	x[column("under-8-chars")] = 1;
	ck_assert(fabs(model_eval(&m.lang[MODEL_KO], 1, 1, x) - 4) < 1e-6);
	x[column("under-8-chars")] = 0;
	ck_assert(fabs(model_eval(&m.lang[MODEL_KO], 1, 1, x) + 4) < 1e-6);
	ck_assert(fabs(model_eval(&m.lang[MODEL_EN], 1, 2, x) + 3) < 1e-6);
	/* What pushed a line out: the split on its path, named. */
	x[column("first-score")] = 0.9f;
	ck_assert_uint_eq(model_explain(&m, MODEL_KO, x, why), 1);
	ck_assert_int_eq(why[0], column("first-score"));
	x[column("first-score")] = 0.1f;
	ck_assert_uint_eq(model_explain(&m, MODEL_KO, x, why), 0);
	model_release(&m);
}
END_TEST

/* The text a model file prints is the model it was read from. */
START_TEST(test_format_round_trip)
{
	struct strip_model m, m2;
	struct buf a = BUF_INIT, b = BUF_INIT;

	ck_assert_int_eq(model_parse(&m, hand_model, strlen(hand_model),
	    "hand"), 0);
	model_format(&m, "round trip", &a);
	ck_assert_int_eq(model_parse(&m2, a.data, a.len, "formatted"), 0);
	model_format(&m2, "round trip", &b);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	ck_assert_ptr_nonnull(strstr(a.data, "ko tree 2 first-score<0.5:0 : "
	    "-5 5\n"));
	model_release(&m);
	model_release(&m2);
	buf_release(&a);
	buf_release(&b);
}
END_TEST

/* stderr into a file, to read back what a function said. */
static char errpath[64];

static void
capture(void)
{
	int fd;

	snprintf(errpath, sizeof errpath, "/tmp/winnow-linemodel.XXXXXX");
	fd = mkstemp(errpath);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_ptr_nonnull(freopen(errpath, "w", stderr));
}

static const char *
captured(void)
{
	static char msg[4096];
	FILE *fp;
	size_t n;

	fflush(stderr);
	fp = fopen(errpath, "r");
	ck_assert_ptr_nonnull(fp);
	n = fread(msg, 1, sizeof msg - 1, fp);
	msg[n] = '\0';
	fclose(fp);
	unlink(errpath);
	return msg;
}

#define HEAD "winnow-strip-model 3\ndepth 1\n"
#define T(text, msg) { text, sizeof text - 1, msg }

/* Broken model files are refused whole, with a message naming the line. */
static const struct {
	const char *text;
	size_t len;
	const char *msg;
} bad_models[] = {
	T("", "bad: not a winnow-strip model (empty)"),
	T("# only a comment\n", "bad: not a winnow-strip model (empty)"),
	T("not-a-model 3\n", "bad:1: not a winnow-strip model"),
	T("winnow-strip-model 9\n", "bad:1: model version is not 3"),
	T(HEAD "ko threshold 0.5\n", "bad: the model has no 'threshold' for en"),
	T(HEAD "ko threshold 0\nen threshold 0.5\n",
	    "bad:3: 'threshold' wants a number above 0 and at most 1"),
	T(HEAD "ko threshold 1.5\n", "bad:3: 'threshold' wants a number"),
	T(HEAD "ko threshold nan\n", "bad:3: 'threshold' wants a number"),
	T("winnow-strip-model 3\ndepth 5\n", "bad:2: 'depth' wants 1 to 4"),
	T(HEAD "depth 2\n", "bad:3: 'depth' wants 1 to 4, once"),
	T("winnow-strip-model 3\nko tree 1 - : 0 0\n",
	    "bad:2: a tree before 'depth'"),
	T(HEAD "ko tree 3 - : 0 0\n", "bad:3: 'tree' wants its stage, 1 or 2"),
	T(HEAD "ko tree 1 no-such<0.5:0 : 0 0\n",
	    "bad:3: split 1 of the tree is not FEATURE<X:V"),
	T(HEAD "ko tree 1 length<0.5 : 0 0\n", "bad:3: split 1 of the tree"),
	T(HEAD "ko tree 1 length<x:0 : 0 0\n", "bad:3: split 1 of the tree"),
	T(HEAD "ko tree 1 first-score<0.5:0 : 0 0\n",
	    "(a feature of stage 1)"),
	T(HEAD "ko tree 1 - : 0\n", "bad:3: the tree wants 2 leaf values"),
	T(HEAD "ko tree 1 - : 0 0 0\n", "bad:3: the tree has more than 2 leaf"),
	T(HEAD "ko tree 1 - 0 0\n", "bad:3: the tree wants ':' after its 1"),
	T(HEAD "ko mean no-such 1\n", "bad:3: 'mean' wants a feature and a"),
	T(HEAD "ko base 3 1\n", "bad:3: 'base' wants a stage, 1 or 2"),
	T(HEAD "ko base 1 1e300\n", "bad:3: 'base' wants a stage"),
	T(HEAD "fr threshold 0.5\n", "bad:3: a line is 'depth N' or starts"),
	T(HEAD "ko\n", "bad:3: a line is 'depth N' or starts with a language"),
	T(HEAD "ko frobnicate 1\n", "bad:3: unknown keyword 'frobnicate'"),
	T(HEAD "ko threshold 0.5\0\nen threshold 0.5\n",
	    "bad:3: NUL byte in model file"),
};

START_TEST(test_bad_models)
{
	struct strip_model m;

	capture();
	ck_assert_msg(model_parse(&m, bad_models[_i].text, bad_models[_i].len,
	    "bad") == -1, "model %d was accepted", _i);
	ck_assert_ptr_null(m.lang[MODEL_KO].tree[0]);
	ck_assert_msg(strstr(captured(), bad_models[_i].msg) != NULL,
	    "model %d: no '%s' in the message", _i, bad_models[_i].msg);
}
END_TEST

/* The second stage's columns: what the first said around each line. */
START_TEST(test_context)
{
	/* blank, rule, judged 0.9, judged 0.1, blank, judged 0.2, judged 0.8 */
	unsigned char kind[] = { MODEL_BLANK, MODEL_RULE, MODEL_JUDGED,
	    MODEL_JUDGED, MODEL_BLANK, MODEL_JUDGED, MODEL_JUDGED };
	double q[] = { -1, -1, 0.9, 0.1, -1, 0.2, 0.8 };
	float z[7 * STAGE2_N];
	const float *c3 = z + 3 * STAGE2_N + FEAT_N;
	const float *c5 = z + 5 * STAGE2_N + FEAT_N;
	const float *c2 = z + 2 * STAGE2_N + FEAT_N;

	memset(z, 0, sizeof z);
	model_context(q, kind, 7, z);
	ck_assert(fabsf(c3[CTX_SCORE] - 0.1f) < 1e-6);
	ck_assert(fabsf(c3[CTX_PREV_SCORE] - 0.9f) < 1e-6);
	ck_assert(fabsf(c3[CTX_NEXT_SCORE] - 0.2f) < 1e-6);	/* blank skipped */
	ck_assert(fabsf(c2[CTX_PREV_SCORE] - 1) < 1e-6);	/* a rule line */
	ck_assert(fabsf(c3[CTX_PAGE_BODY] - 0.5f) < 1e-6);	/* 2 of 4 */
	/* the run most like an article: lines 3 and 5 */
	ck_assert(c3[CTX_IN_RUN] == 1 && c5[CTX_IN_RUN] == 1);
	ck_assert(c2[CTX_IN_RUN] == 0);
	ck_assert(fabsf(c2[CTX_BODY_BELOW] - 1) < 1e-6);	/* next line */
	ck_assert(fabsf(c2[CTX_BODY_ABOVE]) < 1e-6);		/* none */
	ck_assert(c3[CTX_BETWEEN] == 0 && c5[CTX_BETWEEN] == 0);
}
END_TEST

#define BODY1 "정부는 오늘 새 경제 정책을 발표하면서 올해 성장률 전망치를 " \
	"2.2%로 낮췄다고 밝혔다. 기획재정부 관계자는 수출 회복이 더디다고 말했다."
#define BODY2 "전문가들은 내수 부진이 이어지면서 하반기에도 경기 회복이 " \
	"쉽지 않을 것이라고 내다봤다. 한국은행도 비슷한 전망을 내놓았다."
#define BODY3 "정부는 다음 달 추가 대책을 내놓을 계획이라고 덧붙였다. " \
	"관련 부처들은 세부 방안을 협의하고 있는 것으로 알려졌다."

/* A model's cut carries the reason "model" and the features that weighed. */
START_TEST(test_strip_with_model)
{
	struct strip *st = strip_new();
	struct strip_result res = STRIP_RESULT_INIT;
	struct buf json = BUF_INIT;
	const char *in = BODY1 "\n짧은줄\n" BODY2 "\n" BODY3 "\n";
	const double *p;

	ck_assert_int_gt(strip_add_builtin(st), 50);
	ck_assert_int_eq(strip_set_model(st, hand_model, strlen(hand_model),
	    "hand"), 0);
	ck_assert_int_eq(strip_text(st, in, strlen(in), STRIP_KO, &res), 0);
	ck_assert_str_eq(res.text.data, BODY1 "\n" BODY2 "\n" BODY3 "\n");
	ck_assert_uint_eq(res.ncut, 1);
	ck_assert_str_eq(res.cut[0].reason, "model");
	ck_assert_uint_eq(strip_scores(st, &p), 4);
	ck_assert(p[1] > 0.99 && p[0] < 0.01);
	strip_cuts_json(&res, in, &json);
	ck_assert_str_eq(json.data, "[{\"line\":2,\"rule\":\"model\",\"text\":"
	    "\"짧은줄\",\"features\":[\"first-score\"]}]");
	/* The English part of this model keeps everything. */
	ck_assert_int_eq(strip_text(st, "Short\nA story.\n", 16, STRIP_EN, &res),
	    0);
	ck_assert_int_eq(res.changed, 0);
	/* No model: layout decides again. */
	ck_assert_int_eq(strip_set_model(st, NULL, 0, NULL), 0);
	ck_assert_int_eq(strip_text(st, in, strlen(in), STRIP_KO, &res), 0);
	ck_assert_uint_eq(strip_scores(st, &p), 0);
	buf_release(&json);
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

/* The built-in model loads, and keeps a clean article whole. */
START_TEST(test_builtin_model_keeps_clean_article)
{
	static const char *const pages[] = {
		"정부, 성장률 전망 2.2%로 낮춰\n" BODY1 "\n" BODY2 "\n" BODY3 "\n",
		"정부, 성장률 전망 2.2%로 낮춰\n\n수출 회복 더뎌\n\n" BODY1 "\n\n"
		    BODY2 "\n\n" BODY3,
		"Council approves budget with money for roads and parks\n"
		    "The city council voted on Tuesday to approve a new budget "
		    "that includes money for road repairs and two new parks.\n"
		    "Council members said the plan would be reviewed again in "
		    "the spring, when the state announces its share.\n",
	};
	struct strip *st = strip_new();
	struct strip_result res = STRIP_RESULT_INIT;
	size_t i;

	ck_assert_int_gt(strip_add_builtin(st), 50);
	ck_assert_int_eq(strip_use_builtin_model(st), 0);
	for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		ck_assert_int_eq(strip_text(st, pages[i], strlen(pages[i]),
		    STRIP_AUTO, &res), 0);
		ck_assert_msg(res.changed == 0, "page %zu lost a line: %s", i,
		    res.text.data);
	}
	strip_result_release(&res);
	strip_free(st);
}
END_TEST

/*
 * Synthetic pages of two sites: menus of short words above, an article of
 * sentences, a footer below; each line labelled.
 */
static void
page(struct buf *text, signed char *label, size_t *n, int site, int k)
{
	static const char *const menus[] = {
		"정치", "경제", "사회", "국제", "문화", "스포츠", "연예", "오피니언"
	};
	static const char *const sentences[] = {
		"정부는 오늘 새 경제 정책을 발표하면서 올해 성장률 전망치를 낮췄다고 밝혔다.",
		"전문가들은 내수 부진이 이어지면서 하반기에도 경기 회복이 쉽지 않을 것이라고 내다봤다.",
		"관련 부처들은 세부 방안을 협의하고 있는 것으로 알려졌다.",
		"시장에서는 금리 인하 기대가 커지고 있다는 분석이 나왔다.",
		"수출 기업들은 환율 변동에 대비해 대책을 마련하고 있다고 전했다.",
	};
	int i;

	buf_reset(text);
	*n = 0;
	for (i = 0; i < 5; i++) {
		buf_printf(text, "%s\n", menus[(i + k + site) % 8]);
		label[(*n)++] = STRIP_DROP;
	}
	for (i = 0; i < 4; i++) {
		buf_printf(text, "%s\n", sentences[(i + k) % 5]);
		label[(*n)++] = STRIP_KEEP;
	}
	buf_printf(text, "%s\n", site ? "많이 본 뉴스 더보기" : "회사소개 광고문의");
	label[(*n)++] = STRIP_DROP;
}

START_TEST(test_train)
{
	struct strip *st = strip_new();
	struct strip_trainer *tr;
	struct strip_train_opts o = {
		.trees = 20, .trees2 = 20, .depth = 2, .rate = 0.3, .min_child = 0.5,
		.l2 = 1, .body_weight = 1, .balance = 0.5,
		.recall = { 0.99, 0 }, .threshold = 0, .folds = 2
	};
	struct buf text = BUF_INIT, m1 = BUF_INIT, m2 = BUF_INIT;
	struct strip_result res = STRIP_RESULT_INIT;
	const char *site[] = { "a.example", "b.example" };
	signed char label[16];
	size_t n;
	int k, s;

	ck_assert_int_gt(strip_add_builtin(st), 50);
	tr = strip_trainer_new(st);
	for (s = 0; s < 2; s++)
		for (k = 0; k < 4; k++) {
			page(&text, label, &n, s, k);
			ck_assert_int_eq(strip_trainer_add(tr, text.data, text.len,
			    STRIP_KO, label, n, site[s]), 0);
		}
	/* A label past the end of the text is refused. */
	label[n] = STRIP_KEEP;
	ck_assert_int_eq(strip_trainer_add(tr, text.data, text.len, STRIP_KO,
	    label, n + 1, "c.example"), -1);
	ck_assert_int_eq(strip_trainer_fit(tr, &o, NULL, 0, &m1), 0);
	ck_assert_int_eq(strip_trainer_fit(tr, &o, NULL, 0, &m2), 0);
	/* The same pages and options, the same bytes. */
	ck_assert_uint_eq(m1.len, m2.len);
	ck_assert(memcmp(m1.data, m2.data, m1.len) == 0);
	ck_assert_ptr_nonnull(strstr(m1.data, "ko: 80 labelled lines (32 body) "
	    "of 2 sites"));
	/* The model learnt: a new page of the same kind is cut right. */
	ck_assert_int_eq(strip_set_model(st, m1.data, m1.len, "trained"), 0);
	page(&text, label, &n, 1, 7);
	ck_assert_int_eq(strip_text(st, text.data, text.len, STRIP_KO, &res), 0);
	ck_assert_ptr_null(strstr(res.text.data, "\n정치\n"));
	ck_assert_ptr_nonnull(strstr(res.text.data,
	    "관련 부처들은 세부 방안을 협의하고 있는 것으로 알려졌다."));
	ck_assert_uint_eq(res.ncut, 6);
	/* Leaving a site out, the other still teaches. */
	buf_reset(&m2);
	ck_assert_int_eq(strip_trainer_fit(tr, &o, &site[0], 1, &m2), 0);
	ck_assert_ptr_nonnull(strstr(m2.data, "ko: 40 labelled lines (16 body) "
	    "of 1 sites"));
	strip_trainer_free(tr);
	/* Nothing to learn from: a model that keeps every line. */
	tr = strip_trainer_new(st);
	buf_reset(&m2);
	capture();
	ck_assert_int_eq(strip_trainer_fit(tr, &o, NULL, 0, &m2), 0);
	ck_assert_ptr_nonnull(strstr(captured(), "nothing to learn from"));
	ck_assert_int_eq(strip_set_model(st, m2.data, m2.len, "empty"), 0);
	ck_assert_int_eq(strip_text(st, text.data, text.len, STRIP_KO, &res), 0);
	ck_assert_uint_eq(res.ncut, 0);
	strip_trainer_free(tr);
	strip_result_release(&res);
	buf_release(&text);
	buf_release(&m1);
	buf_release(&m2);
	strip_free(st);
}
END_TEST

static Suite *
linemodel_suite(void)
{
	Suite *s = suite_create("linemodel");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_parse_hand_model);
	tcase_add_test(tc, test_format_round_trip);
	tcase_add_loop_test(tc, test_bad_models, 0,
	    sizeof bad_models / sizeof bad_models[0]);
	tcase_add_test(tc, test_context);
	tcase_add_test(tc, test_strip_with_model);
	tcase_add_test(tc, test_builtin_model_keeps_clean_article);
	tcase_add_test(tc, test_train);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(linemodel_suite)
