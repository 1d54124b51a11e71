/* Unit tests for lib/tmpl: counting lines across documents, state files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/state.h"
#include "strip/internal.h"
#include "check_main.h"

static const unsigned char seed[STATE_SEED_SIZE] = "0123456789abcdef0123456789abcde";

static uint32_t
seen(struct tmpl *t, const char *s)
{
	return tmpl_seen(t, s, strlen(s));
}

START_TEST(test_counts_documents_once)
{
	struct tmpl *t = tmpl_new(seed, 0);

	ck_assert_int_eq(tmpl_changed(t), 0);
	ck_assert_uint_eq(seen(t, "댓글목록"), 1);
	ck_assert_uint_eq(seen(t, "댓글목록"), 1);	/* same document */
	tmpl_doc(t);
	ck_assert_uint_eq(seen(t, "댓글목록"), 2);
	ck_assert_uint_eq(seen(t, "등록된 댓글이 없습니다."), 1);
	tmpl_doc(t);
	ck_assert_uint_eq(seen(t, "댓글목록"), 3);
	ck_assert_uint_eq(tmpl_lines(t), 2);
	ck_assert_int_eq(tmpl_changed(t), 1);
	tmpl_free(t);
}
END_TEST

START_TEST(test_key_is_normalized)
{
	struct tmpl *t = tmpl_new(seed, 0);

	ck_assert_uint_eq(seen(t, "Copyright 2019 Example Inc."), 1);
	tmpl_doc(t);
	/* Case and digits do not make another line. */
	ck_assert_uint_eq(seen(t, "COPYRIGHT 2020 Example Inc."), 2);
	tmpl_doc(t);
	ck_assert_uint_eq(seen(t, "Copyright 2020 Another Inc."), 1);
	tmpl_free(t);
}
END_TEST

START_TEST(test_seed_changes_keys)
{
	static const unsigned char other[STATE_SEED_SIZE] = "another seed, thirty-two bytes!";
	struct tmpl *a = tmpl_new(seed, 0), *b = tmpl_new(other, 0);

	/* Same counting behaviour under any seed. */
	ck_assert_uint_eq(seen(a, "x"), 1);
	ck_assert_uint_eq(seen(b, "x"), 1);
	tmpl_free(a);
	tmpl_free(b);
}
END_TEST

/*
 * At its limit the table forgets the lines held by the fewest documents:
 * a footer held by every document survives a flood of one-off lines.
 */
START_TEST(test_limit_forgets_rare_lines)
{
	struct tmpl *t = tmpl_new(seed, 100);
	char line[64];
	int i;

	for (i = 0; i < 5000; i++) {
		tmpl_doc(t);
		ck_assert_uint_eq(seen(t, "발로 뛰는 더팩트는 제보를 기다립니다."),
		    (uint32_t)i + 1);
		snprintf(line, sizeof line, "one-off line %c%c%c", 'a' + i % 26,
		    'a' + i / 26 % 26, 'a' + i / 676 % 26);
		seen(t, line);
		ck_assert_uint_le(tmpl_lines(t), 100);
	}
	tmpl_free(t);
}
END_TEST

static char path[512];

static void
setup(void)
{
	check_tmpdir_setup();
	snprintf(path, sizeof path, "%s", check_path("site.wts"));
}

START_TEST(test_state_round_trip)
{
	struct state *st;
	struct tmpl *t;

	/* First run: count, save. */
	ck_assert_int_eq(state_open(&st, path, TMPL_KIND, 0, 0), STATE_OK);
	t = tmpl_new(state_seed(st), 0);
	ck_assert_int_eq(tmpl_load(t, st), 0);
	seen(t, "Share this article");
	tmpl_doc(t);
	seen(t, "Share this article");
	seen(t, "Advertisement");
	ck_assert_int_eq(tmpl_save(t, st), 0);
	tmpl_free(t);
	state_close(st);
	/* Second run: the counts go on from there. */
	ck_assert_int_eq(state_open(&st, path, TMPL_KIND, 0, 0), STATE_OK);
	t = tmpl_new(state_seed(st), 0);
	ck_assert_int_eq(tmpl_load(t, st), 0);
	ck_assert_uint_eq(tmpl_lines(t), 2);
	ck_assert_uint_eq(seen(t, "Share this article"), 3);
	ck_assert_uint_eq(seen(t, "Advertisement"), 2);
	tmpl_free(t);
	state_close(st);
}
END_TEST

START_TEST(test_state_corrupt_payload_refused)
{
	struct state *st;
	struct state_writer *w;
	struct tmpl *t;

	/* A well-formed file whose payload claims two entries, holds one. */
	ck_assert_int_eq(state_open(&st, path, TMPL_KIND, 0, 0), STATE_OK);
	w = state_save_begin(st, 8 + 12, TMPL_VERSION);
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(state_put_u64(w, 2), 0);
	ck_assert_int_eq(state_put_u64(w, 42), 0);
	ck_assert_int_eq(state_put_u32(w, 3), 0);
	ck_assert_int_eq(state_save_commit(w), 0);
	state_close(st);
	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
	ck_assert_int_eq(state_open(&st, path, TMPL_KIND, 0, 0), STATE_OK);
	t = tmpl_new(state_seed(st), 0);
	ck_assert_int_eq(tmpl_load(t, st), -1);
	tmpl_free(t);
	state_close(st);
	/* A dedupe state is no template state. */
	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_BAD);
}
END_TEST

/* The layer in strip: a line in 'min_docs' documents goes as "template". */
START_TEST(test_strip_removes_templates)
{
	static const char *const towns[] = { "Northfield", "Southport",
	    "Eastbrook" };
	struct strip *st = strip_new();
	struct tmpl *t = tmpl_new(seed, 0);
	struct strip_result res = STRIP_RESULT_INIT;
	const char *footer = "Follow the Daily Courier for more local news";
	int d;

	strip_set_templates(st, t, 3);
	for (d = 0; d < 3; d++) {
		char doc[1024];
		const char *w = towns[d];

		/* Three articles about three towns; one footer line. */
		snprintf(doc, sizeof doc,
		    "The %s council approved the budget on Tuesday after a long "
		    "debate about roads, parks and the library.\n"
		    "Police in %s said the road would stay closed until Friday "
		    "while crews repaired the damage from the storm.\n%s\n"
		    "The %s school board voted to start classes later next "
		    "year, a change parents had asked for since the spring.",
		    w, w, footer, w);
		ck_assert_int_eq(strip_text(st, doc, strlen(doc), STRIP_EN, &res),
		    0);
		if (d < 2) {
			ck_assert_uint_eq(res.ncut, 0);
		} else {
			ck_assert_uint_eq(res.ncut, 1);
			ck_assert_str_eq(res.cut[0].reason, "template");
			ck_assert_uint_eq(res.cut[0].line, 3);
		}
	}
	strip_result_release(&res);
	strip_free(st);
	tmpl_free(t);
}
END_TEST

static Suite *
tmpl_suite(void)
{
	Suite *s = suite_create("tmpl");
	TCase *tc = tcase_create("tmpl");
	TCase *files = tcase_create("files");

	tcase_add_test(tc, test_counts_documents_once);
	tcase_add_test(tc, test_key_is_normalized);
	tcase_add_test(tc, test_seed_changes_keys);
	tcase_add_test(tc, test_limit_forgets_rare_lines);
	tcase_add_test(tc, test_strip_removes_templates);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(files, setup, check_tmpdir_teardown);
	tcase_add_test(files, test_state_round_trip);
	tcase_add_test(files, test_state_corrupt_payload_refused);
	suite_add_tcase(s, files);
	return s;
}

CHECK_MAIN(tmpl_suite)
