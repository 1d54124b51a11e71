/* Unit tests for lib/state: round trip, refusal of bad files, locking. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xxhash.h>

#include "core/state.h"
#include "check_main.h"

static char path[512];

static void
setup(void)
{
	check_tmpdir_setup();
	snprintf(path, sizeof path, "%s", check_path("seen.wds"));
}

/*
 * The refusal tests expect hundreds of messages: keep them off the
 * terminal (each test runs in its own process).
 */
static void
quiet(void)
{
	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
}

/* Save a state of kind 'kind' at 'p' holding 'payload'. */
static void
save(const char *p, const char *kind, const char *payload, uint32_t version)
{
	struct state *st;
	struct state_writer *w;
	size_t n = strlen(payload);

	ck_assert_int_eq(state_open(&st, p, kind, 0, 0), STATE_OK);
	w = state_save_begin(st, 8 + n, version);
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(state_put_u64(w, n), 0);
	ck_assert_int_eq(state_put(w, payload, n), 0);
	ck_assert_int_eq(state_save_commit(w), 0);
	state_close(st);
}

static off_t
file_size(const char *p)
{
	struct stat sb;

	ck_assert_int_eq(stat(p, &sb), 0);
	return sb.st_size;
}

static int
count_files(void)
{
	char cmd[300];
	FILE *f;
	int n = 0;

	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", check_tmpdir());
	f = popen(cmd, "r");
	ck_assert_int_eq(fscanf(f, "%d", &n), 1);
	pclose(f);
	return n;
}

START_TEST(test_state_new_has_random_seed)
{
	struct state *a, *b;
	struct state_reader rd;
	const char *p2 = check_path("other.wds");
	static const unsigned char zero[STATE_SEED_SIZE];

	ck_assert_int_eq(state_open(&a, path, "dedupe", 0, 0), STATE_OK);
	ck_assert_int_eq(state_open(&b, p2, "dedupe", 0, 0), STATE_OK);
	ck_assert_int_eq(state_is_new(a), 1);
	ck_assert_int_eq(state_load(a, &rd), 0);
	ck_assert_int_ne(memcmp(state_seed(a), zero, STATE_SEED_SIZE), 0);
	ck_assert_int_ne(memcmp(state_seed(a), state_seed(b), STATE_SEED_SIZE), 0);
	state_close(a);
	state_close(b);
	/* Opening alone writes nothing but the lock file. */
	ck_assert_int_eq(access(path, F_OK), -1);
}
END_TEST

START_TEST(test_state_round_trip)
{
	struct state *st;
	struct state_reader rd;
	unsigned char seed[STATE_SEED_SIZE];
	const char *s;
	uint64_t n;

	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_OK);
	memcpy(seed, state_seed(st), sizeof seed);
	state_close(st);
	save(path, "dedupe", "hello, state", 7);

	ck_assert_int_eq(state_open(&st, path, "dedupe", STATE_READ_ONLY, 0), STATE_OK);
	ck_assert_int_eq(state_is_new(st), 0);
	ck_assert_uint_eq(state_kind_version(st), 7);
	ck_assert_int_ge(state_saved_at(st), time(NULL) - 60);
	ck_assert_int_eq(state_load(st, &rd), 1);
	n = state_get_u64(&rd);
	ck_assert_uint_eq(n, 12);
	s = state_get_bytes(&rd, n);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(memcmp(s, "hello, state", 12), 0);
	ck_assert_int_eq(rd.bad, 0);
	/* Reading past the end is caught, not an overread. */
	ck_assert_uint_eq(state_get_u32(&rd), 0);
	ck_assert_int_eq(rd.bad, 1);
	ck_assert_uint_eq(file_size(path), STATE_HEADER_SIZE + 8 + 12 + 8);
	state_close(st);
}
END_TEST

START_TEST(test_state_seed_survives_saves)
{
	struct state *st;
	unsigned char seed[STATE_SEED_SIZE];

	quiet();
	save(path, "dedupe", "one", 1);
	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_OK);
	memcpy(seed, state_seed(st), sizeof seed);
	state_close(st);
	save(path, "dedupe", "two", 1);
	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_OK);
	ck_assert_int_eq(memcmp(seed, state_seed(st), sizeof seed), 0);
	state_close(st);
}
END_TEST

/* A state can be re-seeded (the start of a merge result), not a read-only one. */
START_TEST(test_state_set_seed_on_new)
{
	struct state *st;
	struct state_writer *w;
	unsigned char seed[STATE_SEED_SIZE];

	memset(seed, 0xab, sizeof seed);
	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_OK);
	ck_assert_int_eq(state_set_seed(st, seed), 0);
	w = state_save_begin(st, 0, 1);
	ck_assert_int_eq(state_save_commit(w), 0);
	state_close(st);
	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_OK);
	ck_assert_int_eq(memcmp(seed, state_seed(st), sizeof seed), 0);
	state_close(st);
	quiet();
	ck_assert_int_eq(state_open(&st, path, "dedupe", STATE_READ_ONLY, 0), STATE_OK);
	ck_assert_int_eq(state_set_seed(st, seed), -1);
	state_close(st);
}
END_TEST

/* "-" writes to standard output, and cannot be read. */
START_TEST(test_state_stdout)
{
	struct state *st;
	struct state_writer *w;
	const char *out = check_path("out.wds");
	int fd, saved = dup(STDOUT_FILENO);

	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	ck_assert_int_eq(state_open(&st, "-", "dedupe", 0, 0), STATE_OK);
	w = state_save_begin(st, 2, 1);
	state_put(w, "hi", 2);
	ck_assert_int_eq(state_save_commit(w), 0);
	state_close(st);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	ck_assert_int_eq(state_open(&st, out, "dedupe", STATE_READ_ONLY, 0), STATE_OK);
	ck_assert_int_eq(state_is_new(st), 0);
	state_close(st);
	quiet();
	ck_assert_int_eq(state_open(&st, "-", "dedupe", STATE_MUST_EXIST, 0), STATE_IOERR);
}
END_TEST

/* Damage the saved file and expect it refused. */
static void
expect_refused(void)
{
	struct state *st = (struct state *)1;

	quiet();
	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_BAD);
	ck_assert_ptr_null(st);
	ck_assert_int_eq(state_open(&st, path, "dedupe", STATE_READ_ONLY, 0), STATE_BAD);
}

START_TEST(test_state_refuses_flipped_byte)
{
	off_t size, at;

	save(path, "dedupe", "a payload of some length", 1);
	size = file_size(path);
	/* Every byte matters: header, payload and checksum. */
	for (at = 0; at < size; at++) {
		int fd = open(path, O_RDWR);
		unsigned char c;

		ck_assert_int_eq(pread(fd, &c, 1, at), 1);
		c ^= 0x10;
		ck_assert_int_eq(pwrite(fd, &c, 1, at), 1);
		close(fd);
		expect_refused();
		fd = open(path, O_RDWR);
		c ^= 0x10;
		ck_assert_int_eq(pwrite(fd, &c, 1, at), 1);
		close(fd);
	}
}
END_TEST

START_TEST(test_state_refuses_truncated)
{
	off_t size, len;

	save(path, "dedupe", "a payload of some length", 1);
	size = file_size(path);
	for (len = size - 1; len >= 0; len -= (len > 120 ? 1 : 7)) {
		ck_assert_int_eq(truncate(path, len), 0);
		expect_refused();
	}
}
END_TEST

START_TEST(test_state_refuses_trailing_bytes)
{
	FILE *f;

	save(path, "dedupe", "payload", 1);
	f = fopen(path, "a");
	fputs("more", f);
	fclose(f);
	expect_refused();
}
END_TEST

START_TEST(test_state_refuses_foreign_kind)
{
	struct state *st;

	quiet();
	save(path, "template", "template counts", 1);
	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_BAD);
	ck_assert_int_eq(state_open(&st, path, "template", 0, 0), STATE_OK);
	state_close(st);
}
END_TEST

START_TEST(test_state_refuses_other_files)
{
	static const char *contents[] = {
		"",
		"{\"id\":1,\"text\":\"a json lines file given by mistake\"}\n",
		"\x89WNW\r\n\x1a\n",
	};
	unsigned i;

	quiet();
	for (i = 0; i < sizeof contents / sizeof contents[0]; i++) {
		FILE *f = fopen(path, "w");
		struct state *st;

		fputs(contents[i], f);
		fclose(f);
		ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_BAD);
		/* Refused files are never replaced. */
		ck_assert_uint_eq(file_size(path), strlen(contents[i]));
	}
}
END_TEST

/* A file from a newer winnow, with a valid checksum, is refused too. */
START_TEST(test_state_refuses_newer_format)
{
	unsigned char b[256];
	uint64_t sum;
	int fd, i;
	ssize_t n;

	save(path, "dedupe", "payload", 1);
	fd = open(path, O_RDWR);
	n = read(fd, b, sizeof b);
	ck_assert_int_gt(n, 8);
	b[8] = STATE_FORMAT + 1;
	sum = XXH3_64bits(b, (size_t)n - 8);
	for (i = 0; i < 8; i++)
		b[n - 8 + i] = (unsigned char)(sum >> (8 * i));
	ck_assert_int_eq(pwrite(fd, b, (size_t)n, 0), n);
	close(fd);
	expect_refused();
}
END_TEST

START_TEST(test_state_must_exist)
{
	struct state *st;

	quiet();
	ck_assert_int_eq(state_open(&st, path, "dedupe", STATE_MUST_EXIST, 0),
	    STATE_IOERR);
}
END_TEST

START_TEST(test_state_exclusive_lock)
{
	struct state *a, *b;
	struct timespec t0, t1;

	quiet();
	ck_assert_int_eq(state_open(&a, path, "dedupe", 0, 0), STATE_OK);
	ck_assert_int_eq(state_open(&b, path, "dedupe", 0, 0), STATE_LOCKED);
	ck_assert_int_eq(state_open(&b, path, "dedupe", STATE_READ_ONLY, 0),
	    STATE_LOCKED);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(state_open(&b, path, "dedupe", 0, 0.2), STATE_LOCKED);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert(t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9 >= 0.19);
	state_close(a);
	ck_assert_int_eq(state_open(&b, path, "dedupe", 0, 0), STATE_OK);
	state_close(b);
}
END_TEST

START_TEST(test_state_shared_lock_for_readers)
{
	struct state *a, *b, *c;

	quiet();
	ck_assert_int_eq(state_open(&a, path, "dedupe", STATE_READ_ONLY, 0), STATE_OK);
	ck_assert_int_eq(state_open(&b, path, "dedupe", STATE_READ_ONLY, 0), STATE_OK);
	ck_assert_int_eq(state_open(&c, path, "dedupe", 0, 0), STATE_LOCKED);
	ck_assert_ptr_null(state_save_begin(a, 0, 1));
	state_close(a);
	state_close(b);
}
END_TEST

/* A second run waits for the first one's lock, then sees what it saved. */
START_TEST(test_state_wait_for_lock)
{
	struct state *a, *b;
	struct state_writer *w;
	struct state_reader rd;
	pid_t pid;
	int status;

	/*
	 * Fork before locking: a child would inherit the parent's lock (flock
	 * belongs to the open file description), unlike a second program.
	 */
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct timespec t0, t1;
		int rc;

		usleep(100 * 1000);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = state_open(&b, path, "dedupe", 0, -1);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (rc != STATE_OK || t1.tv_sec - t0.tv_sec +
		    (t1.tv_nsec - t0.tv_nsec) / 1e9 < 0.1)
			_exit(1);
		if (state_load(b, &rd) != 1 || state_get_u64(&rd) != 5)
			_exit(2);
		_exit(0);
	}
	ck_assert_int_eq(state_open(&a, path, "dedupe", 0, 0), STATE_OK);
	usleep(400 * 1000);
	w = state_save_begin(a, 13, 1);
	state_put_u64(w, 5);
	state_put(w, "saved", 5);
	ck_assert_int_eq(state_save_commit(w), 0);
	state_close(a);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

START_TEST(test_state_lock_names_holder)
{
	struct state *a;
	char lock[600], s[32] = "";
	FILE *f;

	ck_assert_int_eq(state_open(&a, path, "dedupe", 0, 0), STATE_OK);
	snprintf(lock, sizeof lock, "%s.lock", path);
	f = fopen(lock, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(s, sizeof s, f));
	fclose(f);
	ck_assert_int_eq(atol(s), getpid());
	state_close(a);
	ck_assert_uint_eq(file_size(lock), 0);
}
END_TEST

START_TEST(test_state_failed_save_keeps_old)
{
	struct state *st;
	struct state_writer *w;
	struct state_reader rd;

	quiet();
	save(path, "dedupe", "old", 1);
	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_OK);
	w = state_save_begin(st, 100, 1);
	state_put(w, "short", 5);
	ck_assert_int_eq(state_save_commit(w), -1);	/* 5 bytes, 100 announced */
	w = state_save_begin(st, 3, 1);
	state_put(w, "new", 3);
	state_save_abort(w);
	state_close(st);
	ck_assert_int_eq(count_files(), 2);	/* the state and its lock */
	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_OK);
	ck_assert_int_eq(state_load(st, &rd), 1);
	ck_assert_uint_eq(state_get_u64(&rd), 3);
	ck_assert_int_eq(memcmp(state_get_bytes(&rd, 3), "old", 3), 0);
	state_close(st);
}
END_TEST

START_TEST(test_state_removes_stale_temps)
{
	const char *p = check_path(".seen.wds.tmp-a1B2c3");
	struct state *st;
	FILE *f;

	f = fopen(p, "w");
	fclose(f);
	p = check_path(".seen.wds.backup");
	f = fopen(p, "w");
	fclose(f);
	ck_assert_int_eq(state_open(&st, path, "dedupe", STATE_READ_ONLY, 0), STATE_OK);
	state_close(st);
	ck_assert_int_eq(count_files(), 3);	/* readers leave temps alone */
	ck_assert_int_eq(state_open(&st, path, "dedupe", 0, 0), STATE_OK);
	state_close(st);
	ck_assert_int_eq(count_files(), 2);	/* the backup and the lock */
	ck_assert_int_eq(access(p, F_OK), 0);
}
END_TEST

START_TEST(test_state_modes)
{
	struct stat sb;

	save(path, "dedupe", "x", 1);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);	/* the seed is a secret */
	ck_assert_int_eq(chmod(path, 0640), 0);
	save(path, "dedupe", "y", 1);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0640);
}
END_TEST

START_TEST(test_state_saves_through_symlink)
{
	const char *real = check_path("real.wds");
	struct stat sb;

	save(real, "dedupe", "x", 1);
	ck_assert_int_eq(symlink("real.wds", path), 0);
	save(path, "dedupe", "longer", 1);
	ck_assert_int_eq(lstat(path, &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	ck_assert_uint_eq(file_size(real), STATE_HEADER_SIZE + 8 + 6 + 8);
}
END_TEST

static Suite *
state_suite(void)
{
	Suite *s = suite_create("state");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, check_tmpdir_teardown);
	tcase_add_test(tc, test_state_new_has_random_seed);
	tcase_add_test(tc, test_state_round_trip);
	tcase_add_test(tc, test_state_seed_survives_saves);
	tcase_add_test(tc, test_state_set_seed_on_new);
	tcase_add_test(tc, test_state_stdout);
	tcase_add_test(tc, test_state_refuses_flipped_byte);
	tcase_add_test(tc, test_state_refuses_truncated);
	tcase_add_test(tc, test_state_refuses_trailing_bytes);
	tcase_add_test(tc, test_state_refuses_foreign_kind);
	tcase_add_test(tc, test_state_refuses_other_files);
	tcase_add_test(tc, test_state_refuses_newer_format);
	tcase_add_test(tc, test_state_must_exist);
	tcase_add_test(tc, test_state_exclusive_lock);
	tcase_add_test(tc, test_state_shared_lock_for_readers);
	tcase_add_test(tc, test_state_wait_for_lock);
	tcase_add_test(tc, test_state_lock_names_holder);
	tcase_add_test(tc, test_state_failed_save_keeps_old);
	tcase_add_test(tc, test_state_removes_stale_temps);
	tcase_add_test(tc, test_state_modes);
	tcase_add_test(tc, test_state_saves_through_symlink);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(state_suite)
