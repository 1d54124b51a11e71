/*
 * buf: a growable byte buffer.
 *
 * 'data' is always NUL-terminated once anything has been added (the NUL is
 * not counted in 'len'), so it can be handed to C-string APIs; it may also
 * hold NUL bytes of its own.  A struct buf starting as BUF_INIT owns nothing;
 * buf_release() frees the storage and leaves it as BUF_INIT again.
 */
#ifndef WINNOW_BUF_H
#define WINNOW_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

/* Make room for 'extra' more bytes (plus the NUL); dies when out of memory. */
void buf_grow(struct buf *b, size_t extra);
void buf_release(struct buf *b);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static inline void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len <= n)
		buf_grow(b, n);
	if (n > 0)	/* memcpy from NULL is undefined even for 0 bytes */
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void
buf_addc(struct buf *b, char c)
{
	if (b->cap - b->len <= 1)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

static inline void
buf_addstr(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

#endif
