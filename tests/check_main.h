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
 *	path = check_file("in.txt", text, strlen(text));
 *
 * No suite writes anywhere else (no mkstemp in /tmp): the directory goes
 * with everything in it, whatever the test left.
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

/*
 * check_file(name, data, len): write 'data' to 'name' in the test's
 * directory; returns its path, as check_path() does.
 */
static inline const char *
check_file(const char *name, const void *data, size_t len)
{
	const char *path = check_path(name);
	FILE *fp = fopen(path, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
	return path;
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
