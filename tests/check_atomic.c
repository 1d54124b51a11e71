/* Unit tests for lib/core/atomic: a file replaced whole or not at all. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic.h"
#include "check_main.h"

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* The contents of 'path' (static), or NULL when it does not exist. */
static const char *
slurp(const char *path)
{
	static char s[256];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return NULL;
	n = fread(s, 1, sizeof s - 1, f);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* The names in the test's directory, sorted, joined by spaces. */
static const char *
listing(void)
{
	static char out[1024];
	struct dirent **v;
	int n = scandir(check_tmpdir(), &v, NULL, alphasort), i;

	ck_assert_int_ge(n, 0);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (strcmp(v[i]->d_name, ".") != 0 && strcmp(v[i]->d_name, "..") != 0) {
			if (out[0])
				strcat(out, " ");
			strcat(out, v[i]->d_name);
		}
		free(v[i]);
	}
	free(v);
	return out;
}

START_TEST(test_atomic_commit_replaces)
{
	const char *target = check_path("out.jsonl");
	struct atomic a;
	struct stat st;

	put(target, "old\n");
	ck_assert_int_eq(atomic_open(&a, target, "'out.jsonl'", 0640), 0);
	ck_assert_int_eq(write(a.fd, "new\n", 4), 4);
	/* until the commit: the old file, and the temporary beside it */
	ck_assert_str_eq(slurp(target), "old\n");
	ck_assert_int_eq(strncmp(listing(), ".out.jsonl.tmp-", 15), 0);
	ck_assert_int_eq(atomic_commit(&a), 0);
	ck_assert_str_eq(slurp(target), "new\n");
	ck_assert_str_eq(listing(), "out.jsonl");
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	ck_assert_ptr_null(a.tmp);
}
END_TEST

START_TEST(test_atomic_abort_leaves_the_old_file)
{
	const char *target = check_path("st");
	struct atomic a;
	struct stat st;

	put(target, "old\n");
	ck_assert_int_eq(atomic_open(&a, target, "st", 0600), 0);
	ck_assert_int_eq(fstat(a.fd, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(write(a.fd, "half", 4), 4);
	atomic_abort(&a);
	ck_assert_str_eq(slurp(target), "old\n");
	ck_assert_str_eq(listing(), "st");
	atomic_abort(&a);		/* twice: nothing more */
}
END_TEST

/* A failed rename (the target is a directory) keeps nothing. */
START_TEST(test_atomic_failed_rename_cleans_up)
{
	const char *target = check_path("d");
	struct atomic a;

	ck_assert_int_eq(mkdir(target, 0700), 0);
	put(check_path("d/inside"), "x");
	ck_assert_int_eq(atomic_open(&a, target, "d", 0600), 0);
	ck_assert_int_eq(write(a.fd, "x", 1), 1);
	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
	ck_assert_int_eq(atomic_commit(&a), -1);
	ck_assert_str_eq(listing(), "d");
	ck_assert_str_eq(slurp(check_path("d/inside")), "x");
}
END_TEST

START_TEST(test_atomic_open_fails_with_a_message)
{
	const char *err = check_path("err");
	struct atomic a;

	ck_assert_ptr_nonnull(freopen(err, "w", stderr));
	ck_assert_int_eq(atomic_open(&a, check_path("no/such/dir/f"), "'f'",
	    0600), -1);
	fflush(stderr);
	ck_assert_ptr_null(a.tmp);
	ck_assert_str_eq(slurp(err), "winnow: cannot save 'f': cannot create a "
	    "temporary file beside it: No such file or directory\n");
}
END_TEST

/* Only names of the form ".BASE.tmp-XXXXXX" for this target go. */
START_TEST(test_atomic_remove_stale)
{
	static const char *names[] = {
		".seen.wds.tmp-a1B2c3",		/* stale: goes */
		".seen.wds.tmp-a1B2c",		/* too short */
		".seen.wds.tmp-a1B2c3x",	/* too long */
		".seen.wds.backup",
		".other.tmp-a1B2c3",		/* another target's */
		"seen.wds.tmp-a1B2c3",		/* not hidden */
		"seen.wds",
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		put(check_path(names[i]), "x");
	atomic_remove_stale(check_path("seen.wds"));
	ck_assert_str_eq(listing(), ".other.tmp-a1B2c3 .seen.wds.backup "
	    ".seen.wds.tmp-a1B2c .seen.wds.tmp-a1B2c3x seen.wds "
	    "seen.wds.tmp-a1B2c3");
}
END_TEST

/*
 * A directory that may be written but not read cannot be synced; the
 * file is in place all the same, and that is no failure.  (Root reads
 * any directory: the case cannot be made then.)
 */
START_TEST(test_atomic_unreadable_directory_is_no_failure)
{
	const char *dir = check_path("dropbox");
	char target[600];
	struct atomic a;

	if (geteuid() == 0) {
		fprintf(stderr, "skip: root can read any directory\n");
		return;
	}
	snprintf(target, sizeof target, "%s/f", dir);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	ck_assert_int_eq(atomic_open(&a, target, "f", 0600), 0);
	ck_assert_int_eq(chmod(dir, 0300), 0);
	ck_assert_int_eq(atomic_commit(&a), 0);
	ck_assert_int_eq(chmod(dir, 0700), 0);
	ck_assert_int_eq(access(target, F_OK), 0);
}
END_TEST

static Suite *
atomic_suite(void)
{
	Suite *s = suite_create("atomic");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, check_tmpdir_setup, check_tmpdir_teardown);
	tcase_add_test(tc, test_atomic_commit_replaces);
	tcase_add_test(tc, test_atomic_abort_leaves_the_old_file);
	tcase_add_test(tc, test_atomic_failed_rename_cleans_up);
	tcase_add_test(tc, test_atomic_open_fails_with_a_message);
	tcase_add_test(tc, test_atomic_remove_stale);
	tcase_add_test(tc, test_atomic_unreadable_directory_is_no_failure);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(atomic_suite)
