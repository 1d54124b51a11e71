/* Unit tests for lib/rec: records read once and written back byte for byte. */
#include <check.h>
#include <string.h>

#include "core/buf.h"
#include "record/rec.h"
#include "check_main.h"

/* Parse 'line' with text field 'field'; 1, 0 or -1 as rec_parse. */
static int
parse(struct rec *r, const char *line, const char *field, struct json_error *err)
{
	return rec_parse(r, line, strlen(line), field, err);
}

/* The record written back, as a C string (without the newline). */
static const char *
written(const struct rec *r, struct buf *b)
{
	buf_reset(b);
	rec_write(r, b);
	ck_assert_int_eq(b->data[b->len - 1], '\n');
	b->data[--b->len] = '\0';
	return b->data;
}

START_TEST(test_rec_unchanged_is_byte_identical)
{
	static const char *lines[] = {
		"{\"text\":\"a\\u00e9\\/b\",\"x\" : [1, 2.50, {\"y\":null}]}",
		"  {\"id\":1}  ",
		"{\"text\":\"\xed\x95\x9c\"  ,\"text2\":\"\\ud800\"}",
	};
	struct rec r = REC_INIT;
	struct buf b = BUF_INIT;
	struct json_error err;
	size_t i;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		ck_assert_int_eq(parse(&r, lines[i], "text", &err), 1);
		ck_assert_str_eq(written(&r, &b), lines[i]);
		ck_assert(!rec_changed(&r));
	}
	rec_release(&r);
	buf_release(&b);
}
END_TEST

START_TEST(test_rec_text_decoded)
{
	struct rec r = REC_INIT;
	struct json_error err;
	const char *s;
	size_t len;

	ck_assert_int_eq(parse(&r, "{\"t\\u0065xt\":\"a\\nb\\u0000c\"}", "text", &err), 1);
	ck_assert_int_eq(rec_text(&r, &s, &len), REC_STRING);
	ck_assert_uint_eq(len, 5);
	ck_assert_int_eq(memcmp(s, "a\nb\0c", 5), 0);
	ck_assert_int_eq(parse(&r, "{\"text\":5}", "text", &err), 1);
	ck_assert_int_eq(rec_text(&r, &s, &len), REC_NOT_STRING);
	ck_assert_int_eq(parse(&r, "{\"body\":\"x\"}", "text", &err), 1);
	ck_assert_int_eq(rec_text(&r, &s, &len), REC_MISSING);
	ck_assert_int_eq(parse(&r, "{\"body\":\"x\"}", "body", &err), 1);
	ck_assert_int_eq(rec_text(&r, &s, &len), REC_STRING);
	ck_assert_uint_eq(len, 1);
	rec_release(&r);
}
END_TEST

START_TEST(test_rec_blank_and_bad_lines)
{
	struct rec r = REC_INIT;
	struct json_error err;

	ck_assert_int_eq(parse(&r, "", "text", &err), 0);
	ck_assert_int_eq(parse(&r, " \t \r", "text", &err), 0);
	ck_assert_int_eq(parse(&r, "[]", "text", &err), -1);
	ck_assert_int_eq(parse(&r, "{\"text\":\"a\",\"text\":\"b\"}", "text", &err), -1);
	ck_assert_str_eq(err.msg, "the text field appears twice");
	/* The same key spelled with an escape is the same key. */
	ck_assert_int_eq(parse(&r, "{\"text\":\"a\",\"t\\u0065xt\":\"b\"}", "text", &err), -1);
	/* Other duplicate keys pass. */
	ck_assert_int_eq(parse(&r, "{\"id\":1,\"id\":2,\"text\":\"a\"}", "text", &err), 1);
	rec_release(&r);
}
END_TEST

START_TEST(test_rec_set_text_in_place)
{
	struct rec r = REC_INIT;
	struct buf b = BUF_INIT;
	struct json_error err;

	ck_assert_int_eq(parse(&r, "{\"a\" : 1 , \"text\" : \"old\" , \"z\":[]}", "text", &err), 1);
	rec_set_text(&r, "new \"q\"\n", 8);
	ck_assert(rec_changed(&r));
	ck_assert_str_eq(written(&r, &b),
	    "{\"a\" : 1 , \"text\" : \"new \\\"q\\\"\\n\" , \"z\":[]}");
	rec_release(&r);
	buf_release(&b);
}
END_TEST

START_TEST(test_rec_append_and_replace_members)
{
	struct rec r = REC_INIT;
	struct buf b = BUF_INIT;
	struct json_error err;

	ck_assert_int_eq(parse(&r, "{\"text\":\"x\",\"money\":[1] }", "text", &err), 1);
	rec_set_raw(&r, "money", "[]", 2);		/* replaced in place */
	rec_set_raw(&r, "entities", "[{\"a\":1}]", 9);	/* appended */
	rec_set_string(&r, "lang", "ko", 2);		/* appended after it */
	rec_set_raw(&r, "entities", "[]", 2);		/* the append replaced */
	ck_assert_str_eq(written(&r, &b),
	    "{\"text\":\"x\",\"money\":[],\"entities\":[],\"lang\":\"ko\" }");

	ck_assert_int_eq(parse(&r, "{}", "text", &err), 1);
	rec_set_raw(&r, "n", "1", 1);
	rec_set_raw(&r, "m", "2", 1);
	ck_assert_str_eq(written(&r, &b), "{\"n\":1,\"m\":2}");

	ck_assert_int_eq(parse(&r, "{ }", "text", &err), 1);
	rec_set_text(&r, "t", 1);
	ck_assert_str_eq(written(&r, &b), "{ \"text\":\"t\"}");
	rec_release(&r);
	buf_release(&b);
}
END_TEST

START_TEST(test_rec_set_text_from_own_text)
{
	struct rec r = REC_INIT;
	struct buf b = BUF_INIT;
	struct json_error err;
	const char *s;
	size_t len;

	ck_assert_int_eq(parse(&r, "{\"text\":\"  trim me\"}", "text", &err), 1);
	rec_text(&r, &s, &len);
	rec_set_text(&r, s + 2, len - 2);	/* a pointer into the record's text */
	ck_assert_int_eq(rec_text(&r, &s, &len), REC_STRING);
	ck_assert_uint_eq(len, 7);
	ck_assert_int_eq(memcmp(s, "trim me", 7), 0);
	ck_assert_str_eq(written(&r, &b), "{\"text\":\"trim me\"}");
	rec_release(&r);
	buf_release(&b);
}
END_TEST

START_TEST(test_rec_get_members)
{
	struct rec r = REC_INIT;
	struct buf b = BUF_INIT;
	struct json_error err;
	const char *v;
	size_t n;

	ck_assert_int_eq(parse(&r, "{\"id\":\"doc\\/1\",\"n\":3,\"text\":\"x\"}", "text", &err), 1);
	ck_assert_int_eq(rec_get_string(&r, "id", &b), REC_STRING);
	ck_assert_str_eq(b.data, "doc/1");
	ck_assert_int_eq(rec_get_raw(&r, "n", &v, &n), 1);
	ck_assert_int_eq(rec_get_raw(&r, "nope", &v, &n), 0);
	ck_assert_int_eq(memcmp(v, "3", n), 0);
	ck_assert_int_eq(rec_get_string(&r, "n", &b), REC_NOT_STRING);
	ck_assert_int_eq(rec_get_string(&r, "nope", &b), REC_MISSING);
	rec_release(&r);
	buf_release(&b);
}
END_TEST

static Suite *
rec_suite(void)
{
	Suite *s = suite_create("rec");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rec_unchanged_is_byte_identical);
	tcase_add_test(tc, test_rec_text_decoded);
	tcase_add_test(tc, test_rec_blank_and_bad_lines);
	tcase_add_test(tc, test_rec_set_text_in_place);
	tcase_add_test(tc, test_rec_append_and_replace_members);
	tcase_add_test(tc, test_rec_set_text_from_own_text);
	tcase_add_test(tc, test_rec_get_members);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(rec_suite)
