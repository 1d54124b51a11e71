/*
 * state: crash-safe state files for the filters that remember across runs
 * (winnow-dedupe's seen paragraphs, winnow-strip's site templates).
 *
 * A state file is a fixed header, a payload whose layout belongs to the
 * module that wrote it, and a checksum:
 *
 *	offset	size	field (integers little-endian)
 *	0	8	magic "\x89WNW\r\n\x1a\n" (catches text-mode mangling)
 *	8	4	container format version (STATE_FORMAT)
 *	12	4	header size (96)
 *	16	8	kind: the owner's name, NUL-padded ("dedupe", "template")
 *	24	4	kind version: the owner's payload format
 *	28	4	reserved (0)
 *	32	8	payload length in bytes
 *	40	8	time of the save (Unix seconds)
 *	48	32	seed: random bytes from getrandom(), fixed for the
 *			file's life, for keyed hashing (hash-flooding defence)
 *	80	16	reserved (0)
 *	96	n	payload
 *	96+n	8	XXH3-64 of every byte before it
 *
 * A file is only ever replaced whole: a save writes a temporary file
 * beside it (".NAME.tmp-XXXXXX", mode of the old file or 0600, as the
 * seed is a secret), fsyncs it, renames it over NAME and fsyncs the
 * directory, so a crash or kill -9 leaves the old file or the new one.
 * A run holds flock() on "NAME.lock" from state_open() to state_close():
 * exclusive for a run that saves, shared for STATE_READ_ONLY.  The lock
 * file stays (removing it would race); it holds the pid of an exclusive
 * holder, so a refused run can name it.  Temporary files left by a
 * killed save are removed by the next exclusive state_open().
 *
 * A file is checked whole (size, magic, version, kind, checksum) before
 * any payload byte is handed out: a corrupt, truncated or foreign file is
 * refused with a message, never half-read.
 *
 * Ownership: state_open() returns a struct state the caller frees with
 * state_close().  The payload state_load() hands out points into the
 * state's mapping of the file and stays valid until state_unload() or
 * state_close().
 *
 *	struct state *st;
 *	struct state_reader rd;
 *
 *	if (state_open(&st, path, "dedupe", 0, -1) != STATE_OK) ...
 *	if (state_load(st, &rd) == 1)
 *		n = state_get_u64(&rd); ...; if (rd.bad) refuse
 *	state_unload(st);
 *	w = state_save_begin(st, payload_len); state_put(w, ...);
 *	state_save_commit(w);
 *	state_close(st);
 */
#ifndef WINNOW_STATE_H
#define WINNOW_STATE_H

#include <stddef.h>
#include <stdint.h>

#define STATE_FORMAT 1
#define STATE_HEADER_SIZE 96
#define STATE_SEED_SIZE 32
#define STATE_KIND_MAX 8

struct state;
struct state_writer;

/* state_open() flags */
enum {
	STATE_READ_ONLY = 1 << 0,	/* shared lock; state_save_begin refused */
	STATE_MUST_EXIST = 1 << 1	/* a missing file is an error, not a new state */
};

/* What state_open() returns. */
enum {
	STATE_OK = 0,
	STATE_LOCKED = 1,	/* another run holds the lock: EXIT_TEMPFAIL */
	STATE_BAD = 2,		/* corrupt, truncated, foreign or too new */
	STATE_IOERR = 3		/* cannot open, lock or read the file */
};

/*
 * state_exit_status(rc): the exit status a command ends with when a state
 * gave 'rc': EXIT_OK for STATE_OK, EXIT_TEMPFAIL (75) when another run
 * holds it, EXIT_USAGE (2) when it is not a usable state (the user gave
 * the wrong file), EXIT_IOERR (74) when it could not be read.
 */
int state_exit_status(int rc);

/*
 * state_open(&st, path, kind, flags, wait): lock and check the state file
 * 'path' for owner 'kind' (at most 8 bytes, e.g. "dedupe").  'wait' is
 * how long to wait for the lock in seconds: 0 fails at once, < 0 waits
 * as long as it takes.  A missing file is a new, empty state with a fresh
 * seed (unless STATE_MUST_EXIST).  Returns STATE_OK with '*st' set, or one
 * of the errors above after a message naming the file, e.g. "state
 * 'seen.wds' is locked by another run (pid 4242); --wait waits for it".
 */
int state_open(struct state **st, const char *path, const char *kind,
    unsigned flags, double wait);

/* state_path(st): the path given to state_open(). */
const char *state_path(const struct state *st);

/* state_is_new(st): 1 when the file did not exist (nothing to load). */
int state_is_new(const struct state *st);

/* state_kind_version(st): the owner's payload version read from the file. */
uint32_t state_kind_version(const struct state *st);

/* state_saved_at(st): the Unix time of the last save, 0 for a new state. */
int64_t state_saved_at(const struct state *st);

/*
 * state_seed(st): the STATE_SEED_SIZE seed bytes.  Stable for the life of
 * the file; two states can only be merged when their seeds are equal.
 */
const unsigned char *state_seed(const struct state *st);

/*
 * state_random_seed(seed): fill STATE_SEED_SIZE bytes from getrandom() (a
 * fixed pattern in a build with -DWINNOW_TEST_FIXED_SEED, for hash-flooding
 * tests).  Returns 0, or -1 after a message.
 */
int state_random_seed(unsigned char *seed);

/*
 * state_set_seed(st, seed): make the next save write 'seed', to build a
 * state from others (a merge result keeps the seed of its inputs, so it
 * can be merged again).  Any payload still loaded is dropped.  Returns 0,
 * or -1 after a message when 'st' is read-only.
 */
int state_set_seed(struct state *st, const unsigned char *seed);

/* A bounds-checked cursor over a payload: reads past the end set 'bad'. */
struct state_reader {
	const unsigned char *p;
	const unsigned char *end;
	int bad;
};

/*
 * state_load(st, &rd): point 'rd' at the payload of a checked file.
 * Returns 1, or 0 for a new state (rd is empty).  The bytes stay valid
 * until state_unload() or state_close().
 */
int state_load(struct state *st, struct state_reader *rd);

/* state_unload(st): drop the mapped file once the payload has been parsed. */
void state_unload(struct state *st);

/* Little-endian reads; past the end they return 0 and set rd->bad. */
uint32_t state_get_u32(struct state_reader *rd);
uint64_t state_get_u64(struct state_reader *rd);
double state_get_f64(struct state_reader *rd);
/* state_get_bytes(rd, n): 'n' bytes in place, or NULL (rd->bad set). */
const void *state_get_bytes(struct state_reader *rd, size_t n);

/* state_bad(st, what): report "state 'PATH' is corrupt: WHAT"; returns -1. */
int state_bad(const struct state *st, const char *what);

/*
 * state_save_begin(st, len, version): start writing a new file with a
 * payload of exactly 'len' bytes in the owner's format 'version'.
 * Returns a writer, or NULL after a message (read-only state, cannot
 * create the temporary file).
 */
struct state_writer *state_save_begin(struct state *st, uint64_t len,
    uint32_t version);

/* state_put(w, p, n): append payload bytes; 0, or -1 (sticky, reported). */
int state_put(struct state_writer *w, const void *p, size_t n);
int state_put_u32(struct state_writer *w, uint32_t v);
int state_put_u64(struct state_writer *w, uint64_t v);
int state_put_f64(struct state_writer *w, double v);

/*
 * state_save_commit(w): write the checksum, fsync, rename over the state
 * file, fsync the directory, free 'w'.  Returns 0, or -1 after a message
 * ("cannot save state 'seen.wds': No space left on device") with the old
 * file left as it was and the temporary file removed.  A payload of the
 * wrong length is refused the same way.
 */
int state_save_commit(struct state_writer *w);

/* state_save_abort(w): remove the temporary file and free 'w'. */
void state_save_abort(struct state_writer *w);

/* state_close(st): unmap, release the lock, free.  NULL is a no-op. */
void state_close(struct state *st);

#endif
