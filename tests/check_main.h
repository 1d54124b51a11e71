/*
 * check_main.h: the main() every Check suite binary shares.
 *
 *	static Suite *utf8_suite(void) { ... }
 *	CHECK_MAIN(utf8_suite)
 *
 * Tests may read ../shared data through check_shared_path(); when that
 * folder is absent they skip with a message, as a user's clone has none.
 */
#ifndef WINNOW_CHECK_MAIN_H
#define WINNOW_CHECK_MAIN_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
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
