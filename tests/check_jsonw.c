/* Unit tests for lib/core/jsonw: the commas, the escaping, the numbers. */
#include <check.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/jsonw.h"
#include "check_main.h"

/* One call to the writer. */
enum op {
	END_ROW,
	OBJ, OBJ_END, ARR, ARR_END,
	NAME,	/* s, or s with len when len > 0 (NUL bytes) */
	STR,	/* s, or s with len when len > 0 (NUL bytes) */
	RAW,	/* s */
	INT,	/* i */
	UINT,	/* u */
	BOOL,	/* i */
	NUL_,
	FIXED2	/* d, through jsonw_printf("%.2f") */
};

struct step {
	enum op op;
	const char *s;
	size_t len;
	long long i;
	uint64_t u;
	double d;
};

/* Each row: the calls, and the bytes they must write. */
static const struct {
	struct step steps[16];
	const char *want;
} rows[] = {
	{ { { OBJ }, { OBJ_END } }, "{}" },
	{ { { ARR }, { ARR_END } }, "[]" },
	{ { { ARR }, { OBJ }, { OBJ_END }, { OBJ }, { OBJ_END }, { ARR_END } },
	    "[{},{}]" },
	{ { { OBJ }, { NAME, "a" }, { INT, .i = 1 }, { NAME, "b" }, { INT, .i = -2 },
	    { OBJ_END } }, "{\"a\":1,\"b\":-2}" },
	/* a container as a member, then more members after it */
	{ { { OBJ }, { NAME, "a" }, { ARR }, { INT, .i = 1 }, { INT, .i = 2 },
	    { ARR_END }, { NAME, "b" }, { OBJ }, { OBJ_END }, { NAME, "c" }, { NUL_ },
	    { OBJ_END } }, "{\"a\":[1,2],\"b\":{},\"c\":null}" },
	{ { { ARR }, { ARR }, { ARR }, { ARR_END }, { ARR_END }, { ARR }, { ARR_END },
	    { ARR_END } }, "[[[]],[]]" },
	{ { { ARR }, { BOOL, .i = 1 }, { BOOL, .i = 0 }, { NUL_ }, { STR, "" },
	    { ARR_END } }, "[true,false,null,\"\"]" },
	/* escaping: only '"', '\\' and controls; non-ASCII and '/' as they are */
	{ { { STR, "a\"b\\c/d" } }, "\"a\\\"b\\\\c/d\"" },
	{ { { STR, "\n\t\r\b\f\x01\x1f\x7f" } }, "\"\\n\\t\\r\\b\\f\\u0001\\u001f\x7f\"" },
	{ { { STR, "a\0b", 3 } }, "\"a\\u0000b\"" },
	{ { { STR, "삼성전자 €5 — ok" } }, "\"삼성전자 €5 — ok\"" },
	{ { { OBJ }, { NAME, "na\"me" }, { STR, "v" }, { OBJ_END } },
	    "{\"na\\\"me\":\"v\"}" },
	/* a name with its length: NUL bytes in it */
	{ { { OBJ }, { NAME, "a\0\"b", 4 }, { UINT, .u = 1 }, { NAME, "c" },
	    { UINT, .u = 2 }, { OBJ_END } }, "{\"a\\u0000\\\"b\":1,\"c\":2}" },
	{ { { OBJ }, { NAME, "금액" }, { RAW, "9300000000000000" }, { OBJ_END } },
	    "{\"금액\":9300000000000000}" },
	/* numbers at their limits */
	{ { { ARR }, { INT, .i = 0 }, { INT, .i = LLONG_MAX }, { INT, .i = LLONG_MIN },
	    { UINT, .u = 0 }, { UINT, .u = UINT64_MAX }, { ARR_END } },
	    "[0,9223372036854775807,-9223372036854775808,0,18446744073709551615]" },
	{ { { OBJ }, { NAME, "similarity" }, { FIXED2, .d = 0.875 }, { OBJ_END } },
	    "{\"similarity\":0.88}" },
	/* members without braces, for an object the caller opens and closes */
	{ { { NAME, "start" }, { UINT, .u = 3 }, { NAME, "text" }, { STR, "x" } },
	    "\"start\":3,\"text\":\"x\"" },
	/* top-level values are separated too */
	{ { { OBJ }, { OBJ_END }, { ARR }, { ARR_END }, { INT, .i = 7 } },
	    "{},[],7" },
	{ { { END_ROW } }, "" },
};

static void
run(struct jsonw *w, const struct step *st)
{
	switch (st->op) {
	case END_ROW: break;
	case OBJ: jsonw_begin_object(w); break;
	case OBJ_END: jsonw_end_object(w); break;
	case ARR: jsonw_begin_array(w); break;
	case ARR_END: jsonw_end_array(w); break;
	case NAME:
		if (st->len)
			jsonw_name_len(w, st->s, st->len);
		else
			jsonw_name(w, st->s);
		break;
	case STR:
		if (st->len)
			jsonw_string(w, st->s, st->len);
		else
			jsonw_str(w, st->s);
		break;
	case RAW: jsonw_raw(w, st->s, strlen(st->s)); break;
	case INT: jsonw_int(w, st->i); break;
	case UINT: jsonw_uint(w, st->u); break;
	case BOOL: jsonw_bool(w, (int)st->i); break;
	case NUL_: jsonw_null(w); break;
	case FIXED2: jsonw_printf(w, "%.2f", st->d); break;
	}
}

START_TEST(test_jsonw_table)
{
	struct buf out = BUF_INIT;
	struct jsonw w;
	size_t k;

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		buf_reset(&out);
		jsonw_init(&w, &out);
		for (k = 0; k < 16 && rows[i].steps[k].op != END_ROW; k++)
			run(&w, &rows[i].steps[k]);
		ck_assert_msg(out.len == strlen(rows[i].want) &&
		    memcmp(out.data ? out.data : "", rows[i].want, out.len) == 0,
		    "row %zu: wrote '%.*s', want '%s'", i, (int)out.len,
		    out.data ? out.data : "", rows[i].want);
	}
	buf_release(&out);
}
END_TEST

/* The writer appends: what the buffer held stays, and the result parses. */
START_TEST(test_jsonw_appends_valid_json)
{
	struct buf out = BUF_INIT;
	struct json_members m = { 0 };
	struct json_error err;
	struct jsonw w;

	buf_addstr(&out, "{\"id\":1,\"money\":");
	jsonw_init(&w, &out);
	jsonw_begin_array(&w);
	for (int i = 0; i < 3; i++) {
		jsonw_begin_object(&w);
		jsonw_name(&w, "start");
		jsonw_int(&w, i);
		jsonw_name(&w, "text");
		jsonw_string(&w, "\"\n\\", 3);
		jsonw_name(&w, "ok");
		jsonw_bool(&w, i & 1);
		jsonw_end_object(&w);
	}
	jsonw_end_array(&w);
	buf_addc(&out, '}');
	ck_assert_int_eq(json_scan_object(out.data, out.len, JSON_MAX_DEPTH, &m,
	    &err), 0);
	ck_assert_uint_eq(m.n, 2);
	ck_assert_str_eq(out.data, "{\"id\":1,\"money\":[{\"start\":0,\"text\":"
	    "\"\\\"\\n\\\\\",\"ok\":false},{\"start\":1,\"text\":\"\\\"\\n\\\\\","
	    "\"ok\":true},{\"start\":2,\"text\":\"\\\"\\n\\\\\",\"ok\":false}]}");
	json_members_release(&m);
	buf_release(&out);
}
END_TEST

static Suite *
jsonw_suite(void)
{
	Suite *s = suite_create("jsonw");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_jsonw_table);
	tcase_add_test(tc, test_jsonw_appends_valid_json);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(jsonw_suite)
