/* util: messages, exit statuses, checked allocation, option numbers. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/util.h"

const char *progname = "winnow";

static void
vmessage(const char *fmt, va_list ap, int errnum)
{
	char msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (errnum)
		fprintf(stderr, "%s: %s: %s\n", progname, msg, strerror(errnum));
	else
		fprintf(stderr, "%s: %s\n", progname, msg);
}

void
warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, 0);
	va_end(ap);
}

void
warnp(const char *fmt, ...)
{
	va_list ap;
	int errnum = errno;

	va_start(ap, fmt);
	vmessage(fmt, ap, errnum);
	va_end(ap);
}

/* The allocation-failure test hook: fail the N-th allocation, if set. */
static int
alloc_should_fail(void)
{
	static long long countdown = -1;

	if (countdown == -1) {
		const char *s = getenv("WINNOW_FAIL_ALLOC");

		countdown = s ? strtoll(s, NULL, 10) : 0;
		if (countdown <= 0)
			countdown = 0;
	}
	if (countdown == 0)
		return 0;
	return --countdown == 0;
}

static const char *(*where_fn)(void);

void
util_set_where(const char *(*fn)(void))
{
	where_fn = fn;
}

/* The one exit in lib/: a filter cannot go on without memory. */
void
out_of_memory(void)
{
	const char *where = where_fn ? where_fn() : NULL;

	if (where)
		warnx("%s: out of memory", where);
	else
		warnx("out of memory");
	exit(EXIT_OSERR);
}

static void *
checked(void *p)
{
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xmalloc(size_t n)
{
	return checked(alloc_should_fail() ? NULL : malloc(n ? n : 1));
}

void *
xcalloc(size_t n, size_t size)
{
	return checked(alloc_should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1));
}

void *
xrealloc(void *p, size_t n)
{
	return checked(alloc_should_fail() ? NULL : realloc(p, n ? n : 1));
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		out_of_memory();
	return xrealloc(p, n * size);
}

void *
xreserve_grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;

	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	p = xreallocarray(p, n, size);
	*cap = n;
	return p;
}

char *
xstrdup(const char *s)
{
	return xmemdup(s, strlen(s) + 1);
}

void *
xmemdup(const void *p, size_t n)
{
	void *q = xmalloc(n);

	if (n)
		memcpy(q, p, n);
	return q;
}

#define BIG_ALLOC (1 << 20)	/* xbigalloc maps sizes from here up */

void *
xbigalloc(size_t n)
{
	void *p;

	if (n < BIG_ALLOC)
		return xcalloc(n, 1);
	if (alloc_should_fail())
		out_of_memory();
	p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	if (p == MAP_FAILED)
		out_of_memory();
#ifdef MADV_HUGEPAGE
	madvise(p, n, MADV_HUGEPAGE);	/* a hint: ignored where unsupported */
#endif
	return p;
}

void
xbigfree(void *p, size_t n)
{
	if (p == NULL)
		return;
	if (n < BIG_ALLOC)
		free(p);
	else
		munmap(p, n);
}

int
parse_int(const char *opt, const char *s, long long min, long long max,
    long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0') {
		warnx("option '%s' wants a whole number, not '%s'", opt, s);
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		warnx("option '%s' is out of range (%lld to %lld): '%s'", opt,
		    min, max, s);
		return -1;
	}
	*out = v;
	return 0;
}

int
parse_real(const char *opt, const char *s, double min, double max,
    double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || isnan(v)) {
		warnx("option '%s' wants a number, not '%s'", opt, s);
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		warnx("option '%s' is out of range (%g to %g): '%s'", opt, min,
		    max, s);
		return -1;
	}
	*out = v;
	return 0;
}

int
parse_choice(const char *opt, const char *s, const struct choice *choices,
    int *out)
{
	char list[512];
	size_t i, n, len = 0;

	for (n = 0; choices[n].name; n++)
		if (strcmp(s, choices[n].name) == 0) {
			*out = choices[n].value;
			return 0;
		}
	list[0] = '\0';
	for (i = 0; i < n && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
		    i == 0 ? "" : i + 1 == n ? " or " : ", ", choices[i].name);
	warnx("option '%s' wants %s, not '%s'", opt, list, s);
	return -1;
}

int
parse_size(const char *opt, const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	errno = 0;
	if (*s == '-' || (v = strtoull(s, &end, 10), end == s)) {
		warnx("option '%s' wants a size such as 64M, not '%s'", opt, s);
		return -1;
	}
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	}
	if (*end == 'i' && shift)
		end++;
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end != '\0') {
		warnx("option '%s' wants a size such as 64M, not '%s'", opt, s);
		return -1;
	}
	if (errno == ERANGE || (shift && v > (UINT64_MAX >> shift))) {
		warnx("option '%s' is too large: '%s'", opt, s);
		return -1;
	}
	*out = (uint64_t)v << shift;
	return 0;
}
