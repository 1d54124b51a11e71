/* Unit tests for lib/stats and lib/statpage: the numbers winnow-stats reports. */
#include <check.h>
#include <string.h>

#include "core/buf.h"
#include "core/dec.h"
#include "record/rec.h"
#include "stats/stats.h"
#include "check_main.h"

/* Feed each line of 'lines' ('\n' apart) to 's' as a record. */
static void
feed(struct stats *s, const char *lines)
{
	struct rec r = REC_INIT;
	struct json_error err;
	const char *p = lines;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		struct stats_doc doc = { .bytes = len };

		ck_assert_msg(rec_parse(&r, p, len, "text", &err) == 1, "bad test line %.*s",
		    (int)len, p);
		if (rec_text(&r, &doc.text, &doc.len) != REC_STRING)
			doc.text = NULL;
		rec_get_raw(&r, "stripped", &doc.stripped, &doc.stripped_len);
		rec_get_raw(&r, "entities", &doc.entities, &doc.entities_len);
		rec_get_raw(&r, "money", &doc.money, &doc.money_len);
		rec_get_raw(&r, "pii", &doc.pii, &doc.pii_len);
		stats_add(s, &doc);
		p += len + (nl != NULL);
	}
	rec_release(&r);
}

static const struct stats_report *
report_of(struct stats **s, const struct stats_opts *o, const char *lines)
{
	*s = stats_new(o);
	feed(*s, lines);
	return stats_report(*s);
}

START_TEST(test_stats_counts)
{
	struct stats *s;
	const char *in =
	    "{\"text\":\"one\\ntwo\\n\\nthree\"}\n"
	    "{\"id\":1}\n"
	    "{\"text\":\"  \\n \"}\n"
	    "{\"text\":42}\n"
	    "{\"text\":\"\xed\x95\x9c\xea\xb8\x80 ok\"}";
	const struct stats_report *r = report_of(&s, NULL, in);

	ck_assert_uint_eq(r->records, 3);
	ck_assert_uint_eq(r->nofield, 2);	/* missing, and not a string */
	ck_assert_uint_eq(r->bytes, strlen(in) + 1);
	ck_assert_uint_eq(r->paragraphs, 3 + 0 + 1);
	ck_assert_uint_eq(r->empty, 1);
	ck_assert_uint_eq(r->chars, 14 + 4 + 5);
	ck_assert_uint_eq(r->text_bytes, 14 + 4 + 9);
	ck_assert_uint_eq(r->lengths[1], 3);	/* 1-99 characters */
	stats_free(s);
}
END_TEST

START_TEST(test_stats_scripts)
{
	struct stats *s;
	/* 4 Hangul + 2 Latin; 3 Latin + 1 Han; digits and punctuation only */
	const struct stats_report *r = report_of(&s, NULL,
	    "{\"text\":\"\xec\x82\xbc\xec\x84\xb1\xec\xa0\x84\xec\x9e\x90 TV 2024!\"}\n"
	    "{\"text\":\"abc \xe4\xb8\xad\"}\n"
	    "{\"text\":\"12,345 ...\"}");

	ck_assert_uint_eq(r->letters[STATS_HANGUL], 4);
	ck_assert_uint_eq(r->letters[STATS_LATIN], 5);
	ck_assert_uint_eq(r->letters[STATS_HAN], 1);
	ck_assert_uint_eq(r->docs[STATS_HANGUL], 1);
	ck_assert_uint_eq(r->docs[STATS_LATIN], 1);
	ck_assert_uint_eq(r->docs[STATS_NSCRIPTS], 1);	/* none */
	ck_assert_str_eq(r->script_names[STATS_NSCRIPTS], "none");
	stats_free(s);
}
END_TEST

START_TEST(test_stats_duplicates)
{
	struct stats *s;
	/*
	 * The second record repeats the first paragraph up to case, spaces and
	 * punctuation; "short line" is too light to judge; the last record's
	 * text equals the first's.
	 */
	const struct stats_report *r = report_of(&s, NULL,
	    "{\"text\":\"The council approved the budget today.\\nshort line\"}\n"
	    "{\"text\":\"the council approved   the budget today\\nshort line\\nA new paragraph that is long enough.\"}\n"
	    "{\"text\":\"The council approved the budget today.\\nshort line\"}");

	ck_assert_uint_eq(r->paragraphs, 7);
	ck_assert_uint_eq(r->dup_paragraphs, 2);
	ck_assert_uint_eq(r->dup_records, 1);
	ck_assert_uint_eq(r->min_chars, 20);
	stats_free(s);
}
END_TEST

START_TEST(test_stats_stripped)
{
	struct stats *s;
	const struct stats_report *r = report_of(&s, NULL,
	    "{\"text\":\"a\",\"stripped\":[{\"line\":1,\"rule\":\"copyright\",\"text\":\"(c)\"},"
	    "{\"line\":3,\"rule\":\"byline\",\"text\":\"x\"}]}\n"
	    "{\"text\":\"b\",\"stripped\":[]}\n"
	    "{\"text\":\"c\",\"stripped\":[{\"line\":2,\"rule\":\"byline\",\"text\":\"y\"},"
	    "{\"line\":2,\"text\":\"no rule\"}]}");

	ck_assert(r->has_stripped);
	ck_assert_uint_eq(r->stripped_lines, 3);
	ck_assert_uint_eq(r->stripped_records, 2);
	ck_assert_uint_eq(r->nrules, 2);
	ck_assert_str_eq(r->rules[0].name, "byline");
	ck_assert_uint_eq(r->rules[0].n, 2);
	ck_assert_str_eq(r->rules[1].name, "copyright");
	ck_assert_uint_eq(r->malformed, 1);
	ck_assert(!r->has_money && !r->has_entities);
	stats_free(s);
}
END_TEST

/* winnow-pii's arrays, reported or masked (no "text"): items by type. */
START_TEST(test_stats_pii)
{
	struct stats *s;
	struct buf json = BUF_INIT;
	const struct stats_report *r = report_of(&s, NULL,
	    "{\"text\":\"a\",\"pii\":[{\"start\":0,\"end\":13,\"type\":\"PHONE\",\"text\":\"010-1234-5678\",\"valid\":true},"
	    "{\"start\":14,\"end\":21,\"type\":\"EMAIL\",\"valid\":true}]}\n"
	    "{\"text\":\"b\",\"pii\":[]}\n"
	    "{\"text\":\"<PHONE>\",\"pii\":[{\"start\":0,\"end\":7,\"type\":\"PHONE\",\"valid\":false},{\"valid\":true}]}\n"
	    "{\"text\":\"c\",\"pii\":\"not an array\"}");

	ck_assert(r->has_pii);
	ck_assert_uint_eq(r->pii_items, 3);
	ck_assert_uint_eq(r->pii_records, 2);
	ck_assert_uint_eq(r->npii_types, 2);
	ck_assert_str_eq(r->pii_types[0].name, "PHONE");
	ck_assert_uint_eq(r->pii_types[0].n, 2);
	ck_assert_str_eq(r->pii_types[1].name, "EMAIL");
	ck_assert_uint_eq(r->malformed, 2);
	stats_json(r, &json);
	ck_assert_msg(strstr(json.data, ",\"pii\":{\"records\":2,\"items\":3,"
	    "\"by_type\":{\"PHONE\":2,\"EMAIL\":1}}") != NULL, "%s", json.data);
	buf_release(&json);
	stats_free(s);
}
END_TEST

START_TEST(test_stats_entities)
{
	struct stats *s;
	struct stats_opts o = { .top = 2 };
	const struct stats_report *r = report_of(&s, &o,
	    "{\"text\":\"x\",\"entities\":[{\"start\":0,\"end\":4,\"label\":\"ORG\",\"text\":\"Acme\"},"
	    "{\"label\":\"PERSON\",\"text\":\"Kim\"},{\"label\":\"ORG\",\"text\":\"Acme\"}]}\n"
	    "{\"text\":\"y\",\"entities\":[{\"label\":\"ORG\",\"text\":\"Bolt\"},"
	    "{\"label\":\"ORG\",\"text\":\"Cog\"},{\"label\":\"ORG\",\"text\":\"Bolt\"},"
	    "{\"label\":\"ORG\",\"text\":\"Acme\"}]}\n"
	    "{\"text\":\"z\",\"entities\":[]}");

	ck_assert_uint_eq(r->entities, 7);
	ck_assert_uint_eq(r->entity_records, 2);
	ck_assert_uint_eq(r->nlabels, 2);
	ck_assert_str_eq(r->labels[0].name, "ORG");
	ck_assert_uint_eq(r->labels[0].n, 6);
	ck_assert_uint_eq(r->labels[0].distinct, 3);
	ck_assert_uint_eq(r->labels[0].ntop, 2);
	ck_assert_str_eq(r->labels[0].top[0].name, "Acme");
	ck_assert_uint_eq(r->labels[0].top[0].n, 3);
	ck_assert_str_eq(r->labels[0].top[1].name, "Bolt");
	ck_assert(!r->labels[0].approx);
	ck_assert_str_eq(r->labels[1].name, "PERSON");
	stats_free(s);
}
END_TEST

/* Past max_texts distinct texts the frequent ones still come out on top. */
START_TEST(test_stats_entities_bounded)
{
	struct stats *s;
	struct stats_opts o = { .top = 1, .max_texts = 8 };
	struct buf in = BUF_INIT, want = BUF_INIT, json = BUF_INIT;
	const struct stats_report *r;
	int i;

	for (i = 0; i < 200; i++)
		buf_printf(&in, "{\"text\":\"t\",\"entities\":[{\"label\":\"ORG\",\"text\":\"rare%d\"},"
		    "{\"label\":\"ORG\",\"text\":\"Acme\"}]}\n", i);
	in.data[--in.len] = '\0';
	r = report_of(&s, &o, in.data);
	ck_assert_uint_eq(r->labels[0].n, 400);
	ck_assert(r->labels[0].approx);
	ck_assert_str_eq(r->labels[0].top[0].name, "Acme");
	ck_assert_uint_le(r->labels[0].top[0].n, 200);
	ck_assert_uint_ge(r->labels[0].top[0].n + r->labels[0].floor, 200);
	/* The JSON report says the counts are approximate, and by how much. */
	buf_printf(&want, "\"by_label\":{\"ORG\":{\"count\":400,\"distinct\":%llu,"
	    "\"approx\":true,\"error\":%llu,\"top\":[[\"Acme\",%llu]]}}",
	    (unsigned long long)r->labels[0].distinct,
	    (unsigned long long)r->labels[0].floor,
	    (unsigned long long)r->labels[0].top[0].n);
	stats_json(r, &json);
	ck_assert_ptr_nonnull(strstr(json.data, want.data));
	stats_free(s);
	buf_release(&in);
	buf_release(&want);
	buf_release(&json);
}
END_TEST

START_TEST(test_stats_money_exact)
{
	struct stats *s;
	char total[DEC_STRLEN];
	/*
	 * 9007199254740993 is 2^53 + 1, which no double holds: the sum must be
	 * exact to the last digit.
	 */
	const struct stats_report *r = report_of(&s, NULL,
	    "{\"text\":\"a\",\"money\":[{\"value\":9007199254740993,\"currency\":\"KRW\"},"
	    "{\"value\":9300000000000000,\"currency\":\"KRW\"},"
	    "{\"value\":64.45,\"currency\":\"USD\"}]}\n"
	    "{\"text\":\"b\",\"money\":[{\"value\":null,\"currency\":\"KRW\",\"min\":1,\"max\":2},"
	    "{\"value\":0.55,\"currency\":\"USD\"},{\"value\":1,\"currency\":\"KRW\"}]}\n"
	    "{\"text\":\"c\",\"money\":\"oops\"}");

	ck_assert(r->has_money);
	ck_assert_uint_eq(r->amounts, 6);
	ck_assert_uint_eq(r->money_records, 2);
	ck_assert_uint_eq(r->ncurrencies, 2);
	ck_assert_str_eq(r->currencies[0].code, "KRW");
	ck_assert_uint_eq(r->currencies[0].n, 4);
	ck_assert_uint_eq(r->currencies[0].valued, 3);
	ck_assert_uint_eq(r->currencies[0].unvalued, 1);
	dec_format(&r->currencies[0].total, total);
	ck_assert_str_eq(total, "18307199254740994");
	dec_format(&r->currencies[1].total, total);
	ck_assert_str_eq(total, "65");
	ck_assert_uint_eq(r->malformed, 1);
	stats_free(s);
}
END_TEST

START_TEST(test_stats_money_overflow)
{
	struct stats *s;
	struct buf json = BUF_INIT;
	const struct stats_report *r = report_of(&s, NULL,
	    "{\"text\":\"a\",\"money\":[{\"value\":99999999999999999999999999999999999999,\"currency\":\"XXX\"},"
	    "{\"value\":1,\"currency\":\"XXX\"}]}");

	ck_assert(r->currencies[0].overflow);
	stats_json(r, &json);
	ck_assert_ptr_nonnull(strstr(json.data, "\"total\":null,\"overflow\":true"));
	buf_release(&json);
	stats_free(s);
}
END_TEST

/* The whole report for a small stream, as a user's jq script reads it. */
START_TEST(test_stats_json)
{
	struct stats *s;
	struct buf json = BUF_INIT;
	const struct stats_report *r = report_of(&s, NULL,
	    "{\"text\":\"Hello\",\"money\":[{\"value\":5,\"currency\":\"USD\"}],"
	    "\"entities\":[{\"label\":\"ORG\",\"text\":\"\\\"Q\\\"\"}],"
	    "\"stripped\":[{\"rule\":\"nav\"}]}");

	stats_json(r, &json);
	ck_assert_str_eq(json.data,
	    "{\"records\":1,\"without_text\":0,\"bytes\":128,\"text_bytes\":5,"
	    "\"chars\":5,\"paragraphs\":1,\"empty_texts\":0,\"lengths\":["
	    "{\"min\":0,\"max\":0,\"records\":0},{\"min\":1,\"max\":99,\"records\":1},"
	    "{\"min\":100,\"max\":299,\"records\":0},{\"min\":300,\"max\":999,\"records\":0},"
	    "{\"min\":1000,\"max\":2999,\"records\":0},{\"min\":3000,\"max\":9999,\"records\":0},"
	    "{\"min\":10000,\"max\":29999,\"records\":0},{\"min\":30000,\"max\":99999,\"records\":0},"
	    "{\"min\":100000,\"records\":0}],"
	    "\"scripts\":{\"letters\":{\"latin\":5},\"records\":{\"latin\":1}},"
	    "\"duplicates\":{\"paragraphs\":0,\"records\":0,\"min_chars\":20},"
	    "\"stripped\":{\"records\":1,\"lines\":1,\"by_rule\":{\"nav\":1}},"
	    "\"entities\":{\"records\":1,\"total\":1,\"by_label\":{\"ORG\":{\"count\":1,"
	    "\"distinct\":1,\"top\":[[\"\\\"Q\\\"\",1]]}}},"
	    "\"money\":{\"records\":1,\"amounts\":1,\"by_currency\":{\"USD\":{\"amounts\":1,"
	    "\"valued\":1,\"unvalued\":0,\"total\":5}}}}");
	buf_release(&json);
	stats_free(s);
}
END_TEST

/* The page escapes what the data holds and fetches nothing. */
START_TEST(test_statpage_html)
{
	struct stats *s;
	struct buf html = BUF_INIT;
	const struct stats_report *r = report_of(&s, NULL,
	    "{\"text\":\"x\",\"entities\":[{\"label\":\"ORG\",\"text\":\"<script>alert(1)</script>\"}],"
	    "\"money\":[{\"value\":1234567.5,\"currency\":\"KRW\"}]}");

	statpage_html(r, "a & b", &html);
	ck_assert_ptr_nonnull(strstr(html.data, "<!DOCTYPE html>"));
	ck_assert_ptr_null(strstr(html.data, "<script"));
	ck_assert_ptr_nonnull(strstr(html.data, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert_ptr_nonnull(strstr(html.data, "<title>winnow-stats: a &amp; b</title>"));
	ck_assert_ptr_nonnull(strstr(html.data, "<svg"));
	ck_assert_ptr_nonnull(strstr(html.data, "1,234,567.5"));
	ck_assert_ptr_null(strstr(html.data, "http:/" "/example"));
	ck_assert_ptr_null(strstr(html.data, "src="));
	ck_assert_ptr_null(strstr(html.data, "@import"));
	buf_release(&html);
	stats_free(s);
}
END_TEST

static Suite *
stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_stats_counts);
	tcase_add_test(tc, test_stats_scripts);
	tcase_add_test(tc, test_stats_duplicates);
	tcase_add_test(tc, test_stats_stripped);
	tcase_add_test(tc, test_stats_pii);
	tcase_add_test(tc, test_stats_entities);
	tcase_add_test(tc, test_stats_entities_bounded);
	tcase_add_test(tc, test_stats_money_exact);
	tcase_add_test(tc, test_stats_money_overflow);
	tcase_add_test(tc, test_stats_json);
	tcase_add_test(tc, test_statpage_html);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(stats_suite)
