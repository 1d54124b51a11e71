/* atomic: replace a file whole or not at all. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic.h"
#include "core/util.h"

#define TEMP_MARK ".tmp-"
#define TEMP_RANDOM 6		/* the XXXXXX mkostemp fills */

/* The directory part of 'path' ("." when it has none), newly allocated. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	dir = xmemdup(path, (size_t)(slash - path) + 1);
	dir[slash - path] = '\0';
	return dir;
}

static const char *
base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * Temporary files not yet renamed are listed here, so that an exit or a
 * fatal signal removes them.
 */
#define MAX_TEMPS 8
static char *temps[MAX_TEMPS];

static void
remove_temps(void)
{
	int i;

	for (i = 0; i < MAX_TEMPS; i++)
		if (temps[i] != NULL)
			unlink(temps[i]);
}

static void
on_fatal_signal(int sig)
{
	remove_temps();		/* unlink is async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
track_temp(char *path, int on)
{
	static int hooked;
	int i;

	if (!hooked) {
		static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

		atexit(remove_temps);
		for (i = 0; i < 3; i++)
			if (signal(sigs[i], on_fatal_signal) == SIG_IGN)
				signal(sigs[i], SIG_IGN);
		hooked = 1;
	}
	for (i = 0; i < MAX_TEMPS; i++) {
		if (on && temps[i] == NULL) {
			temps[i] = path;
			return;
		}
		if (!on && temps[i] == path) {
			temps[i] = NULL;
			return;
		}
	}
}

static void
release(struct atomic *a)
{
	track_temp(a->tmp, 0);
	free(a->tmp);
	free(a->target);
	free(a->what);
	a->tmp = a->target = a->what = NULL;
	a->fd = -1;
}

int
atomic_open(struct atomic *a, const char *target, const char *what,
    mode_t mode)
{
	char *dir = dir_of(target);
	size_t n = strlen(dir) + strlen(base_of(target)) + sizeof "/." TEMP_MARK +
	    TEMP_RANDOM;

	a->what = xstrdup(what);
	a->target = xstrdup(target);
	a->tmp = xmalloc(n);
	snprintf(a->tmp, n, "%s/.%s" TEMP_MARK "XXXXXX", dir, base_of(target));
	free(dir);
	a->fd = mkostemp(a->tmp, O_CLOEXEC);
	if (a->fd < 0) {
		warnp("cannot save %s: cannot create a temporary file beside it",
		    what);
		free(a->tmp);
		a->tmp = NULL;
		release(a);
		return -1;
	}
	track_temp(a->tmp, 1);
	/* mkostemp made it 0600 */
	if (mode != 0600)
		fchmod(a->fd, mode);
	return 0;
}

void
atomic_abort(struct atomic *a)
{
	if (a->tmp == NULL)
		return;
	if (a->fd >= 0)
		close(a->fd);
	unlink(a->tmp);
	release(a);
}

/* fsync the directory holding 'path'; see the header for what counts. */
static int
sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;

	free(dir);
	if (fd < 0)
		return 0;
	if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS)
		rc = -1;
	close(fd);
	return rc;
}

int
atomic_commit(struct atomic *a)
{
	int fd = a->fd;

	if (fsync(fd) < 0) {
		warnp("cannot save %s: fsync failed", a->what);
		goto fail;
	}
	a->fd = -1;
	if (close(fd) < 0) {
		warnp("cannot save %s: close failed", a->what);
		goto fail;
	}
	if (rename(a->tmp, a->target) < 0) {
		warnp("cannot save %s: rename failed", a->what);
		goto fail;
	}
	track_temp(a->tmp, 0);	/* it is the target now */
	if (sync_dir(a->target) < 0) {
		warnp("%s saved, but its directory could not be synced", a->what);
		release(a);
		return -1;
	}
	release(a);
	return 0;
fail:
	atomic_abort(a);
	return -1;
}

void
atomic_remove_stale(const char *target)
{
	char *dir = dir_of(target);
	const char *base = base_of(target);
	size_t blen = strlen(base), mlen = strlen(TEMP_MARK);
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			const char *s = e->d_name;

			if (s[0] != '.' || strncmp(s + 1, base, blen) != 0 ||
			    strncmp(s + 1 + blen, TEMP_MARK, mlen) != 0 ||
			    strlen(s + 1 + blen + mlen) != TEMP_RANDOM)
				continue;
			unlinkat(dirfd(d), s, 0);
		}
		closedir(d);
	}
	free(dir);
}
