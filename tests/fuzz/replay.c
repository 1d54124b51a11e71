/*
 * replay: run a fuzz harness over saved inputs, without libFuzzer.
 *
 *	fuzz_json FILE|DIR...
 *
 * Each FILE, and each file of each DIR, is handed to the harness once.  A
 * broken property aborts (naming the file first); otherwise the exit status
 * is 0.  This is how make check keeps fuzz findings as regression tests
 * under gcc and the sanitizer build alike.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

__attribute__((weak)) int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			if ((p = realloc(p, cap)) == NULL) {
				perror("replay");
				exit(1);
			}
		}
		n = fread(p + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	/* Exactly 'len' bytes, so that an overread is caught. */
	p = realloc(p, len ? len : 1);
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput(p, len);
	free(p);
	return 0;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int
main(int argc, char **argv)
{
	int i, rc = 0, files = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;
		struct dirent **ents;
		int n, j;

		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			rc = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			rc |= run_file(argv[i]) < 0;
			files++;
			continue;
		}
		n = scandir(argv[i], &ents, NULL, by_name);
		for (j = 0; j < n; j++) {
			char path[4096];

			if (ents[j]->d_name[0] != '.') {
				snprintf(path, sizeof path, "%s/%s", argv[i], ents[j]->d_name);
				rc |= run_file(path) < 0;
				files++;
			}
			free(ents[j]);
		}
		free(ents);
	}
	printf("%s: %d inputs replayed\n", argv[0], files);
	return rc;
}
