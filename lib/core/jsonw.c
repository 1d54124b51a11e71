/* jsonw: a small JSON writer over a struct buf. */
#include <stdarg.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/jsonw.h"

void
jsonw_name_len(struct jsonw *w, const char *name, size_t len)
{
	jsonw_sep_(w);
	json_escape(name, len, w->out);
	buf_addc(w->out, ':');
	w->comma = 0;
}

void
jsonw_name(struct jsonw *w, const char *name)
{
	jsonw_name_len(w, name, strlen(name));
}

void
jsonw_string(struct jsonw *w, const char *s, size_t len)
{
	jsonw_sep_(w);
	json_escape(s, len, w->out);
}

void
jsonw_str(struct jsonw *w, const char *s)
{
	jsonw_sep_(w);
	json_escape_str(s, w->out);
}

void
jsonw_raw(struct jsonw *w, const char *json, size_t len)
{
	jsonw_sep_(w);
	buf_add(w->out, json, len);
}

/* The digits of 'v' at the end of 'num' (room for 20); returns where they start. */
static char *
format_u64(uint64_t v, char *end)
{
	char *p = end;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return p;
}

void
jsonw_uint(struct jsonw *w, uint64_t v)
{
	char num[24], *end = num + sizeof num, *p = format_u64(v, end);

	jsonw_sep_(w);
	buf_add(w->out, p, (size_t)(end - p));
}

void
jsonw_int(struct jsonw *w, long long v)
{
	char num[24], *end = num + sizeof num, *p;

	/* The magnitude as unsigned: -LLONG_MIN does not fit a long long. */
	p = format_u64(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, end);
	if (v < 0)
		*--p = '-';
	jsonw_sep_(w);
	buf_add(w->out, p, (size_t)(end - p));
}

void
jsonw_printf(struct jsonw *w, const char *fmt, ...)
{
	va_list ap;

	jsonw_sep_(w);
	va_start(ap, fmt);
	buf_vprintf(w->out, fmt, ap);
	va_end(ap);
}
