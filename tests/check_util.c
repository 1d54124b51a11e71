/* Unit tests for lib/core/util and buf: option values, allocation, buffers. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/util.h"
#include "check_main.h"

/* Each row: text, whether parse_size accepts it, and the bytes it means. */
static const struct {
	const char *in;
	int ok;
	uint64_t want;
} size_rows[] = {
	{ "0", 1, 0 },
	{ "4096", 1, 4096 },
	{ "64K", 1, 65536 },
	{ "64k", 1, 65536 },
	{ "16M", 1, 16u << 20 },
	{ "16MiB", 1, 16u << 20 },
	{ "2G", 1, 2ull << 30 },
	{ "1T", 1, 1ull << 40 },
	{ "10MB", 1, 10u << 20 },
	{ "", 0, 0 },
	{ "M", 0, 0 },
	{ "-1", 0, 0 },
	{ "12Q", 0, 0 },
	{ "1.5G", 0, 0 },
	{ "99999999999T", 0, 0 },	/* overflows 64 bits */
};

START_TEST(test_util_parse_size)
{
	uint64_t v = 7;
	int rc = parse_size("--memory", size_rows[_i].in, &v);

	ck_assert_int_eq(rc, size_rows[_i].ok ? 0 : -1);
	if (size_rows[_i].ok)
		ck_assert_uint_eq(v, size_rows[_i].want);
	else
		ck_assert_uint_eq(v, 7);	/* untouched */
}
END_TEST

START_TEST(test_util_parse_int_and_real)
{
	long long n;
	double d;

	ck_assert_int_eq(parse_int("--min-chars", "20", 0, 100, &n), 0);
	ck_assert_int_eq(n, 20);
	ck_assert_int_eq(parse_int("--min-chars", "101", 0, 100, &n), -1);
	ck_assert_int_eq(parse_int("--min-chars", "-1", 0, 100, &n), -1);
	ck_assert_int_eq(parse_int("--min-chars", "2x", 0, 100, &n), -1);
	ck_assert_int_eq(parse_int("--min-chars", "", 0, 100, &n), -1);
	ck_assert_int_eq(parse_int("-n", "99999999999999999999", 0, 100, &n), -1);
	ck_assert_int_eq(parse_real("--near", "0.8", 0, 1, &d), 0);
	ck_assert(d > 0.79 && d < 0.81);
	ck_assert_int_eq(parse_real("--near", "1.5", 0, 1, &d), -1);
	ck_assert_int_eq(parse_real("--near", "nan", 0, 1, &d), -1);
	ck_assert_int_eq(parse_real("--near", "0.8x", 0, 1, &d), -1);
}
END_TEST

static const struct choice langs[] = {
	{ "auto", -1 }, { "ko", 0 }, { "en", 1 }, { NULL, 0 }
};
static const struct choice two[] = { { "klue", 7 }, { "conll", 8 }, { NULL, 0 } };
static const struct choice one[] = { { "always", 2 }, { NULL, 0 } };

/* Each row: the choices, the argument, the value or the message. */
static const struct {
	const struct choice *choices;
	const char *arg;
	int value;
	const char *msg;	/* NULL: accepted */
} choice_rows[] = {
	{ langs, "auto", -1, NULL },
	{ langs, "en", 1, NULL },
	{ langs, "jp", 0, "winnow: option '--x' wants auto, ko or en, not 'jp'\n" },
	{ langs, "KO", 0, "winnow: option '--x' wants auto, ko or en, not 'KO'\n" },
	{ langs, "", 0, "winnow: option '--x' wants auto, ko or en, not ''\n" },
	{ two, "conll", 8, NULL },
	{ two, "conl", 0, "winnow: option '--x' wants klue or conll, not 'conl'\n" },
	{ one, "always", 2, NULL },
	{ one, "never", 0, "winnow: option '--x' wants always, not 'never'\n" },
};

START_TEST(test_util_parse_choice)
{
	char msg[256] = "";
	int v = 12345, rc;
	FILE *f;

	check_tmpdir_setup();
	ck_assert_ptr_nonnull(freopen(check_path("err"), "w", stderr));
	rc = parse_choice("--x", choice_rows[_i].arg, choice_rows[_i].choices, &v);
	fflush(stderr);
	f = fopen(check_path("err"), "r");
	ck_assert_ptr_nonnull(f);
	if (fgets(msg, sizeof msg, f) == NULL)
		msg[0] = '\0';
	fclose(f);
	check_tmpdir_teardown();
	if (choice_rows[_i].msg == NULL) {
		ck_assert_int_eq(rc, 0);
		ck_assert_int_eq(v, choice_rows[_i].value);
		ck_assert_str_eq(msg, "");
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_int_eq(v, 12345);	/* untouched */
		ck_assert_str_eq(msg, choice_rows[_i].msg);
	}
}
END_TEST

/* The allocation-failure hook: the N-th allocation dies cleanly. */
START_TEST(test_util_fail_alloc_hook)
{
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		void *a, *b;

		setenv("WINNOW_FAIL_ALLOC", "2", 1);
		freopen("/dev/null", "w", stderr);
		a = xmalloc(10);		/* the first succeeds */
		b = xmalloc(10);		/* the second dies */
		free(a);
		free(b);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), EXIT_OSERR);
}
END_TEST

/* xreserve: room for what is asked, contents kept, capacity doubling. */
START_TEST(test_util_xreserve_grows)
{
	uint32_t *v = NULL;
	size_t cap = 0, n, grew = 0;

	v = xreserve(v, &cap, 0, sizeof *v);	/* nothing asked: nothing done */
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(cap, 0);
	for (n = 0; n < 100000; n++) {
		size_t before = cap;

		v = xreserve(v, &cap, n + 1, sizeof *v);
		ck_assert(cap >= n + 1);
		grew += cap != before;
		v[n] = (uint32_t)n * 2654435761u;
	}
	ck_assert_uint_eq(cap, 131072);		/* 16 doubled 13 times */
	ck_assert_uint_eq(grew, 14);
	for (n = 0; n < 100000; n++)
		ck_assert_uint_eq(v[n], (uint32_t)n * 2654435761u);
	v = xreserve(v, &cap, 1000000, sizeof *v);	/* a jump: as far as needed */
	ck_assert_uint_eq(cap, 1048576);
	ck_assert_uint_eq(v[99999], (uint32_t)99999 * 2654435761u);
	free(v);
}
END_TEST

/* Sizes that overflow size_t are out of memory, not a short array. */
START_TEST(test_util_xreserve_overflow_dies)
{
	static const struct { size_t need, size; } rows[] = {
		{ SIZE_MAX / 8 + 1, 8 },
		{ SIZE_MAX, 2 },
		{ SIZE_MAX / 24 + 1, 24 },	/* a size not a power of two */
	};
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int status;
		pid_t pid = fork();

		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			size_t cap = 16;
			void *p = xmalloc(16 * rows[i].size);

			freopen("/dev/null", "w", stderr);
			p = xreserve(p, &cap, rows[i].need, rows[i].size);
			free(p);
			_exit(0);
		}
		waitpid(pid, &status, 0);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == EXIT_OSERR,
		    "row %zu: status %d", i, status);
	}
}
END_TEST

START_TEST(test_buf_grow_and_nul)
{
	struct buf b = BUF_INIT;
	int i;

	buf_add(&b, "", 0);			/* no NULL memcpy, stays usable */
	for (i = 0; i < 10000; i++)
		buf_addc(&b, (char)('a' + i % 26));
	ck_assert_uint_eq(b.len, 10000);
	ck_assert_int_eq(b.data[b.len], '\0');
	buf_add(&b, "x\0y", 3);			/* binary-safe */
	ck_assert_uint_eq(b.len, 10003);
	ck_assert_int_eq(b.data[10001], '\0');
	buf_printf(&b, "%d-%s", 42, "z");
	ck_assert_str_eq(b.data + 10003, "42-z");
	buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	buf_release(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.cap, 0);
	buf_release(&b);			/* twice: harmless */
}
END_TEST

static Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_util_parse_size, 0,
	    sizeof size_rows / sizeof size_rows[0]);
	tcase_add_test(tc, test_util_parse_int_and_real);
	tcase_add_loop_test(tc, test_util_parse_choice, 0,
	    sizeof choice_rows / sizeof choice_rows[0]);
	tcase_add_test(tc, test_util_fail_alloc_hook);
	tcase_add_test(tc, test_util_xreserve_grows);
	tcase_add_test(tc, test_util_xreserve_overflow_dies);
	tcase_add_test(tc, test_buf_grow_and_nul);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(util_suite)
