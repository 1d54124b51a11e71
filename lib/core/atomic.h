/*
 * atomic: replace a file whole or not at all.
 *
 * The new contents go to a temporary file beside the target,
 * ".NAME.tmp-XXXXXX" in the same directory (so the rename cannot cross
 * file systems); atomic_commit() fsyncs it, closes it, renames it over the
 * target and fsyncs the directory.  A crash or kill -9 at any moment
 * leaves the old file or the new one, never a mix, and at worst a stray
 * temporary file that atomic_remove_stale() recognizes by its name.  An
 * exit, or SIGINT, SIGTERM or SIGHUP, before the commit removes the
 * temporary file (handlers installed at the first atomic_open()).
 *
 * The directory: once the rename is done the new file is in place and
 * only the durability of its name is in question.  A directory that
 * cannot be synced because the file system does not support it (EINVAL,
 * EROFS) or that cannot be opened at all (a directory we may write but
 * not read, mode 0300) is not an error: nothing more could be done, and
 * failing a run whose output is already in place would only make the
 * caller report a failure that did not happen.  An fsync of the directory
 * that fails (EIO) is an error: the name may be lost in a crash.
 *
 *	struct atomic a;
 *	if (atomic_open(&a, path, "'out.jsonl'", 0644) < 0)
 *		return -1;
 *	if (write_everything(a.fd) < 0) {
 *		atomic_abort(&a);
 *		return -1;
 *	}
 *	return atomic_commit(&a);
 *
 * Messages name the file by the caller's 'what', e.g. "state 'seen.wds'"
 * (the path as the user gave it, while 'target' may have its symlinks
 * resolved): "cannot save state 'seen.wds': fsync failed: I/O error".
 */
#ifndef WINNOW_ATOMIC_H
#define WINNOW_ATOMIC_H

#include <sys/types.h>

struct atomic {
	char *tmp;		/* the temporary file, while open */
	char *target;		/* the file it replaces */
	char *what;		/* for messages: "'out.jsonl'", "state 's.wds'" */
	int fd;			/* open on 'tmp' for writing */
};

/*
 * atomic_open(a, target, what, mode): create the temporary file for
 * 'target' with permissions 'mode'; 'what' names it in messages (copied).
 * Returns 0 with a->fd open, or -1 after a message.
 */
int atomic_open(struct atomic *a, const char *target, const char *what,
    mode_t mode);

/*
 * atomic_commit(a): fsync, close, rename over the target, fsync the
 * directory (see above).  Returns 0, or -1 after a message; before the
 * rename a failure removes the temporary file and leaves the target as
 * it was.  Either way 'a' is released.
 */
int atomic_commit(struct atomic *a);

/* atomic_abort(a): close and remove the temporary file; release 'a'. */
void atomic_abort(struct atomic *a);

/*
 * atomic_remove_stale(target): remove the temporary files a killed run
 * left beside 'target'.  Only for a caller that holds a lock keeping any
 * other run from writing one at the same time.
 */
void atomic_remove_stale(const char *target);

#endif
