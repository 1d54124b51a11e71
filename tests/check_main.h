/*
 * check_main.h: the main() every Check suite binary shares.
 *
 *	static Suite *utf8_suite(void) { ... }
 *	CHECK_MAIN(utf8_suite)
 *
 * Tests may read ../shared data through check_shared_path(); when that
 * folder is absent they skip with a message, as a user's clone has none.
 *
 * Tests that write files get a fresh directory each, removed after them
 * with all it holds:
 *
 *	tcase_add_checked_fixture(tc, check_tmpdir_setup, check_tmpdir_teardown);
 *	...
 *	f = fopen(check_path("out.jsonl"), "w");	(in check_tmpdir())
 */
#ifndef WINNOW_CHECK_MAIN_H
#define WINNOW_CHECK_MAIN_H

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The path of 'rel' under ../shared, or NULL (with a note) when absent. */
static inline const char *
check_shared_path(const char *rel, char *out, size_t outlen)
{
	const char *root = getenv("WINNOW_SHARED");

	snprintf(out, outlen, "%s/%s", root ? root : "../shared", rel);
	if (access(out, R_OK) != 0) {
		fprintf(stderr, "skip: %s not found (no ../shared here)\n", out);
		return NULL;
	}
	return out;
}

/* The directory check_tmpdir_setup() made for the running test. */
static inline char *
check_tmpdir(void)
{
	static char dir[256];

	return dir;
}

static inline void
check_tmpdir_setup(void)
{
	const char *root = getenv("TMPDIR");

	snprintf(check_tmpdir(), 256, "%s/winnow-check.XXXXXX",
	    root && *root ? root : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(check_tmpdir()));
}

static inline int
check_remove_(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static inline void
check_tmpdir_teardown(void)
{
	ck_assert_int_eq(nftw(check_tmpdir(), check_remove_, 16,
	    FTW_DEPTH | FTW_PHYS), 0);
}

/*
 * check_path(name): 'name' inside the test's directory.  The result lives
 * until the fourth call after it, so a test can hold a few at once.
 */
static inline const char *
check_path(const char *name)
{
	static char paths[4][512];
	static unsigned next;
	char *p = paths[next++ % 4];

	snprintf(p, sizeof paths[0], "%s/%s", check_tmpdir(), name);
	return p;
}

#define CHECK_MAIN(suite_fn)						\
int									\
main(void)								\
{									\
	SRunner *sr = srunner_create(suite_fn());			\
	int failed;							\
									\
	srunner_run_all(sr, CK_ENV);					\
	failed = srunner_ntests_failed(sr);				\
	srunner_free(sr);						\
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;			\
}

#endif
