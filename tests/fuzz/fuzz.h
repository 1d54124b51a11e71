/*
 * fuzz.h: what the harnesses of tests/fuzz/ share.
 *
 * Each harness is one LLVMFuzzerTestOneInput() over one surface that takes
 * untrusted bytes.  Built with clang -fsanitize=fuzzer (make fuzz) it is a
 * libFuzzer fuzzer; built with tests/fuzz/replay.c (make check) it is a
 * program that runs the harness over the saved inputs of
 * tests/fuzz/corpus/NAME/, so every finding stays a regression test.
 *
 * A broken property calls FUZZ_ASSERT, which prints the condition and
 * aborts, so that libFuzzer saves the input.  The library's own messages
 * ("model 'x': corrupt ...") are silenced: the fuzzer would print millions.
 */
#ifndef WINNOW_FUZZ_H
#define WINNOW_FUZZ_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static FILE *fuzz_stderr;

static inline void
fuzz_fail(const char *file, int line, const char *cond)
{
	fprintf(fuzz_stderr ? fuzz_stderr : stderr, "%s:%d: property broken: %s\n",
	    file, line, cond);
	abort();
}

#define FUZZ_ASSERT(cond) \
	do { if (!(cond)) fuzz_fail(__FILE__, __LINE__, #cond); } while (0)

/*
 * fuzz_quiet(): send the library's messages to /dev/null (unless
 * FUZZ_VERBOSE is set).  Sanitizer reports write to file descriptor 2
 * directly and still show.
 */
static inline void
fuzz_quiet(void)
{
	FILE *null;

	fuzz_stderr = stderr;
	if (getenv("FUZZ_VERBOSE") == NULL && (null = fopen("/dev/null", "w")))
		stderr = null;
}

/*
 * fuzz_text(data, size, repair, tmp, &len): the input after its first
 * byte, as it is, or made valid UTF-8 (in 'tmp') when 'repair' is set, so
 * that a harness reaches both the code for text and its guards.
 */
static inline const char *
fuzz_text(const uint8_t *data, size_t size, int repair, struct buf *tmp,
    size_t *len)
{
	if (!repair) {
		*len = size - 1;
		return (const char *)data + 1;
	}
	utf8_repair((const char *)data + 1, size - 1, tmp);
	*len = tmp->len;
	return tmp->data ? tmp->data : "";
}

/*
 * fuzz_temp_path(harness, file, out, outlen): make a fresh directory for
 * 'harness' (in /dev/shm when it can: the harnesses write a file per
 * input) and put the path of 'file' in it into 'out'.
 */
static inline void
fuzz_temp_path(const char *harness, const char *file, char *out, size_t outlen)
{
	const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char dir[4000];

	snprintf(dir, sizeof dir, "%s/%s.XXXXXX", tmp, harness);
	if (mkdtemp(dir) == NULL)
		fuzz_fail(__FILE__, __LINE__, "mkdtemp");
	snprintf(out, outlen, "%s/%s", dir, file);
}

/* fuzz_write_file(path, p, n): 'path' holds exactly p[0..n) after it. */
static inline void
fuzz_write_file(const char *path, const uint8_t *p, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	FUZZ_ASSERT(fd >= 0);
	FUZZ_ASSERT(write(fd, p, n) == (ssize_t)n);
	close(fd);
}

#endif
