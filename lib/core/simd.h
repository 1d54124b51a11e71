/*
 * simd: the byte-block scans that make the record layer fast.
 *
 * Each scan skips whole blocks of bytes that need no closer look and stops
 * at a character boundary where the caller's byte-by-byte code must take
 * over, as close before the byte needing that code as it can tell; it never
 * decides anything that code would decide differently.  They
 * are written once over a vector type and compiled for SSE2 (16 bytes, every
 * x86-64) and AVX2 (32 bytes), picked at run time; elsewhere they skip
 * nothing.  Text given to the _valid scans must be valid UTF-8.
 */
#ifndef WINNOW_SIMD_H
#define WINNOW_SIMD_H

#include <stddef.h>

/*
 * simd_skip_json_string(p, start, end): from 'p', at a character boundary
 * inside a JSON string of the line [start, end), skip blocks with no '"',
 * '\\' or control byte that are valid UTF-8 (no overlong, surrogate or
 * out-of-range form).  Returns where to go on byte by byte.
 */
const unsigned char *simd_skip_json_string(const unsigned char *p,
    const unsigned char *start, const unsigned char *end);

/*
 * simd_skip_clean_valid(s, i, len, &line_start, &prev_space): from offset
 * 'i', skip blocks that white-space clean-up and normalization leave alone:
 * printable ASCII, single spaces (not at a line start or after a space) and
 * precomposed Hangul.  The two flags say whether 'i' is at a line start and
 * whether the byte before it is a space; they are updated.
 */
size_t simd_skip_clean_valid(const unsigned char *s, size_t i, size_t len,
    int *line_start, int *prev_space);

/*
 * simd_skip_hangul_valid(s, i, len): from offset 'i', skip blocks of ASCII
 * and precomposed Hangul syllables, which no normalization changes.
 */
size_t simd_skip_hangul_valid(const unsigned char *s, size_t i, size_t len);

/* simd_count_cont(s, len): the number of bytes 80..BF in s[0, len). */
size_t simd_count_cont(const unsigned char *s, size_t len);

/*
 * simd_use(level): for tests, force the scans to "avx2", "sse2" or "none";
 * returns 0, or -1 when this CPU or build cannot.
 */
int simd_use(const char *level);

/* simd_level(): the scans in use: "avx2", "sse2" or "none". */
const char *simd_level(void);

#endif
