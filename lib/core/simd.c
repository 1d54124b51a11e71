/* simd: the byte-block scans of the record layer, for SSE2 and AVX2. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/simd.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define VEC __m128i
#define W 16
#define SCAN(name) name##_sse2
#define TARGET
#define LOAD(p) _mm_loadu_si128((const __m128i *)(p))
#define MASK(v) _mm_movemask_epi8(v)
#define SPLAT(c) _mm_set1_epi8((char)(c))
#define EQ(a, b) _mm_cmpeq_epi8(a, b)
#define AND(a, b) _mm_and_si128(a, b)
#define OR(a, b) _mm_or_si128(a, b)
#define ANDNOT(a, b) _mm_andnot_si128(a, b)
#define SUB(a, b) _mm_sub_epi8(a, b)
#define MAXU(a, b) _mm_max_epu8(a, b)
#define MINU(a, b) _mm_min_epu8(a, b)
#include "core/simd_scan.h"
#undef VEC
#undef W
#undef SCAN
#undef TARGET
#undef LOAD
#undef MASK
#undef SPLAT
#undef EQ
#undef AND
#undef OR
#undef ANDNOT
#undef SUB
#undef MAXU
#undef MINU

#define VEC __m256i
#define W 32
#define SCAN(name) name##_avx2
#define TARGET __attribute__((target("avx2")))
#define LOAD(p) _mm256_loadu_si256((const __m256i *)(p))
#define MASK(v) _mm256_movemask_epi8(v)
#define SPLAT(c) _mm256_set1_epi8((char)(c))
#define EQ(a, b) _mm256_cmpeq_epi8(a, b)
#define AND(a, b) _mm256_and_si256(a, b)
#define OR(a, b) _mm256_or_si256(a, b)
#define ANDNOT(a, b) _mm256_andnot_si256(a, b)
#define SUB(a, b) _mm256_sub_epi8(a, b)
#define MAXU(a, b) _mm256_max_epu8(a, b)
#define MINU(a, b) _mm256_min_epu8(a, b)
#include "core/simd_scan.h"

#define HAVE_SIMD 1
#endif

static int level = -1;		/* 0 none, 1 sse2, 2 avx2 */

/* The best level this CPU has, unless WINNOW_SIMD asks for a lower one. */
static void
pick(void)
{
	const char *want = getenv("WINNOW_SIMD");
	int best = 0;

#ifdef HAVE_SIMD
	__builtin_cpu_init();
	best = __builtin_cpu_supports("avx2") ? 2 : 1;
#endif
	level = best;
	if (want != NULL && strcmp(want, "sse2") == 0 && best >= 1)
		level = 1;
	else if (want != NULL && strcmp(want, "none") == 0)
		level = 0;
}

const unsigned char *
simd_skip_json_string(const unsigned char *p, const unsigned char *start,
    const unsigned char *end)
{
	if (level < 0)
		pick();
#ifdef HAVE_SIMD
	if (level == 2)
		return skip_json_string_avx2(p, start, end);
	if (level == 1)
		return skip_json_string_sse2(p, start, end);
#endif
	(void)start, (void)end;
	return p;
}

size_t
simd_skip_clean_valid(const unsigned char *s, size_t i, size_t len,
    int *line_start, int *prev_space)
{
	if (level < 0)
		pick();
#ifdef HAVE_SIMD
	if (level == 2)
		return skip_clean_valid_avx2(s, i, len, line_start, prev_space);
	if (level == 1)
		return skip_clean_valid_sse2(s, i, len, line_start, prev_space);
#endif
	(void)s, (void)len, (void)line_start, (void)prev_space;
	return i;
}

size_t
simd_skip_hangul_valid(const unsigned char *s, size_t i, size_t len)
{
	if (level < 0)
		pick();
#ifdef HAVE_SIMD
	if (level == 2)
		return skip_hangul_valid_avx2(s, i, len);
	if (level == 1)
		return skip_hangul_valid_sse2(s, i, len);
#endif
	(void)s, (void)len;
	return i;
}

size_t
simd_count_cont(const unsigned char *s, size_t len)
{
	size_t i, n = 0;

	if (level < 0)
		pick();
#ifdef HAVE_SIMD
	if (level == 2)
		return count_cont_avx2(s, len);
	if (level == 1)
		return count_cont_sse2(s, len);
#endif
	for (i = 0; i < len; i++)
		n += (s[i] & 0xC0) == 0x80;
	return n;
}

int
simd_use(const char *want)
{
	int best;

	pick();
	best = level;	/* WINNOW_SIMD may have lowered it: tests set both */
	if (strcmp(want, "none") == 0)
		level = 0;
	else if (strcmp(want, "sse2") == 0 && best >= 1)
		level = 1;
	else if (strcmp(want, "avx2") == 0 && best >= 2)
		level = 2;
	else
		return -1;
	return 0;
}

const char *
simd_level(void)
{
	if (level < 0)
		pick();
	return level == 2 ? "avx2" : level == 1 ? "sse2" : "none";
}
