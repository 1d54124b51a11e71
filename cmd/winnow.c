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
	int err;

	buf_printf(&path, "%s/winnow-%s", self_dir(), name);
	argv[0] = path.data;
	if (access(path.data, X_OK) == 0)
		execv(path.data, argv);
	buf_reset(&path);
	buf_printf(&path, "winnow-%s", name);
	argv[0] = path.data;
	execvp(path.data, argv);
	err = errno;
	if (err == ENOENT)
		warnx("'%s' is not a winnow filter; see 'winnow help'", name);
	else
		warnp("cannot run '%s'", path.data);
	buf_release(&path);
	return err == ENOENT ? 127 : 126;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * What 'prog' says of itself in its --help: its purpose, as its man page's
 * NAME line gives it (the paragraph after the usage lines, up to its first
 * full stop, and before a colon when long), and whether it is a filter (a
 * program driven by lib/record/cli, whose help has "Common options:").
 */
static int
describe(const char *dir, const char *prog, struct buf *purpose)
{
	struct buf cmd = BUF_INIT;
	char line[512];
	char *end;
	FILE *p;
	int n = 0, in_purpose = 1, filter = 0;

	buf_reset(purpose);
	buf_printf(&cmd, "'%s/%s' --help 2>/dev/null", dir, prog);
	p = popen(cmd.data, "r");
	while (p != NULL && fgets(line, sizeof line, p) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strcmp(line, "Common options:") == 0)
			filter = 1;
		if (!in_purpose)
			continue;
		/* the usage lines: the first, "   or: ...", "       PROG ..." */
		if (n++ == 0 || strncmp(line + strspn(line, " "), "or:", 3) == 0 ||
		    (line[0] == ' ' && strncmp(line + strspn(line, " "), prog,
		    strlen(prog)) == 0))
			continue;
		if (line[0] == '\0') {
			in_purpose = 0;
			continue;
		}
		if (purpose->len)
			buf_addc(purpose, ' ');
		buf_addstr(purpose, line + strspn(line, " "));
	}
	if (p != NULL)
		pclose(p);
	if (purpose->data == NULL)
		buf_addstr(purpose, "");
	if ((end = strstr(purpose->data, ". ")) != NULL)
		*end = '\0';
	if (strlen(purpose->data) > 50 && (end = strstr(purpose->data, ": ")) != NULL)
		*end = '\0';
	end = purpose->data + strlen(purpose->data);
	if (end > purpose->data && end[-1] == '.')
		end[-1] = '\0';
	buf_release(&cmd);
	return filter;
}

/*
 * List the programs found beside this one, each with its purpose: the
 * filters first, then the other programs (winnow-tag-train).
 */
static int
help(void)
{
	const char *dir = self_dir();
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *e;
	struct buf purpose = BUF_INIT, others = BUF_INIT;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	printf("Usage: winnow NAME [ARG]...   run winnow-NAME\n"
	    "       winnow help [NAME]      list the filters, or show winnow-NAME's help\n\n"
	    "Filters (records in, records out; winnow-read makes them from files):\n");
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
		int filter = describe(*dir ? dir : ".", names[i], &purpose);

		if (filter)
			printf("  %-14s %s\n", names[i] + strlen("winnow-"), purpose.data);
		else
			buf_printf(&others, "  %-14s %s\n", names[i] + strlen("winnow-"),
			    purpose.data);
		free(names[i]);
	}
	free(names);
	if (others.len)
		printf("\nOther programs:\n%s", others.data);
	printf("\nExample:\n  winnow read site/*.txt | winnow norm | winnow strip | winnow text\n"
	    "\nEach has a manual page: man winnow-NAME, and man winnow for the whole.\n");
	buf_release(&purpose);
	buf_release(&others);
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
	if (strcmp(argv[1], "help") == 0 && argc > 2) {
		/* winnow help NAME: winnow-NAME --help */
		char *args[] = { argv[2], "--help", NULL };

		if (argv[2][0] == '-' || strchr(argv[2], '/')) {
			warnx("'%s' is not a filter name; see 'winnow help'", argv[2]);
			return EXIT_USAGE;
		}
		if (strncmp(args[0], "winnow-", 7) == 0)
			args[0] += 7;
		return run(args[0], args);
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
