/* state: crash-safe, locked, checksummed state files. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "core/atomic.h"
#include "core/state.h"
#include "core/util.h"

static const unsigned char magic[8] = { 0x89, 'W', 'N', 'W', '\r', '\n', 0x1a, '\n' };

#define WRITE_BUF_SIZE (1 << 20)

struct state {
	char *path;		/* as given, for messages */
	char *target;		/* the file renamed over: 'path' with symlinks resolved */
	char kind[STATE_KIND_MAX + 1];
	unsigned flags;
	int lock_fd;		/* -1 when no lock could be taken (read-only dir) */
	int locked;		/* LOCK_EX or LOCK_SH once held, else 0 */
	int is_new;
	int to_stdout;		/* path "-": saves stream to standard output */
	mode_t mode;		/* of the existing file, kept by saves */
	uint32_t kind_version;
	int64_t saved_at;
	unsigned char seed[STATE_SEED_SIZE];
	unsigned char *map;	/* the whole file, while loaded */
	size_t map_len;
	size_t payload_off;
	uint64_t payload_len;
};

struct state_writer {
	struct state *st;
	struct atomic file;	/* the temporary file, unless to stdout */
	int fd;
	int failed;		/* an error was reported; commit will refuse */
	int err;		/* errno of the first error */
	uint64_t want;		/* payload bytes announced */
	uint64_t written;	/* payload bytes put so far */
	XXH3_state_t *sum;
	unsigned char *buf;
	size_t len;
};

/* The pid an exclusive holder wrote into the lock file, or 0. */
static long
lock_holder(int fd)
{
	char s[32];
	ssize_t n = pread(fd, s, sizeof s - 1, 0);
	long pid;

	if (n <= 0)
		return 0;
	s[n] = '\0';
	pid = strtol(s, NULL, 10);
	return pid > 0 ? pid : 0;
}

static int
take_lock(struct state *st, double wait)
{
	int op = (st->flags & STATE_READ_ONLY) ? LOCK_SH : LOCK_EX;
	size_t n = strlen(st->target) + 6;
	char *lockpath = xmalloc(n);
	struct timespec t0, now;
	char holder[32] = "";
	long pid;

	snprintf(lockpath, n, "%s.lock", st->target);
	st->lock_fd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (st->lock_fd < 0 && (st->flags & STATE_READ_ONLY)) {
		/* A read-only run may check a state in a directory it cannot write. */
		st->lock_fd = open(lockpath, O_RDONLY | O_CLOEXEC);
		if (st->lock_fd < 0 && (errno == EACCES || errno == EROFS ||
		    errno == ENOENT)) {
			free(lockpath);
			return STATE_OK;
		}
	}
	if (st->lock_fd < 0) {
		warnp("cannot create lock file '%s'", lockpath);
		free(lockpath);
		return STATE_IOERR;
	}
	free(lockpath);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (flock(st->lock_fd, op | (wait < 0 ? 0 : LOCK_NB)) == 0)
			break;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			warnp("cannot lock state '%s'", st->path);
			return STATE_IOERR;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((double)(now.tv_sec - t0.tv_sec) +
		    (now.tv_nsec - t0.tv_nsec) / 1e9 >= wait) {
			pid = lock_holder(st->lock_fd);
			if (pid)
				snprintf(holder, sizeof holder, " (pid %ld)", pid);
			if (wait > 0)
				warnx("state '%s' is still locked by another run%s after %g seconds",
				    st->path, holder, wait);
			else
				warnx("state '%s' is locked by another run%s; --wait waits for it",
				    st->path, holder);
			return STATE_LOCKED;
		}
		nanosleep(&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
	}
	st->locked = op;
	/* Best effort: the pid only names the holder in messages. */
	if (op == LOCK_EX && ftruncate(st->lock_fd, 0) == 0) {
		char s[32];
		int len = snprintf(s, sizeof s, "%ld\n", (long)getpid());
		ssize_t unused = pwrite(st->lock_fd, s, (size_t)len, 0);

		(void)unused;
	}
	return STATE_OK;
}

/* Check the mapped file; returns STATE_OK or STATE_BAD after a message. */
static int
check_file(struct state *st)
{
	const unsigned char *m = st->map;
	size_t size = st->map_len;
	uint32_t format, hsize;
	uint64_t plen;
	char kind[STATE_KIND_MAX + 1];

	if (size == 0) {
		warnx("state '%s' is an empty file, not a winnow state", st->path);
		return STATE_BAD;
	}
	if (size < sizeof magic || memcmp(m, magic, sizeof magic) != 0) {
		warnx("state '%s' is not a winnow state file", st->path);
		return STATE_BAD;
	}
	if (size < STATE_HEADER_SIZE + 8) {
		warnx("state '%s' is truncated (%zu bytes)", st->path, size);
		return STATE_BAD;
	}
	/*
	 * The trailer is always the XXH3-64 of all bytes before it, whatever
	 * the format version, so the checksum is checked before any field
	 * is believed.
	 */
	hsize = get_le32(m + 12);
	plen = get_le64(m + 32);
	if (XXH3_64bits(m, size - 8) != get_le64(m + size - 8)) {
		if (hsize == STATE_HEADER_SIZE && plen > size - 8 - hsize)
			warnx("state '%s' is truncated or corrupt (%zu bytes, header says %llu)",
			    st->path, size, (unsigned long long)plen + hsize + 8);
		else
			warnx("state '%s' is corrupt: checksum mismatch", st->path);
		return STATE_BAD;
	}
	format = get_le32(m + 8);
	if (format > STATE_FORMAT) {
		warnx("state '%s' was written by a newer winnow (format %u; this one reads %u)",
		    st->path, format, STATE_FORMAT);
		return STATE_BAD;
	}
	if (hsize < STATE_HEADER_SIZE || hsize > size - 8 ||
	    plen != size - 8 - hsize) {
		warnx("state '%s' is corrupt: its length does not match its header",
		    st->path);
		return STATE_BAD;
	}
	/* The kind is only printed: make it a short printable string. */
	for (int i = 0; i <= STATE_KIND_MAX; i++) {
		unsigned char c = i < STATE_KIND_MAX ? m[16 + i] : 0;

		kind[i] = (char)(c == 0 || (c >= 0x20 && c < 0x7f) ? c : '?');
	}
	if (strcmp(kind, st->kind) != 0) {
		warnx("state '%s' is a '%s' state, not a '%s' state", st->path,
		    kind, st->kind);
		return STATE_BAD;
	}
	st->kind_version = get_le32(m + 24);
	st->saved_at = (int64_t)get_le64(m + 40);
	memcpy(st->seed, m + 48, STATE_SEED_SIZE);
	st->payload_off = hsize;
	st->payload_len = plen;
	return STATE_OK;
}

static int
read_file(struct state *st)
{
	struct stat sb;
	int fd = open(st->target, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0) {
		if (errno == ENOENT && !(st->flags & STATE_MUST_EXIST)) {
			st->is_new = 1;
			return STATE_OK;
		}
		warnp("cannot open state '%s'", st->path);
		return STATE_IOERR;
	}
	if (fstat(fd, &sb) < 0) {
		warnp("cannot read state '%s'", st->path);
		close(fd);
		return STATE_IOERR;
	}
	if (!S_ISREG(sb.st_mode)) {
		warnx("state '%s' is not a regular file", st->path);
		close(fd);
		return STATE_BAD;
	}
	st->mode = sb.st_mode & 07777;
	st->map_len = (size_t)sb.st_size;
	if (st->map_len > 0) {
		st->map = mmap(NULL, st->map_len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (st->map == MAP_FAILED) {
			st->map = NULL;
			warnp("cannot read state '%s'", st->path);
			close(fd);
			return STATE_IOERR;
		}
	}
	close(fd);
	rc = check_file(st);
	if (rc != STATE_OK)
		state_unload(st);
	return rc;
}

int
state_random_seed(unsigned char *seed)
{
#ifdef WINNOW_TEST_FIXED_SEED
	/*
	 * Hash-flooding tests only (make CFLAGS=-DWINNOW_TEST_FIXED_SEED): a
	 * known seed lets a test craft colliding keys offline.
	 */
	memset(seed, 0x5a, STATE_SEED_SIZE);
#else
	if (getrandom(seed, STATE_SEED_SIZE, 0) != STATE_SEED_SIZE) {
		warnp("cannot make a random seed");
		return -1;
	}
#endif
	return 0;
}

int
state_exit_status(int rc)
{
	switch (rc) {
	case STATE_OK:
		return EXIT_OK;
	case STATE_LOCKED:
		return EXIT_TEMPFAIL;
	case STATE_BAD:
		return EXIT_USAGE;
	default:
		return EXIT_IOERR;
	}
}

int
state_open(struct state **out, const char *path, const char *kind,
    unsigned flags, double wait)
{
	struct state *st = xcalloc(1, sizeof *st);
	char *real;
	int rc;

	*out = NULL;
	st->path = xstrdup(path);
	st->flags = flags;
	st->lock_fd = -1;
	st->mode = 0600;
	snprintf(st->kind, sizeof st->kind, "%s", kind);
	if (strcmp(path, "-") == 0) {
		/* Standard output: nothing to lock, read or rename. */
		if (flags & (STATE_MUST_EXIST | STATE_READ_ONLY)) {
			warnx("a state cannot be read from standard input");
			rc = STATE_IOERR;
			goto fail;
		}
		st->to_stdout = 1;
		st->is_new = 1;
		st->target = xstrdup(path);
		goto seed;
	}
	/* Saves replace the file a symlink points to, not the link. */
	real = realpath(path, NULL);
	st->target = real ? xstrdup(real) : xstrdup(path);
	free(real);

	if ((rc = take_lock(st, wait)) != STATE_OK)
		goto fail;
	if (!(flags & STATE_READ_ONLY))
		atomic_remove_stale(st->target);
	if ((rc = read_file(st)) != STATE_OK)
		goto fail;
seed:
	if (st->is_new && state_random_seed(st->seed) < 0) {
		rc = STATE_IOERR;
		goto fail;
	}
	*out = st;
	return STATE_OK;
fail:
	state_close(st);
	return rc;
}

const char *
state_path(const struct state *st)
{
	return st->path;
}

int
state_is_new(const struct state *st)
{
	return st->is_new;
}

uint32_t
state_kind_version(const struct state *st)
{
	return st->kind_version;
}

int64_t
state_saved_at(const struct state *st)
{
	return st->saved_at;
}

const unsigned char *
state_seed(const struct state *st)
{
	return st->seed;
}

int
state_set_seed(struct state *st, const unsigned char *seed)
{
	if (st->flags & STATE_READ_ONLY) {
		warnx("state '%s' is open read-only", st->path);
		return -1;
	}
	state_unload(st);
	memcpy(st->seed, seed, STATE_SEED_SIZE);
	return 0;
}

int
state_load(struct state *st, struct state_reader *rd)
{
	if (st->map == NULL) {
		rd->p = rd->end = NULL;
		rd->bad = 0;
		return 0;
	}
	rd->p = st->map + st->payload_off;
	rd->end = rd->p + st->payload_len;
	rd->bad = 0;
	return 1;
}

void
state_unload(struct state *st)
{
	if (st->map != NULL)
		munmap(st->map, st->map_len);
	st->map = NULL;
	st->map_len = 0;
}

const void *
state_get_bytes(struct state_reader *rd, size_t n)
{
	const unsigned char *p = rd->p;

	if (rd->bad || (size_t)(rd->end - rd->p) < n) {
		rd->bad = 1;
		return NULL;
	}
	rd->p += n;
	return p;
}

uint32_t
state_get_u32(struct state_reader *rd)
{
	const unsigned char *p = state_get_bytes(rd, 4);

	return p ? get_le32(p) : 0;
}

uint64_t
state_get_u64(struct state_reader *rd)
{
	const unsigned char *p = state_get_bytes(rd, 8);

	return p ? get_le64(p) : 0;
}

double
state_get_f64(struct state_reader *rd)
{
	uint64_t u = state_get_u64(rd);
	double d;

	memcpy(&d, &u, sizeof d);
	return d;
}

int
state_bad(const struct state *st, const char *what)
{
	warnx("state '%s' is corrupt: %s", st->path, what);
	return -1;
}

/* Write all of p[0..n) to the temporary file; 0 or -1 (errno kept). */
static int
write_all(struct state_writer *w, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(w->fd, p, n);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static int
writer_fail(struct state_writer *w)
{
	if (!w->failed) {
		w->failed = 1;
		w->err = errno;
		warnp("cannot save state '%s'", w->st->path);
	}
	return -1;
}

static int
writer_flush(struct state_writer *w)
{
	if (w->len && write_all(w, w->buf, w->len) < 0)
		return writer_fail(w);
	w->len = 0;
	return 0;
}

/* Append raw bytes (header, payload or checksum) to the file. */
static int
writer_add(struct state_writer *w, const void *p, size_t n)
{
	if (w->failed)
		return -1;
	XXH3_64bits_update(w->sum, p, n);
	if (n >= WRITE_BUF_SIZE) {
		if (writer_flush(w) < 0 || write_all(w, p, n) < 0)
			return writer_fail(w);
		return 0;
	}
	if (WRITE_BUF_SIZE - w->len < n && writer_flush(w) < 0)
		return -1;
	memcpy(w->buf + w->len, p, n);
	w->len += n;
	return 0;
}

struct state_writer *
state_save_begin(struct state *st, uint64_t len, uint32_t version)
{
	struct state_writer *w;
	unsigned char h[STATE_HEADER_SIZE];
	char *what;
	int rc;

	if (st->flags & STATE_READ_ONLY) {
		warnx("state '%s' is open read-only", st->path);
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	w->st = st;
	w->want = len;
	if (st->to_stdout) {
		w->fd = STDOUT_FILENO;
		goto start;
	}
	/* 0600 for a new state (the seed is a secret), else its own mode */
	what = xmalloc(strlen(st->path) + sizeof "state ''");
	sprintf(what, "state '%s'", st->path);
	rc = atomic_open(&w->file, st->target, what, st->mode);
	free(what);
	if (rc < 0) {
		free(w);
		return NULL;
	}
	w->fd = w->file.fd;
start:
	w->sum = XXH3_createState();
	if (w->sum == NULL)
		out_of_memory();
	XXH3_64bits_reset(w->sum);
	w->buf = xmalloc(WRITE_BUF_SIZE);

	memset(h, 0, sizeof h);
	memcpy(h, magic, sizeof magic);
	put_le32(h + 8, STATE_FORMAT);
	put_le32(h + 12, STATE_HEADER_SIZE);
	memcpy(h + 16, st->kind, strlen(st->kind));
	put_le32(h + 24, version);
	put_le64(h + 32, len);
	put_le64(h + 40, (uint64_t)time(NULL));
	memcpy(h + 48, st->seed, STATE_SEED_SIZE);
	writer_add(w, h, sizeof h);
	return w;
}

int
state_put(struct state_writer *w, const void *p, size_t n)
{
	if (w->failed)
		return -1;
	w->written += n;
	return writer_add(w, p, n);
}

int
state_put_u32(struct state_writer *w, uint32_t v)
{
	unsigned char b[4];

	put_le32(b, v);
	return state_put(w, b, sizeof b);
}

int
state_put_u64(struct state_writer *w, uint64_t v)
{
	unsigned char b[8];

	put_le64(b, v);
	return state_put(w, b, sizeof b);
}

int
state_put_f64(struct state_writer *w, double v)
{
	uint64_t u;

	memcpy(&u, &v, sizeof u);
	return state_put_u64(w, u);
}

static void
writer_free(struct state_writer *w)
{
	atomic_abort(&w->file);		/* nothing after a commit */
	XXH3_freeState(w->sum);
	free(w->buf);
	free(w);
}

void
state_save_abort(struct state_writer *w)
{
	if (w != NULL)
		writer_free(w);
}

int
state_save_commit(struct state_writer *w)
{
	struct state *st = w->st;
	unsigned char sum[8];

	if (!w->failed && w->written != w->want) {
		warnx("cannot save state '%s': %llu payload bytes written, %llu announced",
		    st->path, (unsigned long long)w->written,
		    (unsigned long long)w->want);
		w->failed = 1;
	}
	if (w->failed)
		goto fail;
	put_le64(sum, XXH3_64bits_digest(w->sum));
	if (writer_add(w, sum, sizeof sum) < 0 || writer_flush(w) < 0)
		goto fail;
	if (st->to_stdout) {
		writer_free(w);
		return 0;
	}
	if (atomic_commit(&w->file) < 0) {
		writer_free(w);
		return -1;
	}
	st->is_new = 0;
	writer_free(w);
	return 0;
fail:
	state_save_abort(w);
	return -1;
}

void
state_close(struct state *st)
{
	if (st == NULL)
		return;
	state_unload(st);
	if (st->lock_fd >= 0) {
		/* Clear our pid while still holding the lock, then release. */
		if (st->locked == LOCK_EX) {
			int unused = ftruncate(st->lock_fd, 0);

			(void)unused;
		}
		close(st->lock_fd);
	}
	free(st->target);
	free(st->path);
	free(st);
}
