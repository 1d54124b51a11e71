/*
 * util: program name, messages, exit statuses, checked allocation and
 * option-number parsing shared by every winnow filter.
 *
 * Messages follow one form: "winnow-NAME: what is wrong", lowercase, no full
 * stop.  Library code reports with warnx()/warnp() and returns -1; only cmd/
 * decides to exit.  The one exception is memory: the x* allocators never
 * return NULL, they call out_of_memory(), which prints "out of memory" and
 * exits with EXIT_OSERR.
 */
#ifndef WINNOW_UTIL_H
#define WINNOW_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define WINNOW_VERSION "0.1.0"

enum {
	EXIT_OK = 0,
	EXIT_USAGE = 2,		/* bad option, unreadable rule or model file */
	EXIT_DATAERR = 65,	/* bad input line */
	EXIT_OSERR = 71,	/* out of memory */
	EXIT_IOERR = 74,	/* cannot read input or write output */
	EXIT_TEMPFAIL = 75	/* state file locked by another run */
};

/* The name messages start with, e.g. "winnow-norm"; set once by main. */
extern const char *progname;

void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like warnx, with ": strerror(errno)" appended. */
void warnp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * out_of_memory(): say "out of memory" (naming the record being read, when
 * the driver set util_set_where()) and exit with EXIT_OSERR.  For code that
 * allocates by other means than the x* functions.
 */
_Noreturn void out_of_memory(void);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void *xmemdup(const void *p, size_t n);

/*
 * xreallocarray(p, n, size): xrealloc for 'n' elements of 'size' bytes;
 * dies when n * size overflows, as when memory runs out.
 */
void *xreallocarray(void *p, size_t n, size_t size);

void *xreserve_grow(void *p, size_t *cap, size_t need, size_t size);

/*
 * xreserve(p, &cap, need, size): array 'p', which has room for '*cap'
 * elements of 'size' bytes, with room for at least 'need': returns it as
 * it is when it has, else reallocated to 16 elements or twice '*cap' (as
 * often as it takes) with '*cap' updated.  Dies when the size overflows
 * or memory runs out.  The one way lib/ grows an array:
 *
 *	v = xreserve(v, &cap, n + 1, sizeof *v);
 *	v[n++] = item;
 *
 * Arrays that share one capacity grow with the first and follow with
 * xreallocarray(q, cap, sizeof *q) when 'cap' changed.
 */
static inline void *
xreserve(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	return xreserve_grow(p, cap, need, size);
}

/*
 * xbigalloc(n): 'n' zeroed bytes for a large table (indexes of millions of
 * entries), mapped from the kernel and backed by huge pages where the
 * system allows: fewer page faults and TLB misses than malloc'd 4 KiB
 * pages for random access over many megabytes.  Small sizes come from
 * xcalloc.  Dies when out of memory.  Free with xbigfree(p, n), the same n.
 */
void *xbigalloc(size_t n);
void xbigfree(void *p, size_t n);

/*
 * Test hook: when the environment holds WINNOW_FAIL_ALLOC=N, the N-th call
 * to an x* allocator fails as if the system were out of memory.
 */

/*
 * util_set_where(fn): 'fn' names what the program is reading when an
 * allocation fails ("FILE:LINE", or NULL when nothing), so that running
 * out of memory on a huge record says which: "winnow-norm: big.jsonl:7:
 * out of memory".  The driver (lib/cli) sets it; NULL turns it off.
 */
void util_set_where(const char *(*fn)(void));

/*
 * parse_int(opt, s, min, max, out): read a decimal integer in [min, max].
 * Returns 0, or -1 after a message naming the option 'opt'.
 */
int parse_int(const char *opt, const char *s, long long min, long long max,
    long long *out);

/*
 * parse_real(opt, s, min, max, out): read a number such as "0.8" in
 * [min, max].  Returns 0, or -1 after a message naming 'opt'.
 */
int parse_real(const char *opt, const char *s, double min, double max,
    double *out);

/*
 * parse_size(opt, s, out): read a byte count with an optional K, M, G or T
 * suffix (powers of 1024), e.g. "64M".  Returns 0, or -1 after a message.
 */
int parse_size(const char *opt, const char *s, uint64_t *out);

/*
 * Little-endian integers, the byte order of every file winnow writes
 * (states, models), whatever the machine's.
 */
static inline void
put_le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static inline void
put_le64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static inline uint32_t
get_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint64_t
get_le64(const unsigned char *p)
{
	return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

/* One allowed value of an option, for parse_choice(). */
struct choice {
	const char *name;
	int value;
};

/*
 * parse_choice(opt, s, choices, out): set '*out' to the value of the
 * choice named 's' in 'choices' (a list ending with a NULL name).  Returns
 * 0, or -1 after "option '--lang' wants auto, ko or en, not 'jp'".
 *
 *	static const struct choice langs[] = {
 *		{ "auto", LANG_AUTO }, { "ko", LANG_KO }, { "en", LANG_EN },
 *		{ NULL, 0 }
 *	};
 *	return parse_choice("--lang", arg, langs, &lang);
 */
int parse_choice(const char *opt, const char *s, const struct choice *choices,
    int *out);

/*
 * fnv1a(s, len): the 32-bit FNV-1a hash of s[0..len): short and quick,
 * for the small word tables built once (number words, particles).  Not
 * for anything an input could aim at: use XXH3 with a seed there.
 */
static inline uint32_t
fnv1a(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

#endif
