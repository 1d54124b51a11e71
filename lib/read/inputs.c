/* read_inputs: the files a run reads: operands, folders walked, file lists. */
#include <errno.h>
#include <fts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/util.h"
#include "read/internal.h"

struct read_inputs {
	char *const *operands;
	int noperands, next;	/* the operand to take next */
	const char *list_path;	/* --files-from, or NULL */
	FILE *list;		/* open while its names are being taken */
	int list_done;
	int sep;		/* '\n', or '\0' with -0 */
	char *name;		/* the list's current name (getdelim's buffer) */
	size_t namecap;
	FTS *fts;		/* the folder being walked, or NULL */
	struct buf path;	/* what read_inputs_next handed out last */
	uint64_t skipped;	/* hidden, backup and special files left out */
};

struct read_inputs *
read_inputs_new(char *const *operands, int n, const char *list, int nul)
{
	struct read_inputs *in = xcalloc(1, sizeof *in);

	in->operands = operands;
	in->noperands = n;
	in->list_path = list;
	in->sep = nul ? '\0' : '\n';
	/* No operand and no list: stdin is the one input. */
	if (n == 0 && list == NULL) {
		static char *const stdin_only[] = { "-" };

		in->operands = stdin_only;
		in->noperands = 1;
	}
	return in;
}

void
read_inputs_free(struct read_inputs *in)
{
	if (in == NULL)
		return;
	if (in->fts)
		fts_close(in->fts);
	if (in->list && in->list != stdin)
		fclose(in->list);
	free(in->name);
	buf_release(&in->path);
	free(in);
}

uint64_t
read_inputs_skipped(const struct read_inputs *in)
{
	return in->skipped;
}

int
read_name_skipped(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '.')
		return 1;	/* hidden, and emacs's lock files ".#x" */
	if (len > 0 && name[len - 1] == '~')
		return 1;	/* backups of emacs, vim, cp --backup */
	return len > 1 && name[0] == '#' && name[len - 1] == '#';	/* emacs autosave */
}

/* Siblings in byte order, whatever the locale: the same order on every machine. */
static int
by_name(const FTSENT **a, const FTSENT **b)
{
	return strcmp((*a)->fts_name, (*b)->fts_name);
}

/* The next file of the folder being walked: 1 with it, 0 when done, -1. */
static int
walk_next(struct read_inputs *in, const char **path)
{
	FTSENT *e;
	struct stat st;
	int rc;

	for (;;) {
		int top;

		errno = 0;
		if ((e = fts_read(in->fts)) == NULL)
			break;
		top = e->fts_level == FTS_ROOTLEVEL;
		switch (e->fts_info) {
		case FTS_D:
			if (!top && read_name_skipped(e->fts_name)) {
				fts_set(in->fts, e, FTS_SKIP);
				in->skipped++;
			}
			continue;
		case FTS_DP:
			continue;
		case FTS_DNR:
		case FTS_ERR:
		case FTS_NS:
			warnx("cannot read '%s': %s", e->fts_path, strerror(e->fts_errno));
			return -1;
		case FTS_F:
			break;
		case FTS_SL:
		case FTS_SLNONE:
			/* a link to a file is read; links to folders are not followed */
			if (stat(e->fts_accpath, &st) == 0 && S_ISREG(st.st_mode))
				break;
			in->skipped++;
			continue;
		default:
			in->skipped++;	/* FIFOs, sockets, devices */
			continue;
		}
		if (!top && read_name_skipped(e->fts_name)) {
			in->skipped++;
			continue;
		}
		buf_reset(&in->path);
		buf_add(&in->path, e->fts_path, e->fts_pathlen);
		buf_addc(&in->path, '\0');
		*path = in->path.data;
		return 1;
	}
	rc = errno;
	if (rc != 0)
		warnx("cannot walk a folder: %s", strerror(rc));
	fts_close(in->fts);
	in->fts = NULL;
	return rc != 0 ? -1 : 0;
}

/*
 * Start on one name: a folder is walked, anything else (a file, "-", a
 * name that does not exist) is handed out as it is, for the reader to
 * open or complain about.
 */
static int
take(struct read_inputs *in, const char *name, const char **path)
{
	struct stat st;
	char *argv[2];

	if (strcmp(name, "-") == 0 || stat(name, &st) != 0 || !S_ISDIR(st.st_mode)) {
		buf_reset(&in->path);
		buf_addstr(&in->path, name);
		buf_addc(&in->path, '\0');
		*path = in->path.data;
		return 1;
	}
	argv[0] = (char *)name;
	argv[1] = NULL;
	in->fts = fts_open(argv, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, by_name);
	if (in->fts == NULL) {
		warnp("cannot walk '%s'", name);
		return -1;
	}
	return walk_next(in, path);
}

/* The list's next name: 1, 0 at its end, -1 after a message. */
static int
list_next(struct read_inputs *in, const char **name)
{
	ssize_t n;

	if (in->list == NULL) {
		if (strcmp(in->list_path, "-") == 0)
			in->list = stdin;
		else if ((in->list = fopen(in->list_path, "r")) == NULL) {
			warnp("cannot open '%s'", in->list_path);
			in->list_done = 1;
			return -1;
		}
	}
	for (;;) {
		errno = 0;
		n = getdelim(&in->name, &in->namecap, in->sep, in->list);
		if (n < 0)
			break;
		if (n > 0 && in->name[n - 1] == in->sep)
			in->name[--n] = '\0';
		if (n == 0)
			continue;
		if (strlen(in->name) != (size_t)n) {
			warnx("%s: a name holds a NUL byte (use -0 for NUL-separated lists)",
			    in->list_path);
			continue;
		}
		*name = in->name;
		return 1;
	}
	in->list_done = 1;
	if (ferror(in->list)) {
		warnp("cannot read '%s'", in->list_path);
		return -1;
	}
	return 0;
}

int
read_inputs_next(struct read_inputs *in, const char **path)
{
	const char *name;
	int rc;

	for (;;) {
		if (in->fts) {
			if ((rc = walk_next(in, path)) != 0)
				return rc;
			continue;
		}
		if (in->next < in->noperands) {
			name = in->operands[in->next++];
		} else if (in->list_path && !in->list_done) {
			if ((rc = list_next(in, &name)) <= 0)
				return rc;
			if (strcmp(name, "-") == 0 && strcmp(in->list_path, "-") == 0) {
				warnx("'-' in a list read from stdin: stdin is the list");
				return -1;
			}
		} else {
			return 0;
		}
		if ((rc = take(in, name, path)) != 0)
			return rc;
	}
}
