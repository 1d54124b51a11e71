/* winnow: run a winnow filter by its short name ("winnow strip ..."), or list them. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/util.h"

/* The directory this program lives in, or "" when it cannot be told. */
static char *
self_dir(void)
{
	static char dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	char *slash;

	if (n <= 0)
		return "";
	dir[n] = '\0';
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return dir;
}

/* Run "winnow-NAME": the one beside this program first, then PATH. */
static int
run(const char *name, char **argv)
{
	struct buf path = BUF_INIT;

	buf_printf(&path, "%s/winnow-%s", self_dir(), name);
	argv[0] = path.data;
	if (access(path.data, X_OK) == 0)
		execv(path.data, argv);
	buf_reset(&path);
	buf_printf(&path, "winnow-%s", name);
	argv[0] = path.data;
	execvp(path.data, argv);
	if (errno == ENOENT)
		warnx("'%s' is not a winnow filter; see 'winnow help'", name);
	else
		warnp("cannot run '%s'", path.data);
	return errno == ENOENT ? 127 : 126;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The purpose of 'prog', as its man page's NAME line gives it: the
 * paragraph after the usage lines ("Usage: ...", "   or: ...") of its
 * --help, up to its first full stop, and before a colon when long.
 */
static void
print_purpose(const char *dir, const char *prog)
{
	struct buf cmd = BUF_INIT, purpose = BUF_INIT;
	char line[512];
	char *end;
	FILE *p;
	int n = 0;

	buf_printf(&cmd, "'%s/%s' --help 2>/dev/null", dir, prog);
	p = popen(cmd.data, "r");
	while (p != NULL && fgets(line, sizeof line, p) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (n++ == 0 || strncmp(line + strspn(line, " "), "or:", 3) == 0)
			continue;
		if (line[0] == '\0')
			break;
		if (purpose.len)
			buf_addc(&purpose, ' ');
		buf_addstr(&purpose, line + strspn(line, " "));
	}
	if (p != NULL) {
		while (fgets(line, sizeof line, p) != NULL)
			;	/* let it finish writing */
		pclose(p);
	}
	if (purpose.data == NULL)
		buf_addstr(&purpose, "");
	if ((end = strstr(purpose.data, ". ")) != NULL)
		*end = '\0';
	if (strlen(purpose.data) > 50 && (end = strstr(purpose.data, ": ")) != NULL)
		*end = '\0';
	end = purpose.data + strlen(purpose.data);
	if (end > purpose.data && end[-1] == '.')
		end[-1] = '\0';
	printf("  %-14s %s\n", prog + strlen("winnow-"), purpose.data);
	buf_release(&cmd);
	buf_release(&purpose);
}

/* List the filters found beside this program, each with its purpose. */
static int
help(void)
{
	const char *dir = self_dir();
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	printf("Usage: winnow NAME [ARG]...   run winnow-NAME\n"
	    "       winnow help             list the filters\n\n"
	    "Filters (each reads JSON Lines, writes JSON Lines; 'winnow-NAME --help'):\n");
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "winnow-", 7) != 0 || strchr(e->d_name, '.'))
			continue;
		names = xreserve(names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		print_purpose(*dir ? dir : ".", names[i]);
		free(names[i]);
	}
	free(names);
	printf("\nExample:\n  winnow read site/*.txt | winnow norm | winnow strip | winnow text\n");
	return fflush(stdout) || ferror(stdout) ? EXIT_IOERR : EXIT_OK;
}

int
main(int argc, char *argv[])
{
	progname = "winnow";
	if (argc < 2) {
		fprintf(stderr, "usage: winnow NAME [ARG]...\nTry 'winnow help'.\n");
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)
		return help();
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("winnow %s\n", WINNOW_VERSION);
		return EXIT_OK;
	}
	if (argv[1][0] == '-' || strchr(argv[1], '/')) {
		warnx("'%s' is not a filter name; see 'winnow help'", argv[1]);
		return EXIT_USAGE;
	}
	return run(argv[1], argv + 1);
}
