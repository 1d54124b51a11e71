/* Unit tests for lib/layout: line features, classes, and context. */
#include <check.h>
#include <string.h>

#include "strip/internal.h"
#include "check_main.h"

static struct layout_line
measure(const char *s, int lang)
{
	struct layout_line l;

	memset(&l, 0, sizeof l);
	layout_measure(&l, s, strlen(s), lang);
	return l;
}

/* Each row: a line, its language, and the features it must have. */
static const struct {
	const char *s;
	int lang;
	unsigned nchars, nwords;
	unsigned flags;		/* LAYOUT_END, LAYOUT_JUNK, LAYOUT_SPACED */
} feature_rows[] = {
	{ "정부는 오늘 새 정책을 발표했다.", LAYOUT_KO, 18, 5,
	    LAYOUT_END | LAYOUT_SPACED },
	{ "그는 \"괜찮다\"고 말했다.\"", LAYOUT_KO, 15, 3,
	    LAYOUT_END | LAYOUT_SPACED },
	{ "AI 친화적 정책도 한몫… \"글로벌 AI 허브 돼야\"", LAYOUT_KO, 29, 8,
	    LAYOUT_SPACED },		/* Korean headline in quotes: no end */
	{ "It said \"we got her\"", LAYOUT_EN, 20, 5,
	    LAYOUT_END | LAYOUT_SPACED },	/* English quote paragraph */
	{ "The story goes on...", LAYOUT_EN, 20, 4, LAYOUT_SPACED },
	{ "Read the rest…", LAYOUT_EN, 14, 3, LAYOUT_SPACED },
	{ "Is it over?", LAYOUT_EN, 11, 3, LAYOUT_END | LAYOUT_SPACED },
	{ "(Reuters).", LAYOUT_EN, 10, 1, LAYOUT_END },
	{ "______________________", LAYOUT_EN, 22, 1, LAYOUT_JUNK },
	{ "AELyyIIg5DN8hZfhi2q2fykPuGvqE8YFcE2Bj1ChIs2FTskjiIC2FCPAt5Alin8",
	    LAYOUT_EN, 63, 1, LAYOUT_JUNK },
	{ "1 2 3 4 5 6 7 8 9 10", LAYOUT_EN, 20, 10,
	    LAYOUT_JUNK | LAYOUT_SPACED },
	{ "日本語の文章です。", LAYOUT_EN, 9, 1, LAYOUT_END },
	/* Menus: words in a row, or items between pipes. */
	{ "산업 금융 증권 부동산 국제 오피니언", LAYOUT_KO, 20, 6,
	    LAYOUT_SPACED | LAYOUT_MENU },
	{ "World | Business | Markets", LAYOUT_EN, 26, 5,
	    LAYOUT_SPACED | LAYOUT_MENU },
	{ "World Business Markets Tech", LAYOUT_EN, 27, 4,
	    LAYOUT_SPACED | LAYOUT_MENU },
	/* Headlines are not: punctuation, digits, particles, stop words. */
	{ "가계대출 한 달 새 5조 넘게 불어…금융당국 \"총량 관리\"", LAYOUT_KO,
	    32, 9, LAYOUT_SPACED },
	{ "정부, 올해 성장률 전망 낮춰", LAYOUT_KO, 16, 5, LAYOUT_SPACED },
	{ "Council votes on the new budget", LAYOUT_EN, 31, 6, LAYOUT_SPACED },
	{ "", LAYOUT_EN, 0, 0, 0 },
};

START_TEST(test_features_table)
{
	struct layout_line l = measure(feature_rows[_i].s, feature_rows[_i].lang);

	ck_assert_uint_eq(l.nchars, feature_rows[_i].nchars);
	ck_assert_uint_eq(l.nwords, feature_rows[_i].nwords);
	ck_assert_uint_eq(l.flags, feature_rows[_i].flags);
}
END_TEST

START_TEST(test_stop_words)
{
	/* English function words, caseless, through quotes and ’. */
	struct layout_line l = measure("The cat, it’s said, sat on \"the\" mat",
	    LAYOUT_EN);

	ck_assert_uint_eq(l.nwords, 8);
	ck_assert_uint_eq(l.nstop, 5);	/* the it's said on the */
	/* Korean words ending in a particle or a verb ending. */
	l = measure("정부는 새 정책을 발표했다.", LAYOUT_KO);
	ck_assert_uint_eq(l.nwords, 4);
	ck_assert_uint_eq(l.nstop, 3);	/* 정부는 정책을 발표했다. */
}
END_TEST

static int
classify(const char *s, int lang, int stopwords)
{
	struct layout_line l = measure(s, lang);

	layout_classify(&l, lang, stopwords);
	return l.cls;
}

START_TEST(test_classify)
{
	ck_assert_int_eq(classify("정부는 오늘 새 경제 정책을 발표하면서 올해 "
	    "성장률 전망치를 낮췄다고 밝혔다.", LAYOUT_KO, 0), LAYOUT_GOOD);
	ck_assert_int_eq(classify("짧은 문장이다.", LAYOUT_KO, 0),
	    LAYOUT_SHORT);
	ck_assert_int_eq(classify("삼성·SK와의 협력, 정부 정책과 맞물려 시너지",
	    LAYOUT_KO, 0), LAYOUT_SHORT);
	ck_assert_int_eq(classify("______________________", LAYOUT_KO, 0),
	    LAYOUT_BAD);
	/* English prose with stop words, with and without the end mark. */
	ck_assert_int_eq(classify("The committee said on Monday that it would "
	    "publish its findings after the holiday.", LAYOUT_EN, 1),
	    LAYOUT_GOOD);
	ck_assert_int_eq(classify("Browns Steelers Rudolph Garrett Suspension "
	    "Appeal Hearing Date Set Week Twelve", LAYOUT_EN, 1), LAYOUT_BAD);
	/* Without stop words to go by (another language), punctuation. */
	ck_assert_int_eq(classify("Nesta página você terá sempre a "
	    "classificação atualizada da NASCAR até a última corrida!",
	    LAYOUT_EN, 0), LAYOUT_GOOD);
	ck_assert_int_eq(classify("Home News Sport Business Culture Opinion "
	    "Video Podcasts Newsletters Events", LAYOUT_EN, 0), LAYOUT_BAD);
}
END_TEST

START_TEST(test_stopwords_apply)
{
	struct layout_line v[4];

	v[0] = measure("The committee said on Monday that it would publish its "
	    "findings after the holiday and that the report would be long.",
	    LAYOUT_EN);
	v[1] = measure("Members of the council said they had not seen the draft "
	    "and would wait for it before they voted on the plan.", LAYOUT_EN);
	v[2] = measure("Mit einheitlichen Standards und Spezifikationen sollen "
	    "Insellösungen vermieden werden, sagte der Sprecher.", LAYOUT_EN);
	v[3] = measure("Dafür existierten heute bereits parallel verschiedene "
	    "Gesundheitsakten der Krankenkassen und privater Anbieter.",
	    LAYOUT_EN);
	v[0].cls = v[1].cls = v[2].cls = v[3].cls = LAYOUT_SHORT;
	ck_assert_int_eq(layout_stopwords_apply(v, 2), 1);
	ck_assert_int_eq(layout_stopwords_apply(v + 2, 2), 0);
	/* Too few words to judge the language: no. */
	ck_assert_int_eq(layout_stopwords_apply(v, 1), 0);
}
END_TEST

/*
 * Run the classifier over a document given as lines (NULL for a blank
 * line, "#rule" for a line a rule removed) and return the kept-mask as a
 * string of 'k' (kept) and '-' (removed).
 */
static const char *
revise(const char *const *lines, size_t n, int lang)
{
	static char mask[64];
	struct layout_line v[64];
	struct layout *ly = layout_new();
	size_t i;
	int stop;

	for (i = 0; i < n; i++) {
		memset(&v[i], 0, sizeof v[i]);
		if (lines[i] == NULL)
			v[i].cls = LAYOUT_BLANK;
		else if (strcmp(lines[i], "#rule") == 0)
			v[i].cls = LAYOUT_RULE;
		else
			layout_measure(&v[i], lines[i], strlen(lines[i]), lang);
	}
	stop = lang == LAYOUT_EN && layout_stopwords_apply(v, n);
	for (i = 0; i < n; i++)
		if (lines[i] && strcmp(lines[i], "#rule") != 0)
			layout_classify(&v[i], lang, stop);
	layout_revise(ly, v, n, lang);
	for (i = 0; i < n; i++)
		mask[i] = v[i].final == LAYOUT_GOOD ||
		    v[i].final == LAYOUT_BLANK ? 'k' : '-';
	mask[n] = '\0';
	layout_free(ly);
	return mask;
}

#define KO_BODY1 "정부는 오늘 새 경제 정책을 발표하면서 올해 성장률 전망치를 " \
	"2.2%로 낮췄다고 밝혔다. 기획재정부 관계자는 수출 회복이 더디다고 말했다."
#define KO_BODY2 "전문가들은 내수 부진이 이어지면서 하반기에도 경기 회복이 " \
	"쉽지 않을 것이라고 내다봤다. 한국은행도 비슷한 전망을 내놓았다."
#define KO_BODY3 "정부는 다음 달 추가 대책을 내놓을 계획이라고 덧붙였다. " \
	"관련 부처들은 세부 방안을 협의하고 있는 것으로 알려졌다."

START_TEST(test_revise_heading_and_subhead_kept)
{
	const char *doc[] = {
		"정부, 성장률 전망 2.2%로 하향",	/* headline */
		"#rule",				/* a caption */
		KO_BODY1,
		"수출 회복 더뎌",			/* subhead between body */
		KO_BODY2,
		KO_BODY3,
	};

	ck_assert_str_eq(revise(doc, 6, LAYOUT_KO), "k-kkkk");
}
END_TEST

START_TEST(test_revise_trailing_list_removed)
{
	const char *doc[] = {
		KO_BODY1, KO_BODY2, KO_BODY3,
		"- [Why] 헤그세스는 왜 미군 장성들을 불러모았나",
		"- 머쓱해진 트럼프, 관세 위협에도 투자 확대",
		"- [Why] 푸틴이 한국에 손짓하는 이유",
	};

	ck_assert_str_eq(revise(doc, 6, LAYOUT_KO), "kkk---");
}
END_TEST

START_TEST(test_revise_few_lines_kept)
{
	/* Too little to judge by: nothing but junk goes. */
	const char *one[] = { "짧은 문장이다." };
	const char *two[] = { "Home", "Is it over?" };
	const char *junk[] = { "A sentence of words.", "____________________",
	    "Another one here." };

	ck_assert_str_eq(revise(one, 1, LAYOUT_KO), "k");
	ck_assert_str_eq(revise(two, 2, LAYOUT_EN), "kk");
	ck_assert_str_eq(revise(junk, 3, LAYOUT_EN), "k-k");
}
END_TEST

#define EN_BODY1 "The city council voted on Tuesday to approve the new " \
	"budget, which includes money for roads, parks and the library that " \
	"has been closed since the flood last spring."
#define EN_BODY2 "Members said the plan would be reviewed again in the " \
	"autumn, when the state is expected to announce how much it will " \
	"contribute to the repairs of the bridge."
#define EN_BODY3 "The mayor, who had argued for a smaller increase, said " \
	"she would sign the budget but that she was worried about the cost " \
	"of the new fire station."

START_TEST(test_revise_outside_block)
{
	/*
	 * Teaser blurbs after a run of menus: prose, but each alone between
	 * titles, and far from the article: outside the main block.
	 */
	const char *doc[] = {
		"Home", "News", "Sport",
		EN_BODY1, NULL, EN_BODY2, NULL, EN_BODY3,
		"More stories", "Weather", "Traffic", "Contact", "Jobs",
		"Cars", "Homes",
		"Council approves budget for the new school",
		"The district will open a school in the west of the city "
		    "after years of planning, officials said on Monday.",
		"Storm damage closes the coastal road",
		"Crews are working to clear the road, which was flooded on "
		    "Sunday night, and expect to open it by the weekend.",
	};

	ck_assert_str_eq(revise(doc, 19, LAYOUT_EN), "---kkkkk-----------");
}
END_TEST

START_TEST(test_why_names)
{
	ck_assert_str_eq(layout_why_name(LAYOUT_WHY_JUNK), "junk");
	ck_assert_str_eq(layout_why_name(LAYOUT_WHY_SHAPE), "layout");
	ck_assert_str_eq(layout_why_name(LAYOUT_WHY_CONTEXT), "context");
	ck_assert_str_eq(layout_why_name(LAYOUT_WHY_OUTSIDE), "outside");
}
END_TEST

static Suite *
layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");

	tcase_add_loop_test(tc, test_features_table, 0,
	    sizeof feature_rows / sizeof feature_rows[0]);
	tcase_add_test(tc, test_stop_words);
	tcase_add_test(tc, test_classify);
	tcase_add_test(tc, test_stopwords_apply);
	tcase_add_test(tc, test_revise_heading_and_subhead_kept);
	tcase_add_test(tc, test_revise_trailing_list_removed);
	tcase_add_test(tc, test_revise_few_lines_kept);
	tcase_add_test(tc, test_revise_outside_block);
	tcase_add_test(tc, test_why_names);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(layout_suite)
