/*
 * fuzz_state: the state loader (lib/state, and the payload readers of
 * lib/dedupe and lib/tmpl) on any file.
 *
 * The first byte picks the kind (dedupe or template), the dedupe options,
 * and whether the checksum is left as it is or recomputed (so the fuzzer
 * reaches the payload readers, which a checksum alone would hide); the
 * rest is the file.  Properties: a file is refused with a message or
 * loaded whole; a loaded state saved again and reloaded remembers the
 * same number of paragraphs or lines (load, save, load is stable).
 */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/state.h"
#include "dedupe/dedupe.h"
#include "strip/strip.h"
#include "fuzz.h"

static char path[4096];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	fuzz_temp_path("fuzz_state", "s.wds", path, sizeof path);
	return 0;
}

/* Load 'path' as a dedupe state; the paragraphs it remembers, or -1. */
static long long
load_dedupe(const struct dedupe_opts *o, int save)
{
	struct state *st;
	struct dedupe *d;
	struct dedupe_stats s;
	long long n = -1;

	if (state_open(&st, path, DEDUPE_KIND, STATE_MUST_EXIST, 0) != STATE_OK)
		return -1;
	d = dedupe_new(o, state_seed(st));
	if (dedupe_load(d, st) == 0) {
		struct dedupe_result res;

		dedupe_stats(d, &s);
		n = (long long)s.distinct;
		/* Use it, then keep it. */
		static const char text[] = "a paragraph long enough to be judged\n"
		    "and another one, quite as long as the first";

		dedupe_record(d, text, sizeof text - 1, "1", 1, &res);
		if (save && dedupe_save(d, st) < 0)
			n = -2;
	}
	dedupe_free(d);
	state_close(st);
	return n;
}

static long long
load_tmpl(int save)
{
	struct state *st;
	struct tmpl *t;
	long long n = -1;

	if (state_open(&st, path, TMPL_KIND, STATE_MUST_EXIST, 0) != STATE_OK)
		return -1;
	t = tmpl_new(state_seed(st), 0);
	if (tmpl_load(t, st) == 0) {
		n = (long long)tmpl_lines(t);
		if (save && tmpl_save(t, st) < 0)
			n = -2;
	}
	tmpl_free(t);
	state_close(st);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dedupe_opts o = { .min_chars = 20 };
	long long first, again;
	uint8_t *file;
	size_t len;

	if (size < 1)
		return 0;
	len = size - 1;
	file = malloc(len ? len : 1);
	memcpy(file, data + 1, len);
	if ((data[0] & 1) && len >= 8) {
		uint64_t sum = XXH3_64bits(file, len - 8);
		int i;

		for (i = 0; i < 8; i++)
			file[len - 8 + i] = (uint8_t)(sum >> (8 * i));
	}
	fuzz_write_file(path, file, len);
	free(file);
	o.near = data[0] & 4 ? 0.8 : 0;
	o.contained = (data[0] & 8) != 0;
	o.memory = data[0] & 16 ? 1 << 16 : 0;
	if (data[0] & 2) {
		first = load_tmpl(1);
		FUZZ_ASSERT(first != -2);
		if (first >= 0) {
			again = load_tmpl(0);
			FUZZ_ASSERT(again == first);
		}
	} else {
		first = load_dedupe(&o, 1);
		FUZZ_ASSERT(first != -2);
		if (first >= 0) {
			/* The saved state holds what was loaded, plus the two
			 * paragraphs of the record judged in between. */
			again = load_dedupe(&o, 0);
			FUZZ_ASSERT(again >= first && again <= first + 2);
		}
	}
	return 0;
}
