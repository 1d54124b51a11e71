/*
 * collide: paragraphs built to collide under an unkeyed hash, for the
 * hash-flooding test (tests/cli/t-flood.sh).
 *
 *	collide N BITS 64|128 [random]
 *
 * prints N records {"text":"a paragraph to flood the table <letters>"}
 * whose paragraph key (what lib/dedupe hashes: dedupe_key, here the words
 * without their spaces) has an XXH3 hash -- XXH3_64bits, as
 * lib/tmpl hashes template lines, or the low half of XXH3_128bits, as
 * lib/dedupe hashes paragraphs -- with its low BITS bits all zero, the
 * hash taken with XXH3's default secret, i.e. without a key.  A table that
 * indexed by those bits would put every one in the same bucket.  With
 * "random" the paragraphs have the same shape but no chosen hash, for a
 * baseline.  The letters never repeat, so all N keys are distinct.
 *
 * To show that the input is hostile, it also inserts the hashes into the
 * table a naive program would use (unkeyed, open addressing with linear
 * probing, 4N slots or more, indexed by the low bits) and prints on stderr
 * how many slots that probed: about N for random keys, about N * N / 2^(k+1)
 * when only 2^k home slots are left.
 */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "dedupe/dedupe.h"

/* The i-th word of lowercase letters: base 26, at least 8 letters. */
static size_t
word(uint64_t i, char *out)
{
	size_t n = 0;

	do {
		out[n++] = (char)('a' + i % 26);
		i /= 26;
	} while (i > 0 || n < 8);
	out[n] = '\0';
	return n;
}

#define PREFIX "a paragraph to flood the table "
#define KEY_PREFIX "aparagraphtofloodthetable"

int
main(int argc, char **argv)
{
	struct buf key = BUF_INIT;
	unsigned long long n, found = 0, tries = 0, probes = 0;
	uint64_t *table, slots = 1024;
	uint64_t mask;
	int bits, wide, random;
	char text[128], k[128];
	const size_t plen = sizeof PREFIX - 1, klen = sizeof KEY_PREFIX - 1;

	progname = "collide";
	if (argc < 4 || argc > 5)
		die(2, "usage: collide N BITS 64|128 [random]");
	n = strtoull(argv[1], NULL, 10);
	bits = atoi(argv[2]);
	wide = strcmp(argv[3], "128") == 0;
	random = argc == 5 && strcmp(argv[4], "random") == 0;
	if (bits < 0 || bits > 40)
		die(2, "BITS must be 0 to 40");
	mask = bits ? ((uint64_t)1 << bits) - 1 : 0;
	while (slots < 4 * n)
		slots *= 2;
	table = xcalloc(slots, sizeof *table);
	while (found < n) {
		int blank;
		uint64_t h;
		size_t wlen;

		memcpy(k, KEY_PREFIX, klen);
		wlen = word(tries++, k + klen);
		h = wide ? XXH3_128bits(k, klen + wlen).low64 :
		    XXH3_64bits(k, klen + wlen);
		if (!random && (h & mask) != 0)
			continue;
		/* The naive table (a zero hash is stored as 1). */
		for (uint64_t i = h & (slots - 1);; i = (i + 1) & (slots - 1)) {
			probes++;
			if (table[i] == 0) {
				table[i] = h ? h : 1;
				break;
			}
		}
		memcpy(text, PREFIX, plen);
		memcpy(text + plen, k + klen, wlen + 1);
		/* The key hashed above must be the one dedupe makes. */
		buf_reset(&key);
		dedupe_key(text, plen + wlen, &key, &blank);
		if (key.len != klen + wlen || memcmp(key.data, k, key.len) != 0)
			die(1, "the paragraph key is not what was hashed: '%s'", key.data);
		printf("{\"text\":\"%s\"}\n", text);
		found++;
	}
	fprintf(stderr, "collide: %llu paragraphs from %llu tries; an unkeyed table "
	    "of %llu slots probes %llu times to insert them\n", found, tries,
	    (unsigned long long)slots, probes);
	free(table);
	buf_release(&key);
	return fflush(stdout) == 0 ? 0 : 1;
}
