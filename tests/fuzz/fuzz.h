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

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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

#endif
