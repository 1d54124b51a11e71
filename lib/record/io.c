/* io: line sources (plain, gzip, zstd) and checked, atomic output. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include "core/atomic.h"
#include "core/buf.h"
#include "core/util.h"
#include "record/io.h"

#define SRC_CHUNK (1 << 20)	/* bytes asked of read() or a decoder at once */
#define OUT_CHUNK (1 << 18)	/* output is written in pieces this big */

enum { KIND_PLAIN, KIND_GZIP, KIND_ZSTD };

struct src {
	int fd;
	char *name;
	int kind;
	/* compressed bytes waiting for the decoder */
	unsigned char *raw;
	size_t raw_pos, raw_len;
	int raw_eof;
	z_stream z;
	ZSTD_DStream *zs;
	size_t zs_last;		/* last ZSTD_decompressStream hint: 0 = frame done */
	/* decompressed bytes: unread ones are buf[start..end) */
	char *buf;
	size_t cap, start, end, scanned;
	int eof;
	int started;		/* the BOM check has been done */
	int had_bom;
	int skipping;		/* inside a too-long line: drop up to its '\n' */
	/* the part of a too-long line after its first max_line bytes that
	 * src_getline already passed over, for src_line_rest */
	const char *rest;
	size_t rest_len;
	uint64_t max_line;
	uint64_t lineno;
	uint64_t consumed;
	int64_t size;
};

/* Read up to 'n' raw bytes; 0 at the end, -1 after a message. */
static ssize_t
raw_read(struct src *s, void *p, size_t n)
{
	ssize_t r;

	do
		r = read(s->fd, p, n);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		warnp("read error on '%s'", s->name);
		return -1;
	}
	s->consumed += (uint64_t)r;
	return r;
}

/* Refill the compressed-byte buffer when it is empty; -1 on error. */
static int
raw_fill(struct src *s)
{
	ssize_t r;

	if (s->raw_pos < s->raw_len || s->raw_eof)
		return 0;
	r = raw_read(s, s->raw, SRC_CHUNK);
	if (r < 0)
		return -1;
	s->raw_pos = 0;
	s->raw_len = (size_t)r;
	s->raw_eof = r == 0;
	return 0;
}

/* Decompress into 'p' (room 'n'); returns bytes made, 0 at the end, -1. */
static ssize_t
decode(struct src *s, char *p, size_t n)
{
	for (;;) {
		size_t made;

		if (raw_fill(s) < 0)
			return -1;
		if (s->kind == KIND_GZIP) {
			int zr;

			if (s->raw_pos == s->raw_len && s->raw_eof) {
				if (s->z.total_in != 0) {
					warnx("'%s': truncated gzip input", s->name);
					return -1;
				}
				return 0;
			}
			s->z.next_in = s->raw + s->raw_pos;
			s->z.avail_in = (uInt)(s->raw_len - s->raw_pos);
			s->z.next_out = (Bytef *)p;
			s->z.avail_out = (uInt)n;
			zr = inflate(&s->z, Z_NO_FLUSH);
			s->raw_pos = s->raw_len - s->z.avail_in;
			made = n - s->z.avail_out;
			if (zr == Z_STREAM_END) {
				/* Concatenated members continue the stream. */
				inflateReset(&s->z);
				s->z.total_in = 0;
			} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
				warnx("'%s': corrupt gzip input (%s)", s->name,
				    s->z.msg ? s->z.msg : "inflate failed");
				return -1;
			}
		} else {
			ZSTD_inBuffer in;
			ZSTD_outBuffer out = { p, n, 0 };

			if (s->raw_pos == s->raw_len && s->raw_eof) {
				if (s->zs_last != 0) {
					warnx("'%s': truncated zstd input", s->name);
					return -1;
				}
				return 0;
			}
			in.src = s->raw + s->raw_pos;
			in.size = s->raw_len - s->raw_pos;
			in.pos = 0;
			s->zs_last = ZSTD_decompressStream(s->zs, &out, &in);
			if (ZSTD_isError(s->zs_last)) {
				warnx("'%s': corrupt zstd input (%s)", s->name,
				    ZSTD_getErrorName(s->zs_last));
				return -1;
			}
			s->raw_pos += in.pos;
			made = out.pos;
		}
		if (made > 0)
			return (ssize_t)made;
	}
}

/* Read more decompressed bytes into buf[end..cap); 0, or -1 on error. */
static int
fill(struct src *s)
{
	ssize_t r;

	if (s->kind == KIND_PLAIN) {
		if (s->raw_pos < s->raw_len) {	/* the bytes sniffed at open */
			size_t n = s->raw_len - s->raw_pos;

			if (n > s->cap - s->end)
				n = s->cap - s->end;
			memcpy(s->buf + s->end, s->raw + s->raw_pos, n);
			s->raw_pos += n;
			s->end += n;
			return 0;
		}
		r = raw_read(s, s->buf + s->end, s->cap - s->end);
	} else {
		r = decode(s, s->buf + s->end, s->cap - s->end);
	}
	if (r < 0)
		return -1;
	if (r == 0)
		s->eof = 1;
	s->end += (size_t)r;
	return 0;
}

/* Make room for at least SRC_CHUNK more bytes after the unread ones. */
static void
make_room(struct src *s)
{
	if (s->start > 0) {
		memmove(s->buf, s->buf + s->start, s->end - s->start);
		s->end -= s->start;
		s->scanned -= s->start;
		s->start = 0;
	}
	s->buf = xreserve(s->buf, &s->cap, s->end + SRC_CHUNK, 1);
}

struct src *
src_open(const char *path)
{
	struct src *s;
	struct stat st;
	size_t got = 0;

	s = xcalloc(1, sizeof *s);
	if (path == NULL || strcmp(path, "-") == 0) {
		s->fd = STDIN_FILENO;
		s->name = xstrdup("<stdin>");
	} else {
		s->name = xstrdup(path);
		s->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (s->fd < 0) {
			warnp("cannot open '%s'", path);
			goto fail;
		}
		if (fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			warnx("cannot read '%s': Is a directory", path);
			goto fail;
		}
	}
	s->size = fstat(s->fd, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : -1;
	s->raw = xmalloc(SRC_CHUNK);

	/* Sniff the magic bytes: gzip 1f 8b, zstd 28 b5 2f fd. */
	while (got < 4) {
		ssize_t r = raw_read(s, s->raw + got, 4 - got);

		if (r < 0)
			goto fail;
		if (r == 0) {
			s->raw_eof = 1;
			break;
		}
		got += (size_t)r;
	}
	s->raw_len = got;
	if (got >= 2 && s->raw[0] == 0x1f && s->raw[1] == 0x8b) {
		s->kind = KIND_GZIP;
		if (inflateInit2(&s->z, 15 + 32) != Z_OK)
			out_of_memory();
	} else if (got == 4 && memcmp(s->raw, "\x28\xb5\x2f\xfd", 4) == 0) {
		s->kind = KIND_ZSTD;
		s->zs = ZSTD_createDStream();
		if (s->zs == NULL)
			out_of_memory();
		ZSTD_initDStream(s->zs);
		s->zs_last = 1;
	}
	s->cap = 2 * SRC_CHUNK;
	s->buf = xmalloc(s->cap);
	return s;
fail:
	src_close(s);
	return NULL;
}

/* Skip a UTF-8 BOM at the very start of the input. */
static int
skip_bom(struct src *s)
{
	s->started = 1;
	while (s->end - s->start < 3 && !s->eof)
		if (fill(s) < 0)
			return -1;
	if (s->end - s->start >= 3 && memcmp(s->buf + s->start, "\xef\xbb\xbf", 3) == 0) {
		s->start += 3;
		s->had_bom = 1;
	}
	s->scanned = s->start;
	return 0;
}

int
src_getline(struct src *s, const char **line, size_t *len)
{
	if (!s->started && skip_bom(s) < 0)
		return SRC_ERROR;
	s->rest = NULL;
	for (;;) {
		char *nl = memchr(s->buf + s->scanned, '\n', s->end - s->scanned);
		size_t n;

		if (nl != NULL) {
			n = (size_t)(nl - (s->buf + s->start));
			if (s->skipping) {
				s->skipping = 0;
				s->start = s->scanned = n + s->start + 1;
				continue;
			}
			*line = s->buf + s->start;
			s->start = s->scanned = s->start + n + 1;
			if (n > 0 && (*line)[n - 1] == '\r')
				n--;
			s->lineno++;
			if (s->max_line && n > s->max_line) {
				*len = (size_t)s->max_line;
				s->rest = *line + *len;
				s->rest_len = n - *len;
				return SRC_TOO_LONG;
			}
			*len = n;
			return 1;
		}
		n = s->end - s->start;
		if (s->skipping) {
			s->start = s->scanned = s->end;
			n = 0;
		} else if (s->max_line && n > s->max_line) {
			*line = s->buf + s->start;
			*len = (size_t)s->max_line;
			s->skipping = 1;
			s->start = s->scanned = s->end;
			s->rest = *line + *len;
			s->rest_len = n - *len;
			s->lineno++;
			return SRC_TOO_LONG;
		}
		if (s->eof) {
			if (n == 0 && s->had_bom && s->lineno == 0) {
				/* A BOM and nothing else: one empty line, not none. */
				*line = s->buf + s->start;
				*len = 0;
				s->lineno++;
				return 1;
			}
			if (n == 0)
				return SRC_EOF;
			/* The last line had no '\n'. */
			*line = s->buf + s->start;
			s->start = s->scanned = s->end;
			if ((*line)[n - 1] == '\r')
				n--;
			*len = n;
			s->lineno++;
			return 1;	/* n <= max_line: checked above */
		}
		s->scanned = s->end;
		make_room(s);
		if (fill(s) < 0)
			return SRC_ERROR;
	}
}

int
src_line_rest(struct src *s, const char **piece, size_t *len)
{
	if (s->rest) {			/* what src_getline passed over */
		*piece = s->rest;
		*len = s->rest_len;
		s->rest = NULL;
		return 1;
	}
	while (s->skipping) {
		char *nl = memchr(s->buf + s->start, '\n', s->end - s->start);

		*piece = s->buf + s->start;
		if (nl != NULL) {
			*len = (size_t)(nl - *piece);
			if (*len > 0 && (*piece)[*len - 1] == '\r')
				--*len;
			s->start = s->scanned = (size_t)(nl - s->buf) + 1;
			s->skipping = 0;
			return 1;
		}
		if (s->start < s->end) {
			*len = s->end - s->start;
			s->start = s->scanned = s->end;
			return 1;
		}
		if (s->eof) {		/* the last line had no '\n' */
			s->skipping = 0;
			break;
		}
		make_room(s);
		if (fill(s) < 0)
			return SRC_ERROR;
	}
	return SRC_EOF;
}

ssize_t
src_read(struct src *s, void *p, size_t n)
{
	size_t have;

	if (s->start == s->end) {
		if (s->eof)
			return 0;
		s->start = s->end = s->scanned = 0;
		if (fill(s) < 0)
			return -1;
	}
	have = s->end - s->start;
	if (n > have)
		n = have;
	memcpy(p, s->buf + s->start, n);
	s->start += n;
	s->scanned = s->start;
	return (ssize_t)n;
}

void
src_set_max_line(struct src *s, uint64_t max)
{
	s->max_line = max;
}

const char *
src_name(const struct src *s)
{
	return s->name;
}

uint64_t
src_lineno(const struct src *s)
{
	return s->lineno;
}

uint64_t
src_consumed(const struct src *s)
{
	return s->consumed;
}

int64_t
src_size(const struct src *s)
{
	return s->size;
}

int
src_had_bom(const struct src *s)
{
	return s->had_bom;
}

void
src_close(struct src *s)
{
	if (s == NULL)
		return;
	if (s->fd > STDIN_FILENO)
		close(s->fd);
	if (s->kind == KIND_GZIP)
		inflateEnd(&s->z);
	ZSTD_freeDStream(s->zs);
	free(s->raw);
	free(s->buf);
	free(s->name);
	free(s);
}

/* Output. */

struct out {
	int fd;
	char *path;		/* NULL for stdout */
	struct atomic tmp;	/* an atomic output's temporary file (tmp.tmp) */
	struct buf b;
	int err;
};

struct out *
out_open(const char *path, unsigned flags)
{
	struct out *o = xcalloc(1, sizeof *o);
	struct stat st;

	if (path == NULL || strcmp(path, "-") == 0) {
		o->fd = STDOUT_FILENO;
		return o;
	}
	o->path = xstrdup(path);
	/*
	 * Only a regular file (or a new one) can be replaced by renaming:
	 * "-o /dev/null" or a FIFO is written in place, or as root the rename
	 * would put a regular file where the device was.  A symbolic link is
	 * followed: its target is what gets replaced, as a user writing
	 * through the link expects, not the link itself.
	 */
	if ((flags & OUT_ATOMIC) && stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		flags &= ~(unsigned)OUT_ATOMIC;
	if ((flags & OUT_ATOMIC) && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		char *target = realpath(path, NULL);

		if (target != NULL) {
			free(o->path);
			o->path = target;
			path = target;
		}
	}
	if (flags & OUT_ATOMIC) {
		mode_t mask = umask(0);
		struct buf what = BUF_INIT;
		int rc;

		umask(mask);
		buf_printf(&what, "'%s'", o->path);
		/* the mode open() would give a new file */
		rc = atomic_open(&o->tmp, path, what.data, 0666 & ~mask);
		buf_release(&what);
		if (rc < 0)
			goto fail;
		o->fd = o->tmp.fd;
	} else {
		o->fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC |
		    (flags & OUT_APPEND ? O_APPEND : O_TRUNC), 0666);
		if (o->fd < 0) {
			warnp("cannot open '%s' for writing", path);
			goto fail;
		}
	}
	return o;
fail:
	free(o->path);
	free(o);
	return NULL;
}

struct buf *
out_buf(struct out *o)
{
	return &o->b;
}

const char *
out_name(const struct out *o)
{
	return o->path ? o->path : "<stdout>";
}

int
out_error(const struct out *o)
{
	return o->err;
}

int
out_flush(struct out *o)
{
	size_t done = 0;

	if (o->err)
		return -1;
	while (done < o->b.len) {
		ssize_t w = write(o->fd, o->b.data + done, o->b.len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			if (o->path)
				warnp("write error on '%s'", o->path);
			else
				warnp("write error");
			o->err = 1;
			return -1;
		}
		done += (size_t)w;
	}
	buf_reset(&o->b);
	return 0;
}

int
out_ready(struct out *o)
{
	if (o->b.len < OUT_CHUNK)
		return o->err ? -1 : 0;
	return out_flush(o);
}

int
out_write(struct out *o, const void *p, size_t n)
{
	buf_add(&o->b, p, n);
	return out_ready(o);
}

int
out_close(struct out *o)
{
	int rc = 0;

	if (o == NULL)
		return 0;
	if (out_flush(o) < 0)
		rc = -1;
	if (o->tmp.tmp != NULL) {
		if (rc == 0)
			rc = atomic_commit(&o->tmp);
		else
			atomic_abort(&o->tmp);
	} else if (o->path != NULL) {
		if (close(o->fd) < 0 && rc == 0) {
			warnp("write error on '%s'", o->path);
			rc = -1;
		}
	} else if (rc == 0 && close(o->fd) < 0 && errno != EBADF) {
		warnp("write error");
		rc = -1;
	}
	buf_release(&o->b);
	free(o->path);
	free(o);
	return rc;
}

void
out_abort(struct out *o)
{
	if (o == NULL)
		return;
	if (o->tmp.tmp != NULL) {
		atomic_abort(&o->tmp);
	} else if (o->path != NULL) {
		close(o->fd);
	}
	buf_release(&o->b);
	free(o->path);
	free(o);
}
