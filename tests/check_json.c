/* Unit tests for lib/json: the strict scanner, unescaping and escaping. */
#include <check.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/simd.h"
#include "core/utf8.h"
#include "check_main.h"

/* Each row: a line, and the error it must give (NULL: accepted). */
static const struct {
	const char *line;
	const char *err;
	size_t offset;		/* of the error */
} scan_rows[] = {
	{ "{}", NULL, 0 },
	{ "  { }  ", NULL, 0 },
	{ "{\"a\":1}", NULL, 0 },
	{ "{\"a\":-0.5e+10,\"b\":[true,false,null,{}],\"c\":\"\\u00e9\"}", NULL, 0 },
	{ "{\"a\":{\"b\":{\"c\":[[[]]]}}}", NULL, 0 },
	{ "{\"\xed\x95\x9c\":\"\xea\xb8\x80\"}", NULL, 0 },
	{ "{\"a\":\"\\ud800\"}", NULL, 0 },	/* lone surrogate: decodes to U+FFFD */
	{ "{\"a\":\"\\u0000\"}", NULL, 0 },
	{ "{\"a\":1}\r", NULL, 0 },		/* CR is white space */
	{ "{\"a\":0}", NULL, 0 },
	{ "[]", "not a JSON object but an array", 0 },
	{ "\"a string\"", "not a JSON object but a string", 0 },
	{ "42", "not a JSON object", 0 },
	{ "null", "not a JSON object", 0 },
	{ "x", "not JSON: expected '{'", 0 },
	{ "{", "expected '\"' to start a key", 1 },
	{ "{\"a\"}", "expected ':' after a key", 4 },
	{ "{\"a\":}", "invalid value", 5 },
	{ "{\"a\":1,}", "expected '\"' to start a key", 7 },
	{ "{\"a\":1 \"b\":2}", "expected ',' or '}'", 7 },
	{ "{\"a\":[1,]}", "invalid value", 8 },
	{ "{\"a\":[1 2]}", "expected ',' or ']'", 8 },
	{ "{\"a\":01}", "expected ',' or '}'", 6 },
	{ "{\"a\":1.}", "invalid number", 5 },
	{ "{\"a\":.5}", "invalid value", 5 },
	{ "{\"a\":1e}", "invalid number", 5 },
	{ "{\"a\":+1}", "invalid value", 5 },
	{ "{\"a\":-}", "invalid number", 5 },
	{ "{\"a\":tru}", "invalid value", 5 },
	{ "{\"a\":True}", "invalid value", 5 },
	{ "{\"a\":\"x}", "unterminated string", 8 },
	{ "{\"a\":\"\\x\"}", "invalid escape in string", 6 },
	{ "{\"a\":\"\\u12G4\"}", "invalid \\u escape in string", 6 },
	{ "{\"a\":\"tab\there\"}", "control character in string", 9 },
	{ "{\"a\":\"\xff\"}", "invalid UTF-8 in string", 6 },
	{ "{\"a\":\"\xed\xa0\x80\"}", "invalid UTF-8 in string", 6 },
	{ "{\"a\":1}x", "unexpected data after the object", 7 },
	{ "{\"a\":1}{}", "unexpected data after the object", 7 },
	{ "{'a':1}", "expected '\"' to start a key", 1 },
	{ "{\"a\":NaN}", "invalid value", 5 },
	{ "{\"a\":[\"\\", "unterminated string", 8 },
};

START_TEST(test_json_scan_table)
{
	struct json_members m = { NULL, 0, 0, 0 };
	struct json_error err = { 0, NULL };
	const char *line = scan_rows[_i].line;
	int rc = json_scan_object(line, strlen(line), JSON_MAX_DEPTH, &m, &err);

	if (scan_rows[_i].err == NULL) {
		ck_assert_msg(rc == 0, "'%s' refused: %s", line, err.msg);
	} else {
		ck_assert_msg(rc == -1, "'%s' accepted", line);
		ck_assert_str_eq(err.msg, scan_rows[_i].err);
		ck_assert_uint_eq(err.offset, scan_rows[_i].offset);
	}
	json_members_release(&m);
}
END_TEST

START_TEST(test_json_scan_member_spans)
{
	const char *line = " {\"id\" : 7, \"t\\u0065xt\":\"hi\" , \"n\":{\"x\":[1]}} ";
	struct json_members m = { NULL, 0, 0, 0 };
	struct json_error err;

	ck_assert_int_eq(json_scan_object(line, strlen(line), 512, &m, &err), 0);
	ck_assert_uint_eq(m.n, 3);
	ck_assert_int_eq(memcmp(line + m.v[0].key, "id", m.v[0].key_len), 0);
	ck_assert_int_eq(memcmp(line + m.v[0].val, "7", m.v[0].val_len), 0);
	ck_assert_int_eq(m.v[1].key_escaped, 1);
	ck_assert(json_key_equals(line + m.v[1].key, m.v[1].key_len, 1, "text", 4));
	ck_assert_int_eq(memcmp(line + m.v[1].val, "\"hi\"", m.v[1].val_len), 0);
	ck_assert_uint_eq(m.v[2].val_len, strlen("{\"x\":[1]}"));
	ck_assert_int_eq(line[m.close], '}');
	json_members_release(&m);
}
END_TEST

START_TEST(test_json_scan_depth_limit)
{
	struct json_members m = { NULL, 0, 0, 0 };
	struct json_error err;
	struct buf b = BUF_INIT;
	int i;

	/* Level 1 is the object itself: 511 nested arrays make 512 levels. */
	buf_addstr(&b, "{\"a\":");
	for (i = 0; i < 511; i++)
		buf_addc(&b, '[');
	for (i = 0; i < 511; i++)
		buf_addc(&b, ']');
	buf_addc(&b, '}');
	ck_assert_int_eq(json_scan_object(b.data, b.len, 512, &m, &err), 0);
	ck_assert_int_eq(json_scan_object(b.data, b.len, 511, &m, &err), -1);
	ck_assert_str_eq(err.msg, "nesting too deep");

	/* 100,000 levels: refused, without recursion. */
	buf_reset(&b);
	buf_addstr(&b, "{\"a\":");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	ck_assert_int_eq(json_scan_object(b.data, b.len, 512, &m, &err), -1);
	ck_assert_str_eq(err.msg, "nesting too deep");
	ck_assert_uint_eq(err.offset, 5 + 511);
	/* A limit above the default works too. */
	ck_assert_int_eq(json_scan_object(b.data, b.len, 200000, &m, &err), -1);
	ck_assert_str_eq(err.msg, "unexpected end of line");
	buf_release(&b);
	json_members_release(&m);
}
END_TEST

/* Each row: string contents (inside the quotes) and their decoded bytes. */
static const struct {
	const char *in;
	const char *out;
	size_t outlen;		/* 0: strlen(out) */
} unescape_rows[] = {
	{ "plain", "plain", 0 },
	{ "a\\nb\\tc\\rd\\be\\ff", "a\nb\tc\rd\be\ff", 0 },
	{ "q\\\"b\\\\s\\/", "q\"b\\s/", 0 },
	{ "\\u00e9\\u00E9", "\xc3\xa9\xc3\xa9", 0 },
	{ "\\uac00", "\xea\xb0\x80", 0 },
	{ "\\ud83d\\ude00", "\xf0\x9f\x98\x80", 0 },		/* a pair */
	{ "\\ud800", "\xef\xbf\xbd", 0 },			/* lone high */
	{ "\\udc00x", "\xef\xbf\xbdx", 0 },			/* lone low */
	{ "\\ude00\\ud83d", "\xef\xbf\xbd\xef\xbf\xbd", 0 },	/* reversed */
	{ "\\ud800\\u0041", "\xef\xbf\xbd" "A", 0 },		/* high then not low */
	{ "a\\u0000b", "a\0b", 3 },
	{ "\xed\x95\x9c", "\xed\x95\x9c", 0 },
};

START_TEST(test_json_unescape_table)
{
	struct buf b = BUF_INIT;
	const char *want = unescape_rows[_i].out;
	size_t wantlen = unescape_rows[_i].outlen ? unescape_rows[_i].outlen : strlen(want);

	json_unescape(unescape_rows[_i].in, strlen(unescape_rows[_i].in), &b);
	ck_assert_uint_eq(b.len, wantlen);
	ck_assert_int_eq(memcmp(b.data, want, wantlen), 0);
	buf_release(&b);
}
END_TEST

/* Each row: bytes, and the JSON string literal they must become. */
static const struct {
	const char *in;
	size_t len;
	const char *out;
} escape_rows[] = {
	{ "", 0, "\"\"" },
	{ "plain text, long enough for a word", 34, "\"plain text, long enough for a word\"" },
	{ "q\"b\\", 4, "\"q\\\"b\\\\\"" },
	{ "a\nb\tc\rd\be\ff", 11, "\"a\\nb\\tc\\rd\\be\\ff\"" },
	{ "\x01\x1f\x7f", 3, "\"\\u0001\\u001f\x7f\"" },
	{ "a\0b", 3, "\"a\\u0000b\"" },
	{ "\xed\x95\x9c/\xc3\xa9", 6, "\"\xed\x95\x9c/\xc3\xa9\"" },	/* no \u, no \/ */
};

START_TEST(test_json_escape_table)
{
	struct buf b = BUF_INIT;

	json_escape(escape_rows[_i].in, escape_rows[_i].len, &b);
	ck_assert_str_eq(b.data, escape_rows[_i].out);
	buf_release(&b);
}
END_TEST

START_TEST(test_json_escape_round_trip)
{
	struct buf enc = BUF_INIT, dec = BUF_INIT;
	char all[256];
	int i;

	for (i = 0; i < 128; i++)
		all[i] = (char)i;
	json_escape(all, 128, &enc);
	json_unescape(enc.data + 1, enc.len - 2, &dec);
	ck_assert_uint_eq(dec.len, 128);
	ck_assert_int_eq(memcmp(dec.data, all, 128), 0);
	buf_release(&enc);
	buf_release(&dec);
}
END_TEST

/*
 * The block-at-a-time string scanner against utf8_check: random strings of
 * tricky pieces (Hangul, 2- and 4-byte forms, truncated sequences, overlong
 * and surrogate forms, stray continuation bytes) must be accepted exactly
 * when they are valid UTF-8, and refused at the first invalid byte.
 */
START_TEST(test_json_scan_utf8_differential)
{
	static const char *pieces[] = {
		"a", "bc", " ", "0123456789", "\xed\x95\x9c", "\xea\xb8\x80", "\xc3\xa9",
		"\xf0\x9f\x98\x80", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf",
		"\xe2\x80\x9c", "\xef\xbf\xbd", "\xed\xa0\x80", "\xe0\x80\xaf",
		"\xc0\xaf", "\xc1\xbf", "\xf4\x90\x80\x80", "\xf0\x8f\xbf\xbf", "\xf5",
		"\xff", "\x80", "\xbf", "\xed", "\xe2\x82", "\xf0\x9f\x98", "\xc3",
	};
	static const char *levels[] = { "avx2", "sse2", "none" };
	struct json_members m = { NULL, 0, 0, 0 };
	struct buf line = BUF_INIT, content = BUF_INIT;
	unsigned seed = 12345;
	int round;

	if (simd_use(levels[_i]) < 0)
		return;		/* not on this CPU */
	for (round = 0; round < 20000; round++) {
		struct json_error err = { 0, NULL };
		int npieces, i, rc;
		size_t valid;

		buf_reset(&content);
		seed = seed * 1103515245 + 12345;
		npieces = (int)(seed >> 16) % 40;
		for (i = 0; i < npieces; i++) {
			/* Mostly valid pieces, so long valid runs occur. */
			unsigned pick;

			seed = seed * 1103515245 + 12345;
			pick = (seed >> 16) % 100;
			pick = pick < 90 ? pick % 13 : 13 + pick % 14;
			buf_addstr(&content, pieces[pick]);
		}
		buf_reset(&line);
		buf_addstr(&line, "{\"a\":\"");
		buf_add(&line, content.data ? content.data : "", content.len);
		buf_addstr(&line, "\"}");
		rc = json_scan_object(line.data, line.len, 512, &m, &err);
		valid = utf8_check(content.data ? content.data : "", content.len);
		if (valid == content.len) {
			ck_assert_msg(rc == 0, "round %d refused: %s", round, err.msg);
		} else {
			ck_assert_msg(rc == -1, "round %d accepted invalid UTF-8", round);
			ck_assert_str_eq(err.msg, "invalid UTF-8 in string");
			ck_assert_uint_eq(err.offset, 6 + valid);
		}
	}
	buf_release(&line);
	buf_release(&content);
	json_members_release(&m);
}
END_TEST

START_TEST(test_json_key_equals)
{
	ck_assert(json_key_equals("text", 4, 0, "text", 4));
	ck_assert(!json_key_equals("text", 4, 0, "tex", 3));
	ck_assert(json_key_equals("\\u0074ext", 9, 1, "text", 4));
	ck_assert(!json_key_equals("\\u0074ext2", 10, 1, "text", 4));
	ck_assert(json_key_equals("a\\u0000b", 8, 1, "a\0b", 3));
}
END_TEST

/* Arrays and the elements json_array_next must find in them, '|' apart. */
static const struct {
	const char *in;
	const char *want;
} array_rows[] = {
	{ "[]", "" },
	{ " [ ] ", "" },
	{ "[1]", "1|" },
	{ "[1, 2 ,3]", "1|2|3|" },
	{ "[{\"a\":[1,2]},{\"b\":\"],}\\\"\"}]", "{\"a\":[1,2]}|{\"b\":\"],}\\\"\"}|" },
	{ "[\"x,y\" , [[],[1]] , null]", "\"x,y\"|[[],[1]]|null|" },
	{ "{\"a\":1}", "" },		/* not an array */
	{ "\"[1]\"", "" },
};

START_TEST(test_json_array_next_table)
{
	const char *in = array_rows[_i].in;
	struct buf got = BUF_INIT;
	size_t pos = 0, e, n, calls = 0;

	while (json_array_next(in, strlen(in), &pos, &e, &n)) {
		buf_add(&got, in + e, n);
		buf_addc(&got, '|');
		ck_assert_uint_lt(++calls, 10);
	}
	ck_assert_str_eq(got.data ? got.data : "", array_rows[_i].want);
	/* Past the end it stays at the end. */
	ck_assert_int_eq(json_array_next(in, strlen(in), &pos, &e, &n), 0);
	buf_release(&got);
}
END_TEST

static Suite *
json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_json_scan_table, 0,
	    sizeof scan_rows / sizeof scan_rows[0]);
	tcase_add_test(tc, test_json_scan_member_spans);
	tcase_add_test(tc, test_json_scan_depth_limit);
	tcase_add_loop_test(tc, test_json_unescape_table, 0,
	    sizeof unescape_rows / sizeof unescape_rows[0]);
	tcase_add_loop_test(tc, test_json_escape_table, 0,
	    sizeof escape_rows / sizeof escape_rows[0]);
	tcase_add_test(tc, test_json_escape_round_trip);
	tcase_add_loop_test(tc, test_json_scan_utf8_differential, 0, 3);
	tcase_add_test(tc, test_json_key_equals);
	tcase_add_loop_test(tc, test_json_array_next_table, 0,
	    sizeof array_rows / sizeof array_rows[0]);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(json_suite)
